"""What the language-learning set's first run found (tests/fixtures/language, a language app's KB
written blind on 2026-12-07): follow-ups held back by a qualifying word ("a whole year") or not
read as follow-ups at all ("do they expire?")."""

import pytest

from baton.engine.refine import follows_up, leans_back
from baton.service import Baton
from tests.fixture_sets import load_fixture


@pytest.fixture(scope="module")
def baton(_cache_dir) -> Baton:
    return load_fixture("language")


@pytest.mark.parametrize("text, leans", [
    ("do they expire?", True),
    ("do those fit?", True),
    ("do they ship to canada and spain?", False),  # longer, "they" is often nobody's
    ("do you take paypal?", False),
])
def test_do_they_asks_about_what_was_just_named(text, leans):
    assert leans_back(text) is leans
    assert follows_up(text) is leans


def test_whole_and_entire_are_nothing_the_article_must_hold(fixture_engine):
    index = fixture_engine("language").index
    assert index.holds("plans", "and for a whole year?")
    assert index.holds("plans", "and for the entire year?")
    assert not index.holds("plans", "and for a whole week?")


@pytest.mark.parametrize("question, follow_up, said", [
    ("how much is premium?", "and for a whole year?", "59.99 GBP a year"),  # 0.15 alone, "whole" unheld
    ("can I give premium as a gift?", "do they expire?", "never expire"),  # 0.10 alone, no follow-up
])
def test_the_follow_up_is_answered_from_the_article_before(baton, question, follow_up, said):
    conversation = Baton.new_conversation_id()
    first = baton.send(conversation, "g-2", question)
    assert first["outcome"] == "answer"
    result = baton.send(conversation, "g-2", follow_up)
    assert result["outcome"] == "answer" and said in result["reply"]
