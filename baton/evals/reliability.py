"""Reliability of the reply confidence on recorded turns: does 0.8 mean right 8 times in 10?"""

from __future__ import annotations

from typing import Any

from baton.evals.metrics import TurnRecord

SCORED_REASONS = {"low_confidence"}


def scored_turns(records: list[TurnRecord]) -> list[tuple[float, int]]:
    """(confidence, 1 if the AI should have answered) for turns the threshold decides: an
    expected outcome whose reasons, if any, are only low_confidence, and a confidence to judge."""
    pairs = []
    for r in records:
        e = r.expect
        conf = r.result.get("confidence")
        if e is None or e.outcome not in ("answer", "handoff", "partial") or conf is None:
            continue
        if e.reasons and not set(e.reasons) <= SCORED_REASONS:
            continue
        if r.result.get("reasons") and not set(r.result["reasons"]) <= SCORED_REASONS:
            continue
        pairs.append((float(conf), int(e.outcome == "answer")))
    return pairs


def reliability_bins(pairs: list[tuple[float, int]], bins: int = 10) -> list[dict[str, Any]]:
    out = []
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        inside = [(c, y) for c, y in pairs if lo <= c < hi or (b == bins - 1 and c == 1.0)]
        if inside:
            out.append({"low": lo, "high": hi, "count": len(inside),
                        "mean_confidence": sum(c for c, _ in inside) / len(inside),
                        "answer_rate": sum(y for _, y in inside) / len(inside)})
    return out


def expected_calibration_error(pairs: list[tuple[float, int]], bins: int = 10) -> float | None:
    if not pairs:
        return None
    return round(sum(b["count"] * abs(b["mean_confidence"] - b["answer_rate"])
                     for b in reliability_bins(pairs, bins)) / len(pairs), 4)
