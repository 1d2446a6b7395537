"""Answer: one branch per intent (LangGraph Send), drafting a reply from its best article."""

from __future__ import annotations

from typing import Any, TypedDict

from langgraph.runtime import Runtime

from baton.graph.context import Deps
from baton.graph.state import Intent


class AnswerInput(TypedDict):
    intent: Intent


def answer(payload: AnswerInput, runtime: Runtime[Deps]) -> dict[str, Any]:
    return {"drafts": [runtime.context.engine.answer(payload["intent"])]}
