"""Public benchmarks through the same engine as the graph (`baton bench NAME --data PATH`).

Training utterances become knowledge-base example questions (one article per intent); test
utterances are the customer messages. The confidence threshold is chosen on validation data only
(the one maximising the mean of in-scope accuracy and out-of-scope recall) and then applied to test;
CLINC150 also reports two more operating points, both chosen on validation: the lowest threshold
that hands off 90% of its out-of-scope messages, and the lowest that hands off enough of them for a
recall of 90% to hold on unseen messages with 95% confidence (`recall_needed`).
"""

from __future__ import annotations

import csv
import json
import random
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import numpy as np

from baton.engine.calibration import rank
from baton.engine.embedded import EmbeddedEngine
from baton.errors import BatonError
from baton.kb import Article, KnowledgeBase

NAMES = ("clinc150", "banking77-oos", "mixatis", "mixsnips", "bitext")
OOS = "oos"


class BenchmarkError(BatonError):
    """The benchmark data is missing or not in the expected layout."""


@dataclass
class Split:
    texts: list[str]
    labels: list[str]  # OOS for out of scope


def kb_from(train: Split, per_intent: int | None, seed: int = 0) -> KnowledgeBase:
    by: dict[str, list[str]] = defaultdict(list)
    for text, label in zip(train.texts, train.labels):
        if label != OOS:
            by[label].append(text)
    rng = random.Random(seed)
    articles = []
    for label in sorted(by):
        questions = list(dict.fromkeys(by[label]))
        if per_intent:
            rng.shuffle(questions)
            questions = questions[:per_intent]
        name = label.replace("_", " ").replace(":", " ")
        articles.append(Article(id=label, title=name, tag="general", questions=tuple(questions), body=name))
    return KnowledgeBase(articles, source="benchmark")


def _read_lines(path: Path) -> list[str]:
    if not path.exists():
        raise BenchmarkError(f"{path}: not found")
    return [line.rstrip("\n") for line in path.read_text(encoding="utf-8").splitlines()]


def _pair_folder(folder: Path, oos: bool = False) -> Split:
    texts = _read_lines(folder / "seq.in")
    labels = [OOS] * len(texts) if oos else _read_lines(folder / "label")
    if len(texts) != len(labels):
        raise BenchmarkError(f"{folder}: seq.in has {len(texts)} lines, label has {len(labels)}")
    return Split(texts, labels)


