"""What the customer tells about themselves next to a question: who they are, where they have to
be, a plea to be told what is going on. Each is the question's context, never a request of its own.
Found on tests/fixtures/courier, a parcel courier's KB written blind on 2026-12-06."""

import pytest

from baton.engine.kinds import kind
from baton.engine.splitter import split_intents


@pytest.mark.parametrize("who", ["we're a small webshop on Shopify sending about 80 orders a month",
                                 "I am a student", "I'm a nurse working nights", "we are a family of five"])
def test_who_the_customer_is_and_what_they_do_is_context(who):
    assert kind(who) == "context"


@pytest.mark.parametrize("not_who", ["I'm a bit confused", "I'm a teacher and want to know about discounts",
                                     "I'm a photographer and would love to create a course",
                                     "I'm a new customer and my parcel is stuck"])
def test_a_feeling_a_wish_or_a_problem_after_who_they_are_is_no_context(not_who):
    assert kind(not_who) != "context"


def test_engine_answers_the_question_after_who_the_customer_is(fixture_engine):
    """Cut off, the webshop was handed off alone at 0.71 beside the answered prices question."""
    [intent] = fixture_engine("courier").split(
        "we're a small webshop on Shopify sending about 80 orders a month, do you have better prices?")
    assert intent["hits"][0]["article"] in {"prices", "business"}


@pytest.mark.parametrize("schedule", ["I need to go out in the afternoon", "I have to leave for work at 8",
                                      "we need to be out by 3", "I have to work tomorrow"])
def test_where_the_customer_has_to_be_is_no_request(schedule):
    assert kind(schedule) == "statement"


@pytest.mark.parametrize("asking", ["I need to change my address", "I need to fly from boston to denver",
                                     "I need to work out how to pay", "i need work of father dearest",
                                     "I have to go to the post office"])
def test_needing_to_do_something_else_is_still_a_request(asking):
    assert kind(asking) == "request"


def test_where_the_customer_has_to_be_joins_the_question_it_explains(fixture_engine):
    """Cut off, "I need to go out in the afternoon" was handed off alone at 0.18 beside the answer."""
    message = "roughly what time will my delivery be tomorrow? I need to go out in the afternoon"
    [intent] = fixture_engine("courier").split(message)
    assert intent["text"] == message and intent["hits"][0]["article"] == "delivery-window"


@pytest.mark.parametrize("plea", ["Could you tell me what is happening?", "can you tell me what's going on",
                                  "please tell me why", "tell me what happened"])
def test_asking_to_be_told_what_is_going_on_asks_about_what_was_said(plea):
    assert kind(plea) == "ask"
    assert len(split_intents(f"my parcel has not moved since monday. {plea}")) == 1
    assert kind("can you tell me where my parcel is?") == "request"


def test_a_numbered_follow_up_pointing_back_joins_its_question():
    """"Second," hid that "can my daughter collect it for me?" points back: handed off at 0.26."""
    message = ("Two questions. First, how long will the pickup point keep my parcel? I'm travelling until "
               "the 20th.\nSecond, can my daughter collect it for me?")
    assert [s.text for s in split_intents(message)] == [message]


@pytest.mark.parametrize("away", ["I won't be able to call", "we're not home on friday", "but I won't be there until 6",
                                  "I won't be home on the delivery day"])
def test_where_the_customer_wont_be_is_a_statement_not_a_problem(away):
    assert kind(away) == "statement"


@pytest.mark.parametrize("problem", ["I can't log in", "I won't be able to pay my bill", "I'm not able to sign in"])
def test_what_the_customer_cannot_do_with_the_service_is_still_a_problem(problem):
    assert kind(problem) == "problem"


def test_where_the_customer_wont_be_joins_the_question_before(fixture_engine):
    """Cut off, "I won't be able to call" was handed off alone at 0.20 beside the check-in answer."""
    message = "hello, I arrive around 11pm tonight, is that a problem? I won't be able to call"
    [intent] = fixture_engine("hotel").split(message)
    assert intent["hits"][0]["article"] == "checkin"
