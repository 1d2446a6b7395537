"""What the dental set's first run found (tests/fixtures/dental, a family dental practice's KB written
blind on 2026-12-07): pain was no problem word, so a report of pain rode along as the scene of the
question after it, and the question was answered alone."""

import pytest

from baton.engine.kinds import kind
from baton.engine.splitter import split_intents
from baton.service import Baton
from tests.fixture_sets import load_fixture


@pytest.fixture(scope="module")
def baton(_cache_dir) -> Baton:
    return load_fixture("dental")


@pytest.mark.parametrize("text", [
    "I've had a throbbing pain in my jaw for three days",
    "my back tooth hurts when I drink something cold",
    "my gum has been bleeding since yesterday",
    "my face is swollen",
    "the wound looks infected",
])
def test_pain_is_a_problem(text):
    assert kind(text) == "problem"


@pytest.mark.parametrize("text", ["typing the password with the remote is a pain", "it's a real pain to log in"])
def test_a_hassle_is_no_pain(text):
    """What the customer thinks of doing something (`narrative.HASSLE`) rides along: cut off, the
    streaming set's "typing the password with the remote is a pain" was answered on its own (0.71)."""
    assert kind(text) == "statement"


def test_a_report_of_pain_before_also_is_a_request_of_its_own():
    spans = split_intents("I've had a throbbing pain in my jaw for three days. Also how much is a private check-up?")
    assert [s.text for s in spans] == ["I've had a throbbing pain in my jaw for three days.",
                                       "how much is a private check-up?"]


def test_pain_beside_a_price_question_goes_to_the_clinical_team(baton):
    """Folded into the price question, the pain went unread behind the 55 GBP answer (1.00)."""
    result = baton.send(Baton.new_conversation_id(), "d-4",
                        "I've had a throbbing pain in my jaw for three days. Also how much is a private check-up?")
    assert result["outcome"] == "partial"
    assert result["queue"] == "clinical"
    assert "55 GBP" in result["reply"]
