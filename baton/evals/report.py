"""`baton eval --report DIR`: one self-contained HTML page (plots inlined as PNG)."""

from __future__ import annotations

import base64
import io
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from baton.evals.metrics import TurnRecord
from baton.evals.reliability import expected_calibration_error, reliability_bins, scored_turns

OUTCOMES = ("answer", "partial", "handoff", "refused")


def _png(fig) -> str:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight")
    return base64.b64encode(buf.getvalue()).decode()


def reliability_figure(pairs: list[tuple[float, int]]):
    """The reliability diagram as a matplotlib Figure (notebooks show it, the report inlines it)."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(4.8, 4.2))
    ax = fig.subplots()
    ax.plot([0, 1], [0, 1], ls="--", color="grey", lw=1, label="perfectly calibrated")
    bins = reliability_bins(pairs)
    if bins:
        ax.plot([b["mean_confidence"] for b in bins], [b["answer_rate"] for b in bins], "o-", label="recorded turns")
        for b in bins:
            ax.annotate(str(b["count"]), (b["mean_confidence"], b["answer_rate"]), textcoords="offset points",
                        xytext=(4, -10), fontsize=7)
    ax.set_xlabel("reply confidence")
    ax.set_ylabel("share of turns that should be answered")
    ax.set_xlim(0, 1)
    ax.set_ylim(-0.02, 1.02)
    ax.legend(loc="upper left", fontsize=8)
    return fig


def sweep_figure(rows: list[dict[str, Any]]):
    """Containment and harmful-answer rate against the threshold, the policy's marked."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(5.6, 3.8))
    ax = fig.subplots()
    xs = [r["threshold"] for r in rows]
    ax.plot(xs, [r["containment"] for r in rows], "o-", label="containment")
    ax.plot(xs, [r["harmful_answer_rate"] for r in rows], "s-", color="crimson", label="harmful-answer rate")
    for r in rows:
        if r["current"]:
            ax.axvline(r["threshold"], color="grey", ls=":", lw=1)
            ax.annotate("policy", (r["threshold"], 0.95), fontsize=8, ha="center")
    ax.set_xlabel("confidence threshold")
    ax.set_ylim(0, 1)
    ax.legend(fontsize=8)
    return fig


def confusion(records: list[TurnRecord]) -> dict[str, dict[str, int]]:
    table = {e: {g: 0 for g in OUTCOMES} for e in OUTCOMES}
    for r in records:
        if r.expect and r.expect.outcome:
            table[r.expect.outcome][r.result["outcome"]] += 1
    return table


def write_report(folder: str | Path, records: list[TurnRecord], metrics: dict[str, Any],
                 sweep_rows: list[dict[str, Any]], title: str = "Baton evaluation") -> Path:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    pairs = scored_turns(records)
    env = Environment(loader=PackageLoader("baton.evals", "templates"), autoescape=select_autoescape())
    html = env.get_template("report.html.j2").render(
        title=title, metrics=metrics, outcomes=OUTCOMES, confusion=confusion(records),
        reliability_png=_png(reliability_figure(pairs)), ece=expected_calibration_error(pairs), scored=len(pairs),
        sweep=sweep_rows, sweep_png=_png(sweep_figure(sweep_rows)) if sweep_rows else None,
        failures=metrics["failures"])
    out = folder / "index.html"
    out.write_text(html, encoding="utf-8")
    return out
