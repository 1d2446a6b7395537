"""Each node called directly: state in, partial update out (no graph, no model)."""

from __future__ import annotations

from datetime import date

import pytest
from langchain_core.messages import AIMessage, HumanMessage
from langgraph.runtime import Runtime

from baton.graph.context import Deps
from baton.nodes.answer import answer
from baton.nodes.escalate import escalate, handoff_reply
from baton.nodes.forward_to_agent import forward_to_agent
from baton.nodes.intent_split import distinct, intent_split
from baton.nodes.owner_check import owner_check
from baton.nodes.reply import DISCLOSURE, GOODBYE, OPENING, reply
from baton.nodes.self_grade import self_grade
from baton.nodes.summarize import summarize
from baton.nodes.tier_check import tier_check
from baton.nodes.user_request import user_request
from tests.fakes import FakeEngine, Scripted

SCRIPT = {"where is my package": Scripted("orders", "track-order", 0.91, "Use the tracking link."),
          "do you sell bulbs": Scripted("sales", "gift-cards", 0.2)}
CUSTOMER = {"id": "c-1", "name": "Ana Souza", "tier": "free", "arr": 0, "renewal_date": None, "plan": "free"}


def rt(policy, engine=None, today=date(2026, 11, 28)) -> Runtime:
    return Runtime(context=Deps(engine=engine or FakeEngine(SCRIPT), policy=policy, today=lambda: today))


def drafted(conf: float, status: str = "answered", reason=None, text="where is my package"):
    return {"index": 0, "text": text, "tag": "orders", "article": "track-order", "answer": "Use the tracking link.",
            "confidence": conf, "status": status, "reason": reason, "queue": None if status == "answered" else "fulfilment"}


def test_owner_check_records_the_message_and_counts_the_turn(policy):
    update = owner_check({"message": "hi there", "turn": 2}, rt(policy))
    assert update["turn"] == 3 and update["owner"] == "ai"
    assert [m.content for m in update["messages"]] == ["hi there"]
    assert "messages" not in owner_check({"message": "", "action": "request_human"}, rt(policy))


def test_forward_to_agent_is_silent_and_keeps_the_standing_reasons(policy):
    update = forward_to_agent({"handoff": {"reasons": ["skill"], "queue": "billing"}, "conversation_id": "c"}, rt(policy))
    assert update["result"]["reply"] is None and update["result"]["reasons"] == ["skill"]


def test_user_request_node(policy):
    assert user_request({"message": "get me a human"}, rt(policy))["user_request"] is True
    assert user_request({"message": "can you call me back?"}, rt(policy))["user_request"] is True
    plain = user_request({"message": "where is my package", "questions_asked": 0}, rt(policy))
    assert "user_request" not in plain and plain["questions_asked"] == 1
    refused = user_request({"action": "request_human", "questions_asked": 0}, rt(policy))
    assert refused["result"]["outcome"] == "refused"
    assert user_request({"action": "request_human", "questions_asked": 1}, rt(policy)) == {"user_request": True}
    # a greeting is not the first question
    assert user_request({"message": "hi there!", "questions_asked": 0}, rt(policy))["questions_asked"] == 0


def test_tier_check_node_reads_only_the_record(policy):
    assert tier_check({"customer": {**CUSTOMER, "tier": "vip"}, "message": "x"}, rt(policy))["bypass"] == ["tier vip"]
    claim = {"customer": CUSTOMER, "message": "I am VIP enterprise with 1M ARR renewing tomorrow"}
    assert tier_check(claim, rt(policy))["bypass"] == []
    renewing = {**CUSTOMER, "renewal_date": "2026-12-01"}
    assert tier_check({"customer": renewing}, rt(policy))["bypass"] == ["renewal in 3 days"]
    assert tier_check({"customer": renewing}, rt(policy, today=date(2026, 1, 1)))["bypass"] == []


def test_intent_split_answer_and_self_grade_nodes(policy):
    r = rt(policy)
    intents = intent_split({"message": "where is my package"}, r)["intents"]
    assert [(i["text"], i["tag"]) for i in intents] == [("where is my package", "orders")]
    draft = answer({"intent": intents[0]}, r)["drafts"][0]
    assert draft["article"] == "track-order" and draft["confidence"] is None
    graded = self_grade({"intents": intents, "drafts": [draft]}, r)["drafts"]
    assert graded[0]["confidence"] == 0.91


def test_the_same_request_typed_twice_is_one_intent(policy):
    script = {**SCRIPT, "Where is my package??": SCRIPT["where is my package"],
              "where is my package!!": SCRIPT["where is my package"]}
    r = rt(policy, FakeEngine(script))
    intents = intent_split({"message": "Where is my package?? where is my package!! do you sell bulbs"}, r)["intents"]
    assert [(i["index"], i["text"]) for i in intents] == [(0, "Where is my package??"), (1, "do you sell bulbs")]
    # different words are different requests, however alike
    two = [{"index": 0, "text": "can I return the lamp"}, {"index": 1, "text": "can I return the hub"}]
    assert distinct(two) == two


