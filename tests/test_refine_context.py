"""What the customer says about themselves next to a request: what they already tried, how they
feel, a problem they recount, who they are. Context of the request, never a request of its own.
(What a short follow-up leaves to the question answered before it: test_follow_ups.py.)"""

from __future__ import annotations

import math

import pytest

from baton.engine.misuse import reports_done_to_them
from baton.engine.narrative import (asks_for_remedy, fixes_tried_inside, gives_details, reports_attempt, tells_story,
                                    voices_feeling)
from baton.engine.refine import CONTEXT_MIN_CONFIDENCE, SPLIT_MIN_CONFIDENCE, needed_confidence, recount_needs


def test_an_attempt_at_a_fix_is_the_context_of_the_question_unless_the_kb_is_as_sure_as_an_answer():
    assert recount_needs("i tried the app but it keeps saying error") == CONTEXT_MIN_CONFIDENCE
    assert recount_needs("I opened the box but never used it") == SPLIT_MIN_CONFIDENCE


@pytest.mark.parametrize("attempt", ["I've restarted it twice", "I already reset it twice",
                                     "I already did the factory reset", "I have already restarted the router",
                                     "we already unplugged it", "I tried to restart it",
                                     "we tried to turn it off and on", "I tried to reset the router",
                                     # after the roadside steps the same steps went out again (0.76)
                                     "I called roadside but nobody answers"])
def test_an_attempt_that_reports_nothing_else_is_never_a_request_of_its_own(attempt):
    assert reports_attempt(attempt)
    assert recount_needs(attempt) == math.inf and needed_confidence(attempt, "my camera won't connect") == math.inf


@pytest.mark.parametrize("text, fixes", [
    ("one of my window sensors is dead even with a new battery", ["a new battery"]),
    ("still offline even after restarting the hub", ["restarting the hub"]),
    ("it fails even after I reset the router, what now?", ["I reset the router"]),
    ("despite changing the batteries, it beeps", ["changing the batteries"]),
    ("it crashes even after the update", []), ("is it cheaper even with the discount?", []),
    ("even on sundays?", []),
])
def test_a_fix_tried_inside_a_sentence_is_found(text, fixes):
    assert fixes_tried_inside(text) == fixes


def test_a_fix_tried_inside_the_problem_is_not_what_is_answered(fixture_engine):
    """"one of my window sensors is dead even with a new battery" was answered with how to change a
    sensor's battery (0.71)."""
    alarm = fixture_engine("alarm")
    [intent] = alarm.split("one of my window sensors is dead even with a new battery")
    assert intent["hits"][0]["article"] != "battery"
    [intent] = alarm.split("how do I change the battery in my door sensor?")
    assert intent["hits"][0]["article"] == "battery"


@pytest.mark.parametrize("text", ["i tried the app but it keeps saying error", "how do I reset my hub",
                                  "I opened the box but never used it"])
def test_a_problem_or_a_question_is_no_bare_attempt(text):
    assert not reports_attempt(text)


@pytest.mark.parametrize("story", ["saw the thermostat cheaper on amazon", "bought it in march from your shop",
                                   "ordered two boxes last week"])
def test_a_chat_story_without_its_subject_is_a_story(story):
    """Cut off beside "do you price match?", "saw the thermostat cheaper on amazon" was handed off on
    its own (thermostat wiring, 0.59)."""
    assert tells_story(story) and needed_confidence(story, "do you price match?") == math.inf
    assert not tells_story("was the weather colder last august in denver")


@pytest.mark.parametrize("text", ["I have tried to log in five times", "I tried to pay at the supermarket today",
                                  "I tried to reset my password", "we tried to book a class"])
def test_trying_to_do_what_failed_is_the_problem_not_a_fix_tried(text):
    """"tried to log in" names what the customer wants done; the article about it is the answer."""
    assert not reports_attempt(text)


def test_engine_answers_what_the_customer_tried_to_do():
    """The login article was hidden as "what they already tried": handed off at 0.12."""
    from pathlib import Path

    from baton.engine.embedded import EmbeddedEngine
    from baton.kb import load_kb
    from baton.policy import load_policy

    root = Path(__file__).parent / "fixtures" / "mealkit"
    engine = EmbeddedEngine(load_kb(root / "kb", load_policy(root / "policy.toml").tags))
    message = ("I have tried to log in five times and it keeps saying wrong password but I know its right. "
               "What is going on?")
    [intent] = engine.split(message)
    assert intent["hits"][0]["article"] == "login" and engine.grade(intent, engine.answer(intent)) >= 0.7


