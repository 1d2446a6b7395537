"""Whole turns through a freshly compiled graph with a scripted engine (no model)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from langgraph.checkpoint.memory import InMemorySaver

from baton.service import Baton, sqlite_checkpointer
from tests.fakes import FakeEngine, ScriptExhausted, Scripted

SHIPPED = "my order from yesterday hasn't shipped"
MODEL_A = "does this product work with a Model A"
SCRIPT = {
    SHIPPED: Scripted("orders", "shipping-times", 0.93, "Orders ship the same day."),
    MODEL_A: Scripted("technical", "hub-setup", 0.41),
    "where is my package": Scripted("orders", "track-order", 0.95, "Use the tracking link."),
    "I want a refund": Scripted("refunds", "refund-request", 0.97),
    "how do I reset my hub": Scripted("technical", "factory-reset", 0.9, "Hold the reset button."),
}


def make(policy, kb, customers, engine=None, saver=None, today=date(2026, 11, 28)) -> Baton:
    return Baton(policy, kb, customers, engine or FakeEngine(SCRIPT), saver or InMemorySaver(), lambda: today)


def test_canonical_multi_intent_is_a_partial_handoff(policy, kb, customers):
    r = make(policy, kb, customers).send("c1", "c-1001", f"{SHIPPED} also {MODEL_A}")
    assert r["outcome"] == "partial" and r["reasons"] == ["low_confidence"] and r["queue"] == "technical"
    assert [(i["tag"], i["status"], i["confidence"]) for i in r["intents"]] == [
        ("orders", "answered", 0.93), ("technical", "handed_off", 0.41)]
    assert r["confidence"] == 0.41  # the reply is only as confident as its weakest intent
    assert "Orders ship the same day." in r["reply"] and "technical" in r["reply"]
    assert r["brief"]["answered"][0]["article"] == "shipping-times"
    assert MODEL_A in r["brief"]["stuck_on"]
    assert r["intents"][1]["article"] is None


def test_answer_keeps_the_ai_in_charge(policy, kb, customers):
    b = make(policy, kb, customers)
    r = b.send("c1", "c-1001", "where is my package")
    assert r["outcome"] == "answer" and r["brief"] is None and r["owner"] == "ai"
    assert b.state("c1")["owner"] == "ai"


def test_handoff_then_ai_stays_silent(policy, kb, customers):
    engine = FakeEngine(SCRIPT)
    b = make(policy, kb, customers, engine)
    first = b.send("c1", "c-1001", "I want a refund")
    assert first["outcome"] == "handoff" and first["reasons"] == ["skill"] and first["queue"] == "billing"
    calls = len(engine.calls)
    later = b.send("c1", "c-1001", "hello? anyone?")
    assert later["reply"] is None and later["forwarded_to_agent"] and later["outcome"] == "handoff"
    assert len(engine.calls) == calls  # the AI did not even look at the message
    assert b.state("c1")["messages"][-1].content == "hello? anyone?"  # stored for the agent


def test_button_refused_before_first_question_then_allowed(policy, kb, customers):
    b = make(policy, kb, customers)
    refused = b.send("c1", "c-1001", action="request_human")
    assert refused["outcome"] == "refused" and refused["reply"]
    assert b.state("c1").get("messages", []) == []  # nothing changed
    b.send("c1", "c-1001", "where is my package")
    r = b.send("c1", "c-1001", action="request_human")
    assert r["outcome"] == "handoff" and r["reasons"] == ["user_request"]
    assert "where is my package" in r["brief"]["customer_said"]


def test_bypass_uses_the_record_not_the_words(policy, kb, customers):
    b = make(policy, kb, customers)
    vip = b.send("c1", "c-1007", "where is my package")
    assert vip["outcome"] == "handoff" and vip["reasons"] == ["bypass"] and vip["bypass"] == ["tier vip"]
    assert vip["handoff"]["priority"] == 0
    claim = b.send("c2", "c-1001", "where is my package")
    assert claim["outcome"] == "answer"


def test_renewal_bypass_depends_on_the_injected_clock(policy, kb, customers):
    near = make(policy, kb, customers, today=date(2026, 11, 28)).send("c1", "c-1010", "where is my package")
    far = make(policy, kb, customers, today=date(2026, 6, 1)).send("c1", "c-1010", "where is my package")
    assert near["reasons"] == ["bypass"] and far["outcome"] == "answer"


def test_engine_failure_fails_safe_with_a_reply(policy, kb, customers):
    engine = FakeEngine(SCRIPT, fail_on={"where is my package"})
    r = make(policy, kb, customers, engine).send("c1", "c-1001", "where is my package")
    assert r["outcome"] == "handoff" and r["reasons"] == ["failure"] and r["reply"]
    assert r["failure"]["node"] in ("intent_split", "answer", "self_grade")
    assert "RuntimeError" in r["brief"]["reason_details"][0]


def test_fake_engine_fails_loudly_when_the_script_runs_out():
    with pytest.raises(ScriptExhausted):
        FakeEngine({}).grade({"text": "unscripted"}, {})  # type: ignore[arg-type]


def test_unscripted_text_inside_a_turn_is_a_failure_handoff(policy, kb, customers):
    r = make(policy, kb, customers).send("c1", "c-1001", "something nobody scripted")
    assert r["reasons"] == ["failure"] and "ScriptExhausted" in r["failure"]["error"]


def test_off_rails_repeat(policy, kb, customers):
    b = make(policy, kb, customers)
    assert b.send("c1", "c-1001", "how do I reset my hub")["outcome"] == "answer"
    r = b.send("c1", "c-1001", "how do I reset my hub")
    assert r["outcome"] == "handoff" and r["reasons"] == ["off_rails"]


def test_an_off_rails_brief_points_at_the_answer_that_failed(policy, kb, customers):
    """"that didn't fix anything" scores best on some unrelated article; the agent must see it is
    about the factory-reset answer of turn 1, not that article."""
    failed = "that didn't fix anything"
    b = make(policy, kb, customers, engine=FakeEngine({**SCRIPT, failed: Scripted("account", "two-factor", 0.12)}))
    b.send("c1", "c-1001", "how do I reset my hub")
    r = b.send("c1", "c-1001", failed)
    assert r["reasons"] == ["off_rails"] and r["queue"] == "technical"
    [stuck] = r["brief"]["stuck"]
    assert stuck["about"] == "factory-reset" and stuck["best_article"] is None and stuck["tag"] == "technical"
    assert "factory-reset (turn 1)" in r["brief"]["stuck_on"]


@pytest.mark.parametrize("follow_up, reasons, queue", [
    ("the button doesnt work", ["off_rails"], "technical"),    # the answer's button: its steps failed
    ("a button on my order page doesnt work", ["low_confidence"], "accounts"),  # some other button
])
def test_a_step_of_the_answer_that_failed_goes_to_the_answers_team(policy, kb, customers, follow_up, reasons,
                                                                  queue):
    """"the link doesnt work" after the password-reset steps matched no article (0.10) and went to
    the technical team as a question of its own."""
    b = make(policy, kb, customers,
             engine=FakeEngine({**SCRIPT, follow_up: Scripted("account", "two-factor", 0.12)}))
    b.send("c1", "c-1001", "how do I reset my hub")
    r = b.send("c1", "c-1001", follow_up)
    assert (r["outcome"], r["reasons"], r["queue"]) == ("handoff", reasons, queue)


def after_the_reset_answer(b: Baton, conversation: str, message: str) -> dict:
    """The turn result of `message` sent right after the hub-reset question was answered."""
    b.send(conversation, "c-1001", "how do I reset my hub")
    return b.send(conversation, "c-1001", message)


def test_an_unplaced_message_about_what_was_answered_goes_to_the_answers_team(policy, kb, customers):
    """"done, but the app says the reading is too high" after the meter-reading steps went to the
    default queue: too long for a follow-up, it names what the answer was about."""
    about, other = "held the reset button for ten seconds and now the light is purple", "do you sell gift vouchers"
    b = make(policy, kb, customers, engine=FakeEngine({**SCRIPT, about: Scripted("account", "two-factor", 0.12),
                                                       other: Scripted("account", "two-factor", 0.12)}))
    r = after_the_reset_answer(b, "c1", about)
    assert (r["outcome"], r["reasons"], r["queue"]) == ("handoff", ["low_confidence"], "technical")
    assert after_the_reset_answer(b, "c2", other)["queue"] == "accounts"  # nothing of the answer: its own topic


def test_only_the_unplaced_question_s_own_words_carry_on_the_answer_before(policy, kb, customers):
    """The other question of the message named the hub; the unplaced one goes to its own team."""
    hub, other = "where is my second hub", "do you sell gift vouchers"
    b = make(policy, kb, customers, engine=FakeEngine({**SCRIPT, hub: Scripted("orders", "shipping-times", 0.9),
                                                       other: Scripted("account", "two-factor", 0.12)}))
    r = after_the_reset_answer(b, "c1", f"{hub} also {other}")
    assert (r["outcome"], r["queue"]) == ("partial", "accounts")
    assert r["intents"][1]["queue"] == "accounts"


def test_an_attempt_the_answer_suggested_is_not_answered_with_it_again(policy, kb, customers):
    """"yes I restarted the router already" after the outage steps was answered with them again (0.74)."""
    tried, other = "yes I restarted the router already", "I restarted the router already, my camera is offline"
    b = make(policy, kb, customers, engine=FakeEngine({**SCRIPT, tried: Scripted("technical", "factory-reset", 0.9),
                                                       other: Scripted("technical", "camera-offline", 0.9)}))
    r = after_the_reset_answer(b, "c1", tried)
    assert (r["outcome"], r["reasons"], r["queue"]) == ("handoff", ["off_rails"], "technical")
    assert after_the_reset_answer(b, "c2", other)["outcome"] == "answer"  # another article: a new matter


def test_asking_to_be_escalated_hands_the_turn_to_a_person(policy, kb, customers):
    """The policy's phrases do not hold "escalate"; the answer the message also asks for waits for them."""
    b = make(policy, kb, customers)
    b.send("c1", "c-1001", "where is my package")
    r = b.send("c1", "c-1001", "please escalate this")
    assert r["outcome"] == "handoff" and r["reasons"] == ["user_request"]


