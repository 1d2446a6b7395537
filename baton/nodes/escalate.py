"""Escalation: a human takes over. Owner becomes `human`, a handoff record is opened (bypass
first in priority) and the customer is told, in one reply, what was answered and who takes the rest.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from langchain_core.messages import AIMessage
from langgraph.runtime import Runtime

from baton.graph.context import Deps
from baton.graph.result import turn_result
from baton.graph.state import answer_texts, first_failure, BatonState, Decision, Draft, with_answered

PRIORITY = {"bypass": 0, "user_request": 1, "failure": 1, "off_rails": 1, "skill": 2, "low_confidence": 2}


def team(queue: str | None) -> str:
    return f"our {queue.replace('_', ' ').replace('-', ' ')} team" if queue else "our support team"


def handoff_reply(decision: Decision, drafts: list[Draft], customer: dict[str, Any]) -> str:
    """One message: the answers the AI could give, then who takes the rest."""
    answered = answer_texts(drafts)
    handed = [d for d in drafts if d["status"] == "handed_off"]
    who = team(decision["queue"])
    reasons = set(decision["reasons"])
    if "bypass" in reasons:
        name = (customer.get("name") or "").split(" ")[0]
        handover = (f"Thanks{', ' + name if name else ''} - I'm connecting you directly with {who}. "
                    "A specialist will reply here shortly.")
    elif "user_request" in reasons:
        handover = f"Of course - I'm passing you to {who}. A person will reply here shortly."
    elif "failure" in reasons:
        handover = (f"Sorry, something went wrong on my side. I've passed your message to {who}, "
                    "and a person will reply here shortly.")
    elif handed and answered:
        topics = " and ".join(f"\"{d['text']}\"" for d in handed)
        handover = f"I've passed your question about {topics} to {who}; they'll reply here shortly."
    else:
        handover = (f"I'm handing this to {who} so you get the right answer - they'll reply here "
                    "shortly and can see everything you've told me, so you won't need to repeat it.")
    return "\n\n".join(answered + [handover])


def escalate(state: BatonState, runtime: Runtime[Deps]) -> dict[str, Any]:
    decision = state["decision"]
    drafts = [] if first_failure(state) else state.get("drafts", [])
    text = handoff_reply(decision, drafts, state.get("customer", {}))
    handoff = {
        "conversation_id": state.get("conversation_id"),
        "queue": decision["queue"],
        "reasons": list(decision["reasons"]),
        "priority": min(PRIORITY.get(r, 2) for r in decision["reasons"]) if decision["reasons"] else 2,
        "status": "open",
        "created_at": datetime.now(timezone.utc).isoformat(),
        "turn": state.get("turn"),
    }
    history = with_answered(state, drafts)
    return {
        "owner": "human",
        "handoff": handoff,
        "messages": [AIMessage(content=text)],
        "answered_history": history,
        "ai_turns_since_resolution": 0,
        "result": turn_result(state, decision, reply=text, drafts=drafts, brief=state.get("brief"),
                              extra={"handoff": handoff}),
    }
