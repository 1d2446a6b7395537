"""Request and response bodies of the HTTP API (DESIGN.md, "Chat backend (HTTP)")."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

MAX_MESSAGE_CHARS = 4000


class NewConversation(BaseModel):
    model_config = ConfigDict(extra="forbid")
    customer_id: str = Field(min_length=1, max_length=200)


class ConversationCreated(BaseModel):
    id: str
    token: str


class MessageIn(BaseModel):
    """A message from a customer or an agent: 1 to MAX_MESSAGE_CHARS characters, not blank."""

    model_config = ConfigDict(extra="forbid")
    text: str = Field(max_length=MAX_MESSAGE_CHARS)

    @field_validator("text")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("text must not be empty")
        return value


class Message(BaseModel):
    id: int
    role: Literal["customer", "ai", "agent"]
    text: str
    turn: int | None = None
    created_at: str
    intents: list[dict[str, Any]] | None = None  # on AI messages: per-intent tag, article, confidence, status
    outcome: str | None = None


class Conversation(BaseModel):
    id: str
    customer_id: str
    owner: Literal["ai", "human"]
    status: str
    messages: list[Message]
    handoff_id: str | None = None
    # whether a customer app should show the "talk to a human" button now: the AI owns the
    # conversation and the customer has asked a first question (before that the button is refused)
    human_button: bool = False


class TurnResult(BaseModel):
    """The turn result of DESIGN.md; further fields are passed through."""

    model_config = ConfigDict(extra="allow")
    conversation_id: str | None
    outcome: Literal["answer", "handoff", "partial", "refused"]
    reply: str | None
    reasons: list[str]
    queue: str | None
    confidence: float | None
    intents: list[dict[str, Any]]
    brief: dict[str, Any] | None


class HandoffSummary(BaseModel):
    id: str
    conversation_id: str
    queue: str
    priority: int
    status: str
    reasons: list[str]
    customer: dict[str, Any]
    assignee: str | None
    created_at: str
    waiting_seconds: float
    summary: str | None


class HandoffDetail(HandoffSummary):
    brief: dict[str, Any] | None
    transcript: list[Message]
