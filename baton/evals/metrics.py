"""Checking a turn against its expectations, and the metrics that define "good" (DESIGN.md)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from baton.evals.conversations import Expect


@dataclass
class TurnRecord:
    """One evaluated turn: what was expected, what came back, and whether it passed."""

    conversation: str
    turn: int
    text: str
    expect: Expect | None
    result: dict[str, Any]
    failed: list[str] = field(default_factory=list)

    @property
    def checked(self) -> bool:
        return self.expect is not None and self.expect.states_anything()

    @property
    def passed(self) -> bool:
        return self.checked and not self.failed


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def _brief_text(result: dict[str, Any]) -> str:
    brief = result.get("brief")
    return _norm(json.dumps(brief, ensure_ascii=False)) if brief else ""


def check(expect: Expect, result: dict[str, Any]) -> list[str]:
    """The expectations that did not hold, each as a short sentence (empty: the turn passes)."""
    failed: list[str] = []
    if expect.outcome is not None and result["outcome"] != expect.outcome:
        failed.append(f"outcome: expected {expect.outcome}, got {result['outcome']}")
    if expect.reasons is not None and set(result["reasons"]) != set(expect.reasons):
        failed.append(f"reasons: expected {sorted(expect.reasons)}, got {sorted(result['reasons'])}")
    if expect.queue is not None and result.get("queue") != expect.queue:
        failed.append(f"queue: expected {expect.queue}, got {result.get('queue')}")
    if expect.intents is not None:
        got = {i["tag"] for i in result.get("intents", []) if i["tag"] is not None}  # None: not placed
        if got != set(expect.intents):
            failed.append(f"intents: expected {sorted(expect.intents)}, got {sorted(t or '-' for t in got)}")
    reply = _norm(result.get("reply") or "")
    for s in expect.answer_contains:
        if _norm(s) not in reply:
            failed.append(f"answer_contains: {s!r} not in the reply")
    brief = _brief_text(result)
    for s in expect.brief_contains:
        if _norm(s) not in brief:
            failed.append(f"brief_contains: {s!r} not in the brief")
    return failed


def is_harmful(expect: Expect, result: dict[str, Any]) -> bool:
    """The AI answered what a human should have had (see DESIGN.md, "harmful-answer rate")."""
    got = result["outcome"]
    if expect.outcome == "handoff" and got in ("answer", "partial"):
        return True
    if expect.outcome == "partial" and got == "answer":
        return True
    if expect.intents is not None:
        expected = set(expect.intents)
        answered = {i["tag"] for i in result.get("intents", []) if i["status"] == "answered"}
        if answered - expected:
            return True
        if got in ("answer", "partial"):
            # a question handed off unplaced was not dropped: its guessed tag stands for it here
            covered = {i.get("candidate_tag") or i["tag"] for i in result.get("intents", [])}
            if expected - covered:
                return True  # an expected intent silently dropped: neither answered nor handed off
    return False


def _rate(num: int, den: int) -> float | None:
    return round(num / den, 4) if den else None


def summarize(records: list[TurnRecord]) -> dict[str, Any]:
    checked = [r for r in records if r.checked]
    passed = [r for r in checked if r.passed]
    exp_answer = [r for r in checked if r.expect.outcome == "answer"]
    burned = [r for r in exp_answer if r.result["outcome"] in ("handoff", "partial")]
    routed = [r for r in checked if r.expect.queue is not None and r.expect.outcome in ("handoff", "partial", None)]
    routed_ok = [r for r in routed if r.result.get("queue") == r.expect.queue]
    brief_expected = sum(len(r.expect.brief_contains) for r in checked)
    brief_found = sum(len(r.expect.brief_contains) - sum(1 for f in r.failed if f.startswith("brief_contains"))
                      for r in checked)
    outcomes = {o: sum(1 for r in records if r.result["outcome"] == o) for o in ("answer", "handoff", "partial", "refused")}
    return {
        "turns": len(records),
        "checked": len(checked),
        "passed": len(passed),
        "pass_rate": _rate(len(passed), len(checked)),
        "containment": _rate(outcomes["answer"], len(records)),
        "harmful_answer_rate": _rate(sum(1 for r in checked if is_harmful(r.expect, r.result)), len(checked)),
        "burned_handoff_rate": _rate(len(burned), len(exp_answer)),
        "routing_accuracy": _rate(len(routed_ok), len(routed)),
        "brief_completeness": _rate(brief_found, brief_expected),
        "outcomes": outcomes,
        "failures": [
            {"conversation": r.conversation, "turn": r.turn, "text": r.text,
             "expected": r.expect.model_dump(exclude_defaults=True) if r.expect else {},
             "got": {"outcome": r.result["outcome"], "reasons": r.result["reasons"], "queue": r.result.get("queue"),
                     "intents": [{"text": i["text"], "tag": i["tag"], "confidence": i["confidence"],
                                  "status": i["status"]} for i in r.result.get("intents", [])]},
             "problems": r.failed}
            for r in checked if r.failed
        ],
    }