def test_asking_for_a_person_after_an_answer_routes_on_what_was_answered(policy, kb, customers):
    """Read as a question, "get me a real person" lands on whatever the KB has most articles about
    (the demo's account articles, 0.41); it names no topic, so the conversation's decides."""
    ask = "get me a real person"
    b = make(policy, kb, customers, engine=FakeEngine({**SCRIPT, ask: Scripted("account", "share-access", 0.41)}))
    b.send("c1", "c-1001", "how do I reset my hub")
    r = b.send("c1", "c-1001", ask)
    assert r["reasons"] == ["user_request"] and r["queue"] == "technical"


def test_a_greeting_then_what_the_customer_already_tried_is_answered(policy, kb, customers):
    tried = "I already reset my hub, it still drops offline"
    b = make(policy, kb, customers, engine=FakeEngine({**SCRIPT, tried: Scripted("technical", "factory-reset", 0.9)}))
    assert b.send("c1", "c-1001", "hi")["intents"] == []
    r = b.send("c1", "c-1001", tried)
    assert r["outcome"] == "answer" and r["reasons"] == []


def test_social_message_gets_a_reply_without_intents(policy, kb, customers):
    r = make(policy, kb, customers).send("c1", "c-1001", "thanks!")
    assert r["outcome"] == "answer" and r["intents"] == [] and r["reply"]