def test_engine_never_answers_what_the_customer_already_tried_as_a_request(embedded_engine):
    # "I already reset it twice" was cut off and answered from the factory-reset article at 0.87
    intents = embedded_engine.split("my camera won't connect, I already reset it twice")
    assert len(intents) == 1 and intents[0]["hits"][0]["article"] == "camera-offline"


def test_engine_keeps_what_the_customer_tried_with_their_question():
    from pathlib import Path

    from baton.engine.embedded import EmbeddedEngine
    from baton.kb import load_kb
    from baton.policy import load_policy

    root = Path(__file__).parent / "fixtures" / "isp"
    engine = EmbeddedEngine(load_kb(root / "kb", load_policy(root / "policy.toml").tags))
    # the attempt alone lands on slow-speed at 0.35: it was handed off on its own (a partial)
    message = "how do i change the wifi password? i tried the app but it keeps saying error"
    [intent] = engine.split(message)
    assert intent["text"] == message and intent["hits"][0]["article"] == "wifi-password"


@pytest.mark.parametrize("feeling", ["I'm not happy with my thermostat", "we are really disappointed with the camera",
                                     "im so frustrated with this app",
                                     # cut off, answered with the cancellation steps at 0.71
                                     "If this continues I'll cancel.", "if it happens again we will switch provider"])
def test_a_feeling_is_never_a_request_of_its_own(feeling):
    assert voices_feeling(feeling) and needed_confidence(feeling, "it keeps resetting") == math.inf
    assert not voices_feeling("if I cancel will I get a refund?")


@pytest.mark.parametrize("praise", ["really like the recipes", "I love the app", "we really enjoy the meals",
                                    "likes the cameras", "my wife especially loves the night vision",
                                    "the kids love the curry"])
def test_praise_is_never_a_request_of_its_own(praise):
    assert voices_feeling(praise) and needed_confidence(praise, "so I signed up two weeks ago") == math.inf


@pytest.mark.parametrize("text", ["I'm not sure how to pair it", "I am moving next month", "I'm unhappy, can I return it?",
                                  "I would like to cancel", "like the recipes?", "I like it but how do I cancel",
                                  "love the camera but the night vision is blurry"])
def test_other_first_person_openings_are_no_feeling(text):
    assert not voices_feeling(text)


@pytest.mark.parametrize("text", ["typing the password with the remote is a pain", "the remote is a real pain",
                                  "it is such a hassle to log in every time", "the app is so annoying"])
def test_what_the_customer_thinks_of_doing_something_is_a_feeling(text):
    assert voices_feeling(text) and needed_confidence(text, "how do I log in on my TV?") == math.inf


@pytest.mark.parametrize("text", ["is it a pain to set up?", "the pain in my back", "my card is a visa"])
def test_asking_whether_something_is_a_hassle_is_no_feeling(text):
    assert not voices_feeling(text)


def test_a_complaint_about_typing_stays_with_the_question_it_comments(fixture_engine):
    """Cut off, it went to the password article (0.70) and was handed off beside the TV answer."""
    streaming = fixture_engine("streaming")
    message = "how do I log in on my TV? typing the password with the remote is a pain"
    [intent] = streaming.split(message)
    assert intent["text"] == message and intent["hits"][0]["article"] == "tv-sign-in"


@pytest.mark.parametrize("text", ["someone changed my email", "somebody changed my password",
                                  "someone has cancelled my membership", "a stranger used my card",
                                  "my email was changed without me knowing", "my password got reset and it wasn't me",
                                  "one of your customers is sending me spam emails every day",
                                  "another member keeps messaging me", "someone is using my account"])
def test_what_someone_else_did_to_the_customer_is_reported(text):
    assert reports_done_to_them(text)


@pytest.mark.parametrize("text", ["how do I change my email", "I changed my email last week",
                                  "can someone change my email for me?", "my plan was changed to premium",
                                  "one of your engineers is coming on Monday", "I keep sending emails to spam"])
