"""Routers: small pure functions from the state to the next step (no model, no I/O)."""

from __future__ import annotations

from typing import Literal

from langgraph.types import Send

from baton.graph.state import BatonState, first_failure, transcript_lines


def after_owner_check(state: BatonState) -> Literal["forward_to_agent", "user_request"]:
    return "forward_to_agent" if state.get("owner") == "human" else "user_request"


def after_user_request(state: BatonState) -> Literal["summarize", "tier_check", "__end__"]:
    if first_failure(state) or state.get("user_request"):
        return "summarize"
    if state.get("result"):  # the button was refused: nothing more happens this turn
        return "__end__"
    return "tier_check"


def after_tier_check(state: BatonState) -> Literal["summarize", "intent_split"]:
    return "summarize" if first_failure(state) or state.get("bypass") else "intent_split"


def fan_out(state: BatonState) -> list[Send] | Literal["summarize", "decide"]:
    """One `answer` branch per intent; a message with nothing to answer goes straight to decide."""
    if first_failure(state):
        return "summarize"
    intents = state.get("intents", [])
    if not intents:
        return "decide"
    earlier = transcript_lines(state.get("messages", [])[:-1])
    return [Send("answer", {"intent": intent, "transcript": earlier}) for intent in intents]


def after_decide(state: BatonState) -> Literal["reply", "summarize"]:
    if first_failure(state):
        return "summarize"
    decision = state.get("decision")
    return "reply" if decision and decision["outcome"] == "answer" else "summarize"