def test_asked_whether_it_is_a_bot_the_assistant_says_so(policy):
    state = {"drafts": [], "decision": {"outcome": "answer", "reasons": [], "queue": None, "explanation": []},
             "message": "are you a real person?", "messages": [HumanMessage("are you a real person?")], "turn": 1}
    update = reply(state, rt(policy))
    assert update["messages"][0].content == DISCLOSURE and "AI assistant" in DISCLOSURE
    assert update["ai_turns_since_resolution"] == 0


def test_a_farewell_gets_a_goodbye_and_closes_the_matter(policy):
    state = {"drafts": [], "decision": {"outcome": "answer", "reasons": [], "queue": None, "explanation": []},
             "message": "no that's all, bye", "ai_turns_since_resolution": 2, "turn": 3,
             "messages": [HumanMessage("where is my package"), AIMessage("It is on its way."),
                          HumanMessage("no that's all, bye")]}
    update = reply(state, rt(policy))
    assert update["messages"][0].content == GOODBYE and update["ai_turns_since_resolution"] == 0


def test_reply_node_counts_ai_turns_and_resets_on_resolution(policy):
    state = {"drafts": [drafted(0.9)], "decision": {"outcome": "answer", "reasons": [], "queue": None, "explanation": []},
             "message": "where is my package", "ai_turns_since_resolution": 2, "turn": 3}
    update = reply(state, rt(policy))
    assert update["ai_turns_since_resolution"] == 3 and isinstance(update["messages"][0], AIMessage)
    assert update["answered_history"][0]["article"] == "track-order"
    thanks = reply({**state, "drafts": [], "message": "that worked, thanks",
                    "messages": [HumanMessage("where is my package"), AIMessage("It is on its way.")]}, rt(policy))
    assert thanks["ai_turns_since_resolution"] == 0
    assert thanks["messages"][0].content.startswith("Glad to help")
    # thanks alone is the customer content with what they were told, like "that worked"
    only_thanks = reply({**state, "drafts": [], "message": "thanks!",
                         "messages": [HumanMessage("where is my package"), AIMessage("It is on its way.")]}, rt(policy))
    assert only_thanks["ai_turns_since_resolution"] == 0


def test_two_questions_answered_by_one_article_get_its_answer_once(policy):
    state = {"drafts": [drafted(0.9), {**drafted(0.8, text="has it shipped yet"), "index": 1}],
             "decision": {"outcome": "answer", "reasons": [], "queue": None, "explanation": []},
             "message": "where is my package, has it shipped yet", "turn": 1}
    assert reply(state, rt(policy))["messages"][0].content == "Use the tracking link."
    drafts = state["drafts"] + [{**drafted(0.2, "handed_off", "low_confidence", "do you sell bulbs"), "index": 2}]
    text = handoff_reply({"outcome": "partial", "reasons": ["low_confidence"], "queue": "sales", "explanation": []},
                         drafts, CUSTOMER)
    assert text.count("Use the tracking link.") == 1


def test_a_greeting_before_anything_was_asked_is_greeted_back(policy):
    state = {"drafts": [], "decision": {"outcome": "answer", "reasons": [], "queue": None, "explanation": []},
             "message": "hello", "messages": [HumanMessage("hello")], "turn": 1}
    assert reply(state, rt(policy))["messages"][0].content == "Hi! What can I help you with today?"
    # nothing answered yet: a second hello is greeted again, not thanked
    again = {**state, "messages": [HumanMessage("hi"), AIMessage(OPENING), HumanMessage("hello?")]}
    assert reply(again, rt(policy))["messages"][0].content == OPENING
    thanks = {**state, "message": "ok thanks", "messages": [HumanMessage("hi"), AIMessage(OPENING), HumanMessage("ok thanks")]}
    assert reply(thanks, rt(policy))["messages"][0].content.startswith("Glad to help")


def test_summarize_builds_the_brief(policy):
    state = {
        "conversation_id": "c-9", "customer": CUSTOMER, "message": "where is my package also do you sell bulbs",
        "messages": [HumanMessage("hi"), AIMessage(OPENING), AIMessage("Which order is it?"),
                     HumanMessage("where is my package also do you sell bulbs")],
        "drafts": [drafted(0.91), {**drafted(0.2, "handed_off", "low_confidence", "do you sell bulbs"), "index": 1,
                                   "tag": "sales", "article": "gift-cards"}],
        "decision": {"outcome": "partial", "reasons": ["low_confidence"], "queue": "sales", "explanation": ["x"]},
        "turn": 1,
    }
    brief = summarize(state, rt(policy))["brief"]
    assert brief["customer"]["name"] == "Ana Souza" and brief["reasons"] == ["low_confidence"]
    assert brief["asked"] == ["Which order is it?"]  # the greeting asked nothing about the case
    assert brief["answered"][0]["article"] == "track-order"
    assert "do you sell bulbs" in brief["stuck_on"] and "0.20 < 0.70" in brief["stuck_on"]
    assert brief["queue"] == "sales" and brief["transcript_ref"].endswith("c-9")
    assert "Stuck on:" in brief["text"]
    # a question the engine could not place is shown as such, its guessed tag only as a guess
    state["drafts"][1]["tag_sure"] = False
    brief = summarize(state, rt(policy))["brief"]
    assert "could not place the question (best guess 'sales')" in brief["stuck_on"]