def test_the_customers_own_doing_and_requests_are_not(text):
    assert not reports_done_to_them(text)


def test_what_someone_else_did_is_not_answered_with_how_to_do_it(fixture_engine):
    """"somebody changed my password" was answered with how to change a password (0.92); "someone
    changed my email and I can't get into my account anymore" with how to change an email (0.94)
    beside the hacked-account handoff."""
    streaming = fixture_engine("streaming")
    [intent] = streaming.split("somebody changed my password")
    assert intent["hits"][0]["article"] == "hacked"
    both = streaming.split("someone changed my email and I can't get into my account anymore")
    assert {i["hits"][0]["article"] for i in both} == {"hacked"}
    # the article about what was done to them stays when it is the one about misuse
    [intent] = streaming.split("someone logged into my account from another country")
    assert intent["hits"][0]["article"] == "hacked"
    [intent] = streaming.split("how do I change my password?")
    assert intent["hits"][0]["article"] == "password"


def test_a_recounted_problem_next_to_a_request_must_be_sure_to_stand_alone(embedded_engine):
    """"I bought the wrong camera" reports a problem in the past tense: the swap asked next to it is
    what to answer, not camera-offline (0.66) handed off beside it."""
    assert needed_confidence("I bought the wrong camera", None) == CONTEXT_MIN_CONFIDENCE
    [intent] = embedded_engine.split("I bought the wrong camera, can I swap it for the outdoor one?")
    assert intent["hits"][0]["article"] == "exchange-item"
    lost, password = embedded_engine.split("I ordered a camera two weeks ago and it never arrived, also how do I reset my password")
    assert password["hits"][0]["article"] == "reset-password" and lost["hits"][0]["tag"] == "orders"


def test_a_problem_after_which_the_customer_moves_on_is_handed_off_not_dropped(embedded_engine):
    """Joined to the card question, "I was charged twice" went unanswered and unhanded behind the
    update-card answer (0.999); the demo KB places it nowhere, so a person gets it."""
    charged, card = embedded_engine.split("I was charged twice for my subscription. Also how do I update my card?")
    assert card["hits"][0]["article"] == "update-card" and charged["text"] == "I was charged twice for my subscription."
    assert embedded_engine.grade(charged, embedded_engine.answer(charged)) < 0.7


def test_a_story_with_no_problem_in_it_never_stands_alone():
    """"I recently finished the course and passed all the quizzes, but the certificate isn't
    showing": the quizzes were handed off on their own (0.45) beside the certificate answer."""
    story = "I recently finished the Data Analysis course"
    assert recount_needs(f"{story} and passed all the quizzes") == math.inf
    assert needed_confidence("passed all the quizzes", story) == math.inf
    assert needed_confidence("passed all the quizzes", "how do I get my certificate") == SPLIT_MIN_CONFIDENCE


def test_what_happened_after_a_scene_set_in_the_present_never_stands_alone():
    """"my elderly dad lives alone and had a scare last week when someone knocked late at night,
    would the Monitored plan mean someone calls him ...?": the scare went to the emergency queue on
    its own (0.44) beside the plan question. A request or a command before it is no scene."""
    assert needed_confidence("had a scare last week when someone knocked late at night",
                             "my elderly dad lives alone") == math.inf
    assert needed_confidence("proceed with music from 2003", "place this tune in workout remix") == SPLIT_MIN_CONFIDENCE
    assert needed_confidence("united states has warm weather", "i d like to go to the theatre") == SPLIT_MIN_CONFIDENCE


@pytest.mark.parametrize("story", ["ok so yesterday I rode from the station to my office",
                                   "last week we ordered two cameras", "on monday I paid the invoice",
                                   "this morning I got an email from you", "Sadly I broke my leg last week",
                                   "Unfortunately we moved house in March",
                                   "hi, just moved into a new flat on Friday."])
def test_a_story_may_open_with_when_it_happened(story):
    assert tells_story(story)


@pytest.mark.parametrize("text", ["yesterday I want to cancel", "today is my birthday", "last week how do I reset",
                                  "just wanted to ask about my bill"])
