"""Summarizer: the handoff brief, so the agent never re-interviews the customer.

The brief says who the customer is, why the AI handed off, what the AI asked, what the customer
said, the identifiers they gave in any message (order numbers, codes, links, e-mail addresses,
phone numbers: `details`), what was already answered (with article ids) and where it got stuck (the customer's
exact words and why), plus a plain-text rendering for the agent's first screen kept within the
policy's token budget (counted with tiktoken).
"""

from __future__ import annotations

import re
from typing import Any, Iterable

from langchain_core.messages import AIMessage, HumanMessage
from langgraph.runtime import Runtime

from baton.engine.text import identifiers, phone_numbers, written_part
from baton.graph.context import Deps
from baton.graph.state import BatonState, Decision, Draft, first_failure, transcript_lines, with_answered
from baton.graph.result import placed_tag
from baton.nodes.decide import failure_decision
from baton.nodes.reply import PLEASANTRIES
from baton.nodes.user_request import names_a_topic
from baton.policy import Policy
from baton.tokens import count_tokens, truncate_to_tokens

CUSTOMER_FIELDS = ("id", "name", "email", "tier", "arr", "renewal_date", "plan")
# Handoffs whose summary an engine may word; bypass, user requests and failures cost no LLM call.
PROSE_REASONS = {"low_confidence", "skill", "off_rails"}


def direct_decision(state: BatonState, policy: Policy, routed_tag: str | None) -> Decision:
    """The decision of a turn that skipped intent scoring (failure, user request or bypass)."""
    if first_failure(state):
        return failure_decision(state, policy)
    queue = policy.queue_for(routed_tag) if routed_tag else policy.default_queue
    if state.get("user_request"):
        how = "pressed the talk-to-a-human button" if state.get("action") else "asked for a human in words"
        return Decision(outcome="handoff", reasons=["user_request"], queue=queue, explanation=[f"the customer {how}"])
    return Decision(outcome="handoff", reasons=["bypass"], queue=queue,
                    explanation=[f"high-value bypass: {', '.join(state.get('bypass', []))}"])


def _stuck(drafts: list[Draft], decision: Decision, message: str, policy: Policy,
           answered: list[dict[str, Any]]) -> tuple[str, list[dict[str, Any]]]:
    handed = [d for d in drafts if d["status"] == "handed_off"]
    items = []
    for d in handed:
        if d["reason"] == "off_rails" and answered and (d["confidence"] or 0.0) < policy.confidence_threshold:
            # "I did that already and it still says invalid" names no topic: it is about the
            # AI's latest answer, not the article its words happen to score best on
            last = answered[-1]
            why = "; ".join(decision["explanation"][-1:]) or str(d["reason"])
            items.append({"text": d["text"], "tag": last["tag"], "reason": d["reason"],
                          "why": f"{why}, after the answer from {last['article']} (turn {last['turn']})",
                          "best_article": None, "confidence": d["confidence"], "about": last["article"]})
            continue
        if d["reason"] == "skill":
            why = f"topic '{d['tag']}' is for the {d['queue']} team (not closable by the AI)"
        elif d["reason"] == "low_confidence" and placed_tag(d) is None:
            why = (f"could not place the question (best guess '{d['tag']}'), "
                   f"confidence {policy.against_threshold(d['confidence'])}")
        elif d["reason"] == "low_confidence":
            why = f"no confident answer (confidence {policy.against_threshold(d['confidence'])})"
        else:
            why = "; ".join(decision["explanation"][-1:]) or str(d["reason"])
        items.append({"text": d["text"], "tag": placed_tag(d), "reason": d["reason"], "why": why,
                      "best_article": d["article"], "confidence": d["confidence"]})
    if items:
        return "; ".join(f"\"{i['text']}\" - {i['why']}" for i in items), items
    why = "; ".join(decision["explanation"]) or ", ".join(decision["reasons"])
    quoted = f"\"{message}\" - {why}" if message.strip() else why
    return quoted, [{"text": message, "tag": None, "reason": ",".join(decision["reasons"]), "why": why,
                     "best_article": None, "confidence": None}]


def _whole(identifier: str, text: str) -> str:
    """`identifier` with the slash-joined parts around it: a reference such as "CR/2026/44812" is
    one, though retrieval sees only its long number, and the agent needs all of it."""
    m = re.search(rf"(?:[\w-]+/)*{re.escape(identifier)}(?:/[\w-]+)*", text)
    return m.group(0) if m and "://" not in identifier else identifier


def details(messages: Iterable[str]) -> list[str]:
    """What the customer gave to identify their case, each once: phone numbers, then the
    identifiers retrieval leaves out (not the pieces of a phone number it also sees as numbers),
    whole (`_whole`)."""
    found: list[str] = []
    for text in messages:
        phones = phone_numbers(text)
        found += phones + [_whole(i, text) for i in identifiers(text) if not any(i in p for p in phones)]
    return list(dict.fromkeys(found))


