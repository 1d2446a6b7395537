"""P(article | message) from a linear classifier over the knowledge base's example questions.

Retrieval asks "which example question is this message closest to?"; the classifier learns which
directions of the embedding separate one article's questions from the others', which ranks better
once articles have more than a handful of questions (and costs one small matrix product a
message). Multinomial logistic regression on the same centred unit vectors as retrieval, titles
included, so every article has at least one training example. Every article weighs the same in
the fit, however many questions its author wrote: unweighted, an article with many phrasings
becomes the classifier's default guess (MixATIS, whose train has 304 single-intent questions for
`atis_flight` and 12 for `atis_flight_no`: dev exact match 0.750 unweighted, 0.908 weighted).

Fitting uses scikit-learn; the coefficients are cached next to the KB embeddings, keyed by the
KB's content, the embedder and `RECIPE`, so a warm start neither refits nor imports it.
"""

from __future__ import annotations

import hashlib
import warnings
from pathlib import Path

import numpy as np

from baton.engine.cache import DAMAGED, write_atomically
from baton.engine.text import MATCHING_VERSION

C = 10.0
# "background": what a small KB's vectors are centred on changed (`index.BACKGROUND_QUESTIONS`)
RECIPE = hashlib.sha256(repr(("multinomial-lr", C, "per-article", MATCHING_VERSION, "background")).encode()).hexdigest()[:12]


class ArticleClassifier:
    """Softmax over articles: `proba(x)` is (n, n_articles), rows summing to 1."""

    def __init__(self, coef: np.ndarray, intercept: np.ndarray) -> None:
        self.coef = coef.astype(np.float32)
        self.intercept = intercept.astype(np.float32)

    @classmethod
    def fit(cls, x: np.ndarray, y: np.ndarray, n_classes: int,
            counts: np.ndarray | None = None) -> "ArticleClassifier":
        """Fit on unit vectors `x` labelled with article indices `y`; an article with no example
        in `y` gets probability 0. Each example weighs 1 / its article's count in `counts`
        (default: in `y`), so every article weighs the same; a fit on part of a KB passes the
        whole KB's counts, so it weighs articles as the full fit does."""
        coef = np.zeros((n_classes, x.shape[1]), dtype=np.float32)
        intercept = np.zeros(n_classes, dtype=np.float32)
        present = np.unique(y)
        intercept[np.setdiff1d(np.arange(n_classes), present)] = -1e4
        if len(present) < 2:  # one article: nothing to separate, all the mass on it
            return cls(coef, intercept)
        from sklearn.linear_model import LogisticRegression

        counts = np.bincount(y, minlength=n_classes) if counts is None else np.asarray(counts)
        weight = 1.0 / np.maximum(counts[y], 1)
        with warnings.catch_warnings():
            # one or two questions an article is what a small KB looks like, not a regression problem
            warnings.filterwarnings("ignore", message="The number of unique classes", category=UserWarning)
            model = LogisticRegression(C=C, max_iter=300).fit(x, y, sample_weight=weight * len(y) / weight.sum())
        if len(model.classes_) == 2:  # one row, for the second class against the first: softmax(0, z)
            coef[model.classes_[1]], intercept[model.classes_[1]] = model.coef_[0], model.intercept_[0]
        else:
            coef[model.classes_] = model.coef_
            intercept[model.classes_] = model.intercept_
        return cls(coef, intercept)

    @classmethod
    def cached(cls, path: Path, x: np.ndarray, y: np.ndarray, n_classes: int) -> "ArticleClassifier":
        """Load the fitted model from `path`, or fit it and save it there (best effort)."""
        try:
            with np.load(path) as saved:
                if saved["coef"].shape == (n_classes, x.shape[1]):
                    return cls(saved["coef"], saved["intercept"])
        except DAMAGED:
            pass  # missing or damaged cache: refit
        model = cls.fit(x, y, n_classes)
        write_atomically(path, lambda tmp: np.savez(tmp, coef=model.coef, intercept=model.intercept))
        return model

    def proba(self, x: np.ndarray) -> np.ndarray:
        z = np.asarray(x, dtype=np.float32) @ self.coef.T + self.intercept
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return (e / e.sum(axis=1, keepdims=True)).astype(np.float64)


def without(proba: np.ndarray, article_mask: np.ndarray) -> np.ndarray:
    """The distribution over the articles left when `article_mask` hides some (renormalised):
    what a message about a hidden article would get from a classifier that never knew it."""
    kept = np.where(article_mask, 0.0, proba)
    return kept / np.maximum(kept.sum(axis=1, keepdims=True), 1e-12)
