"""Helpers for stepping through a turn node by node (the notebooks import these; no logic lives
in the notebooks themselves)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator

from langgraph.checkpoint.memory import InMemorySaver

from baton.graph.state import new_turn
from baton.policy import against
from baton.service import Baton


@dataclass(frozen=True)
class Step:
    node: str
    update: dict[str, Any]

    def describe(self, threshold: float) -> str:
        """What this node added to the state, in a few readable lines."""
        u = self.update or {}
        lines = [f"[{self.node}]"]
        for intent in u.get("intents", []):
            lines.append(f"  intent {intent['index']}: {intent['text']!r} span {intent['start']}-{intent['end']} "
                         f"tag {intent['tag']}")
            for hit in intent["hits"]:
                lines.append(f"      article {hit['article']:<24} score {hit['score']:.3f}")
        for d in u.get("drafts", []):
            conf = d["confidence"]
            if conf is None:
                lines.append(f"  draft {d['index']}: from {d['article']}")
            else:
                lines.append(f"  intent {d['index']}: confidence {against(conf, threshold, 'threshold ')}"
                             f" -> {d['status']}{' (' + d['reason'] + ')' if d.get('reason') else ''}")
        if u.get("decision"):
            dec = u["decision"]
            lines.append(f"  decision: {dec['outcome']} reasons={dec['reasons']} queue={dec['queue']}")
        if u.get("bypass"):
            lines.append(f"  bypass: {u['bypass']}")
        if "user_request" in u:
            lines.append(f"  user_request: {u['user_request']}")
        if u.get("brief"):
            lines.append("  brief:\n    " + u["brief"]["text"].replace("\n", "\n    "))
        if u.get("owner") and self.node == "escalate":
            lines.append(f"  owner -> {u['owner']}, handoff queue {u['handoff']['queue']}")
        return "\n".join(lines)


def step_through(baton: Baton, conversation_id: str, customer: str, text: str) -> Iterator[Step]:
    """Run one turn, yielding each node's state update as it finishes (stream_mode="updates").

    The parallel `answer` branches finish in any order; they are yielded by intent index so that
    the same message always reads the same."""
    record = baton.customer_record(customer)
    config = {"configurable": {"thread_id": conversation_id}}
    branches: list[Step] = []
    for chunk in baton.graph.stream(new_turn(text, customer=record, conversation_id=conversation_id), config,
                                    context=baton.deps(), stream_mode="updates"):
        for node, update in chunk.items():
            step = Step(node, update or {})
            if node == "answer":
                branches.append(step)
                continue
            yield from sorted(branches, key=lambda s: s.update["drafts"][0]["index"])
            branches = []
            yield step


def with_threshold(baton: Baton, threshold: float) -> Baton:
    """The same deployment with another confidence threshold (a fresh in-memory checkpointer)."""
    return Baton(baton.policy.with_threshold(threshold), baton.kb, baton.customers, baton.engine,
                 InMemorySaver(), baton.today)


def history(baton: Baton, conversation_id: str) -> list[dict[str, Any]]:
    """The checkpointer's state history, oldest first: which step ran and what came next."""
    snapshots = list(baton.graph.get_state_history({"configurable": {"thread_id": conversation_id}}))
    out = []
    for snap in reversed(snapshots):
        out.append({"step": snap.metadata.get("step"), "wrote": list((snap.metadata.get("writes") or {}).keys()),
                    "next": list(snap.next), "checkpoint_id": snap.config["configurable"]["checkpoint_id"],
                    "config": snap.config, "values": snap.values})
    return out
