"""Credentials: `Authorization: Bearer <customer token or agent key>`.

Agent keys come from BATON_AGENT_KEYS and are compared in constant time; an agent is known by a
short fingerprint of its key, never the key itself. A customer token opens only its own
conversation and never an agent endpoint.
"""

from __future__ import annotations

import hashlib
import hmac

from fastapi import HTTPException, Request

from baton.store import Store


def bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


class AgentKeys:
    def __init__(self, keys: list[str]) -> None:
        self._keys = [k.encode() for k in keys if k]

    @classmethod
    def parse(cls, raw: str) -> "AgentKeys":
        return cls([k.strip() for k in raw.split(",") if k.strip()])

    def __len__(self) -> int:
        return len(self._keys)

    def identify(self, token: str | None) -> str | None:
        """The agent's label for a valid key, else None (every key is compared, in constant time)."""
        if not token:
            return None
        match = None
        for key in self._keys:
            if hmac.compare_digest(key, token.encode()):
                match = key
        return f"agent-{hashlib.sha256(match).hexdigest()[:8]}" if match else None


def require_agent(request: Request, keys: AgentKeys) -> str:
    token = bearer(request)
    if token is None:
        raise HTTPException(401, "agent endpoints need Authorization: Bearer <agent key>")
    agent = keys.identify(token)
    if agent is None:
        raise HTTPException(403, "not an agent key")
    return agent


def require_conversation(request: Request, store: Store, keys: AgentKeys, conv_id: str,
                         allow_agent: bool = False) -> dict:
    """The conversation, if the bearer is its customer (or, when allowed, an agent)."""
    conv = store.conversation(conv_id)
    if conv is None:
        raise HTTPException(404, f"unknown conversation {conv_id!r}")
    token = bearer(request)
    if token is None:
        raise HTTPException(401, "send Authorization: Bearer <conversation token>")
    if allow_agent and keys.identify(token):
        return conv
    if not store.token_opens(conv_id, token):
        raise HTTPException(403, "this token does not open this conversation")
    return conv
