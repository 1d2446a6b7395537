"""Threshold what-if and the HTML report."""

from __future__ import annotations

from pathlib import Path

import pytest
from langgraph.checkpoint.memory import InMemorySaver

from baton import demo
from baton.evals import CONVERSATIONS_DIR
from baton.evals.conversations import load_conversations
from baton.evals.metrics import summarize
from baton.evals.reliability import expected_calibration_error, reliability_bins
from baton.evals.runner import run_all
from baton.evals.sweep import parse_range, sweep
from baton.service import Baton

KEYS = ("pass_rate", "containment", "harmful_answer_rate", "burned_handoff_rate", "routing_accuracy")


@pytest.fixture(scope="module")
def setup(embedded_engine):
    baton = Baton.load(demo.KB, demo.CUSTOMERS, demo.POLICY, engine=embedded_engine)
    return baton, load_conversations([CONVERSATIONS_DIR])


def test_sweep_matches_eval_at_each_threshold(setup):
    baton, convs = setup
    rows = sweep(baton, convs, [0.55, 0.85])
    assert {r["threshold"] for r in rows} == {0.55, 0.85}
    for row in rows:
        direct = Baton(baton.policy.with_threshold(row["threshold"]), baton.kb, baton.customers, baton.engine,
                       InMemorySaver(), baton.today)
        m = summarize(run_all(direct, convs))
        assert {k: row[k] for k in KEYS} == {k: m[k] for k in KEYS}
    low, high = rows
    assert low["containment"] >= high["containment"]  # a stricter threshold never answers more


def test_sweep_marks_the_policy_threshold(setup):
    baton, convs = setup
    rows = sweep(baton, convs[:5], [0.65, 0.7, 0.75])
    assert [r["current"] for r in rows] == [False, True, False]


@pytest.mark.parametrize("spec, expected", [("0.5:0.6:0.05", [0.5, 0.55, 0.6]), ("0.7:0.7:0.1", [0.7])])
def test_parse_range(spec, expected):
    assert parse_range(spec) == expected


@pytest.mark.parametrize("spec", ["0.5-0.9", "0.9:0.5:0.1", "0.5:0.9:0", "0.5:1.5:0.1"])
def test_parse_range_rejects(spec):
    with pytest.raises(ValueError, match="--sweep"):
        parse_range(spec)


def test_reliability_bins_and_ece():
    pairs = [(0.95, 1), (0.92, 1), (0.15, 0), (0.12, 1)]
    bins = reliability_bins(pairs)
    assert [(b["count"], b["answer_rate"]) for b in bins] == [(2, 0.5), (2, 1.0)]
    assert expected_calibration_error([(0.9, 1), (0.9, 1)]) == 0.1


def test_html_report(setup, tmp_path: Path):
    from baton.evals.report import write_report

    baton, convs = setup
    records = run_all(baton, convs[:12])
    metrics = summarize(records)
    page = write_report(tmp_path, records, metrics, sweep(baton, convs[:12], [0.6, 0.7]))
    html = page.read_text()
    assert html.count("data:image/png;base64,") == 2 and "Outcomes: expected" in html
    assert "(policy)" in html and "<script" not in html
