"""What the nodes need from an engine. The embedded engine implements it; LLM mode will too."""

from __future__ import annotations

from typing import Protocol

from baton.graph.state import Draft, Intent


class Engine(Protocol):
    name: str

    def split(self, message: str) -> list[Intent]:
        """The intents of one message, each with its span, tag, best articles and features."""

    def answer(self, intent: Intent) -> Draft:
        """A draft answer for one intent from its best article (confidence not yet set)."""

    def grade(self, intent: Intent, draft: Draft) -> float:
        """The calibrated probability that `draft` correctly answers `intent`."""

    def route(self, text: str) -> str | None:
        """The most likely skill tag of a text, or None when nothing is close (for routing only)."""

    def similarity(self, a: str, b: str) -> float:
        """Semantic similarity in [-1, 1] of two customer messages (repeat detection)."""
