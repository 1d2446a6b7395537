"""What the coworking set's first run found (tests/fixtures/cowork, a coworking space's KB written blind
on 2026-12-07): "between A and B" cut in two, follow-ups held back by the words of wanting or by
a sign-off, and a story's next sentence handed off as a request."""

import pytest

from baton.engine.boundaries import soft_boundaries
from baton.engine.splitter import split_intents
from baton.service import Baton
from tests.fixture_sets import load_fixture

EMAIL = ("Hi there,\n\nI've been a fixed desk member for about a year and my company is now registering in the UK. "
         "Our lawyer says we need a registered office address.\n\nIs that something you offer, and what does it "
         "cost?\n\nMany thanks,\nMaya")


@pytest.fixture(scope="module")
def baton(_cache_dir) -> Baton:
    return load_fixture("cowork")


@pytest.mark.parametrize("text, cuts", [
    ("what's the difference between a hot desk and a fixed desk?", []),
    ("choose between monthly and annual and how do I pay", [" and "]),  # the second "and" still cuts
    ("how much is a hot desk and can I bring a dog", [" and "]),
])
def test_no_soft_boundary_inside_between_a_and_b(text, cuts):
    assert [m.group() for m in soft_boundaries(text)] == cuts


def test_words_of_needing_are_nothing_the_article_must_hold(fixture_engine):
    index = fixture_engine("cowork").index
    assert index.holds("book-room", "and if I need to cancel it?")  # the article says "Cancel", never "need"
    assert not index.holds("book-room", "and if I need to bring a dog?")


@pytest.mark.parametrize("text, named", [("what does it cost?", set()), ("and if I need to cancel it?", {"cancel"})])
def test_what_a_question_names(fixture_engine, text, named):
    assert fixture_engine("cowork").index.named(text) == named


def test_a_follow_up_saying_it_needs_something_is_read_with_the_question_before(baton):
    """"and if I need to cancel it?" after the booking answer was handed off at 0.04."""
    conversation = Baton.new_conversation_id()
    first = baton.send(conversation, "h-3", "how do I book a meeting room?")
    assert first["outcome"] == "answer"
    second = baton.send(conversation, "h-3", "and if I need to cancel it?")
    assert second["outcome"] == "answer" and "24 hours" in second["reply"]


def test_the_price_of_what_was_asked_is_asked_of_its_article_past_a_sign_off(baton):
    """"what does it cost?\\n\\nMany thanks,\\nMaya" was handed off on the plans' prices (0.45): the
    sign-off's name was a word the address article had to hold, and a follow-up leaning on another
    article at 0.45 counted as a question of its own though it names nothing but a price."""
    result = baton.send(Baton.new_conversation_id(), "h-3", EMAIL)
    assert result["outcome"] == "answer"
    assert [i["tag"] for i in result["intents"]] == ["mail"]
    assert "30 GBP a month" in result["reply"]


def test_a_story_going_on_after_and_is_no_request_of_its_own():
    message = ("I've been working from cafes for months and my back is killing me, so I'm thinking of joining. "
               "What's the cheapest way to have a desk?")
    assert [s.text for s in split_intents(message, lambda a, b: True)] == [message]