def test_a_time_in_front_makes_no_story_of_a_request_or_a_statement(text):
    assert not tells_story(text)


def test_engine_reads_a_story_that_opens_with_when_it_happened_with_its_question(embedded_engine):
    """Cut at its commas, each step answered on its own: "sent the tracking number" from the
    order-tracking article at 0.98, beside the refund question."""
    message = ("last week I returned the camera and sent the tracking number, and today I still have no refund. "
               "when will I get it?")
    [intent] = embedded_engine.split(message)
    assert intent["hits"][0]["article"] == "refund-status"


def test_context_is_never_a_request_of_its_own(embedded_engine):
    """"I'm on the plus plan" after a question is who is asking, not a second question: cut off, it
    was handed off on its own (0.40; on a newsletter KB answered from pricing at 0.91)."""
    assert needed_confidence("I'm on the free plan", "why was I charged") == math.inf
    [intent] = embedded_engine.split("how do I change my email, I'm on the plus plan")
    assert intent["hits"][0]["article"] == "change-email"


def test_a_greeting_with_there_does_not_hide_the_story_after_it():
    assert tells_story("Hi there, so I signed up two weeks ago")
    assert needed_confidence("Hi there, so I signed up two weeks ago") == math.inf


def test_engine_keeps_a_friendly_preamble_with_the_question_it_leads_to(embedded_engine):
    """The praise after "and" was cut off and answered (menu 0.58 on a meal-kit KB), as a handoff
    of its own beside the real question."""
    message = ("Hi there, so I bought the starter kit last month and really like the cameras, my wife "
               "especially loves the night vision. But we're moving next week, how do I change my delivery address?")
    [intent] = embedded_engine.split(message)
    assert intent["hits"][0]["article"] == "change-address"


def test_engine_does_not_send_the_steps_the_customer_already_followed(embedded_engine):
    """The feeling was cut off and answered from thermostat wiring (0.90), the rest from the
    factory-reset steps the customer says they already did (0.99)."""
    message = "I'm not happy with my thermostat, it keeps resetting. I already did the factory reset"
    [intent] = embedded_engine.split(message)
    assert intent["text"] == message
    assert "factory-reset" not in [h["article"] for h in intent["hits"]]
    assert embedded_engine.grade(intent, embedded_engine.answer(intent)) < 0.7
    # asked for, the same article is the answer
    [asked] = embedded_engine.split("how do I factory reset the hub")
    assert asked["hits"][0]["article"] == "factory-reset"


@pytest.mark.parametrize("details", ["Hi, my customer number is A-55120 and my postcode is LS6 2QT.",
                                     "my email is jo@example.com and my phone is 07700 900123",
                                     "My account number is 40071234.", "the meter serial is E12Z345678",
                                     "order #A-55123", "Order no. 5521", "ref: ABC-123", "(order number 48213)",
                                     "my account 12345678", "Hi, my name is Ana and my order number is 12345.",
                                     "Hello, this is Ana Lopez, order 12345"])
def test_the_customers_details_are_never_a_request_of_their_own(details):
    assert gives_details(details)
    assert recount_needs(details) == math.inf and needed_confidence(details, "I can't log in") == math.inf


@pytest.mark.parametrize("text", ["my rating for the eiffel tower and other mythologies is 0 out of 6 stars",
                                  "my name is wrong on the bill", "my order is late", "what is my account number",
                                  "my rating is 5", "cancel order 55123", "track order 1234", "order 2 cameras",
                                  "my order #1234 hasn't arrived", "this is ridiculous, order 12345",
                                  "my name is Ana and I want to cancel order 12345"])
def test_a_request_or_a_problem_is_no_details(text):
    assert not gives_details(text)


def test_another_value_after_details_is_details_too():
    assert gives_details("electric is 5678", previous="my gas reading is 1234")
    assert not gives_details("electric is 5678") and not gives_details("the total is 50", previous="my order is late")


