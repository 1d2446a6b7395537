from pathlib import Path

from baton.evals.conversations import Expect, load_conversations
from baton.evals.metrics import TurnRecord, check, is_harmful, summarize


def result(outcome, reasons=(), queue=None, intents=(), reply="", brief=None):
    return {"outcome": outcome, "reasons": list(reasons), "queue": queue, "reply": reply, "brief": brief,
            "intents": [{"text": t, "tag": t, "status": s, "confidence": 0.5} for t, s in intents]}


def test_check_compares_each_expectation():
    e = Expect(outcome="partial", reasons=["low_confidence"], queue="technical", intents=["orders", "technical"],
               answer_contains=["2 PM"], brief_contains=["Model A"])
    ok = result("partial", ["low_confidence"], "technical", [("orders", "answered"), ("technical", "handed_off")],
                reply="ships before 2 pm", brief={"stuck_on": "does it work with a model a"})
    assert check(e, ok) == []
    bad = result("answer", [], None, [("orders", "answered")], reply="no")
    problems = check(e, bad)
    assert len(problems) == 6


def test_harmful_answers():
    assert is_harmful(Expect(outcome="handoff"), result("answer"))
    assert is_harmful(Expect(outcome="handoff"), result("partial"))
    assert is_harmful(Expect(outcome="partial"), result("answer"))
    assert not is_harmful(Expect(outcome="answer"), result("handoff"))  # burned, not harmful
    assert is_harmful(Expect(outcome="answer", intents=["orders"]), result("answer", intents=[("billing", "answered")]))
    # an expected intent silently dropped: neither answered nor handed off
    assert is_harmful(Expect(outcome="partial", intents=["orders", "technical"]),
                      result("partial", intents=[("orders", "answered")]))


def test_a_question_handed_off_unplaced_names_no_tag_but_is_not_dropped():
    from baton.graph.result import intent_view

    drafts = [{"text": "how do I reset my password", "tag": "account", "article": "reset-password", "confidence": 0.96,
               "status": "answered", "reason": None, "queue": None, "tag_sure": True},
              {"text": "do you have a store in berlin?", "tag": "technical", "article": "pairing", "confidence": 0.29,
               "status": "handed_off", "reason": "low_confidence", "queue": "general", "tag_sure": False}]
    views = [intent_view(d) for d in drafts]
    assert [(v["tag"], v["candidate_tag"]) for v in views] == [("account", "account"), (None, "technical")]
    turn = {"outcome": "partial", "reasons": ["low_confidence"], "queue": "general", "reply": "", "brief": None,
            "intents": views}
    assert check(Expect(intents=["account"]), turn) == []  # the guess is not a tag the engine found
    # were "technical" expected, the unplaced question still stands for it: handed off, not dropped
    assert not is_harmful(Expect(outcome="partial", intents=["account", "technical"]), turn)


def test_summary_metrics():
    recs = [
        TurnRecord("a", 1, "x", Expect(outcome="answer"), result("answer")),
        TurnRecord("b", 1, "x", Expect(outcome="answer"), result("handoff", ["low_confidence"], "q")),
        TurnRecord("c", 1, "x", Expect(outcome="handoff", queue="billing"), result("handoff", ["skill"], "billing")),
        TurnRecord("d", 1, "x", Expect(outcome="handoff", queue="billing"), result("answer")),
        TurnRecord("e", 1, "x", None, result("answer")),
    ]
    for r in recs:
        r.failed = check(r.expect, r.result) if r.expect else []
    m = summarize(recs)
    assert (m["turns"], m["checked"], m["passed"]) == (5, 4, 2)
    assert m["containment"] == 0.6 and m["harmful_answer_rate"] == 0.25
    assert m["burned_handoff_rate"] == 0.5 and m["routing_accuracy"] == 0.5
    assert {f["conversation"] for f in m["failures"]} == {"b", "d"}


def test_a_folder_of_conversations_gives_its_yaml_files_without_hidden_ones(tmp_path: Path):
    (tmp_path / "a.yaml").write_text("id: a\ncustomer: c-1\nturns:\n  - user: hi\n")
    (tmp_path / "b.YML").write_text("- id: b\n  customer: c-1\n  turns:\n    - user: hello\n")
    (tmp_path / "._a.yaml").write_bytes(b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X")  # a Mac zip's copy
    (tmp_path / "notes.txt").write_text("not a conversation")
    assert [c.id for c in load_conversations([tmp_path])] == ["a", "b"]


def test_expectations_no_run_can_meet_under_the_policy_are_named(tmp_path: Path):
    from baton.evals.conversations import unreachable_expectations
    from baton.policy import parse_policy

    f = tmp_path / "c.yaml"
    f.write_text("id: t1\ncustomer: c-1\nturns:\n  - user: where is my order?\n"
                 "    expect: {outcome: answer, intents: [order, billing], queue: fulfillment}\n"
                 "  - user: thanks\n    expect: {outcome: answer, intents: [], queue: general}\n")
    skills = {"orders": {"queue": "fulfilment"}, "billing": {"queue": "billing", "ai_closable": False}}
    policy = parse_policy({"skills": skills})
    assert policy.queues == {"general", "fulfilment", "billing"}
    [tag, queue] = unreachable_expectations(load_conversations([f]), policy.tags, policy.queues)
    assert tag.startswith(f"{f}: conversation t1, turn 1, key 'expect.intents': tag(s) 'order' not in")
    assert queue.startswith(f"{f}: conversation t1, turn 1, key 'expect.queue': no handoff goes to 'fulfillment'")
    # with one queue for everything, only the default queue can be reached
    single = parse_policy({"skills": skills, "routing": "single_queue"})
    assert single.queues == {"general"}
    assert len(unreachable_expectations(load_conversations([f]), single.tags, single.queues)) == 2
