"""What the driving school set's first run found (tests/fixtures/driving, a driving school's KB written
blind on 2026-12-07): an adverb before the policy's "speak to someone" hid the request for a
person, and a request already made and left unanswered was answered with the rules for making it."""

import pytest

from baton.engine.narrative import goes_unanswered
from baton.nodes.user_request import asks_for_human
from baton.service import Baton
from tests.fixture_sets import load_fixture

PHRASES = ["human", "agent", "real person", "speak to someone", "talk to a person", "call me"]


@pytest.fixture(scope="module")
def baton(_cache_dir) -> Baton:
    return load_fixture("driving")


@pytest.mark.parametrize("text, asks", [
    ("I'd rather speak to someone in the office", True),
    ("can I quickly speak to someone", True),
    ("could I actually talk to a person", True),
    ("I'd rather not speak to someone", False),  # still read as a negation
    ("my travel agent booked it", False),  # a one-word phrase inside a compound is still no ask
])
def test_an_adverb_before_a_phrase_of_words_still_asks_for_a_person(text, asks):
    assert asks_for_human(text, PHRASES) is asks


@pytest.mark.parametrize("text, unanswered", [
    ("I've asked twice for a refund and nobody has replied", True),
    ("I emailed last week and haven't heard back", True),
    ("I never got a reply to my complaint", True),
    ("no one got back to me about my test date", True),
    ("I asked for a refund, how long does it take?", False),
    ("nobody has told me what to bring to my first lesson", False),
])
def test_asked_before_and_nobody_answered(text, unanswered):
    assert goes_unanswered(text) is unanswered


def test_the_request_for_a_person_after_an_adverb_is_handed_off(baton):
    result = baton.send(Baton.new_conversation_id(), "d-6", "I'd rather speak to someone in the office")
    assert result["outcome"] == "handoff" and result["reasons"] == ["user_request"]


def test_a_refund_asked_for_twice_and_unanswered_goes_to_accounts(baton):
    """Answered before from the refund article (0.94), which says how to ask for one."""
    result = baton.send(Baton.new_conversation_id(), "d-5",
                        "I'm so frustrated, I've asked twice for a refund of my unused hours and nobody has replied")
    assert result["outcome"] == "handoff"
    assert result["queue"] == "accounts"


def test_a_refund_asked_for_and_a_question_about_it_is_still_answered(baton):
    result = baton.send(Baton.new_conversation_id(), "d-5",
                        "I asked for a refund of my unused hours, how long does it take?")
    assert result["outcome"] == "answer" and "14 days" in result["reply"]
