"""A question right after the report it asks about ("the festival got cancelled, when do I get my
refund?") is one request, scored with the report (`refine.ask_after_report`)."""

from __future__ import annotations

import pytest

from baton.engine.narrative import reports_event
from baton.engine.refine import ask_after_report, pieces_of
from baton.engine.splitter import Span


@pytest.mark.parametrize("text, event", [
    ("the festival got cancelled", True),
    ("Good morning, the Rivers show on 12 March was cancelled yesterday.", True),
    ("the gig has been moved to March", True),
    ("I bought 4 tickets last week", True),
    ("the book history by contract is rated five stars in my opinion", False),  # a state, not an event
    ("i'm interested in a flight from dallas", False),
    ("I'd like a table for four", False),            # wants something
    ("i d like a reservation at a place in iran", False),
    ("the show is on saturday", False),              # nothing happened
    ("my card was declined", False),                 # a problem report, a request of its own
    ("when was the show cancelled?", False),         # a question
])
def test_reports_event(text, event):
    assert reports_event(text) is event


def plan_of(message: str) -> list[Span]:
    return pieces_of(message, Span(message, 0, len(message)))


@pytest.mark.parametrize("message, joined", [
    ("the festival got cancelled, when do I get my refund?", True),
    ("the festival got cancelled. When do I get my refund?", True),
    ("the festival got cancelled and when do I get my refund?", False),   # a connector: two asks
    ("the festival got cancelled, also when do I get my refund?", False),
    ("the festival got cancelled, I want a refund", False),              # no question after it
    ("the show is on saturday, when do the doors open?", False),         # no event reported
])
def test_ask_after_report_joins_only_a_question_right_after_a_report(message, joined):
    plan = plan_of(message)
    assert len(plan) == 2
    assert ask_after_report(message, plan, [[0], [1]]) == ([[0, 1]] if joined else [[0], [1]])


def test_ask_after_report_leaves_groups_that_hold_a_request():
    message = "I'd like two tickets, when do the doors open?"
    plan = plan_of(message)
    assert ask_after_report(message, plan, [[0], [1]]) == [[0], [1]]


@pytest.fixture(scope="module")
def tickets_engine(fixture_engine):
    return fixture_engine("tickets")


def test_engine_answers_the_question_about_the_cancelled_event_from_its_article(tickets_engine, answered_as_one):
    # apart, "the festival got cancelled" was answered (events, 0.94) and the refund question handed
    # off to the refunds team (0.94), though the events article says cancelled shows refund themselves
    answered_as_one(tickets_engine, "the festival got cancelled, when do I get my refund?", "event-changes")


def test_engine_keeps_a_second_request_after_a_connector(tickets_engine):
    message = "the festival got cancelled, and can I pay with paypal?"
    assert [i["hits"][0]["article"] for i in tickets_engine.split(message)] == ["event-changes", "payment-methods"]