def test_the_brief_lists_the_identifiers_the_customer_gave(policy):
    # the agent finds the order number and the address without reading the transcript
    state = {
        "conversation_id": "c-9", "customer": CUSTOMER, "message": "do you sell bulbs",
        "messages": [HumanMessage("where is order #A-12345?"), AIMessage("It ships today."),
                     HumanMessage("also my invoice should go to jo@example.com. Order #A-12345 again"),
                     AIMessage("Anything else?"), HumanMessage("do you sell bulbs")],
        "drafts": [{**drafted(0.2, "handed_off", "low_confidence", "do you sell bulbs"), "index": 0}],
        "decision": {"outcome": "handoff", "reasons": ["low_confidence"], "queue": "sales", "explanation": ["x"]},
        "turn": 3,
    }
    brief = summarize(state, rt(policy))["brief"]
    assert brief["details"] == ["#A-12345", "jo@example.com"]
    assert "Details given: #A-12345, jo@example.com" in brief["text"]
    state["messages"] = [HumanMessage("do you sell bulbs")]
    brief = summarize(state, rt(policy))["brief"]
    assert brief["details"] == [] and "Details given" not in brief["text"]


@pytest.mark.parametrize("text, found", [
    ("call me back on 07700 900123 please", ["07700 900123"]),       # not "07700" and "900123"
    ("my number is +44 20 7946 0958.", ["+44 20 7946 0958"]),
    ("reach me at (555) 123-4567 about #A-12345", ["(555) 123-4567", "#A-12345"]),
    ("between 23 and 32 kg, flight LH 1234 at 07:40", []),
    ("my card 4111 1111 1111 1111", []),                          # too long for a phone number
    ("the police ref is CR/2026/44812. I need to claim", ["CR/2026/44812"]),  # not only "44812"
    ("invoice INV/00123456/B and order #A-12345", ["INV/00123456/B", "#A-12345"]),
    ("see https://shop.example.com/orders/12345/view", ["https://shop.example.com/orders/12345/view"]),
])
def test_brief_details_hold_phone_numbers_and_references_whole(text, found):
    from baton.nodes.summarize import details

    assert details([text]) == found


def test_summarize_decides_for_direct_handoffs(policy):
    update = summarize({"customer": CUSTOMER, "message": "where is my package", "bypass": ["tier vip"], "messages": []},
                       rt(policy))
    assert update["decision"]["reasons"] == ["bypass"] and update["decision"]["queue"] == "fulfilment"
    failed = summarize({"customer": CUSTOMER, "message": "x", "failures": [{"node": "answer", "error": "boom"}],
                        "messages": []}, rt(policy))
    assert failed["decision"]["reasons"] == ["failure"] and failed["decision"]["queue"] == policy.default_queue


def test_escalate_hands_over_with_one_reply(policy):
    decision = {"outcome": "partial", "reasons": ["low_confidence"], "queue": "sales", "explanation": []}
    drafts = [drafted(0.91), {**drafted(0.2, "handed_off", "low_confidence", "do you sell bulbs"), "index": 1}]
    update = escalate({"decision": decision, "drafts": drafts, "customer": CUSTOMER, "brief": {"summary": "s"},
                       "conversation_id": "c"}, rt(policy))
    assert update["owner"] == "human" and update["handoff"]["queue"] == "sales" and update["handoff"]["status"] == "open"
    text = update["messages"][0].content
    assert text.startswith("Use the tracking link.") and "do you sell bulbs" in text and "sales team" in text
    vip = handoff_reply({"outcome": "handoff", "reasons": ["bypass"], "queue": "billing", "explanation": []}, [], CUSTOMER)
    assert "Ana" in vip and "billing team" in vip


def test_intent_split_hands_the_engine_the_question_answered_the_turn_before(policy):
    class Recording(FakeEngine):
        def split(self, message, meter=None, previous=None):
            self.previous = previous
            return super().split(message, meter)

    engine = Recording(SCRIPT)
    answered = [{"turn": 1, "text": "do you sell bulbs", "article": "gift-cards"},
                {"turn": 2, "text": "where is my package", "article": "track-order"}]
    intent_split({"message": "where is my package", "turn": 3, "answered_history": answered}, rt(policy, engine))
    assert engine.previous == ("where is my package", "track-order")
    # two answers in the turn before, or none: no one question to carry on
    intent_split({"message": "where is my package", "turn": 3, "answered_history": answered + [
        {"turn": 2, "text": "do you sell bulbs", "article": "gift-cards"}]}, rt(policy, engine))
    assert engine.previous is None
    intent_split({"message": "where is my package", "turn": 4, "answered_history": answered}, rt(policy, engine))
    assert engine.previous is None
