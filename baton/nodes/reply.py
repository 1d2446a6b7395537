"""Reply: the AI closed every intent; send the answers and keep the conversation with the AI."""

from __future__ import annotations

from typing import Any, Sequence

from langchain_core.messages import AIMessage, AnyMessage
from langgraph.runtime import Runtime

from baton.engine.kinds import ABOUT_THE_ASSISTANT, FAREWELL, GRATITUDE, signs_off
from baton.engine.splitter import says_resolved
from baton.graph.context import Deps
from baton.graph.result import turn_result
from baton.graph.state import BatonState, answer_texts, with_answered

NOTHING_TO_ANSWER = "Glad to help! Is there anything else I can do for you?"
OPENING = "Hi! What can I help you with today?"  # a greeting before anything was asked
DISCLOSURE = ("I'm an AI assistant: I answer from our help articles, and I'll bring in a person from our team "
              "whenever you ask or whenever I can't sort something out. What can I help you with?")
GOODBYE = "Thanks for getting in touch - have a great day!"  # "bye", "no, that's all"
# replies that ask the customer nothing about their case (the brief does not list them as asked)
PLEASANTRIES = frozenset({OPENING, NOTHING_TO_ANSWER, DISCLOSURE, GOODBYE})


def answered_before(messages: Sequence[AnyMessage]) -> bool:
    """The AI (or an agent) has said something about the case: a message that is no pleasantry."""
    return any(isinstance(m, AIMessage) and m.content not in PLEASANTRIES for m in messages)


def reply(state: BatonState, runtime: Runtime[Deps]) -> dict[str, Any]:
    drafts = state.get("drafts", [])
    answered = [d for d in drafts if d["status"] == "answered"]
    message = state.get("message") or ""
    leaving = FAREWELL.match(message) is not None
    # someone who says goodbye, or only thanks us, is done with the matter
    resolved = says_resolved(message) or leaving or signs_off(message)
    # "Glad to help!" once something was answered or the customer thanks us: a second "hello?"
    # before any answer is greeted again
    helped = answered_before(state.get("messages", []))
    thanked = resolved or GRATITUDE.search(message) is not None
    text = "\n\n".join(answer_texts(drafts)) or (
        DISCLOSURE if ABOUT_THE_ASSISTANT.match(message) else GOODBYE if leaving
        else NOTHING_TO_ANSWER if helped or thanked else OPENING)
    history = with_answered(state, drafts)
    return {
        "messages": [AIMessage(content=text)],
        "answered_history": history,
        "ai_turns_since_resolution": (0 if resolved else state.get("ai_turns_since_resolution", 0)) + (1 if answered else 0),
        "result": turn_result(state, state["decision"], reply=text),
    }
