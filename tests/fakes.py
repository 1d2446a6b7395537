"""A scripted engine for graph tests: no model, and it fails loudly when its script runs out."""

from __future__ import annotations

from dataclasses import dataclass

from baton.engine.splitter import split_intents
from baton.graph.state import Draft, Hit, Intent


class ScriptExhausted(AssertionError):
    """The code under test asked the fake about a text its script does not cover."""


@dataclass(frozen=True)
class Scripted:
    tag: str
    article: str | None
    confidence: float
    answer: str = ""


class FakeEngine:
    """Splits with the real rule-based splitter; everything else comes from `script` by text."""

    name = "fake"

    def __init__(self, script: dict[str, Scripted], fail_on: set[str] | None = None) -> None:
        self.script = script
        self.fail_on = fail_on or set()
        self.calls: list[tuple[str, str]] = []

    def _lookup(self, text: str) -> Scripted:
        if text in self.fail_on:
            raise RuntimeError(f"scripted engine failure on {text!r}")
        try:
            return self.script[text]
        except KeyError:
            raise ScriptExhausted(f"FakeEngine has no script for {text!r}") from None

    def split(self, message: str, meter=None, previous=None) -> list[Intent]:
        self.calls.append(("split", message))
        out = []
        for i, span in enumerate(split_intents(message)):
            s = self._lookup(span.text)
            hits = [Hit(article=s.article, title=s.article, tag=s.tag, score=s.confidence)] if s.article else []
            out.append(Intent(index=i, text=span.text, start=span.start, end=span.end, tag=s.tag, hits=hits,
                              features=[s.confidence]))
        return out

    def answer(self, intent: Intent, meter=None, transcript=None) -> Draft:
        self.calls.append(("answer", intent["text"]))
        s = self._lookup(intent["text"])
        return Draft(index=intent["index"], text=intent["text"], tag=s.tag, article=s.article,
                     answer=s.answer or f"[answer from {s.article}]", confidence=None, status="drafted",
                     reason=None, queue=None)

    def grade(self, intent: Intent, draft: Draft, meter=None) -> float:
        self.calls.append(("grade", intent["text"]))
        return self._lookup(intent["text"]).confidence

    def route(self, text: str) -> str | None:
        self.calls.append(("route", text))
        s = self.script.get(text)
        return s.tag if s else None

    def summarize(self, brief, transcript, meter=None):
        return None

    def similarity(self, a: str, b: str) -> float:
        return 1.0 if a.strip().lower() == b.strip().lower() else 0.0
