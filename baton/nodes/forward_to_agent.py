"""Forward to agent: a human owns the conversation, so the AI stays silent."""

from __future__ import annotations

from typing import Any

from langgraph.runtime import Runtime

from baton.graph.context import Deps
from baton.graph.result import turn_result
from baton.graph.state import BatonState


def forward_to_agent(state: BatonState, runtime: Runtime[Deps]) -> dict[str, Any]:
    handoff = state.get("handoff") or {}
    decision = {"outcome": "handoff", "reasons": list(handoff.get("reasons", [])),
                "queue": handoff.get("queue"), "explanation": ["a human owns this conversation"]}
    return {"decision": decision,
            "result": turn_result(state, decision, reply=None, extra={"forwarded_to_agent": True})}
