"""The score-guided second pass of the intent split: pure chunking and grouping, then the engine."""

from __future__ import annotations

import pytest

from baton.engine.refine import chunks, group, tells_story
from baton.engine.splitter import Span


def chunk_texts(message: str) -> list[str]:
    pieces = chunks(message, Span(message, 0, len(message)))
    assert all(message[c.start:c.end] == c.text for c in pieces)
    return [c.text for c in pieces]


def test_chunks_cut_at_commas_and_connectors():
    assert chunk_texts("add this song to my playlist , book a table for four and also what is the forecast") == [
        "add this song to my playlist", "book a table for four", "what is the forecast"]


def test_pieces_too_short_to_stand_alone_stay_with_a_neighbour():
    assert chunk_texts("i want a table for me and my kids") == ["i want a table for me and my kids"]
    assert chunk_texts("solar panel inverter and battery storage") == ["solar panel inverter and battery storage"]
    assert chunk_texts("hi, how do I reset my password") == ["hi, how do I reset my password"]


def test_chunks_keep_message_coordinates_inside_a_span():
    message = "Hello. reset my password, then pay with paypal please"
    span = Span(message[7:], 7, len(message))
    got = chunks(message, span)
    assert [c.text for c in got] == ["reset my password", "pay with paypal please"]
    assert all(message[c.start:c.end] == c.text for c in got)


@pytest.mark.parametrize("tops, confs, expected", [
    (["a", "b"], [0.9, 0.8], [[0], [1]]),   # two confident, different articles: cut
    (["a", "a"], [0.9, 0.8], [[0, 1]]),                    # same article: one request
    (["a", "b"], [0.9, 0.2], [[0, 1]]),                    # the second is unsure: it continues
    (["a", "b"], [0.2, 0.9], [[0, 1]]),                    # the first is unsure: nothing to cut from
    (["a", "x", "b"], [0.9, 0.1, 0.8], [[0, 1], [2]]),     # an unsure middle rides with the first
    ([None, "b"], [0.0, 0.9], [[0, 1]]),
])
def test_group_cuts_only_between_confident_different_articles(tops, confs, expected):
    assert group(tops, confs, min_confidence=0.5) == expected


def test_a_story_piece_never_starts_a_request_of_its_own():
    # confident about "a" and "b", but the first piece only narrates: it joins the request after it
    assert group(["a", "b"], [0.9, 0.9], min_confidence=0.5, stories=[True, False]) == [[0, 1]]
    assert group(["a", "b", "c"], [0.9, 0.9, 0.9], min_confidence=0.5,
                 stories=[False, True, False]) == [[0, 1], [2]]
    assert group(["a", "b"], [0.9, 0.9], min_confidence=0.5, stories=[False, False]) == [[0], [1]]


@pytest.mark.parametrize("text, story", [
    ("I bought a hub last week", True),
    ("we moved house in june", True),
    ("my daughter set it up", True),
    ("I already restarted it twice", True),
    ("my wife already installed it", True),
    ("I rate this book four stars", False),  # a present-tense statement that is itself a request
    ("i give the phishing manual four stars out of 6", False),
    ("my kids in turkey at a restaurant", False),
    ("I can't log in", False),               # a problem report
    ("I want a refund", False),              # a request
    ("I'd like to change my address", False),
    ("i d like to add this track to my playlist", False),  # tokenised text, same request
    ("i would rate this book four stars", False),
    ("i m looking for the canteen", False),
    ("I was wondering about gift cards", False),
    ("book a table for four", False),        # an imperative
    ("gift cards for christmas", False),     # a verbless topic, not the customer's story
    ("the forecast for tomorrow", False),
])
def test_tells_story(text, story):
    assert tells_story(text) is story


def test_engine_keeps_the_customers_story_with_their_question(embedded_engine):
    # "I bought a hub last week" matches hub-setup well, but the customer asks about the password
    for message in ("I bought a hub last week and how do I reset my password",
                    "I bought a hub last week, how do I reset my password"):
        intents = embedded_engine.split(message)
        assert [i["text"] for i in intents] == [message]
        assert intents[0]["hits"][0]["article"] == "reset-password"


def test_engine_cuts_a_comma_joined_message_the_rules_keep_whole(embedded_engine):
    from baton.engine.splitter import split_intents

    message = "how do I reset my password, can I pay with paypal"
    assert len(split_intents(message)) == 1  # the rules alone see one request
    intents = embedded_engine.split(message)
    assert [(i["text"], i["hits"][0]["article"]) for i in intents] == [
        ("how do I reset my password", "reset-password"), ("can I pay with paypal", "payment-methods")]
    assert all(message[i["start"]:i["end"]] == i["text"] for i in intents)


@pytest.mark.parametrize("message", [
    "can the hub control my solar panel inverter and battery storage",
    "my camera goes offline and it comes back after a while and then drops again",
    "what is your return and refund policy",
    "I don't need a human, just tell me how to reset my password",
])
def test_engine_keeps_one_request_whole(embedded_engine, message):
    assert len(embedded_engine.split(message)) == 1


def test_engine_keeps_a_known_topic_apart_from_a_vague_question_after_it(embedded_engine):
    # the rules fold the verbless "gift cards for christmas" into what follows; the KB knows it
    # well and the question after it is about something else, so each is decided on its own
    message = "gift cards for christmas and what about the other thing"
    intents = embedded_engine.split(message)
    assert [i["text"] for i in intents] == ["gift cards for christmas", "what about the other thing"]
    assert intents[0]["hits"][0]["article"] == "gift-cards"
    confidences = [embedded_engine.grade(i, embedded_engine.answer(i)) for i in intents]
    assert confidences[0] >= 0.7 > confidences[1]
