"""Answer: one branch per intent (LangGraph Send), drafting a reply from its best article."""

from __future__ import annotations

from typing import Any, TypedDict

from langgraph.runtime import Runtime

from baton.graph.context import Deps
from baton.graph.state import Intent


class AnswerInput(TypedDict):
    intent: Intent
    transcript: list[str]  # earlier turns as "role: text", for engines that use context


def answer(payload: AnswerInput, runtime: Runtime[Deps]) -> dict[str, Any]:
    draft = runtime.context.engine.answer(payload["intent"], meter=runtime.context.meter,
                                          transcript=payload.get("transcript", []))
    return {"drafts": [draft]}
