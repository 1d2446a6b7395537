"""The embedded engine: offline retrieval + calibrated confidence, no language model."""

from __future__ import annotations

import math
from functools import cached_property
from typing import Any, Callable, Collection

import numpy as np

from baton.engine.calibration import Calibrator, Ranked, rank, topic_features
from baton.engine.embedder import CachedEmbedder, Embedder, PairEmbedder, default_embedder
from baton.engine.follow_ups import FollowUps
from baton.engine.index import Index
from baton.engine import damage, misuse, narrative, refine
from baton.engine.kinds import kind
from baton.engine.splitter import Span, split_intents
from baton.graph.state import Draft, Hit, Intent, PreviousAnswer
from baton.kb import KnowledgeBase

TOP_K = 3
# How sure of an intent's topic (its best article's tag) the engine must be to name it: below
# this the tag is only a guess, so it makes no skill handoff and routes no brief.
ROUTE_MIN_CONFIDENCE = 0.35


class EmbeddedEngine(FollowUps):
    """Answers from the best-matching article; confidence is fitted on the KB's own questions."""

    name = "embedded"

    def __init__(self, kb: KnowledgeBase, embedder: Embedder | None = None, unclosable: Collection[str] = ()) -> None:
        """`unclosable`: the tags whose questions the AI may not close (the policy's skills with
        `ai_closable = false`); a report of one of theirs is not folded into the question next to it."""
        self.kb = kb
        self.unclosable = frozenset(unclosable)
        inner = embedder or default_embedder()
        self.embedder = inner if isinstance(inner, CachedEmbedder) else CachedEmbedder(inner)
        model = self.embedder.inner
        # repeat detection's threshold is a cosine of e5's; comparing with MiniLM too would move it
        self._comparer = model.first if isinstance(model, PairEmbedder) else model
        self.index = Index(kb, self.embedder)
        self.calibrator = Calibrator().fit(self.index)
        self._topics = np.unique([a.tag for a in kb.articles], return_inverse=True)[1]

    def _analyse(self, texts: list[str], vecs: np.ndarray | None = None,
                 article_mask: np.ndarray | None = None) -> tuple[Ranked, np.ndarray]:
        """The ranking of articles for each text, and how sure the engine is of each one's topic
        (the probability the calibrator gives the best article's tag, its articles taken as one).
        `article_mask` (texts, articles) hides articles, as if the KB did not have them."""
        scores = self.index.scores(texts, vecs, article_mask=article_mask)
        ranked = rank(scores)
        return ranked, self.calibrator.predict(topic_features(scores, ranked, self._topics))

    def split(self, message: str, meter: Any = None, previous: PreviousAnswer | None = None) -> list[Intent]:
        """Rule split (a recount the KB cannot place joins its neighbour: `refine.fold_recounts`),
        then score-guided cuts inside each span, at its sentences and soft boundaries
        (`refine.pieces_of`, `refine.group`; a question right after the report it asks about stays with
        it: `refine.ask_after_report`), then scoring.

        What a span says to the assistant in front of the rest is left out of its scoring
        (`refine.past_orders`): the message is data, and an order naming a team drew its articles.

        An intent whose request is wrapped in greetings, context or asides ("no need for a human,
        I just want to know if you take credit cards") is also scored on its request alone
        (`refine.asking_part`); when both point to the same article, the surer of the two stands:
        the wrapping did not change what to answer, only diluted the match. When they disagree
        the whole intent's score stands, since context can carry the product ("I bought a hub
        last week, it won't connect"), unless the whole is lost and the request alone is sure
        (`_request_stands_for_whole`). Last, a report next to a question on the same article
        joins it (`_merge_same_article`).

        A short follow-up to the question answered in the turn before (`previous`) is not answered
        from an article that names nothing of that question (`_about_what_it_points_at`), and is read
        with that question too (`_carried_on`).

        Every text is embedded once per message: vectors are kept in `vecs` for the whole split,
        and the spans and their chunks go in one batch.
        """
        vecs: dict[str, np.ndarray] = {}

        def embed(texts: list[str]) -> np.ndarray:
            missing = list(dict.fromkeys(t for t in texts if t not in vecs))
            if missing:
                vecs.update(zip(missing, self.index.embed(missing)))
            return np.stack([vecs[t] for t in texts])

        def tops(texts: list[str]) -> list[tuple[str, float]]:
            ranked, _ = self._analyse(texts, embed(texts))
            confs = self.calibrator.predict(ranked.features)
            return [(self.kb.articles[ranked.order[i, 0]].id, float(confs[i])) for i in range(len(texts))]

        def stands_alone(statement: Span, following: Span) -> bool:
            (top, conf), (next_top, _) = tops([statement.text, following.text])
            return conf >= refine.SPLIT_MIN_CONFIDENCE and top != next_top

        spans = refine.fold_recounts(message, split_intents(message, stands_alone), lambda found: [
            conf < refine.recount_needs(f.text) for f, (_, conf) in zip(found, tops([f.text for f in found]))])
        plans = [refine.pieces_of(message, s) for s in spans]
        chunk_texts = list(dict.fromkeys(c.text for p in plans if len(p) > 1 for c in p))
        if spans or chunk_texts:
            embed([s.text for s in spans] + chunk_texts)
        sure = dict(zip(chunk_texts, tops(chunk_texts))) if chunk_texts else {}
        final: list[Span] = []
        for span, plan in zip(spans, plans):
            groups = refine.group([sure[c.text][0] for c in plan], [sure[c.text][1] for c in plan],
                                  [self._needed(c.text, plan[n - 1].text if n else None, sure[c.text][0])
                                   for n, c in enumerate(plan)]) \
                if len(plan) > 1 else [[0]]
            groups = refine.ask_after_report(message, plan, groups)
            if len(groups) == 1:
                final.append(span)
                continue
            for g in groups:
                first, last = plan[g[0]], plan[g[-1]]
                final.append(Span(message[first.start:last.end], first.start, last.end))
        final = [refine.past_orders(message, s) for s in final]
        asking = [(n, a) for n, a in enumerate(refine.asking_part(message, s) for s in final) if a is not None]
        scored = [(s.text, s.start, s.end) for s in final] + [(a.text, a.start, a.end) for _, a in asking]
        intents = self._score(scored, embed([t for t, _, _ in scored]) if scored else None)
        whole = intents[:len(final)]
        for (n, _), part in zip(asking, intents[len(final):]):
            if self._request_stands_for_whole(part, whole[n]):
                whole[n] = Intent(**{**whole[n], "tag": part["tag"], "hits": part["hits"],
                                     "features": part["features"],
                                     "tag_sure": part["tag_sure"] or whole[n]["tag_sure"],
                                     "topic_confidence": max(part["topic_confidence"], whole[n]["topic_confidence"])})
        merged = self._merge_same_article(message, whole)
        read = [self._not_silent_on_damage(self._not_what_was_tried(message, i, tops, embed), embed) for i in merged]
        out = self._follow_ups_joined(message, read, embed)
        if previous is None or len(out) != 1:
            return out
        pointed = self._about_what_it_points_at(message, out[0], previous, embed)
        return [self._carried_on(message, pointed, previous, embed)]

    def _needed(self, text: str, previous: str | None, top: str) -> float:
        """How sure of its article `text` must be to stand alone (`refine.needed_confidence`), but a
        report that would need to be as sure as an answer stands at the split's usual bar when it is
        about something only people may handle: "my new tablets are making me dizzy" (0.45 on side
        effects) was the scene of the returns question after it, answered alone, and the dizziness
        went unread. What never stands alone (an attempt, a story, details) still does not: "I tried
        to pay my travel agent with the card" is the scene of "why was it declined?", not fraud;
        but a story (not an attempt or a feeling) that is as sure of such an article as an answer
        would be stands alone: "I got a parking ticket yesterday" (0.97 on penalties) was the scene
        of the reminders question after it, and the ticket reached nobody."""
        needed = refine.needed_confidence(text, previous)
        if self.kb[top].tag not in self.unclosable or kind(text) not in ("problem", "statement", "context"):
            return needed
        if needed == refine.CONTEXT_MIN_CONFIDENCE:
            return refine.SPLIT_MIN_CONFIDENCE
        # the story itself never stands alone, not what it follows ("... and changed my email")
        alone = needed if previous is None else refine.needed_confidence(text, None)
        if (needed == alone == math.inf and narrative.tells_story(text)
                and not (narrative.reports_attempt(text) or narrative.voices_feeling(text))):
            return refine.CONTEXT_MIN_CONFIDENCE
        return needed

    def _not_silent_on_damage(self, intent: Intent, embed: Callable[[list[str]], np.ndarray]) -> Intent:
        """A report of damage (`damage.reports_damage`) is not answered from an article that says
        nothing of damage or trouble (`damage.speaks_of_damage`): "the mug I got has a crack down
        the side" got the mugs article (0.83, dishwasher safe). Such articles the AI may close are
        hidden and the rest of the KB decides; one only people handle stays, as it answers nothing."""
        if not (intent["hits"] and damage.reports_damage(intent["text"])):
            return intent
        if not self._silent_on_damage[self.index.article_ids.index(intent["hits"][0]["article"])]:
            return intent
        return self._scored_hiding(intent, self._silent_on_damage, embed)

    @cached_property
    def _silent_on_damage(self) -> np.ndarray:
        """(articles,) bool: the articles the AI may close that speak neither of damage nor of trouble."""
        return np.array([a.tag not in self.unclosable and not damage.speaks_of_damage(a) for a in self.kb.articles])

    def _scored_without(self, intent: Intent, article: str, embed: Callable[[list[str]], np.ndarray]) -> Intent:
        """`intent` scored again as if the KB did not have `article`."""
        return self._scored_hiding(intent, np.array([a.id == article for a in self.kb.articles]), embed)

    def _scored_hiding(self, intent: Intent, hidden: np.ndarray, embed: Callable[[list[str]], np.ndarray]) -> Intent:
        """`intent` scored again as if the KB did not have the `hidden` articles ((articles,) bool)."""
        [rescored] = self._score([(intent["text"], intent["start"], intent["end"])], embed([intent["text"]]),
                                 hidden[None, :])
        return Intent(**{**rescored, "index": intent["index"]})

    def _not_what_was_tried(self, message: str, intent: Intent,
                            tops: Callable[[list[str]], list[tuple[str, float]]],
                            embed: Callable[[list[str]], np.ndarray]) -> Intent:
        """The intent scored without its best article when that article is what the customer says
        they already did ("my thermostat keeps resetting. I already did the factory reset" got the
        factory-reset steps at 0.84) or what someone else did to them ("someone changed my email"
        got how to change it, 0.94). The article is hidden, and the rest of the KB decides, when:
        - a piece that only reports an attempt (`narrative.reports_attempt`), a fix tried inside a
          sentence ("... dead even with a new battery": `narrative.fixes_tried_inside`), another's
          doing the article is asked to do (`misuse.reports_done_to_them`, `Index.asked_to_do`;
          read in the whole intent too: "someone logged into my account ... and changed my email"),
          or the article's own menu path taken to its end (`narrative.followed_path`) is sure of it;
        - an attempt repeats its instructions (`narrative.repeats_instructions`: "updated my drivers
          and verified files, still crashing" matched nothing at 0.12, and the crash article went
          back at 0.95), or a step done in vain its last resort (`narrative.steps_done_in_vain`: "...
          held the red button for ages but the cable is still stuck"), or a step repeated in vain
          names anything of its body (`narrative.steps_repeated_in_vain`: "I've reset my password
          three times and the app still says my login is wrong");
        - the customer asked before and nobody answered (`narrative.goes_unanswered`: "I've asked twice
          for a refund of my unused hours and nobody has replied" got the refund rules at 0.94);
        - the intent reports another's doing and the article's title and questions never speak of
          one (`misuse.speaks_of_misuse`: "somebody used my charge card" got how to get a card).
        When the rest of the KB is unsure too, the topic stays the hidden article's when it was hidden
        for what was tried: "reinstalled the app and restarted my phone, it still crashes" went to the
        safety team (0.25), not support. Misuse it never speaks of leaves the topic to the rest."""
        if not intent["hits"]:
            return intent
        span = Span(message[intent["start"]:intent["end"]], intent["start"], intent["end"])
        best = intent["hits"][0]["article"]
        pieces = [p.text for p in refine.pieces_of(message, span)]
        attempts = [t for t in pieces if narrative.reports_attempt(t) or narrative.followed_path(t, self.kb[best].body)]
        # the whole too: "someone logged into my account ... and changed my email" is one doing
        attempts += [t for t in dict.fromkeys([*pieces, span.text])
                     if misuse.reports_done_to_them(t) and self.index.asked_to_do(best, t)]
        attempts += narrative.fixes_tried_inside(span.text)
        article, sure = self.kb[best], refine.SPLIT_MIN_CONFIDENCE
        body = article.body
        # another's doing, answered from an article that never speaks of one ("somebody used my charge
        # card at three sites yesterday": how to get a card, 0.74)
        misused = misuse.reports_done_to_them(span.text) and not any(
            misuse.speaks_of_misuse(q) for q in [article.title, *article.questions])
        on_it = bool(attempts) and any(top == best and conf >= sure for top, conf in tops(attempts))
        tried = (on_it or narrative.goes_unanswered(span.text)
                 or any(narrative.repeats_instructions(t, body) for t in attempts)
                 or any(narrative.repeats_last_resort(t, body) for t in narrative.steps_done_in_vain(span.text))
                 or any(narrative.names_step(t, body) for t in narrative.steps_repeated_in_vain(span.text)))
        if not (tried or misused):
            return intent
        rescored = self._scored_without(intent, best, embed)
        # misuse the article never speaks of: its team is no likelier than any other's
        if self._confidence(rescored) >= refine.SPLIT_MIN_CONFIDENCE or not tried:
            return rescored
        # nothing else is sure to answer it: it is still about what was tried, for that team
        return Intent(**{**rescored, **{k: intent[k] for k in ("tag", "tag_sure", "topic_confidence") if k in intent}})

    def _merge_same_article(self, message: str, intents: list[Intent]) -> list[Intent]:
        """A report next to a question on the same article (or, unsure, on the same topic) becomes
        one intent with it (`refine.same_article_runs`), scored as the surer of the two."""
        if len(intents) < 2:
            return intents
        confidences = [self._confidence(i) for i in intents]
        kinds = [kind(i["text"]) for i in intents]
        runs = refine.same_article_runs([i["hits"][0]["article"] if i["hits"] else None for i in intents],
                                        confidences, [k == "request" for k in kinds],
                                        [i["tag"] if i["tag_sure"] and k in ("request", "problem") else None
                                         for i, k in zip(intents, kinds)])
        merged: list[Intent] = []
        for run in runs:
            surest = intents[max(run, key=confidences.__getitem__)]
            start, end = intents[run[0]]["start"], intents[run[-1]]["end"]
            merged.append(Intent(**{**surest, "index": len(merged), "text": message[start:end].strip(),
                                    "start": start, "end": end}))
        return merged

    def _request_stands_for_whole(self, part: Intent, intent: Intent) -> bool:
        """The request alone stands for the whole intent: it points to the same article, surer, or
        it is sure of its article while the whole is unsure of its own ("I changed my mind about the
        thermostat, it's still in the box. how do I send it back": the thermostat pulled the whole
        towards wiring at 0.19, the request alone is start-return at 0.90; "my tier is enterprise.
        where is my order"), wherever the whole leans: "I'd like to complain, my daughter has been
        sent home in someone else's clothes three times now" put the complaint article fifth (0.22),
        and the request alone is on it at 0.93."""
        if not (part["hits"] and intent["hits"]):
            return False
        part_conf, whole_conf = self._confidence(part), self._confidence(intent)
        if part_conf <= whole_conf:
            return False
        if part["hits"][0]["article"] == intent["hits"][0]["article"]:
            return True
        return part_conf >= refine.CONTEXT_MIN_CONFIDENCE and whole_conf < refine.SPLIT_MIN_CONFIDENCE

    def split_spans(self, spans: list[tuple[str, int, int]]) -> list[Intent]:
        """Score already-split spans (text, start, end): best articles, tag and features."""
        return self._score(spans)

    def _score(self, spans: list[tuple[str, int, int]], vecs: np.ndarray | None = None,
               article_mask: np.ndarray | None = None) -> list[Intent]:
        if not spans:
            return []
        ranked, topic = self._analyse([text for text, _, _ in spans], vecs, article_mask)
        intents: list[Intent] = []
        for i, (text, start, end) in enumerate(spans):
            hits: list[Hit] = []
            for a in ranked.order[i, :TOP_K]:
                art = self.kb.articles[a]
                hits.append(Hit(article=art.id, title=art.title, tag=art.tag, score=round(float(ranked.fused[i, a]), 4)))
            intents.append(Intent(index=i, text=text, start=start, end=end, tag=hits[0]["tag"] if hits else None,
                                  hits=hits, features=[float(x) for x in ranked.features[i]],
                                  tag_sure=bool(topic[i] >= ROUTE_MIN_CONFIDENCE),
                                  topic_confidence=round(float(topic[i]), 4)))
        return intents

    def answer(self, intent: Intent, meter: Any = None, transcript: list[str] | None = None) -> Draft:
        best = intent["hits"][0]["article"] if intent["hits"] else None
        body = self.kb[best].body if best else ""
        return Draft(index=intent["index"], text=intent["text"], tag=intent["tag"], article=best,
                     answer=body, confidence=None, status="drafted", reason=None, queue=None,
                     tag_sure=intent.get("tag_sure", True), topic_confidence=intent.get("topic_confidence", 1.0))

    def grade(self, intent: Intent, draft: Draft, meter: Any = None) -> float:
        if not draft["article"]:
            return 0.0
        return self._confidence(intent)

    def _confidence(self, intent: Intent) -> float:
        if not intent["features"]:
            return 0.0
        return float(self.calibrator.predict(np.asarray(intent["features"]))[0])

    def route(self, text: str) -> str | None:
        if not text.strip():
            return None
        ranked, topic = self._analyse([text])
        if float(topic[0]) < ROUTE_MIN_CONFIDENCE:
            return None
        return self.kb.articles[ranked.order[0, 0]].tag

    def similarity(self, a: str, b: str) -> float:
        vecs = self._comparer.embed_queries([a, b])
        return float(vecs[0] @ vecs[1])

    def summarize(self, brief: dict[str, Any], transcript: list[str], meter: Any = None) -> dict[str, str] | None:
        return None  # the rule-based brief stands: no model to write prose
