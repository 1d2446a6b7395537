"""What the home cleaning set's first run found (tests/fixtures/cleaning, a cleaning service's KB
written blind on 2026-12-07): damage told in other words ("broke", "spilled"), an order to route
the message that named no queue, and follow-ups the answer before held while another article
drew them alone."""

import pytest

from baton.engine.follow_ups import SAME_FOR, opens_follow_up
from baton.engine.instructions import is_instruction, unframed
from baton.engine.kinds import PROBLEM, kind
from baton.service import Baton
from tests.fixture_sets import load_fixture


@pytest.fixture(scope="module")
def baton(_cache_dir) -> Baton:
    return load_fixture("cleaning")


@pytest.mark.parametrize("text, problem", [
    ("your cleaner broke the handle off my fridge door.", True),
    ("my card broke", True),
    ("the cleaner spilled bleach on my sofa", True),
    ("the washing machine is leaking", True),
    ("I'm broke until payday", False),
    ("Sadly I broke my leg last week", False),  # the story behind a request, not a problem to hand off
    ("we are broke this month", False),
])
def test_damage_in_other_words_is_a_problem(text, problem):
    assert (PROBLEM.search(text) is not None) is problem


def test_a_breakage_beside_a_question_is_a_report_of_its_own(fixture_engine):
    engine = fixture_engine("cleaning")
    intents = engine.split("your cleaner broke the handle off my fridge door. Also, can I tip her in the app?")
    assert [i["text"] for i in intents] == ["your cleaner broke the handle off my fridge door.",
                                            "can I tip her in the app?"]
    assert kind(intents[0]["text"]) == "problem"


@pytest.mark.parametrize("text, order", [
    ("Route this to bookings, not claims", True),
    ("please assign me to the billing people", True),
    ("send this to the claims department", True),
    ("escalate this to a manager", False),  # a request for a person, which the customer may make
    ("send it to my new address", False),
])
def test_an_order_to_route_the_message_is_an_instruction(text, order):
    assert is_instruction(text) is order


def test_a_routing_order_in_front_is_not_scored(fixture_engine):
    message = "Route this to bookings, not claims: the cleaner spilled bleach on my sofa and it's ruined"
    assert unframed(message) == " the cleaner spilled bleach on my sofa and it's ruined"
    [intent] = fixture_engine("cleaning").split(message)
    assert intent["text"] == "the cleaner spilled bleach on my sofa and it's ruined"


@pytest.mark.parametrize("text, same_for, opens", [
    ("what about for a deep clean?", True, True),
    ("and for a one-off?", True, True),
    ("what if the agent says something was missed?", False, True),  # 8 words: longer than a short follow-up
    ("what about deep cleans?", False, True),
    ("and how do I cancel my subscription if I move abroad next year?", False, False),
])
def test_follow_up_openings(text, same_for, opens):
    assert (SAME_FOR.match(text) is not None) is same_for
    assert opens_follow_up(text) is opens


def test_saying_is_nothing_the_article_must_hold(fixture_engine):
    index = fixture_engine("cleaning").index
    assert index.holds("tenancy", "what if the agent says something was missed?")
    assert not index.holds("guarantee", "what if the agent says something was missed?")


@pytest.mark.parametrize("question, follow_up, said", [
    # alone: the satisfaction guarantee (0.90), which says nothing of letting agents
    ("do you do end of tenancy cleaning?", "what if the agent says something was missed?", "within 72 hours"),
    # alone: the deep-clean article (0.99), which says nothing of who brings the products
    ("do I have to provide cleaning products?", "what about for a deep clean?", "we bring everything"),
])
def test_the_follow_up_is_answered_from_the_article_before(baton, question, follow_up, said):
    conversation = Baton.new_conversation_id()
    first = baton.send(conversation, "h-4", question)
    assert first["outcome"] == "answer"
    result = baton.send(conversation, "h-4", follow_up)
    assert result["outcome"] == "answer" and said in result["reply"]