# --- scoring -----------------------------------------------------------------------------------
def score(engine: EmbeddedEngine, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Top article id and calibrated confidence of each text (embeddings cached on disk)."""
    vecs = engine.index.embed_corpus(texts)
    preds, confs = [], []
    for start in range(0, len(texts), 500):
        ranked = rank(engine.index.scores(texts[start:start + 500], vecs[start:start + 500]))
        preds.extend(engine.kb.articles[i].id for i in ranked.order[:, 0])
        confs.extend(engine.calibrator.predict(ranked.features))
    return np.asarray(preds), np.asarray(confs)


def auroc(labels: np.ndarray, scores: np.ndarray) -> float | None:
    pos, neg = scores[labels == 1], scores[labels == 0]
    if not len(pos) or not len(neg):
        return None
    order = np.argsort(np.concatenate([pos, neg]), kind="mergesort")
    ranks = np.empty(len(order))
    ranks[order] = np.arange(1, len(order) + 1)
    return round(float((ranks[: len(pos)].sum() - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg))), 4)


def ece(correct: np.ndarray, conf: np.ndarray, bins: int = 10) -> float:
    total = 0.0
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        m = (conf >= lo) & ((conf < hi) if b < bins - 1 else (conf <= hi))
        if m.any():
            total += m.mean() * abs(conf[m].mean() - correct[m].mean())
    return round(float(total), 4)


def choose_threshold(preds: np.ndarray, conf: np.ndarray, labels: np.ndarray) -> float:
    ins = labels != OOS
    best, best_t = -1.0, 0.5
    for t in np.linspace(0.05, 0.95, 91):
        answered = conf >= t
        acc = (answered & (preds == labels) & ins).sum() / max(ins.sum(), 1)
        rec = (~answered & ~ins).sum() / max((~ins).sum(), 1) if (~ins).any() else 1.0
        if (acc + rec) / 2 > best:
            best, best_t = (acc + rec) / 2, float(t)
    return round(best_t, 2)


def threshold_for_oos_recall(conf: np.ndarray, labels: np.ndarray, recall: float = 0.9) -> float | None:
    """The lowest threshold that hands off at least `recall` of the out-of-scope messages."""
    oos = np.sort(conf[labels == OOS])
    if not len(oos):
        return None
    return float(np.nextafter(oos[int(np.ceil(recall * len(oos))) - 1], np.inf))


def recall_needed(n: int, target: float = 0.9, alpha: float = 0.05) -> float:
    """The share of `n` validation out-of-scope messages a threshold must hand off for the recall
    on unseen ones to be at least `target` with confidence 1 - `alpha`: the smallest k / n whose
    one-sided exact binomial test rejects a true recall of `target` (the Clopper-Pearson lower
    bound reaches it). 100 messages estimate a recall to about 3 points: handing off 90 of them is
    a true recall under 0.9 about half the time; 96 of them, under 5% of the time."""
    from scipy.stats import binom  # imported here: the other benchmarks need none of it

    k = np.arange(n + 1)
    passing = k[binom.sf(k - 1, n, target) <= alpha]  # P(at least k of n handed off | recall = target)
    return float(passing[0] / n) if passing.size else 1.0


def intent_metrics(preds: np.ndarray, conf: np.ndarray, labels: np.ndarray, threshold: float) -> dict[str, Any]:
    ins = labels != OOS
    correct = (preds == labels) & ins
    answered = conf >= threshold
    out = {"in_scope_accuracy_closed": round(float(correct[ins].mean()), 4),
           "in_scope_accuracy": round(float((answered & correct)[ins].mean()), 4),
           "auroc": auroc(correct.astype(int), conf), "ece": ece(correct.astype(float), conf),
           "threshold": threshold}
    if (~ins).any():
        out["oos_recall"] = round(float((~answered[~ins]).mean()), 4)
        out["auroc_in_vs_oos"] = auroc(ins.astype(int), conf)
    return out


# --- the benchmarks ----------------------------------------------------------------------------
def clinc150(data: Path, per_intent: int | None = None, limit: int | None = None,
             engine_factory: Callable[[KnowledgeBase], EmbeddedEngine] = EmbeddedEngine) -> dict[str, Any]:
    path = data / "data_full.json" if data.is_dir() else data
    if not path.exists():
        raise BenchmarkError(f"{path}: not found (expected CLINC150's data_full.json)")
    d = json.loads(path.read_text())

    def split(name: str, oos_name: str) -> Split:
        rows = [(t, l) for t, l in d[name]] + [(t, OOS) for t, _ in d[oos_name]]
        if limit:
            rows = rows[:: max(1, len(rows) // limit)]
        return Split([t for t, _ in rows], [l for _, l in rows])

    train = Split([t for t, _ in d["train"]], [l for _, l in d["train"]])
    engine = engine_factory(kb_from(train, per_intent))
    val, test = split("val", "oos_val"), split("test", "oos_test")
    vp, vc = score(engine, val.texts)
    threshold = choose_threshold(vp, vc, np.asarray(val.labels))
    tp, tc = score(engine, test.texts)
    out = {"benchmark": "clinc150", "questions_per_intent": per_intent or "all", "articles": len(engine.kb),
           "test_messages": len(test.texts), **intent_metrics(tp, tc, np.asarray(test.labels), threshold)}
    at_recall = threshold_for_oos_recall(vc, np.asarray(val.labels), 0.9)
    if at_recall is not None:  # the operating point the target names, still chosen on validation
        m = intent_metrics(tp, tc, np.asarray(test.labels), at_recall)
        out["at_val_oos_recall_0.9"] = {"threshold": round(at_recall, 4), "in_scope_accuracy": m["in_scope_accuracy"],
                                        "oos_recall": m["oos_recall"]}
    # the same target, with validation's sampling error allowed for (`recall_needed`)
    val_oos = int((np.asarray(val.labels) == OOS).sum())
    confident = threshold_for_oos_recall(vc, np.asarray(val.labels), recall_needed(val_oos)) if val_oos else None
    if confident is not None:
        m = intent_metrics(tp, tc, np.asarray(test.labels), confident)
        out["at_val_oos_recall_0.9_confident"] = {
            "threshold": round(confident, 4), "val_oos_recall": recall_needed(val_oos),
            "in_scope_accuracy": m["in_scope_accuracy"], "oos_recall": m["oos_recall"]}
    return out


def tfidf_baseline(train: Split, val: Split, tests: dict[str, Split]) -> dict[str, Any]:
    """TF-IDF + logistic regression, its max probability as the confidence (the bench's yardstick)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline, make_union

    model = make_pipeline(make_union(TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True),
                                     TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True)),
                          LogisticRegression(C=10, max_iter=2000))
    model.fit(train.texts, train.labels)

    def predict(split: Split) -> tuple[np.ndarray, np.ndarray]:
        p = model.predict_proba(split.texts)
        return model.classes_[p.argmax(1)], p.max(1)

    vp, vc = predict(val)
    threshold = choose_threshold(vp, vc, np.asarray(val.labels))
    return {name: _banking_metrics(*predict(s), np.asarray(s.labels), threshold) for name, s in tests.items()} | {
        "threshold": threshold}


