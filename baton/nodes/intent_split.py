"""Intent split: decompose the message into requests, each with its span, tag and best articles."""

from __future__ import annotations

from typing import Any

from langgraph.runtime import Runtime

from baton.engine.text import words
from baton.graph.context import Deps
from baton.graph.state import BatonState, Intent, previous_answer


def intent_split(state: BatonState, runtime: Runtime[Deps]) -> dict[str, Any]:
    engine = runtime.context.engine
    intents = engine.split(state.get("message") or "", meter=runtime.context.meter, previous=previous_answer(state))
    return {"intents": distinct(intents)}


def distinct(intents: list[Intent]) -> list[Intent]:
    """The intents without repeats: the same request typed twice ("Where is my order?? Where is my
    order??") is one request, answered or handed off once. Same words, case and punctuation aside;
    the first copy stays and the rest are renumbered."""
    seen: set[tuple[str, ...]] = set()
    kept: list[Intent] = []
    for intent in intents:
        said = tuple(words(intent["text"]))
        if said and said in seen:
            continue
        seen.add(said)
        kept.append(intent if intent["index"] == len(kept) else Intent(**{**intent, "index": len(kept)}))
    return kept
