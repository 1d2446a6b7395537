"""The HTTP API of DESIGN.md ("Chat backend (HTTP)") over the graph and the application tables."""

from __future__ import annotations

import json
import logging
from datetime import datetime, timezone
from typing import Any, Iterator

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import JSONResponse, StreamingResponse

from baton.errors import UnknownCustomer
from baton.server.auth import AgentKeys, require_agent, require_conversation
from baton.server.console import mount_console
from baton.server.models import (
    Conversation, ConversationCreated, HandoffDetail, HandoffSummary, MessageIn, NewConversation, TurnResult,
)
from baton.server.turns import TurnRunner
from baton.service import Baton
from baton.store import HANDOFF_STATUSES, Store, now

log = logging.getLogger("baton.server")


def _sse(event: str, data: Any) -> str:
    return f"event: {event}\ndata: {json.dumps(data, default=str)}\n\n"


def _waiting(created_at: str) -> float:
    return round((datetime.now(timezone.utc) - datetime.fromisoformat(created_at)).total_seconds(), 3)


def create_app(baton: Baton, store: Store, agent_keys: AgentKeys) -> FastAPI:
    app = FastAPI(title="Baton", version="0.1.0",
                  description="AI-first customer support that hands off to humans with a brief.")
    runner = TurnRunner(baton, store)
    store.sync_customers(baton.customers)
    app.state.baton, app.state.store, app.state.runner = baton, store, runner

    def summary_of(h: dict[str, Any]) -> dict[str, Any]:
        conv = store.conversation(h["conversation_id"]) or {}
        customer = baton.customers.get(conv["customer_id"]) if conv.get("customer_id") in baton.customers else None
        return {**{k: h[k] for k in ("id", "conversation_id", "queue", "priority", "status", "reasons", "assignee",
                                     "created_at")},
                "customer": {"id": conv.get("customer_id"), "name": customer.name if customer else None,
                             "tier": customer.tier if customer else h.get("customer_tier")},
                "waiting_seconds": _waiting(h["created_at"]),
                "summary": (h["brief"] or {}).get("summary")}

    def handoff_or_404(handoff_id: str) -> dict[str, Any]:
        h = store.handoff(handoff_id)
        if h is None:
            raise HTTPException(404, f"unknown handoff {handoff_id!r}")
        return h

    mount_console(app)

    @app.get("/healthz")
    def healthz() -> dict[str, Any]:
        return {"status": "ok", "articles": len(baton.kb), "engine": baton.engine.name}

    @app.post("/v1/conversations", response_model=ConversationCreated, status_code=201)
    def open_conversation(body: NewConversation) -> dict[str, str]:
        try:
            baton.customers.get(body.customer_id)
        except UnknownCustomer:
            raise HTTPException(404, f"unknown customer {body.customer_id!r}") from None
        conv_id, token = store.create_conversation(body.customer_id)
        return {"id": conv_id, "token": token}

    @app.post("/v1/conversations/{conv_id}/messages", response_model=TurnResult,
              responses={200: {"content": {"text/event-stream": {}}}})
    def send_message(conv_id: str, body: MessageIn, request: Request):
        conv = require_conversation(request, store, agent_keys, conv_id)
        if "text/event-stream" in request.headers.get("accept", ""):
            def events() -> Iterator[str]:
                for kind, payload in runner.run_in_background(conv, body.text):
                    if kind == "node":
                        yield _sse("node", {"node": payload})
                    else:
                        yield _sse("reply", {"reply": payload.get("reply"), "outcome": payload["outcome"]})
                        yield _sse("result", payload)
            return StreamingResponse(events(), media_type="text/event-stream")
        return runner.run(conv, body.text)

    @app.post("/v1/conversations/{conv_id}/request-human", response_model=TurnResult,
              responses={409: {"description": "refused: the customer has not asked a question yet"}})
    def request_human(conv_id: str, request: Request):
        conv = require_conversation(request, store, agent_keys, conv_id)
        result = runner.run(conv, action="request_human")
        if result["outcome"] == "refused":
            return JSONResponse(result, status_code=409)
        return result

    @app.get("/v1/conversations/{conv_id}", response_model=Conversation)
    def get_conversation(conv_id: str, request: Request) -> dict[str, Any]:
        conv = require_conversation(request, store, agent_keys, conv_id, allow_agent=True)
        h = store.open_handoff_for(conv_id)
        asked = baton.state(conv_id).get("questions_asked", 0) > 0
        return {"id": conv["id"], "customer_id": conv["customer_id"], "owner": conv["owner"],
                "status": conv["status"], "messages": store.messages(conv_id), "handoff_id": h["id"] if h else None,
                "human_button": conv["owner"] == "ai" and asked}

    @app.get("/v1/handoffs", response_model=list[HandoffSummary])
    def list_handoffs(request: Request, queue: str | None = Query(None),
                      status: str | None = Query(None, description="open, claimed, resolved or handed_back; "
                                                                    "default: open and claimed")):
        require_agent(request, agent_keys)
        if status is not None and status not in HANDOFF_STATUSES:
            raise HTTPException(422, f"status must be one of {', '.join(HANDOFF_STATUSES)}")
        return [summary_of(h) for h in store.handoffs(queue, status)]

    @app.get("/v1/handoffs/{handoff_id}", response_model=HandoffDetail)
    def get_handoff(handoff_id: str, request: Request) -> dict[str, Any]:
        require_agent(request, agent_keys)
        h = handoff_or_404(handoff_id)
        return {**summary_of(h), "brief": h["brief"], "transcript": store.messages(h["conversation_id"])}

    @app.post("/v1/handoffs/{handoff_id}/claim", response_model=HandoffSummary)
    def claim(handoff_id: str, request: Request) -> dict[str, Any]:
        agent = require_agent(request, agent_keys)
        with runner.lock_for(handoff_or_404(handoff_id)["conversation_id"]):
            h = handoff_or_404(handoff_id)
            if h["status"] != "open":
                raise HTTPException(409, f"handoff is {h['status']}, only an open handoff can be claimed")
            store.update_handoff(handoff_id, status="claimed", assignee=agent, claimed_at=now())
        return summary_of(handoff_or_404(handoff_id))

    @app.post("/v1/handoffs/{handoff_id}/messages", status_code=201)
    def agent_message(handoff_id: str, body: MessageIn, request: Request) -> dict[str, Any]:
        agent = require_agent(request, agent_keys)
        h = handoff_or_404(handoff_id)
        with runner.lock_for(h["conversation_id"]):
            h = handoff_or_404(handoff_id)
            if h["status"] != "claimed":
                raise HTTPException(409, f"handoff is {h['status']}: claim it before replying")
            if h["assignee"] != agent:
                raise HTTPException(409, "another agent has claimed this handoff")
            row = store.add_message(h["conversation_id"], "agent", body.text)
            baton.add_agent_message(h["conversation_id"], body.text)
        return row

    def close(handoff_id: str, request: Request, allowed: tuple[str, ...], status: str, conv_status: str):
        require_agent(request, agent_keys)
        h = handoff_or_404(handoff_id)
        with runner.lock_for(h["conversation_id"]):
            h = handoff_or_404(handoff_id)
            if h["status"] not in allowed:
                raise HTTPException(409, f"handoff is {h['status']}, expected {' or '.join(allowed)}")
            store.update_handoff(handoff_id, status=status, closed_at=now())
            store.set_owner(h["conversation_id"], "ai", conv_status)
            baton.release_to_ai(h["conversation_id"])
        return summary_of(handoff_or_404(handoff_id))

    @app.post("/v1/handoffs/{handoff_id}/resolve", response_model=HandoffSummary)
    def resolve(handoff_id: str, request: Request):
        return close(handoff_id, request, ("open", "claimed"), "resolved", "resolved")

    @app.post("/v1/handoffs/{handoff_id}/hand-back", response_model=HandoffSummary)
    def hand_back(handoff_id: str, request: Request):
        return close(handoff_id, request, ("claimed",), "handed_back", "active")

    @app.get("/v1/stats")
    def stats(request: Request) -> dict[str, Any]:
        require_agent(request, agent_keys)
        share = baton.customers.bypass_share(baton.policy.bypass, baton.today())
        return {**store.stats(), "customer_bypass_share": round(share.share, 4), "bypass_warning": share.too_high}

    return app
