"""Intent split: decompose the message into requests, each with its span, tag and best articles."""

from __future__ import annotations

from typing import Any

from langgraph.runtime import Runtime

from baton.graph.context import Deps
from baton.graph.state import BatonState


def intent_split(state: BatonState, runtime: Runtime[Deps]) -> dict[str, Any]:
    return {"intents": runtime.context.engine.split(state.get("message") or "", meter=runtime.context.meter)}