def test_engine_keeps_the_customers_details_with_their_question(embedded_engine):
    # cut off, the details were answered from the change-email article (0.75 on the energy KB)
    message = "my email is jo@example.com and my phone is 07700900123, I can't log in"
    [intent] = embedded_engine.split(message)
    assert intent["text"] == message
    # a sentence of details joins the request after it instead of being handed off on its own
    message = "Hi, my order number is 48213 and my postcode is LS6 2QT. How do I cancel my order?"
    [intent] = embedded_engine.split(message)
    assert intent["text"] == message and intent["hits"][0]["article"] == "cancel-order"
    # nor does a name before them, when two requests follow ("Hi, my name is Ana and ..." was handed off
    # alone at 0.06 beside the two answers)
    message = ("Hi, my name is Ana and my order number is 12345. I need to change my delivery address and I "
               "also want to know when it will arrive.")
    first, second = embedded_engine.split(message)
    assert first["text"].startswith("Hi, my name is Ana") and first["hits"][0]["article"] == "change-address"
    assert second["hits"][0]["article"] == "shipping-times"
    # an order reference after the report, with or without "is": a partial handoff of "order #A-55123"
    for message, article in [("hi, my camera went offline yesterday, order #A-55123", "camera-offline"),
                             ("I want to return my camera. Order no. 5521", "start-return")]:
        [intent] = embedded_engine.split(message)
        assert intent["text"] == message and intent["hits"][0]["article"] == article


@pytest.mark.parametrize("text", ["I want a replacement.", "can you send me a new one?", "please replace it",
                                  "so I need a replacement asap", "I want it replaced", "can I get a new one?"])
def test_a_bare_ask_for_a_replacement_names_nothing_of_its_own(text):
    assert asks_for_remedy(text)


@pytest.mark.parametrize("text", ["I want a refund", "can I get a replacement for my broken camera?",
                                  "how do I get a replacement card", "I want a new phone number on my account"])
def test_an_ask_that_names_what_it_wants_is_no_bare_remedy(text):
    assert not asks_for_remedy(text)


def test_engine_reads_a_bare_ask_for_a_replacement_with_the_report_before_it(embedded_engine):
    # cut off, "I want a replacement" placed nowhere (0.18) and was handed off beside the answer
    message = "my order arrived damaged, the box was crushed and the lens is cracked. I want a replacement"
    [intent] = embedded_engine.split(message)
    assert intent["text"] == message and intent["hits"][0]["article"] == "damaged-item"
    assert embedded_engine.grade(intent, embedded_engine.answer(intent)) >= 0.7
    # after a question of its own it is a second request, not part of the first
    assert [i["text"] for i in embedded_engine.split("where is my order? I want a replacement")] == [
        "where is my order?", "I want a replacement"]


def test_a_problem_after_a_question_is_not_folded_into_it(embedded_engine):
    """Joining an unsure recount to the question before it (tried 2026-12-06 for "Do you offer
    refunds? I bought a course 3 days ago and haven't started it") answered this whole message from
    the reset article at 1.00 and dropped the hub's blinking light without a word."""
    message = "how do I reset my password? my hub light was blinking red all night"
    asked, reported = embedded_engine.split(message)
    assert asked["text"] == "how do I reset my password?" and asked["hits"][0]["article"] == "reset-password"
    assert reported["text"] == "my hub light was blinking red all night"


def test_an_indirect_question_before_another_request_is_not_dropped(embedded_engine):
    """Read as a statement, "I wanted to ask whether ..." joined the next request, which answered the
    whole message from the invoice article at 0.99 and dropped the Alexa question without a word."""
    message = "I wanted to ask whether the Hub works with Alexa. Also, where can I download my last invoice?"
    first, second = embedded_engine.split(message)
    assert first["text"] == "I wanted to ask whether the Hub works with Alexa."
    assert second["text"] == "where can I download my last invoice?"
    assert second["hits"][0]["article"] == "invoice-download"


def test_anothers_ongoing_doing_is_not_answered_from_the_how_to_for_ones_own(fixture_engine):
    """"one of your customers is sending me spam emails every day" got how to keep one's own emails out
    of spam (0.96); hidden, the abuse article leads, and being unsure, the security team gets it."""
    [intent] = fixture_engine("hosting").split("one of your customers is sending me spam emails every day")
    assert intent["hits"][0]["article"] == "abuse"
    assert intent["tag"] == "security"
    [own] = fixture_engine("hosting").split("my emails are going to people's spam folder")
    assert own["hits"][0]["article"] == "email-spam"
