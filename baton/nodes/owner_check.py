"""Owner check: record the customer's message; a human-owned conversation bypasses the AI."""

from __future__ import annotations

from typing import Any

from langchain_core.messages import HumanMessage
from langgraph.runtime import Runtime

from baton.graph.context import Deps
from baton.graph.state import BatonState


def owner_check(state: BatonState, runtime: Runtime[Deps]) -> dict[str, Any]:
    update: dict[str, Any] = {"owner": state.get("owner") or "ai", "turn": state.get("turn", 0) + 1}
    text = state.get("message") or ""
    if text.strip():
        update["messages"] = [HumanMessage(content=text)]
    return update
