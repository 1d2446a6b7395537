"""Hybrid retrieval over a knowledge base: centred embeddings fused with lexical coverage.

Scores are per article:
- `emb`: the best centred cosine between the message and the article's example questions/title.
  Centring on the knowledge base's mean removes the direction every e5 vector shares, which is
  what makes raw e5 cosines crowd together around 0.85-0.9.
- `body`: the centred cosine between the message and the article body (as an e5 passage).
- `lex`: the share of an example question's TF-IDF mass whose terms appear in the message. It is
  a coverage of the *question* by the message, so a long message is not penalised for its length.
  A question made of words most articles hold counts for less (`Index._specificity`).
- `cls`: P(article | message) from a classifier trained on the example questions (see
  `classifier`); it sharpens the ranking when articles have many questions.
- `said`: the share of the message's TF-IDF mass whose terms the article's title and body hold.
  Example questions are few; the answer often names what the customer asks about ("what
  reference do I use for a bank transfer?" against a body that says "by bank transfer (use your
  account number as the reference)", while no example question mentions transfers). A term no
  article holds weighs as the rarest, so a message about something the KB never names is said by
  none. It fades out as example questions grow (`said_share`): with ten an article they carry the
  customers' wording, and the body's words only add the author's.
- `unmet`: 1 where the message asks for an action on the customer's order or account (cancel,
  change, delete, upgrade, ...: `actions.ACTIONS`; another word for it counts where the KB never
  uses the customer's: `actions.met`) that the article never mentions, or on something it never
  mentions. "can I cancel my order before it ships" shares "order" and "ship" with a
  shipping article, which says nothing about cancelling; "how do I change my name" shares its
  frame with "how do I change my phone number" (0.85 on that article), and no word about names:
  similar words, another request.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from baton.engine import classifier as classifier_module
from baton.engine.actions import ACTIONS, action_objects, action_roots, met
from baton.engine.classifier import ArticleClassifier, without
from baton.engine.embedder import CachedEmbedder
from baton.engine.spelling import Speller
from baton.engine.text import (QUALIFYING_TERMS, SAYING_TERMS, WANTING_TERMS, amount_terms, content_terms, for_matching,
                               states_amount, without_opening)
from baton.kb import KnowledgeBase

W_LEX = 0.35
W_BODY = 0.25
W_MAX = 0.3  # article embedding score = W_MAX * best single question + (1 - W_MAX) * centroid
W_CLS = 0.5
# The article's title and body saying the message's words. On the demo and ten fixture sets (one
# to five questions an article, 645 turns) 0.3 passes 6 more turns and one fewer, no more harmful
# answers; 0.5 adds a harmful answer; 0.6 cost the demo 7 turns. At full weight on CLINC150
# (100 questions an article, bodies that are the intent's name) it moved the threshold chosen on
# validation to 0.46 and test OOS recall to 0.878, hence the fade.
W_SAID = 0.3
SAID_FADE_QUESTIONS = 10  # example questions an article at which `said` no longer counts
# How much the second model (MiniLM) counts in what the classifier reads, against e5's 1. On
# Bitext (never tuned on), 5 questions an article, answered correctly at harmful <= 0.02: 0.598
# at 1.0, 0.614 at 0.7, 0.639 at 0.5 (e5 alone 0.598); with 1 question an article 0.375, 0.361,
# 0.361 (e5 alone 0.320). At 1.0 the demo KB's camera article drew "can I return the camera?".
W_SECOND = 0.5
LEXICAL_RULES = 4  # bump when `lex` or `said` reads messages differently: calibrations are fitted on it
UNMET_RULES = 5  # bump when `unmet` reads messages differently: calibrations are fitted on it
# Centring needs the direction every vector shares, and a small KB's own mean is a poor estimate of
# it (one article's title and question: the mean lies between them, and everything centred on it
# points along their difference, so a one-article KB rated any message alike). Under this many
# example questions the shipped demo KB's mean stands in, weighing 1 - questions / this.
BACKGROUND_QUESTIONS = 100


def background_share(questions: int) -> float:
    """How much the demo KB's mean weighs in the centring of a KB with this many questions."""
    return max(0.0, 1.0 - questions / BACKGROUND_QUESTIONS)


