"""The typed state of one conversation, as the graph reads and writes it (DESIGN.md, "The graph").

Per-turn fields (`message`, `action`, `intents`, `drafts`, `decision`, `brief`, `result`,
`failures`) are reset by `new_turn()`; the rest persists across turns in the checkpointer.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, NamedTuple, NotRequired, TypedDict

from langchain_core.messages import AnyMessage
from langgraph.graph.message import add_messages

Owner = Literal["ai", "human"]
Outcome = Literal["answer", "handoff", "partial", "refused"]
Reason = Literal["bypass", "skill", "low_confidence", "user_request", "off_rails", "failure"]
REASONS: tuple[str, ...] = ("bypass", "skill", "low_confidence", "user_request", "off_rails", "failure")


class Hit(TypedDict):
    article: str
    title: str
    tag: str
    score: float


class Intent(TypedDict):
    """One request found in this turn's message."""

    index: int
    text: str
    start: int
    end: int
    tag: str | None
    hits: list[Hit]
    features: list[float]
    # False: `tag` is only the engine's best guess at the topic (a question it cannot place), so
    # a tag the AI may not close does not by itself make a skill handoff. Absent means sure.
    tag_sure: NotRequired[bool]
    # How likely the engine finds that topic (0-1); an unsure one likely enough still picks the queue.
    topic_confidence: NotRequired[float]


class PreviousAnswer(NamedTuple):
    """The one question the AI answered in the turn before, and the article it answered from: what
    a follow-up such as "and on saturdays?" carries on from."""

    text: str
    article: str


class Draft(TypedDict):
    """The AI's answer to one intent, before and after self-grading."""

    index: int
    text: str
    tag: str | None
    article: str | None
    answer: str
    confidence: float | None
    status: Literal["drafted", "answered", "handed_off"]
    reason: str | None
    queue: str | None
    tag_sure: NotRequired[bool]  # as on Intent
    topic_confidence: NotRequired[float]  # as on Intent


class Decision(TypedDict):
    outcome: Outcome
    reasons: list[str]
    queue: str | None
    explanation: list[str]


class Failure(TypedDict):
    node: str
    error: str


RESET: dict[str, Any] = {"__reset__": True}


def drafts_reducer(current: list[Draft] | None, update: list[Draft] | dict | None) -> list[Draft]:
    """Fan-in for the per-intent `answer` branches: append, ordered by intent index.

    `new_turn()` sends RESET so the drafts of the previous turn never leak into this one;
    `self_grade` sends the full graded list, which replaces the drafts with the same indices.
    """
    if update is None or update == RESET:
        return []
    merged = {d["index"]: d for d in (current or [])}
    merged.update({d["index"]: d for d in update})
    return [merged[i] for i in sorted(merged)]


def failures_reducer(current: list[Failure] | None, update: list[Failure] | dict | None) -> list[Failure]:
    """Failures of this turn (parallel branches may each add one); RESET clears them."""
    if update is None or update == RESET:
        return []
    return list(current or []) + list(update)


def with_answered(state: "BatonState", drafts: list[Draft]) -> list[dict[str, Any]]:
    """The conversation's answered history plus this turn's answered drafts (for the brief, and
    for where an off-the-rails complaint about an answer should go)."""
    return list(state.get("answered_history", [])) + [
        {"turn": state.get("turn"), "text": d["text"], "article": d["article"], "tag": d["tag"],
         "confidence": d["confidence"]} for d in drafts if d["status"] == "answered"]


def previous_answer(state: "BatonState") -> PreviousAnswer | None:
    """The question the AI answered in the turn right before this one, when it answered exactly one."""
    last = [a for a in state.get("answered_history", []) if a.get("turn") == state.get("turn", 0) - 1]
    return PreviousAnswer(last[0]["text"], last[0]["article"]) if len(last) == 1 and last[0].get("article") else None


def answer_texts(drafts: list[Draft]) -> list[str]:
    """This turn's answers, in order, each written once: two questions answered by one article
    get its answer once."""
    return list(dict.fromkeys(d["answer"] for d in drafts if d["status"] == "answered"))


def first_failure(state: "BatonState") -> Failure | None:
    failures = state.get("failures") or []
    return failures[0] if failures else None


class BatonState(TypedDict, total=False):
    # conversation-long
    conversation_id: str
    messages: Annotated[list[AnyMessage], add_messages]
    customer: dict[str, Any]
    owner: Owner
    handoff: dict[str, Any] | None
    questions_asked: int
    ai_turns_since_resolution: int
    answered_history: list[dict[str, Any]]
    history_start: int  # transcript index where off-rails checks start (moves when a human hands back)
    turn: int
    # this turn
    message: str
    action: str | None
    bypass: list[str]
    user_request: bool
    intents: list[Intent]
    drafts: Annotated[list[Draft], drafts_reducer]
    off_rails: list[str]
    decision: Decision | None
    brief: dict[str, Any] | None
    result: dict[str, Any] | None
    failures: Annotated[list[Failure], failures_reducer]


def transcript_lines(messages: list[AnyMessage]) -> list[str]:
    """The transcript as "customer: ...", "ai: ..." or "agent: ..." lines (context for engines)."""
    return [f"{'customer' if m.type == 'human' else (m.name or 'ai')}: {m.content}" for m in messages]


def new_turn(message: str = "", action: str | None = None, customer: dict[str, Any] | None = None,
             conversation_id: str | None = None) -> dict[str, Any]:
    """The graph input for one customer turn: the message (or action) and reset per-turn fields."""
    update: dict[str, Any] = {
        "message": message, "action": action, "bypass": [], "user_request": False, "intents": [],
        "drafts": RESET, "off_rails": [], "decision": None, "brief": None, "result": None,
        "failures": RESET,
    }
    if customer is not None:
        update["customer"] = customer
    if conversation_id is not None:
        update["conversation_id"] = conversation_id
    return update
