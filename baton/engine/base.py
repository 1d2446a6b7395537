"""What the nodes need from an engine. The embedded engine implements it; LLM mode will too."""

from __future__ import annotations

from typing import Any, Protocol

from baton.graph.state import Draft, Intent, PreviousAnswer


class Engine(Protocol):
    """`meter` (optional everywhere) collects the LLM calls and tokens of the turn."""

    name: str

    def split(self, message: str, meter: Any = None, previous: PreviousAnswer | None = None) -> list[Intent]:
        """The intents of one message, each with its span, tag, best articles and features;
        `previous` is the question answered in the turn before, which a follow-up carries on."""

    def answer(self, intent: Intent, meter: Any = None, transcript: list[str] | None = None) -> Draft:
        """A draft answer for one intent from its best articles (confidence not yet set)."""

    def grade(self, intent: Intent, draft: Draft, meter: Any = None) -> float:
        """The calibrated probability that `draft` correctly answers `intent`."""

    def summarize(self, brief: dict[str, Any], transcript: list[str], meter: Any = None) -> dict[str, str] | None:
        """Prose `summary` and `stuck_on` for the brief, or None to keep the rule-based ones."""

    def route(self, text: str) -> str | None:
        """The most likely skill tag of a text, or None when nothing is close (for routing only)."""

    def similarity(self, a: str, b: str) -> float:
        """Semantic similarity in [-1, 1] of two customer messages (repeat detection)."""
