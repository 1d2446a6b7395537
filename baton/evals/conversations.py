"""Recorded test conversations (YAML, one conversation or a list per file), validated up front."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any, Collection, Container, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from baton.errors import ConversationsError, read_input

OUTCOMES = ("answer", "handoff", "partial", "refused")


class Expect(BaseModel):
    model_config = ConfigDict(extra="forbid")
    outcome: Literal["answer", "handoff", "partial", "refused"] | None = None
    reasons: list[Literal["bypass", "skill", "low_confidence", "user_request", "off_rails", "failure"]] | None = None
    queue: str | None = None
    intents: list[str] | None = None
    answer_contains: list[str] = Field(default_factory=list)
    brief_contains: list[str] = Field(default_factory=list)

    def states_anything(self) -> bool:
        return bool(self.outcome or self.reasons is not None or self.queue or self.intents is not None
                    or self.answer_contains or self.brief_contains)


class Turn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    user: str | None = None
    action: Literal["request_human"] | None = None
    expect: Expect | None = None

    @model_validator(mode="after")
    def _one_of(self) -> "Turn":
        if (self.user is None) == (self.action is None):
            raise ValueError("a turn needs exactly one of 'user' (a message) or 'action'")
        return self


class Conversation(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    customer: str | dict[str, Any]
    today: date | None = None
    description: str | None = None
    turns: list[Turn] = Field(min_length=1)
    source: str = ""


def _where(loc: tuple[Any, ...], raw: dict[str, Any]) -> str:
    parts = []
    if len(loc) >= 2 and loc[0] == "turns" and isinstance(loc[1], int):
        parts.append(f"turn {loc[1] + 1}")
        loc = loc[2:]
    key = ".".join(str(p) for p in loc)
    if key:
        parts.append(f"key '{key}'")
    return ", ".join(parts)


def parse_conversations(data: Any, path: str | Path) -> list[Conversation]:
    items = data if isinstance(data, list) else [data]
    out: list[Conversation] = []
    for n, raw in enumerate(items, start=1):
        if not isinstance(raw, dict):
            raise ConversationsError(path, f"conversation {n}", "expected a mapping with id, customer and turns")
        label = f"conversation {raw.get('id', n)!s}"
        try:
            conv = Conversation.model_validate({**raw, "source": str(path)})
        except ValidationError as exc:
            err = exc.errors()[0]
            where = _where(tuple(err["loc"]), raw)
            problem = "unknown key" if err["type"] == "extra_forbidden" else err["msg"]
            raise ConversationsError(path, f"{label}{', ' + where if where else ''}", problem) from None
        out.append(conv)
    return out


def check_customers(conversations: list[Conversation], known: Container[str], source: str) -> None:
    """Every conversation names a customer the customers file holds (or brings its own record):
    found before anything runs, so a bad id does not stop an eval half way."""
    for conv in conversations:
        if isinstance(conv.customer, str) and conv.customer not in known:
            raise ConversationsError(conv.source or "(conversations)", f"conversation {conv.id}",
                                     f"unknown customer id {conv.customer!r} (not in {source})")


def unreachable_expectations(conversations: list[Conversation], tags: Collection[str],
                             queues: Collection[str]) -> list[str]:
    """Expectations no run can meet under this policy: an intent tag it does not define or a
    queue it never routes to ("order" for "orders", "fulfillment" for "fulfilment"). Such a typo
    would fail its turn and count as a harmful answer; the eval names each one as a warning and
    still runs the rest."""
    out: list[str] = []
    for conv in conversations:
        for n, turn in enumerate(conv.turns, start=1):
            expect = turn.expect
            if expect is None:
                continue
            where = f"{conv.source or '(conversations)'}: conversation {conv.id}, turn {n}"
            unknown = [t for t in expect.intents or [] if t not in tags]
            if unknown:
                out.append(f"{where}, key 'expect.intents': tag(s) {', '.join(map(repr, unknown))} not in the "
                           f"policy (its tags: {', '.join(sorted(tags))})")
            if expect.queue and expect.queue not in queues:
                out.append(f"{where}, key 'expect.queue': no handoff goes to {expect.queue!r} under the "
                           f"policy (its queues: {', '.join(sorted(queues))})")
    return out


def load_conversations(paths: list[str | Path]) -> list[Conversation]:
    """Load conversation files (a folder gives its *.yaml / *.yml files, hidden ones left out: the
    `._` copies a Mac leaves in a zip are no conversations); ids must be unique."""
    files: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            files.extend(sorted(f for f in p.iterdir() if f.is_file() and f.suffix.lower() in (".yaml", ".yml")
                                and not f.name.startswith(".")))
        else:
            files.append(p)
    conversations: list[Conversation] = []
    seen: dict[str, str] = {}
    for f in files:
        try:
            data = yaml.safe_load(read_input(f, ConversationsError))
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            raise ConversationsError(f, f"line {mark.line + 1}" if mark else None,
                                     f"invalid YAML: {getattr(exc, 'problem', exc)}") from None
        for conv in parse_conversations(data, f):
            if conv.id in seen:
                raise ConversationsError(f, f"conversation {conv.id}", f"duplicate id (also in {seen[conv.id]})")
            seen[conv.id] = str(f)
            conversations.append(conv)
    if not conversations:
        raise ConversationsError(", ".join(map(str, paths)) or "(none)", None, "no conversations found")
    return conversations