def render(brief: dict[str, Any], budget: int) -> str:
    """The agent's first screen as plain text, at most `budget` tokens (oldest lines go first)."""
    c = brief["customer"]
    head = [
        f"HANDOFF -> {brief['queue']} | reasons: {', '.join(brief['reasons'])}",
        f"Customer: {c.get('name') or c.get('id')} ({c.get('id')}), tier {c.get('tier')}, "
        f"ARR {c.get('arr')}, plan {c.get('plan') or '-'}, renewal {c.get('renewal_date') or '-'}",
        f"Stuck on: {brief['stuck_on']}",
        *([f"Details given: {', '.join(brief['details'])}"] if brief["details"] else []),
    ]
    answered = [f"Answered: \"{a['text']}\" with {a['article']} ({a['confidence']:.2f})" for a in brief["answered"]]
    asked = [f"AI asked: {q}" for q in brief["asked"]]
    said = [f"Customer said: {m}" for m in brief["customer_said"]]
    tail = [f"Transcript: {brief['transcript_ref']}"]
    body = answered + asked + said
    while body and count_tokens("\n".join(head + body + tail)) > budget:
        body.pop(len(answered) + len(asked) if len(body) > len(answered) + len(asked) else 0)
    return truncate_to_tokens("\n".join(head + body + tail), budget)


def summarize(state: BatonState, runtime: Runtime[Deps]) -> dict[str, Any]:
    policy = runtime.context.policy
    message = state.get("message") or ""
    decision = state.get("decision")
    if not decision or decision["outcome"] not in ("handoff", "partial") or first_failure(state):
        routed = None if first_failure(state) else _topic_tag(state, runtime.context.engine, policy.user_request.phrases)
        decision = direct_decision(state, policy, routed)
    drafts = [] if first_failure(state) else state.get("drafts", [])
    answered = with_answered(state, drafts)
    stuck_on, stuck = _stuck(drafts, decision, message, policy, answered)
    transcript = state.get("messages", [])
    customer = {k: state.get("customer", {}).get(k) for k in CUSTOMER_FIELDS}
    brief: dict[str, Any] = {
        "summary": _summary(customer, decision, stuck, answered),
        "customer": customer,
        "reasons": list(decision["reasons"]),
        "reason_details": list(decision["explanation"]),
        "queue": decision["queue"],
        "asked": [m.content for m in transcript if isinstance(m, AIMessage) and str(m.content).rstrip().endswith("?")
                  and m.content not in PLEASANTRIES],  # "what can I help you with?" asks nothing of the case
        "customer_said": [m.content for m in transcript if isinstance(m, HumanMessage)],
        "details": details(str(m.content) for m in transcript if isinstance(m, HumanMessage)),
        "answered": answered,
        "stuck_on": stuck_on,
        "stuck": stuck,
        "transcript_ref": f"/v1/conversations/{state.get('conversation_id')}",
    }
    if set(decision["reasons"]) <= PROSE_REASONS:
        decision = _prose(brief, decision, transcript, runtime)
    brief["text"] = render(brief, policy.brief_token_budget)
    brief["text_tokens"] = count_tokens(brief["text"])
    return {"decision": decision, "brief": brief}


def _prose(brief: dict[str, Any], decision: Decision, transcript: list, runtime: Runtime[Deps]) -> Decision:
    """Let the engine word the summary (LLM mode). If that fails, the rule-based brief stands and
    the failure joins the reasons, so the agent knows a step broke."""
    try:
        prose = runtime.context.engine.summarize(brief, transcript_lines(transcript), meter=runtime.context.meter)
    except Exception as exc:  # noqa: BLE001 - a failed summary must not lose the handoff
        detail = f"internal failure in summarize: {exc.__class__.__name__}: {exc}"
        brief["reasons"] = [*brief["reasons"], "failure"]
        brief["reason_details"] = [*brief["reason_details"], detail]
        return Decision(outcome=decision["outcome"], reasons=[*decision["reasons"], "failure"], queue=decision["queue"],
                        explanation=[*decision["explanation"], detail])
    if prose:
        brief["summary"] = prose["summary"]
        brief["stuck_on_words"] = prose["stuck_on"]
    return decision


def _topic_tag(state: BatonState, engine, phrases: list[str]) -> str | None:
    """The skill tag of what the customer is talking about: this message, else the latest earlier
    message with a recognisable topic ("get me a human" alone says nothing about the queue, and
    read as a question it lands on whatever topic the KB has most articles about)."""
    said = [str(m.content) for m in state.get("messages", []) if isinstance(m, HumanMessage)][-3:]
    for text in reversed([written_part(t) for t in said] or [state.get("message") or ""]):
        tag = engine.route(text) if names_a_topic(text, phrases) else None
        if tag:
            return tag
    return None


def _summary(customer: dict[str, Any], decision: Decision, stuck: list[dict[str, Any]],
             answered: list[dict[str, Any]]) -> str:
    who = f"{customer.get('name') or customer.get('id')} ({customer.get('tier')})"
    what = "; ".join(f"\"{s['text']}\"" for s in stuck if s["text"]) or "no message"
    done = f" Already answered: {', '.join(a['article'] for a in answered)}." if answered else ""
    return (f"{who} handed off ({', '.join(decision['reasons'])}) to {decision['queue']}. "
            f"Needs help with: {what}.{done}")
