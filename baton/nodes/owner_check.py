"""Owner check: record the customer's message; a human-owned conversation bypasses the AI.

The transcript keeps the message as sent; the steps after this one read only what the customer
wrote for this turn (`text.written_part`: an e-mail reply's quote of our earlier answer is not a
new question)."""

from __future__ import annotations

from typing import Any

from langchain_core.messages import HumanMessage
from langgraph.runtime import Runtime

from baton.engine.text import written_part
from baton.graph.context import Deps
from baton.graph.state import BatonState


def owner_check(state: BatonState, runtime: Runtime[Deps]) -> dict[str, Any]:
    update: dict[str, Any] = {"owner": state.get("owner") or "ai", "turn": state.get("turn", 0) + 1}
    text = state.get("message") or ""
    if text.strip():
        update["messages"] = [HumanMessage(content=text)]
        if (written := written_part(text)) != text:
            update["message"] = written
    return update
