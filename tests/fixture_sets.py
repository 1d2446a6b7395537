"""Running a recorded-conversation set of tests/fixtures against its own KB, customers and policy."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from baton.evals.conversations import load_conversations
from baton.evals.metrics import summarize
from baton.evals.runner import run_all
from baton.service import Baton

FIXTURES = Path(__file__).parent / "fixtures"


def load_fixture(name: str, customers: str = "customers.csv") -> Baton:
    """Baton over tests/fixtures/NAME's own KB, customers and policy."""
    root = FIXTURES / name
    return Baton.load(root / "kb", root / customers, root / "policy.toml")


def run_fixture(name: str, today: date, customers: str = "customers.csv") -> dict:
    """The metrics of tests/fixtures/NAME's conversations against its own KB, customers and policy.
    Renewal windows move with the calendar: a set is judged as of the day it was written."""
    conversations = load_conversations([FIXTURES / name / "conversations.yaml"])
    m = summarize(run_all(load_fixture(name, customers), conversations, today=today))
    # how many turns name the queue they must reach: the routing figure's denominator
    m["routed"] = sum(1 for c in conversations for t in c.turns
                      if t.expect and t.expect.queue is not None and t.expect.outcome in ("handoff", "partial", None))
    return m


def assert_holds(m: dict, *, turns: int, passed: int, harmful: int = 0, routing: float) -> None:
    """A set's metrics `m` still hold what it passed when last measured: every one of its `turns`
    checked, at least `passed` less one passing (one turn of slack for other CPUs), at most `harmful`
    harmful answers, and routing at least `routing` less one routed turn (`m["routed"]`, when
    known): the same slack, as a routed turn near its topic's bar falls either way on another CPU
    (dental: 4 of 7 on the machine of 2026-12-07, 3 of 7 on that of 2026-12-08, same code)."""
    assert m["checked"] >= turns
    assert round(m["pass_rate"] * m["checked"]) >= passed - 1, m["failures"]
    assert round(m["harmful_answer_rate"] * m["checked"]) <= harmful, m["failures"]
    slack = 1 / m["routed"] if m.get("routed") else 0.0
    assert m["routing_accuracy"] >= routing - slack - 1e-9, m["failures"]
