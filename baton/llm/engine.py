"""The LLM engine: retrieval and its calibrated probability from the embedded engine, the words
from the model. The model answers only from the retrieved articles.

Calls per turn: the rule-based splitter handles messages it sees as one short request (no call);
longer or multi-part messages get one `intent_split` call. Each intent costs one `answer` and one
`self_grade` call, except tags the AI may not close (no call: they are handed off anyway) and
answers the model declines (no grade call). A handoff decided by the confidence or a skill tag
adds one `summarize` call; bypass, user requests and failures use no call at all.

Confidence = sqrt(retrieval probability x grader score): both the calibrated retrieval signal and
the model's own grade must be high. This combination is not fitted yet; measure it with
`baton eval --sweep` on your recorded conversations before trusting the threshold.
"""

from __future__ import annotations

import math
from typing import Any

from baton.engine.embedded import EmbeddedEngine
from baton.engine.embedder import Embedder, default_embedder
from baton.engine.splitter import candidate_spans, split_intents
from baton.engine.text import words
from baton.graph.state import Draft, Intent, PreviousAnswer
from baton.kb import KnowledgeBase
from baton.llm.client import LLMClient, LLMFailure
from baton.usage import UsageMeter
from baton.policy import Policy
from baton.tokens import count_tokens

SINGLE_REQUEST_MAX_WORDS = 25


class LLMEngine:
    name = "llm"

    def __init__(self, kb: KnowledgeBase, policy: Policy, client: LLMClient,
                 retrieval: EmbeddedEngine | None = None) -> None:
        self.kb = kb
        self.policy = policy
        self.client = client
        self.retrieval = retrieval or EmbeddedEngine(kb)

    # intent split ---------------------------------------------------------------------------
    def split(self, message: str, meter: UsageMeter | None = None,
              previous: PreviousAnswer | None = None) -> list[Intent]:
        if len(candidate_spans(message)) <= 1 and len(words(message)) <= SINGLE_REQUEST_MAX_WORDS:
            return self.retrieval.split(message, previous=previous)
        out = self.client.call("intent_split", meter, message=message, tags=self.policy.tags)
        spans: list[tuple[str, int, int]] = []
        for item in out.intents:
            start = message.lower().find(item.text.lower(), 0)
            if start < 0:
                raise LLMFailure("intent_split", f"intent text {item.text!r} is not part of the message")
            if item.tag not in self.policy.skills:
                raise LLMFailure("intent_split", f"tag {item.tag!r} is not a policy tag")
            spans.append((item.text, start, start + len(item.text)))
        scored = self.retrieval.split_spans(spans)  # one embedding batch for every intent
        intents: list[Intent] = [{**s, "index": i, "tag": item.tag, "tag_sure": True}
                                 for i, (s, item) in enumerate(zip(scored, out.intents))]
        if not intents and split_intents(message):
            # the model found nothing; never drop a request silently
            return self.retrieval.split(message, previous=previous)
        return intents

    # answer and grade -----------------------------------------------------------------------
    def _articles(self, intent: Intent) -> list[dict[str, str]]:
        return [{"id": h["article"], "title": self.kb[h["article"]].title, "text": self.kb[h["article"]].body}
                for h in intent["hits"]]

    def _trim(self, transcript: list[str]) -> list[str]:
        kept: list[str] = []
        budget = self.policy.llm_transcript_token_budget
        for line in reversed(transcript):
            budget -= count_tokens(line)
            if budget < 0:
                break
            kept.append(line)
        return list(reversed(kept))

    def answer(self, intent: Intent, meter: UsageMeter | None = None, transcript: list[str] | None = None) -> Draft:
        draft = self.retrieval.answer(intent)
        if not self.policy.closable(intent["tag"]) or not intent["hits"]:
            return draft  # handed off whatever the model says: spend no call
        out = self.client.call("answer", meter, request=intent["text"], articles=self._articles(intent),
                               transcript=self._trim(transcript or []))
        if not out.can_answer or not out.answer.strip():
            return {**draft, "article": None, "answer": ""}
        retrieved = {h["article"] for h in intent["hits"]}
        cited = list(out.article_ids)
        if not cited or not set(cited) <= retrieved:
            raise LLMFailure("answer", f"the answer cites {cited or 'no article'}, retrieved were {sorted(retrieved)}")
        return {**draft, "article": cited[0], "answer": out.answer.strip()}

    def grade(self, intent: Intent, draft: Draft, meter: UsageMeter | None = None) -> float:
        retrieval = self.retrieval.grade(intent, draft)
        if not draft["article"]:
            return 0.0
        if not self.policy.closable(intent["tag"]):
            return retrieval
        out = self.client.call("self_grade", meter, request=intent["text"], answer=draft["answer"],
                               articles=self._articles(intent))
        return math.sqrt(max(retrieval, 0.0) * out.score)

    # the rest -------------------------------------------------------------------------------
    def route(self, text: str) -> str | None:
        return self.retrieval.route(text)

    def similarity(self, a: str, b: str) -> float:
        return self.retrieval.similarity(a, b)

    def summarize(self, brief: dict[str, Any], transcript: list[str], meter: UsageMeter | None = None) -> dict[str, str]:
        out = self.client.call("summarize", meter, customer=brief["customer"], reasons=brief["reason_details"],
                               transcript=self._trim(transcript), stuck=brief["stuck_on"])
        return {"summary": out.summary, "stuck_on": out.stuck_on or brief["stuck_on"]}


def build_llm_engine(kb: KnowledgeBase, policy: Policy, settings) -> LLMEngine:
    """LLM mode from the settings (BATON_LLM_BASE_URL, BATON_LLM_MODEL, BATON_LLM_API_KEY, ...)."""
    from baton.errors import BatonError

    if not settings.llm_model:
        raise BatonError("LLM mode (BATON_LLM_BASE_URL is set) needs BATON_LLM_MODEL")
    client = LLMClient(settings.llm_base_url, settings.llm_model, settings.llm_api_key,
                       timeout=settings.llm_timeout, max_retries=settings.llm_max_retries)
    if settings.llm_embedding_model:
        from baton.llm.embeddings import OpenAIEmbedder

        embedder: Embedder = OpenAIEmbedder(client.client, settings.llm_embedding_model)
    else:
        embedder = default_embedder(settings.embedding)
    return LLMEngine(kb, policy, client, EmbeddedEngine(kb, embedder, unclosable=policy.unclosable_tags))