def background_means(embedder: CachedEmbedder) -> tuple[np.ndarray, np.ndarray]:
    """The shipped demo KB's mean query vector (titles and questions) and mean passage vector
    (articles), read as `Index` reads its own texts but without another KB's spelling (cached)."""
    from baton import demo
    from baton.kb import load_kb

    kb = load_kb(demo.KB)
    units = embedder.embed_corpus_queries([for_matching(t) for a in kb.articles for t in (a.title, *a.questions)])
    bodies = embedder.embed_corpus_passages([f"{a.title}. {a.body}" for a in kb.articles])
    return units.mean(axis=0), bodies.mean(axis=0)


def said_share(questions: int, articles: int) -> float:
    """How much `said` counts (0-1) in a KB with this many example questions over its articles."""
    return max(0.0, 1.0 - questions / max(articles, 1) / SAID_FADE_QUESTIONS)


def _unit(m: np.ndarray) -> np.ndarray:
    n = np.linalg.norm(m, axis=-1, keepdims=True)
    return m / np.maximum(n, 1e-9)


@dataclass(frozen=True)
class Scores:
    """Per-article scores for a batch of messages, each of shape (n_messages, n_articles)."""

    emb: np.ndarray
    lex: np.ndarray
    body: np.ndarray
    best: np.ndarray  # the best single example question's centred cosine
    cls: np.ndarray   # the classifier's probability of each article
    unmet: np.ndarray  # 1.0 where the message asks for an action the article never mentions
    said: np.ndarray  # the share of the message's term mass the article's title and body hold, faded

    @property
    def fused(self) -> np.ndarray:
        return self.emb + W_LEX * self.lex + W_BODY * self.body + W_CLS * self.cls + W_SAID * self.said


