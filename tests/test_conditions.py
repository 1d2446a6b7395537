"""A condition ("if I cancel, ...") belongs to the clause it conditions: it is never cut off as a
request of its own."""

from __future__ import annotations

import math

import pytest

from baton.engine.clauses import closes_with_condition, conditions
from baton.engine.refine import SPLIT_MIN_CONFIDENCE, needed_confidence


@pytest.mark.parametrize("text", ["if I cancel", "If my flight is late", "once the order has shipped",
                                  "and if it arrives damaged", "when I try to log in", "unless you ship to Canada"])
def test_a_bare_condition_is_found(text):
    assert conditions(text)


@pytest.mark.parametrize("text", ["when will it arrive", "when is the first flight leaving from oakland",
                                  "if I cancel today will I get a refund", "what if I cancel",
                                  "how do I cancel", "if I cancel?", "if I cancel what happens to my files?"])
def test_a_question_is_no_bare_condition(text):
    assert not conditions(text)


@pytest.mark.parametrize("text, closing", [("if I cancel?", True), ("and if it arrives late?", True), ("if so?", True),
                                           ("if I cancel", False), ("and if so, how much?", False),
                                           ("if I cancel what happens to my files?", False),
                                           ("when does it ship?", False)])
def test_a_condition_closing_a_question_is_found(text, closing):
    assert closes_with_condition(text) == closing


def test_the_clause_after_a_bare_condition_never_starts_a_request():
    assert needed_confidence("what happens to my files?", "if I cancel") == math.inf
    assert needed_confidence("what happens to my files?", "I love your service") == SPLIT_MIN_CONFIDENCE
    assert needed_confidence("how do I export my files?", "when will it arrive") == SPLIT_MIN_CONFIDENCE
    assert needed_confidence("if I cancel?", "what happens to my files") == math.inf
    asking = "if I cancel what happens to my files?"
    assert needed_confidence(asking, "how do I reset my password") == SPLIT_MIN_CONFIDENCE


def test_a_conditional_question_is_one_intent_answered_from_what_it_asks_about(fixture_engine):
    """Cut at the comma, "if I cancel" was answered from the cancellation article (0.82) and "what
    happens to my files?" handed off (0.40); the cancellation article says when the files go."""
    hosting = fixture_engine("hosting")
    [intent] = hosting.split("if I cancel, what happens to my files?")
    assert intent["hits"][0]["article"] == "cancel"
    [intent] = hosting.split("what happens to my files, if I cancel?")
    assert intent["hits"][0]["article"] == "cancel"
    assert len(hosting.split("how do I cancel my hosting, and how do I upload files?")) == 2
