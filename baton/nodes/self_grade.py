"""Self-grade: each draft gets the calibrated probability that it answers its intent."""

from __future__ import annotations

from typing import Any

from langgraph.runtime import Runtime

from baton.graph.context import Deps
from baton.graph.state import BatonState


def self_grade(state: BatonState, runtime: Runtime[Deps]) -> dict[str, Any]:
    intents = {i["index"]: i for i in state.get("intents", [])}
    graded = []
    for draft in state.get("drafts", []):
        confidence = runtime.context.engine.grade(intents[draft["index"]], draft, meter=runtime.context.meter)
        graded.append({**draft, "confidence": round(confidence, 4)})
    return {"drafts": graded}
