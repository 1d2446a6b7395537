"""Calibrated confidence: P(the best article answers the message), fitted on the KB itself.

No labelled customer traffic is needed. Every example question is replayed twice:
- *held out*: its own entry is hidden, so the question is a new phrasing of a covered topic;
  the label is whether the best remaining article is still its article;
- *unseen*: its whole article is hidden, so the question is out of scope and whatever comes
  first is a wrong answer (label 0).
Each replay also runs wrapped in message-like filler ("hi, ... thanks") because real customer
messages are longer than example questions; a third replay keeps the wrapped question's own entry
visible (*seen*), since customers often reuse a KB phrasing inside other words. The classifier's
probabilities in the held-out and unseen replays come from models fitted without the replayed
questions (`FOLDS`-fold cross-fitting), as a new message would see them. A logistic regression
on length-insensitive features turns the scores into a probability; in-scope replays are
weighted to a realistic prior (most customer turns are in scope).

A knowledge base with few questions has few replays to learn from: its fit shrinks towards one
middling confidence for everything (three articles put "what is the meaning of life" at 0.71 and
"how long does the battery last" at 0.92). Under `PRIOR_QUESTIONS` example questions, the replays
of the shipped demo knowledge base join the fit as a prior, weighing up to `PRIOR_SHARE` of the
whole and fading out as the KB grows (Bitext with one question an intent: AUROC 0.787 -> 0.812;
three: 0.862 -> 0.868). A small KB's own replays are harsher than its customers: hiding one of an
article's two questions leaves it half its phrasings, where a customer meets both, so they fit too
low a confidence to what customers send (on 20 sets of recorded conversations, turns answered
at 0.6-0.7 were right nine times in ten). At up to 0.8 rather than 0.5 the prior weighs more:
Bitext AUROC 0.859 -> 0.861 with one question an intent, 0.895 -> 0.896 with three; the
conversation sets pass 997 of 1270 turns rather than 992, with the same 11 harmful answers.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

import numpy as np

from baton.engine import classifier as classifier_module
from baton.engine.cache import DAMAGED, write_atomically
from baton.engine import index as index_module
from baton.engine.classifier import ArticleClassifier
from baton.engine.index import Index, Scores

PRIOR_IN_SCOPE = 0.7
SHARE_SEEN = 0.3  # of the in-scope weight: messages that reuse a KB phrasing inside other words
MAX_FIT_QUESTIONS = 3000
# Lexical coverage is in `fused` but is no feature of its own: a KB's questions share their
# author's words, so in the replays a held-out question's coverage by its siblings predicts
# far more than a customer's own wording does (its weight was the largest, 4.0 on CLINC150).
# Without it: CLINC150 AUROC 0.964 -> 0.968, Bitext 0.891 -> 0.898, demo conversations unchanged.
FEATURES = ("fused", "fused_margin", "emb", "emb_margin", "body", "cls", "cls_logit", "unmet")
FOLDS = 5
PRIOR_QUESTIONS = 100  # below this many example questions the demo KB's replays join the fit
PRIOR_SHARE = 0.8      # their share of the total weight for a KB with no questions at all

# Neutral wrappers that make a 4-word example question look like a customer message.
WRAPPERS = (
    ("hi, ", " thanks"),
    ("hello there, quick question: ", "?"),
    ("", ", I bought it a few weeks ago"),
    ("sorry to bother you but ", ", can you help"),
)


@dataclass(frozen=True)
class Ranked:
    """The ranking of articles for each message and the confidence features of the best one."""

    order: np.ndarray      # (n, n_articles) article indices, best first
    fused: np.ndarray      # (n, n_articles)
    features: np.ndarray   # (n, len(FEATURES))


def rank(scores: Scores) -> Ranked:
    fused = scores.fused
    order = np.argsort(-fused, axis=1, kind="stable")
    rows = np.arange(fused.shape[0])
    top1 = order[:, 0]
    second = order[:, 1] if fused.shape[1] > 1 else order[:, 0]
    s1 = fused[rows, top1]
    # a lone article has no runner-up: compare it with one that says nothing (score 0); nor can
    # a classifier with one article to choose from tell anything (0.5)
    lone = fused.shape[1] == 1
    s2 = fused[rows, second] if not lone else np.zeros_like(s1)
    emb1 = scores.emb[rows, top1]
    others = scores.emb.copy()
    others[rows, top1] = -np.inf
    emb2 = others.max(axis=1) if not lone else np.zeros_like(emb1)
    cls1 = scores.cls[rows, top1] if not lone else np.full_like(s1, 0.5)
    cand = {"fused": s1, "fused_margin": s1 - s2, "emb": emb1, "emb_margin": emb1 - emb2,
            "lex": scores.lex[rows, top1], "body": scores.body[rows, top1], "best": scores.best[rows, top1],
            "cls": cls1, "cls_logit": _logit(cls1), "unmet": scores.unmet[rows, top1]}
    x = np.column_stack([cand[f] for f in FEATURES])
    return Ranked(order=order, fused=fused, features=x)


def topic_features(scores: Scores, ranked: Ranked, groups: np.ndarray) -> np.ndarray:
    """The confidence features of the best article's *topic*: its articles taken as one (`groups`
    holds a topic id per article). The runner-up is the best article of another topic and the
    classifier's probability is summed over the topic's articles, so two refund articles sharing
    a message no longer look like a close call. Fed to the article calibrator, this reads as how
    sure the engine is of the topic, not of the answer."""
    fused = scores.fused
    rows = np.arange(fused.shape[0])
    top1 = ranked.order[:, 0]
    same = groups[None, :] == groups[top1][:, None]
    other_fused = np.where(same, -np.inf, fused).max(axis=1)
    other_emb = np.where(same, -np.inf, scores.emb).max(axis=1)
    s1, emb1 = fused[rows, top1], scores.emb[rows, top1]
    cls = np.where(same, scores.cls, 0.0).sum(axis=1)
    cand = {"fused": s1, "fused_margin": np.where(np.isfinite(other_fused), s1 - other_fused, 1.0),
            "emb": emb1, "emb_margin": np.where(np.isfinite(other_emb), emb1 - other_emb, 1.0),
            "lex": scores.lex[rows, top1], "body": scores.body[rows, top1], "cls": cls, "cls_logit": _logit(cls),
            "unmet": scores.unmet[rows, top1]}
    return np.column_stack([cand[f] for f in FEATURES])


def _logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, 1e-4, 1 - 1e-4)
    return np.log(p / (1 - p))


def _recipe() -> str:
    """Everything that changes the fitted model besides the KB and the embedder."""
    constants = (FEATURES, PRIOR_IN_SCOPE, SHARE_SEEN, MAX_FIT_QUESTIONS, WRAPPERS, PRIOR_QUESTIONS, PRIOR_SHARE,
                 index_module.W_LEX, index_module.W_BODY, index_module.W_MAX, index_module.W_CLS, index_module.W_SAID,
                 index_module.SAID_FADE_QUESTIONS,
                 index_module.W_SECOND, classifier_module.RECIPE, index_module.UNMET_RULES, index_module.LEXICAL_RULES,
                 FOLDS, 7)  # RECIPE carries text.MATCHING_VERSION; 7: a lone article's runner-up scores 0
    return hashlib.sha256(repr(constants).encode()).hexdigest()[:12]


class Calibrator:
    """Logistic calibration of the ranking features; see the module docstring for the data.

    Fitting uses scikit-learn; the fitted coefficients are cached next to the KB embeddings
    (keyed by the KB's content, the embedder and this recipe), so a warm start neither refits
    nor imports scikit-learn.
    """

    def __init__(self, coef: np.ndarray | None = None, intercept: float = 0.0) -> None:
        self.coef = coef
        self.intercept = intercept

    def fit(self, index: Index, seed: int = 0) -> "Calibrator":
        cache = index.embedder.cache_dir / f"calib-{index.kb.fingerprint}-{_recipe()}-{seed}.json"
        key = index.embedder.name
        try:
            saved = json.loads(cache.read_text())
            if saved.get("embedder") == key:
                self.coef, self.intercept = np.asarray(saved["coef"]), float(saved["intercept"])
                return self
        except DAMAGED:
            pass
        from sklearn.linear_model import LogisticRegression

        x, y, w = with_prior(index, *replay_features(index, seed=seed), seed=seed)
        if len(set(y.tolist())) < 2:
            # A KB too small to produce both outcomes: anchor both ends so the fit exists.
            y = np.r_[y, 0, 1]
            x = np.vstack([x, np.zeros(x.shape[1]), np.ones(x.shape[1])])
            w = np.r_[w, 1.0, 1.0]
        model = LogisticRegression(C=1.0, max_iter=1000).fit(x, y, sample_weight=w)
        self.coef, self.intercept = model.coef_[0].copy(), float(model.intercept_[0])
        record = {"embedder": key, "features": FEATURES, "coef": self.coef.tolist(), "intercept": self.intercept}
        write_atomically(cache, lambda tmp: tmp.write_text(json.dumps(record)))
        return self

    @property
    def fitted(self) -> bool:
        return self.coef is not None

    def predict(self, features: np.ndarray) -> np.ndarray:
        if self.coef is None:
            raise RuntimeError("Calibrator.predict before fit")
        z = np.atleast_2d(features) @ self.coef + self.intercept
        return 1.0 / (1.0 + np.exp(-z))


def with_prior(index: Index, x: np.ndarray, y: np.ndarray, w: np.ndarray,
               seed: int = 0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The replays, joined by the demo KB's when the KB has under `PRIOR_QUESTIONS` questions."""
    questions = int((~index.is_title).sum())
    share = PRIOR_SHARE * (1 - questions / PRIOR_QUESTIONS) if PRIOR_QUESTIONS else 0.0
    if share <= 0:
        return x, y, w
    from baton import demo
    from baton.kb import load_kb

    reference = Index(load_kb(demo.KB), index.embedder)
    rx, ry, rw = replay_features(reference, seed=seed)
    rw = rw * (share / (1 - share)) * (w.sum() / rw.sum())
    return np.vstack([x, rx]), np.r_[y, ry], np.r_[w, rw]


def replay_features(index: Index, seed: int = 0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Features, labels and weights of the held-out and unseen replays of the KB's questions."""
    question_units = np.array([u for u in range(len(index.unit_texts)) if not index.is_title[u]])
    rng = np.random.default_rng(seed)
    if len(question_units) > MAX_FIT_QUESTIONS:
        question_units = np.sort(rng.choice(question_units, MAX_FIT_QUESTIONS, replace=False))
    texts = [index.unit_texts[u] for u in question_units]
    variants = [texts]
    vec_sets = [index.unit_raw[question_units]]
    wrapped = [f"{WRAPPERS[i % len(WRAPPERS)][0]}{t}{WRAPPERS[i % len(WRAPPERS)][1]}" for i, t in enumerate(texts)]
    variants.append(wrapped)
    vec_sets.append(index.embed_corpus(wrapped))

    folds = rng.permutation(len(question_units)) % FOLDS
    held_cls = _cross_fitted(index, vec_sets, question_units, folds)

    xs, ys, ws = [], [], []
    n_units = len(index.unit_texts)
    articles = index.unit_article[question_units]
    rows = np.arange(len(question_units))
    for batch_texts, vecs, cls in zip(variants, vec_sets, held_cls):
        for start in range(0, len(rows), 500):
            sl = slice(start, start + 500)
            r = rows[sl]
            unit_mask = np.zeros((len(r), n_units), dtype=bool)
            unit_mask[np.arange(len(r)), question_units[sl]] = True
            held = rank(index.scores([batch_texts[i] for i in r], vecs[sl], unit_mask=unit_mask, cls=cls[sl]))
            xs.append(held.features)
            ys.append((held.order[:, 0] == articles[sl]).astype(int))
            ws.append(np.full(len(r), PRIOR_IN_SCOPE * (1 - SHARE_SEEN)))
            if batch_texts is wrapped:
                seen = rank(index.scores([batch_texts[i] for i in r], vecs[sl]))
                xs.append(seen.features)
                ys.append((seen.order[:, 0] == articles[sl]).astype(int))
                ws.append(np.full(len(r), PRIOR_IN_SCOPE * SHARE_SEEN * 2))
            article_mask = np.zeros((len(r), index.n_articles), dtype=bool)
            article_mask[np.arange(len(r)), articles[sl]] = True
            unseen = rank(index.scores([batch_texts[i] for i in r], vecs[sl], article_mask=article_mask,
                                       cls=cls[sl]))
            xs.append(unseen.features)
            ys.append(np.zeros(len(r), dtype=int))
            ws.append(np.full(len(r), 1.0 - PRIOR_IN_SCOPE))
    return np.vstack(xs), np.concatenate(ys), np.concatenate(ws)


def _cross_fitted(index: Index, vec_sets: list[np.ndarray], question_units: np.ndarray,
                  folds: np.ndarray) -> list[np.ndarray]:
    """The classifier's probabilities for each replayed question (and each variant of it) from a
    model fitted without the questions of its fold. Unseen replays reuse them with the question's
    article dropped (`classifier.without`): refitting without each article in turn would be one
    fit per article, and holding out a fold of whole articles instead made the replays look far
    less confident than real out-of-scope messages (CLINC150 validation ECE 0.098 vs 0.056)."""
    out = [np.zeros((len(question_units), index.n_articles)) for _ in vec_sets]
    counts = np.bincount(index.unit_article, minlength=index.n_articles)
    for k in np.unique(folds):
        rows = np.flatnonzero(folds == k)
        keep = np.ones(len(index.unit_texts), dtype=bool)
        keep[question_units[rows]] = False
        model = ArticleClassifier.fit(index.cls_units[keep], index.unit_article[keep], index.n_articles, counts)
        for cls, vecs in zip(out, vec_sets):
            cls[rows] = model.proba(index.centre(vecs[rows]))
    return out
