"""A request that only points back ("how much is it?") after a request of its own is a second
request only when the KB is as sure of it as of an answer: it names nothing, so a middling match
is a guess at what "it" is (`refine.needed_confidence`)."""

from __future__ import annotations

from pathlib import Path

import pytest

FOOD = Path(__file__).parent / "fixtures" / "fooddelivery"


@pytest.fixture(scope="module")
def food_engine(_cache_dir):
    from baton.engine.embedded import EmbeddedEngine
    from baton.kb import load_kb
    from baton.policy import load_policy

    return EmbeddedEngine(load_kb(FOOD / "kb", load_policy(FOOD / "policy.toml").tags))


def test_a_price_question_pointing_back_is_read_with_what_it_points_at(food_engine):
    # cut, "how much is it?" was a delivery-fee question (0.41) handed off beside the Plus answer,
    # whose article holds the price
    message = "what do I get with Plus and how much is it?"
    [intent] = food_engine.split(message)
    assert intent["text"] == message
    assert intent["hits"][0]["article"] == "plus"
    assert food_engine.grade(intent, food_engine.answer(intent)) >= 0.7


def test_a_sure_second_request_pointing_back_is_still_cut(embedded_engine):
    message = "how do I set up the hub, can I return it"
    assert [i["hits"][0]["article"] for i in embedded_engine.split(message)] == ["hub-setup", "return-policy"]