def _banking_metrics(preds, conf, labels, threshold) -> dict[str, Any]:
    ins = labels != OOS
    answered = conf >= threshold
    if ins.all():
        return {"in_scope_accuracy": round(float((answered & (preds == labels)).mean()), 4),
                "in_scope_accuracy_closed": round(float((preds == labels).mean()), 4)}
    return {"oos_recall": round(float((~answered).mean()), 4)}


def banking77_oos(data: Path, limit: int | None = None, per_intent: int | None = None,
                  engine_factory: Callable[[KnowledgeBase], EmbeddedEngine] = EmbeddedEngine) -> dict[str, Any]:
    train = _pair_folder(data / "train")
    val_in, val_id, val_ood = _pair_folder(data / "valid"), _pair_folder(data / "id-oos" / "valid", True), \
        _pair_folder(data / "ood-oos" / "valid", True)
    tests = {"in_scope": _pair_folder(data / "test"), "id_oos": _pair_folder(data / "id-oos" / "test", True),
             "ood_oos": _pair_folder(data / "ood-oos" / "test", True)}
    if limit:
        tests = {k: Split(v.texts[:limit], v.labels[:limit]) for k, v in tests.items()}
        val_in, val_id, val_ood = (Split(s.texts[:limit], s.labels[:limit]) for s in (val_in, val_id, val_ood))
    val = Split(val_in.texts + val_id.texts + val_ood.texts, val_in.labels + val_id.labels + val_ood.labels)
    engine = engine_factory(kb_from(train, per_intent))
    vp, vc = score(engine, val.texts)
    threshold = choose_threshold(vp, vc, np.asarray(val.labels))
    scored = {name: score(engine, s.texts) for name, s in tests.items()}
    baton = {name: _banking_metrics(*scored[name], np.asarray(s.labels), threshold) for name, s in tests.items()}
    tp, tc = (np.concatenate([scored[name][i] for name in tests]) for i in (0, 1))
    labels = np.asarray(sum((s.labels for s in tests.values()), []))
    correct = (tp == labels) & (labels != OOS)
    baseline = tfidf_baseline(train, val, tests)
    return {"benchmark": "banking77-oos", "articles": len(engine.kb), "threshold": threshold,
            "in_scope_accuracy": baton["in_scope"]["in_scope_accuracy"],
            "in_scope_accuracy_closed": baton["in_scope"]["in_scope_accuracy_closed"],
            "oos_recall": round(float((tc[labels == OOS] < threshold).mean()), 4),
            "id_oos_recall": baton["id_oos"]["oos_recall"], "ood_oos_recall": baton["ood_oos"]["oos_recall"],
            "auroc": auroc(correct.astype(int), tc), "ece": ece(correct.astype(float), tc),
            "at_baseline_id_oos_recall": _at_recall(scored, tests, baseline["id_oos"]["oos_recall"]),
            "tfidf_baseline": baseline}


def _at_recall(scored: dict[str, tuple[np.ndarray, np.ndarray]], tests: dict[str, Split],
               recall: float) -> dict[str, Any]:
    """Baton's in-scope accuracy and OOD recall where it hands off as much ID-OOS as the baseline
    does: the two systems compared at one point of their curves, not at thresholds each chose."""
    id_conf = scored["id_oos"][1]
    threshold = threshold_for_oos_recall(id_conf, np.full(len(id_conf), OOS), recall)
    if threshold is None:
        return {}
    at = {name: _banking_metrics(*scored[name], np.asarray(tests[name].labels), threshold) for name in tests}
    return {"threshold": round(threshold, 4), "id_oos_recall": at["id_oos"]["oos_recall"],
            "in_scope_accuracy": at["in_scope"]["in_scope_accuracy"], "ood_oos_recall": at["ood_oos"]["oos_recall"]}


