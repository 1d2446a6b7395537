"""Threshold what-if: re-run the recorded conversations at each threshold without re-running
retrieval or scoring. The engine's answers are memoised by text on the first pass, so every
later pass only re-decides - and follows the conversation wherever the new decisions lead
(a turn handed off earlier changes who owns the next one), exactly as `baton eval` would."""

from __future__ import annotations

import copy
from datetime import date
from typing import Any, Callable, Iterable

from langgraph.checkpoint.memory import InMemorySaver

from baton.engine.base import Engine
from baton.evals.conversations import Conversation
from baton.evals.metrics import summarize
from baton.evals.runner import run_all
from baton.graph.state import Draft, Intent, PreviousAnswer
from baton.service import Baton


class MemoEngine:
    """Remembers every engine answer by its input text; scoring runs once per distinct text."""

    def __init__(self, inner: Engine) -> None:
        self.inner = inner
        self.name = f"memo({inner.name})"
        self._cache: dict[tuple[str, ...], Any] = {}

    def _memo(self, key: tuple[str, ...], compute: Callable[[], Any]) -> Any:
        if key not in self._cache:
            self._cache[key] = compute()
        return copy.deepcopy(self._cache[key])

    def split(self, message: str, meter: Any = None, previous: PreviousAnswer | None = None) -> list[Intent]:
        # a follow-up is read with the question before it: the same words after another answer split anew
        return self._memo(("split", message, *(previous or ())),
                          lambda: self.inner.split(message, meter=meter, previous=previous))

    def answer(self, intent: Intent, meter: Any = None, transcript: list[str] | None = None) -> Draft:
        draft = self._memo(("answer", intent["text"]), lambda: self.inner.answer(intent, meter=meter, transcript=transcript))
        return {**draft, "index": intent["index"]}

    def grade(self, intent: Intent, draft: Draft, meter: Any = None) -> float:
        # the features, not the text alone: a follow-up's words score differently read with the question before
        return self._memo(("grade", intent["text"], str(draft["article"]), repr(intent.get("features"))),
                          lambda: self.inner.grade(intent, draft, meter=meter))

    def summarize(self, brief: dict[str, Any], transcript: list[str], meter: Any = None) -> dict[str, str] | None:
        return self._memo(("summarize", brief["stuck_on"], *transcript),
                          lambda: self.inner.summarize(brief, transcript, meter=meter))

    def route(self, text: str) -> str | None:
        return self._memo(("route", text), lambda: self.inner.route(text))

    def similarity(self, a: str, b: str) -> float:
        return self._memo(("similarity", a, b), lambda: self.inner.similarity(a, b))


def parse_range(spec: str) -> list[float]:
    """'0.5:0.9:0.05' -> [0.5, 0.55, ..., 0.9] (both ends included)."""
    try:
        start, stop, step = (float(x) for x in spec.split(":"))
    except ValueError:
        raise ValueError(f"--sweep {spec!r}: expected START:STOP:STEP, e.g. 0.5:0.9:0.05") from None
    if step <= 0 or stop < start or not (0 <= start <= 1 and 0 <= stop <= 1):
        raise ValueError(f"--sweep {spec!r}: need 0 <= START <= STOP <= 1 and STEP > 0")
    n = int(round((stop - start) / step))
    return [round(start + i * step, 6) for i in range(n + 1)]


def flips(baton: Baton, conversations: Iterable[Conversation], low: float, high: float,
          today: date | None = None) -> list[dict[str, Any]]:
    """The recorded turns whose outcome differs between two thresholds."""
    convs = list(conversations)
    memo = MemoEngine(baton.engine)
    runs = []
    for t in (low, high):
        variant = Baton(baton.policy.with_threshold(t), baton.kb, baton.customers, memo, InMemorySaver(), baton.today)
        runs.append(run_all(variant, convs, today=today))
    out = []
    for a, b in zip(*runs):
        if a.result["outcome"] != b.result["outcome"]:
            out.append({"conversation": a.conversation, "turn": a.turn, "text": a.text,
                        f"at {low:.2f}": a.result["outcome"], f"at {high:.2f}": b.result["outcome"],
                        "confidence": a.result.get("confidence"),
                        "expected": a.expect.outcome if a.expect else None})
    return out


def sweep(baton: Baton, conversations: Iterable[Conversation], thresholds: list[float],
          today: date | None = None, progress: Callable[[Iterable], Iterable] = lambda x: x) -> list[dict[str, Any]]:
    """One row per threshold: the eval metrics had the policy used that threshold."""
    convs = list(conversations)
    memo = MemoEngine(baton.engine)
    rows = []
    for t in progress(thresholds):
        variant = Baton(baton.policy.with_threshold(t), baton.kb, baton.customers, memo, InMemorySaver(), baton.today)
        m = summarize(run_all(variant, convs, today=today))
        rows.append({"threshold": t, "current": abs(t - baton.policy.confidence_threshold) < 1e-9,
                     **{k: m[k] for k in ("pass_rate", "containment", "harmful_answer_rate", "burned_handoff_rate",
                                          "routing_accuracy")}})
    return rows