def test_a_second_process_continues_the_conversation(policy, kb, customers, tmp_path: Path):
    db = tmp_path / "baton.db"
    first = make(policy, kb, customers, saver=sqlite_checkpointer(db))
    first.send("conv-9", "c-1001", "I want a refund")
    del first
    second = make(policy, kb, customers, saver=sqlite_checkpointer(db))
    assert second.state("conv-9")["owner"] == "human"
    r = second.send("conv-9", "c-1001", "are you there?")
    assert r["forwarded_to_agent"] and r["turn"] == 2


def test_brief_text_stays_within_the_token_budget(policy, kb, customers):
    from baton.tokens import count_tokens

    tight = policy.model_copy(update={"brief_token_budget": 60})
    b = Baton(tight, kb, customers, FakeEngine(SCRIPT), InMemorySaver())
    for text in (SHIPPED, "where is my package", "how do I reset my hub"):
        assert b.send("c1", "c-1001", text)["outcome"] == "answer"
    r = b.send("c1", "c-1001", "I want a refund")
    assert len(r["brief"]["answered"]) == 3
    assert count_tokens(r["brief"]["text"]) <= 60 and r["brief"]["text"].startswith("HANDOFF")


def test_an_email_reply_is_read_without_the_answer_it_quotes(policy, kb, customers):
    """The quote holds our earlier answer and "talk to a human agent": neither reaches the engine
    (the fake fails loudly on unscripted text) or the user-request check; the transcript keeps all."""
    message = ("where is my package\n\n> On Mon, 30 Nov 2026, Support <help@shop.example> wrote:\n"
               "> Orders ship the same day. Reply here to talk to a human agent.")
    b = make(policy, kb, customers)
    r = b.send("c1", "c-1001", message)
    assert r["outcome"] == "answer" and r["reasons"] == []
    assert [i["text"] for i in r["intents"]] == ["where is my package"]
    assert b.state("c1")["messages"][0].content == message


def test_an_email_signature_is_not_read_as_a_question(policy, kb, customers):
    """The disclaimer under a signature would be a second intent: the fake fails loudly on it."""
    message = ("where is my package\n\nKind regards,\nAna Souza\nAcme Corp | +1 555 0100\n"
               "This email and any attachments are confidential and intended solely for the addressee.")
    b = make(policy, kb, customers)
    r = b.send("c1", "c-1001", message)
    assert r["outcome"] == "answer" and [i["text"] for i in r["intents"]] == ["where is my package"]
    assert b.state("c1")["messages"][0].content == message