class Index:
    """The retrieval index of one knowledge base (build once per process; embeddings are cached)."""

    def __init__(self, kb: KnowledgeBase, embedder: CachedEmbedder) -> None:
        self.kb = kb
        self.embedder = embedder
        self.article_ids = [a.id for a in kb.articles]
        unit_texts: list[str] = []
        unit_article: list[int] = []
        is_title: list[bool] = []
        for i, a in enumerate(kb.articles):
            for j, text in enumerate((a.title, *a.questions)):
                unit_texts.append(text)
                unit_article.append(i)
                is_title.append(j == 0)
        self.unit_texts = unit_texts
        self.unit_article = np.asarray(unit_article)
        self.is_title = np.asarray(is_title)
        self.n_articles = len(kb.articles)
        self.speller = Speller([*unit_texts, *(a.body for a in kb.articles)])
        self._starts = np.flatnonzero(np.r_[True, np.diff(self.unit_article) != 0])
        self._sim_dims: int | None = getattr(embedder, "similarity_dims", None)
        unit_vecs = self.embed_corpus(unit_texts)
        self.unit_raw = unit_vecs
        body_vecs = embedder.embed_corpus_passages([f"{a.title}. {a.body}" for a in kb.articles])
        self.mu_q = unit_vecs.mean(axis=0)
        self.mu_b = body_vecs.mean(axis=0)
        share = background_share(int((~self.is_title).sum()))
        if share > 0:
            bg_q, bg_b = background_means(embedder)
            self.mu_q = (1 - share) * self.mu_q + share * bg_q
            self.mu_b = (1 - share) * self.mu_b + share * bg_b
        self.cls_units = self.centre(unit_vecs)
        self.units = self.similar(self.cls_units)
        self.unit_sums = np.add.reduceat(self.units, self._starts, axis=0)  # (articles, dim)
        self.sum_norm2 = (self.unit_sums ** 2).sum(axis=1)
        self.bodies = self.similar(_unit(body_vecs - self.mu_b))
        self._build_lexical(kb)
        self.classifier = ArticleClassifier.cached(
            embedder.cache_dir / f"cls-{kb.fingerprint}-{classifier_module.RECIPE}-{W_SECOND}-{embedder.name}.npz",
            self.cls_units, self.unit_article, self.n_articles)

    def centre(self, vecs: np.ndarray) -> np.ndarray:
        """Raw query embeddings -> the centred unit vectors the classifier reads."""
        centred = np.asarray(vecs, dtype=np.float32) - self.mu_q
        if self._sim_dims is not None:
            centred[:, self._sim_dims:] *= W_SECOND
        return _unit(centred)

    def similar(self, centred: np.ndarray) -> np.ndarray:
        """Centred vectors -> the part that question and body similarity compare: the first
        model's, when the embedder joins two (`embedder.PairEmbedder.similarity_dims`)."""
        return centred if self._sim_dims is None else _unit(centred[:, :self._sim_dims])

    def _build_lexical(self, kb: KnowledgeBase) -> None:
        docs = [content_terms(t) for t in self.unit_texts]
        bodies = [content_terms(f"{a.title} {a.body}") for a in kb.articles]
        vocab: dict[str, int] = {}
        for doc in docs + bodies:
            for term in doc:
                vocab.setdefault(term, len(vocab))
        self.vocab = vocab
        df = np.zeros(len(vocab))
        for doc in docs + bodies:
            for term in set(doc):
                df[vocab[term]] += 1
        n_docs = len(docs) + len(bodies)
        self.idf = np.log((1 + n_docs) / (1 + df)) + 1.0
        # postings: term -> (units holding it, that term's share of each unit's TF-IDF mass)
        postings: dict[int, tuple[list[int], list[float]]] = {}
        for r, doc in enumerate(docs):
            terms = sorted(set(doc))
            weights = np.array([self.idf[vocab[t]] for t in terms]) if terms else np.zeros(0)
            mass = float((weights ** 2).sum()) or 1.0
            for t, w in zip(terms, weights):
                units, shares = postings.setdefault(vocab[t], ([], []))
                units.append(r)
                shares.append(w * w / mass)
        self.postings = {t: (np.asarray(u), np.asarray(w)) for t, (u, w) in postings.items()}
        self.max_idf = float(np.log(1 + n_docs) + 1.0)
        self.said_share = said_share(int((~self.is_title).sum()), self.n_articles)
        # per term, the articles whose title or body holds it (a dense term x article matrix would
        # hold 160 MB of zeros for a thousand articles and 20,000 terms)
        said_by: dict[int, list[int]] = {}
        for a, body in enumerate(bodies):
            for t in set(body):
                said_by.setdefault(vocab[t], []).append(a)
        self.said_by = {t: np.asarray(arts) for t, arts in said_by.items()}
        # how many of each article's texts (title, questions, body) mention each action
        self.unit_actions = np.array([action_roots(t) for t in self.unit_texts], dtype=np.int32).reshape(-1, len(ACTIONS))
        body_actions = np.array([action_roots(f"{a.title} {a.body}") for a in kb.articles], dtype=np.int32)
        self.asked_actions = np.add.reduceat(self.unit_actions, self._starts, axis=0)  # title and questions
        self.article_actions = self.asked_actions + body_actions.reshape(-1, len(ACTIONS))
        self.worded_actions = (self.asked_actions > 0).any(axis=0)  # the actions the KB's own wording names
        # how many of each article's texts hold each term (for the objects of actions)
        self.unit_terms = [set(doc) for doc in docs]
        self.article_terms: list[dict[str, int]] = [{} for _ in kb.articles]
        for a, terms in [*zip(self.unit_article, self.unit_terms), *enumerate(set(b) for b in bodies)]:
            for t in terms:
                self.article_terms[a][t] = self.article_terms[a].get(t, 0) + 1
        self.unit_specificity = self._specificity(docs)

    def _specificity(self, docs: Sequence[list[str]]) -> np.ndarray:
        """(units,): 1 - the product, over an example question's terms, of the share of the other
        articles that hold the term anywhere (title, questions, body). A question whose words the
        whole KB shares ("where is my parcel" in a courier's KB, where 19 of 23 articles say
        "parcel") is covered by almost any message, so covering it tells little."""
        held_by = Counter(t for terms in self.article_terms for t in terms)
        others = max(self.n_articles - 1, 1)
        return np.array([1.0 - math.prod((held_by[t] - 1) / others for t in set(doc)) for doc in docs])

    def _unmet(self, texts: Sequence[str], unit_mask: np.ndarray | None) -> np.ndarray:
        """(n, articles): 1.0 where the text asks for an action, or an action on an object, that
        no visible text of the article mentions (hidden units take their mentions with them)."""
        asked = np.array([action_roots(t) for t in texts]).reshape(len(texts), len(ACTIONS))
        out = np.zeros((len(texts), self.n_articles))
        for r in np.flatnonzero(asked.any(axis=1)):
            counts, worded = self.article_actions, self.worded_actions
            hidden = np.flatnonzero(unit_mask[r]) if unit_mask is not None else []
            if len(hidden):  # only replays hide units: a customer's message copies nothing
                counts, asked_of = counts.copy(), self.asked_actions.copy()
                for u in hidden:
                    counts[self.unit_article[u]] -= self.unit_actions[u]
                    asked_of[self.unit_article[u]] -= self.unit_actions[u]
                worded = (asked_of > 0).any(axis=0)
            out[r] = ~met(counts, asked[r], worded)
            for obj in action_objects(texts[r]):
                held = np.array([terms.get(obj, 0) for terms in self.article_terms])
                for u in hidden:
                    held[self.unit_article[u]] -= obj in self.unit_terms[u]
                out[r] = np.maximum(out[r], held <= 0)
        return out

    def _coverage(self, terms_of: Sequence[set[str]]) -> np.ndarray:
        """(n, units): the share of each example question's terms that each text (its content terms,
        `terms_of`) contains, times the question's specificity (`_specificity`)."""
        out = np.zeros((len(terms_of), len(self.unit_texts)))
        for r, terms in enumerate(terms_of):
            for term in terms:
                hit = self.postings.get(self.vocab.get(term, -1))
                if hit is not None:
                    out[r, hit[0]] += hit[1]
        return out * self.unit_specificity

    def _said(self, terms_of: Sequence[set[str]]) -> np.ndarray:
        """(n, articles): the share of each text's TF-IDF mass (its content terms, `terms_of`) whose
        terms the article's title and body hold (a term no article holds weighs as the rarest),
        times `said_share`. The words asking for an amount are no part of it ("much" in "how much
        is an indoor camera": no article says "much", and as the rarest term it outweighed
        "indoor" and "camera", which the equipment article's body holds with their price)."""
        out = np.zeros((len(terms_of), self.n_articles))
        if not self.said_share:
            return out
        for r, terms in enumerate(terms_of):
            terms = terms - amount_terms(terms)
            known = [self.vocab[t] for t in terms if t in self.vocab]
            weights = self.idf[known] ** 2
            mass = float(weights.sum()) + self.max_idf ** 2 * (len(terms) - len(known))
            for t, w in zip(known, weights):
                if t in self.said_by:
                    out[r, self.said_by[t]] += w / mass
        return out * self.said_share

    def read(self, text: str) -> str:
        """`text` as retrieval reads it: without pasted identifiers and emoji (`for_matching`),
        typos spelt as the knowledge base spells them (`spelling`)."""
        return self.speller.correct(for_matching(text))

    def holds(self, article: str, text: str) -> bool:
        """The article's answer (title and body) holds every content term of `text` and states the
        amount it asks for, if any (`states_amount`): "how much is it per night?" is held by an
        article saying "15 GBP a night", "does that cost extra?" by none that names no price. Its
        example questions do not count: they say what it is asked, not what it answers. Words of
        needing and wanting (`WANTING_TERMS`), qualifying words (`QUALIFYING_TERMS`), words of saying
        (`SAYING_TERMS`) and numbers say nothing it must hold: a follow-up holding only a number is
        held by an article stating one."""
        a = self.article_ids.index(article)
        terms = self._asked(text)
        answer = f"{self.kb.articles[a].title} {self.kb.articles[a].body}"
        if not terms:  # nothing but a value put to its rule ("she's 15, is that ok?" after "over 16")
            return re.search(r"\d", text) is not None and re.search(r"\d", answer) is not None
        said = all(t in self.vocab and a in self.said_by.get(self.vocab[t], ()) for t in terms - amount_terms(terms))
        return said and states_amount(answer, terms)

    def named(self, text: str) -> set[str]:
        """The content terms of `text` that name what it asks about: not the words asking for an
        amount (`amount_terms`) nor those of needing and wanting (`WANTING_TERMS`). "what does it
        cost?" names nothing."""
        terms = self._asked(text)
        return terms - amount_terms(terms)

    def _asked(self, text: str) -> set[str]:
        # a number is a value the customer puts to the article's rule ("and if it's only 3 days
        # before?" after "up to 7 days before the move"), not a word it must say
        terms = {t for t in content_terms(self.read(text)) if not t.isdigit()}
        return terms - WANTING_TERMS - QUALIFYING_TERMS - SAYING_TERMS

    def asked_to_do(self, article: str, text: str) -> bool:
        """The article's title or an example question names an action `text` names (`ACTIONS`):
        "how do I change my password" for "somebody changed my password"."""
        units = np.flatnonzero(self.unit_article == self.article_ids.index(article))
        return bool((self.unit_actions[units].any(axis=0) & action_roots(text)).any())

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Customer messages as query vectors, read as `read` says."""
        return self.embedder.embed_queries([self.read(t) for t in texts])

    def embed_corpus(self, texts: Sequence[str]) -> np.ndarray:
        """Like `embed`, for many texts at once (example questions, benchmark sets), cached on disk.
        Example questions are read like messages: an order number in one is noise too."""
        return self.embedder.embed_corpus_queries([self.read(t) for t in texts])

    def scores(self, texts: Sequence[str], vecs: np.ndarray | None = None,
               unit_mask: np.ndarray | None = None, article_mask: np.ndarray | None = None,
               cls: np.ndarray | None = None) -> Scores:
        """Per-article scores. `unit_mask` (n, units) and `article_mask` (n, articles) hide,
        per message, units or whole articles (used to simulate held-out and unseen questions);
        a replay that hides units passes `cls` from a classifier that never saw them."""
        if vecs is None:
            vecs = self.embed(texts)
        texts = [self.speller.correct(without_opening(t)) for t in texts]
        q = self.centre(vecs)
        if cls is None:
            cls = self.classifier.proba(q)
        q = self.similar(q)
        unit_emb = q @ self.units.T
        terms_of = [set(content_terms(t)) for t in texts]
        unit_lex = self._coverage(terms_of)
        dot_sum = q @ self.unit_sums.T
        norm2 = np.broadcast_to(self.sum_norm2, dot_sum.shape).copy()
        if unit_mask is not None:
            # Held-out units leave the centroid too. Exact when a row hides at most one unit
            # per article, which is how the calibration replays use it.
            hidden = np.where(unit_mask, unit_emb, 0.0)
            dot_sum -= np.add.reduceat(hidden, self._starts, axis=1)
            rows, hidden_units = np.nonzero(unit_mask)
            arts = self.unit_article[hidden_units]
            np.add.at(norm2, (rows, arts), 1.0 - 2.0 * (self.unit_sums[arts] * self.units[hidden_units]).sum(axis=1))
            unit_emb = np.where(unit_mask, -1.0, unit_emb)
            unit_lex = np.where(unit_mask, 0.0, unit_lex)
        centroid = dot_sum / np.sqrt(np.maximum(norm2, 1e-9))
        best = self._per_article_max(unit_emb)
        emb = W_MAX * best + (1 - W_MAX) * centroid
        lex = self._per_article_max(unit_lex)
        qb = self.similar(_unit(np.asarray(vecs, dtype=np.float32) - self.mu_b))
        body = qb @ self.bodies.T
        said = self._said(terms_of)
        if article_mask is not None:
            emb = np.where(article_mask, -1.0, emb)
            lex = np.where(article_mask, 0.0, lex)
            body = np.where(article_mask, -1.0, body)
            said = np.where(article_mask, 0.0, said)
            best = np.where(article_mask, -1.0, best)
            cls = without(cls, article_mask)
        return Scores(emb=emb, lex=lex, body=body, best=best, cls=cls, said=said,
                      unmet=self._unmet(texts, unit_mask))

    def _per_article_max(self, unit_scores: np.ndarray) -> np.ndarray:
        # units are stored grouped by article (every article has at least its title)
        return np.maximum.reduceat(unit_scores, self._starts, axis=1).astype(np.float64)
