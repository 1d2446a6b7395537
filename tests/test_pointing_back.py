"""A piece that only points back ("how much is it?", "is it insured?") is read with what it points
at: after a request of its own it is a second request only when the KB is as sure of it as of an
answer, since it names nothing and a middling match is a guess at what "it" is; after a statement
it never is (`refine.leans_back`, `refine.needed_confidence`)."""

from __future__ import annotations

import pytest

from baton.engine.refine import leans_back


def test_a_price_question_pointing_back_is_read_with_what_it_points_at(fixture_engine, answered_as_one):
    # cut, "how much is it?" was a delivery-fee question (0.41) handed off beside the Plus answer,
    # whose article holds the price
    answered_as_one(fixture_engine("fooddelivery"), "what do I get with Plus and how much is it?", "plus")


def test_a_sure_second_request_pointing_back_is_still_cut(embedded_engine):
    message = "how do I set up the hub, can I return it"
    assert [i["hits"][0]["article"] for i in embedded_engine.split(message)] == ["hub-setup", "return-policy"]


def test_a_yes_no_question_about_what_was_just_named_is_read_with_it(fixture_engine, answered_as_one):
    # cut, "is it insured?" was handed off at 0.36 beside the bike answer
    answered_as_one(fixture_engine("insurance"), "my new road bike cost 2400 pounds, is it insured?", "bicycles")


@pytest.mark.parametrize("text, leans", [
    ("is it insured?", True), ("does it work?", True), ("are they covered", True),
    ("will it rain tomorrow", False), ("is it warm in botna", False),  # longer: often nobody's "it"
    ("is my bike insured?", False),
])
def test_a_short_yes_no_question_about_it_leans_back(text, leans):
    assert leans_back(text) is leans
