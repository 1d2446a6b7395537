"""The turn result of DESIGN.md: one JSON object per turn, however the turn was run."""

from __future__ import annotations

from typing import Any

from baton.graph.state import first_failure, BatonState, Decision, Draft


def placed_tag(d: Draft) -> str | None:
    """The intent's skill tag, or None when it is only the engine's guess for a question it
    could not place (`tag_sure` false) and was handed off; the guess stays in `candidate_tag`."""
    return d["tag"] if d.get("tag_sure", True) or d["status"] == "answered" else None


def intent_view(d: Draft) -> dict[str, Any]:
    return {"text": d["text"], "tag": placed_tag(d), "candidate_tag": d["tag"],
            "article": d["article"] if d["status"] == "answered" or d.get("reason") == "skill" else None,
            "candidate_article": d["article"], "confidence": d["confidence"], "status": d["status"],
            "reason": d.get("reason"), "queue": d.get("queue")}


def reply_confidence(drafts: list[Draft]) -> float | None:
    """The minimum confidence over the intents the AI answered or tried to."""
    scored = [d["confidence"] for d in drafts if d["confidence"] is not None]
    return min(scored) if scored else None


def turn_result(state: BatonState, decision: Decision, reply: str | None,
                drafts: list[Draft] | None = None, brief: dict[str, Any] | None = None,
                extra: dict[str, Any] | None = None) -> dict[str, Any]:
    drafts = drafts if drafts is not None else state.get("drafts", [])
    result: dict[str, Any] = {
        "conversation_id": state.get("conversation_id"),
        "turn": state.get("turn"),
        "outcome": decision["outcome"],
        "reply": reply,
        "reasons": list(decision["reasons"]),
        "queue": decision["queue"],
        "confidence": reply_confidence(drafts),
        "intents": [intent_view(d) for d in drafts],
        "brief": brief,
        "owner": "human" if decision["outcome"] in ("handoff", "partial") else (state.get("owner") or "ai"),
        "explanation": list(decision.get("explanation", [])),
    }
    if state.get("bypass"):
        result["bypass"] = list(state["bypass"])
    if first_failure(state):
        result["failure"] = dict(first_failure(state) or {})
    if extra:
        result.update(extra)
    return result
