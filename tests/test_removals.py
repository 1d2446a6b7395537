"""What the removals set's first run found (tests/fixtures/removals, a home removals company's KB written
blind on 2026-12-07): damage in other words folded into the question after it, a date changed in
vain sent back the steps for changing it, and a follow-up putting a number to the article's rule
held back by that number."""

import pytest

from baton.engine.kinds import kind
from baton.engine.narrative import repeats_last_resort, steps_done_in_vain
from baton.engine.splitter import split_intents
from baton.service import Baton
from tests.fixture_sets import load_fixture

CHANGE_DATE = ("Yes, free of charge up to 7 days before the move, if we have a crew free on the new date. Within 7 "
               "days there is a 50 GBP change fee. Change it in My Move at haulwell.example/mymove.")


@pytest.fixture(scope="module")
def baton(_cache_dir) -> Baton:
    return load_fixture("removals")


@pytest.mark.parametrize("text", ["the movers chipped my bathroom door frame", "the sofa cover is torn",
                                  "the carpet is stained", "my wedding dress was ruined"])
def test_damage_in_other_words_is_a_problem(text):
    assert kind(text) == "problem"


def test_and_before_separately_belongs_to_the_connector():
    """The first request kept a dangling ", and" when "separately" made the cut."""
    spans = split_intents("the movers chipped my bathroom door frame, and separately how do I get a VAT invoice?")
    assert [s.text for s in spans] == ["the movers chipped my bathroom door frame", "how do I get a VAT invoice?"]
    assert spans[1].after_connector


def test_damage_before_a_separate_question_is_handed_off_beside_the_answer(baton):
    """Kept whole, the damage rode along as the invoice question's scene, answered at 1.00."""
    result = baton.send(Baton.new_conversation_id(), "h-12",
                        "the movers chipped my bathroom door frame, and separately how do I get a VAT invoice?")
    assert result["outcome"] == "partial"
    assert "under Documents" in result["reply"]


@pytest.mark.parametrize("text, repeats", [
    ("I changed the date in My Move last week but it still shows the old date", True),
    ("I changed the date in My Move twice yesterday but it still shows the old one", True),
    ("I changed my bank details last week but it still took the old card", False),
])
def test_when_a_step_was_taken_is_no_part_of_the_step(text, repeats):
    """"last week" made the step two words in five not the article's, under the two in three needed."""
    assert any(repeats_last_resort(s, CHANGE_DATE) for s in steps_done_in_vain(text)) is repeats


def test_a_date_changed_in_vain_is_handed_off(baton):
    """The change-date article, the steps already taken, went back at 0.90."""
    result = baton.send(Baton.new_conversation_id(), "h-3",
                        "I changed the date in My Move last week but it still shows the old date")
    assert result["outcome"] == "handoff"


def test_numbers_and_qualifying_words_are_nothing_the_article_must_hold(fixture_engine):
    index = fixture_engine("removals").index
    assert index.holds("change-date", "and if it's only 3 days before?")
    assert not index.holds("change-date", "and if it's only 3 boxes?")
    assert index.named("and if it's only 3 days before?") == {"before", "day"}


def test_a_follow_up_putting_a_number_to_the_rule_is_answered_from_it(baton):
    """Alone it was a quote question at 0.17: the article never says "3" or "only"."""
    conversation = Baton.new_conversation_id()
    first = baton.send(conversation, "h-4", "can I change my moving date?")
    assert first["outcome"] == "answer"
    result = baton.send(conversation, "h-4", "and if it's only 3 days before?")
    assert result["outcome"] == "answer" and "50 GBP change fee" in result["reply"]