def multi_intent(name: str, data: Path, per_intent: int | None = None, limit: int | None = None,
                 engine_factory: Callable[[KnowledgeBase], EmbeddedEngine] = EmbeddedEngine,
                 split_name: str = "test") -> dict[str, Any]:
    folder = data / "GL-GIN" / ("MixATIS_clean" if name == "mixatis" else "MixSNIPS_clean")
    if not folder.exists():
        folder = data
    train, test = _pair_folder(folder / "train"), _pair_folder(folder / split_name)
    single = Split([t for t, l in zip(train.texts, train.labels) if "#" not in l],
                   [l for l in train.labels if "#" not in l])
    engine = engine_factory(kb_from(single, per_intent))
    texts, gold = test.texts[:limit] if limit else test.texts, test.labels[:limit] if limit else test.labels
    exact, tp, fp, fn = 0, 0, 0, 0
    for text, label in zip(texts, gold):
        expected = set(label.split("#"))
        got = {i["hits"][0]["article"] for i in engine.split(text) if i["hits"]}
        exact += got == expected
        tp += len(got & expected)
        fp += len(got - expected)
        fn += len(expected - got)
    precision, recall = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    return {"benchmark": name, "articles": len(engine.kb), "questions_per_intent": per_intent or "all",
            "test_messages": len(texts), "exact_match": round(exact / max(len(texts), 1), 4),
            "intent_f1": round(2 * precision * recall / max(precision + recall, 1e-9), 4),
            "intent_precision": round(precision, 4), "intent_recall": round(recall, 4)}


def bitext(data: Path, per_intent: int | None = None, limit: int | None = None, seeds: int = 3,
           held_out: int = 5, threshold: float = 0.7,
           engine_factory: Callable[[KnowledgeBase], EmbeddedEngine] = EmbeddedEngine) -> dict[str, Any]:
    """A small support knowledge base, as a team would write one: per seed, `held_out` of Bitext's
    27 intents are left out (their messages are out of scope), the others become articles with
    `per_intent` (default 5) example questions, and 20 other messages per intent are the test.
    Reports, at the policy threshold and at matched harmful-answer rates, how many in-scope
    messages are answered correctly; no threshold or weight is chosen on this data."""
    path = data / "Bitext_Sample_Customer_Support_Training_Dataset.csv" if data.is_dir() else data
    if not path.exists():
        raise BenchmarkError(f"{path}: not found (expected Bitext's customer-support CSV)")
    by: dict[str, list[str]] = defaultdict(list)
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            by[row["intent"]].append(row["instruction"])
    if len(by) <= held_out:
        raise BenchmarkError(f"{path}: {len(by)} intents, need more than the {held_out} held out")
    per_test, runs = max(1, (limit or 20 * len(by)) // len(by)), []
    for seed in range(seeds):
        rng = random.Random(seed)
        intents = sorted(by)
        rng.shuffle(intents)
        articles, texts, labels = [], [], []
        for n, intent in enumerate(intents):
            questions = by[intent][:]
            rng.shuffle(questions)
            k = 0 if n < held_out else (per_intent or 5)
            if k:
                name = intent.replace("_", " ")
                articles.append(Article(id=intent, title=name, tag="general", questions=tuple(questions[:k]), body=name))
            texts += questions[k:k + per_test]
            labels += [intent if k else OOS] * len(questions[k:k + per_test])
        engine = engine_factory(KnowledgeBase(articles, source="bitext"))
        preds, conf = score(engine, texts)
        gold = np.asarray(labels)
        ins = gold != OOS
        correct = (preds == gold) & ins
        run = {"in_scope_accuracy_closed": float(correct[ins].mean()),
               "answered_correctly": float(((conf >= threshold) & correct)[ins].mean()),
               "harmful_rate": float(((conf >= threshold) & ~correct).mean()),
               "auroc": auroc(correct.astype(int), conf) or 0.0}
        for cap in (0.02, 0.05):
            ok = [((conf >= t) & correct)[ins].mean() for t in np.linspace(0.0, 1.0, 101)
                  if ((conf >= t) & ~correct).mean() <= cap]
            run[f"answered_correctly_at_harmful_{cap}"] = float(max(ok, default=0.0))
        runs.append(run)
    return {"benchmark": "bitext", "seeds": seeds, "articles": len(by) - held_out, "questions_per_intent": per_intent or 5,
            "threshold": threshold, **{k: round(float(np.mean([r[k] for r in runs])), 4) for k in runs[0]}}


def run(name: str, data: Path, per_intent: int | None = None, limit: int | None = None) -> dict[str, Any]:
    data = Path(data)
    if not data.exists():
        raise BenchmarkError(f"{data}: not found")
    if name == "clinc150":
        return clinc150(data, per_intent, limit)
    if name == "banking77-oos":
        return banking77_oos(data, limit, per_intent)
    if name in ("mixatis", "mixsnips"):
        return multi_intent(name, data, per_intent, limit)
    if name == "bitext":
        return bitext(data, per_intent, limit)
    raise BenchmarkError(f"unknown benchmark {name!r}: one of {', '.join(NAMES)}")


