"""The command line, run as a user runs it (a real `baton` process, stdin in, stdout out)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from baton import demo

CANONICAL = "my order from yesterday hasn't shipped also does this work with a Model A?"  # DESIGN.md's wording


def baton(*args: str, stdin: str = "", check: bool = True) -> subprocess.CompletedProcess:
    proc = subprocess.run([sys.executable, "-m", "baton.cli", *args], input=stdin, capture_output=True,
                          text=True, timeout=240, env={**os.environ})
    if check:
        assert proc.returncode == 0, proc.stderr
    return proc


def test_demo_answers_and_splits_the_canonical_message():
    out = baton("demo", stdin=f"how do I reset my password\n{CANONICAL}\n").stdout
    assert "[answer, confidence" in out and "Forgot password" in out
    assert "[partial" in out and "low_confidence" in out
    assert out.count("  intent ") == 3


def test_chat_json_prints_the_turn_result(tmp_path: Path):
    db = tmp_path / "chat.db"
    proc = baton("chat", "--customer", "c-1001", "--json", "--db", str(db), "--conversation", "cli-1",
                 stdin=f"{CANONICAL}\n:human\n")
    first, second = [json.loads(line) for line in proc.stdout.splitlines()]
    assert first["outcome"] == "partial" and len(first["intents"]) == 2
    assert {i["status"] for i in first["intents"]} == {"answered", "handed_off"}
    assert first["intents"][0]["confidence"] != first["intents"][1]["confidence"]
    assert first["brief"]["stuck_on"] and first["conversation_id"] == "cli-1"
    assert second["forwarded_to_agent"]  # a human owns it now
    # a second process continues the same conversation from the SQLite file
    again = json.loads(baton("chat", "--customer", "c-1001", "--json", "--db", str(db), "--conversation", "cli-1",
                             stdin="still there?\n").stdout)
    assert again["turn"] == 3 and again["forwarded_to_agent"]


def test_chat_button_before_first_question_is_refused(tmp_path: Path):
    out = baton("chat", "--customer", "c-1002", "--json", "--db", str(tmp_path / "x.db"), stdin=":human\n").stdout
    assert json.loads(out)["outcome"] == "refused"


def test_eval_json_fields(tmp_path: Path):
    conv = tmp_path / "c.yaml"
    conv.write_text("id: t1\ncustomer: c-1007\nturns:\n  - user: where is my package\n"
                    "    expect: {outcome: handoff, reasons: [bypass]}\n")
    report = json.loads(baton("eval", "--json", str(conv)).stdout)
    for key in ("turns", "checked", "passed", "pass_rate", "containment", "harmful_answer_rate",
                "burned_handoff_rate", "routing_accuracy", "brief_completeness", "failures"):
        assert key in report
    assert report["passed"] == 1 and report["failures"] == []


@pytest.mark.parametrize("args, content, message", [
    (["--policy"], "confidence_threshold = 'high'\n[skills.orders]\nqueue = 'q'\n", "key 'confidence_threshold'"),
    (["--customers"], "id,tier,arr\n1,free,abc\n", "line 2, field 'arr'"),
])
def test_bad_inputs_are_named_and_exit_2(tmp_path: Path, args, content, message):
    f = tmp_path / ("p.toml" if args == ["--policy"] else "c.csv")
    f.write_text(content)
    proc = baton("chat", "--customer", "c-1001", *args, str(f), check=False)
    assert proc.returncode == 2 and str(f) in proc.stderr and message in proc.stderr


def test_bad_conversation_file_is_named(tmp_path: Path):
    conv = tmp_path / "bad.yaml"
    conv.write_text("id: t1\ncustomer: c-1001\nturns:\n  - user: hi\n    expect: {outcome: maybe}\n")
    proc = baton("eval", str(conv), check=False)
    assert proc.returncode == 2 and "bad.yaml: conversation t1, turn 1, key 'expect.outcome'" in proc.stderr


def test_a_conversation_file_not_saved_as_utf8_is_named_without_a_traceback(tmp_path: Path):
    conv = tmp_path / "legacy.yaml"
    text = "id: t1\ncustomer: c-1001\nturns:\n  - user: \u00bfd\u00f3nde est\u00e1 mi pedido?\n"
    conv.write_bytes(text.encode("cp1252"))
    proc = baton("eval", str(conv), check=False)
    assert proc.returncode == 2 and "legacy.yaml: line 4: not UTF-8 text (byte 0xbf)" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_an_expectation_no_run_can_meet_is_warned_about_and_the_rest_still_runs(tmp_path: Path):
    conv = tmp_path / "typo.yaml"
    conv.write_text("id: t1\ncustomer: c-1001\nturns:\n  - user: hi\n    expect: {outcome: answer}\n"
                    "  - user: where is my order?\n    expect: {intents: [order]}\n")
    proc = baton("eval", "--json", str(conv), check=False)
    assert "warning: " + str(conv) + ": conversation t1, turn 2, key 'expect.intents': tag(s) 'order'" in proc.stderr
    assert proc.returncode == 0 and json.loads(proc.stdout)["turns"] == 2


def test_an_unknown_customer_in_a_conversation_is_named_before_anything_runs(tmp_path: Path):
    conv = tmp_path / "convs.yaml"
    conv.write_text("- id: ok\n  customer: c-1001\n  turns:\n    - user: hi\n"
                    "- id: t2\n  customer: c-9999\n  turns:\n    - user: hi\n")
    proc = baton("eval", str(conv), check=False)
    assert proc.returncode == 2 and "convs.yaml: conversation t2: unknown customer id 'c-9999'" in proc.stderr
    assert "Traceback" not in proc.stderr and "conversations" not in proc.stdout


def test_a_skill_no_article_carries_is_warned_about(tmp_path: Path):
    """The courier fixture's policy has a complaints team and its KB no complaints article: an
    angry customer went to the care queue, and nothing said why."""
    kb = tmp_path / "kb"
    kb.mkdir()
    (kb / "x.md").write_text("---\nid: x\ntitle: Where is my order?\ntag: orders\nquestions: [where is my order]\n"
                             "---\nOrders ship in 2 days.\n")
    proc = baton("chat", "--customer", "c-1001", "--kb", str(kb), stdin="where is my order\n", check=False)
    assert proc.returncode == 0, proc.stderr
    assert f"warning: {demo.POLICY}: skill 'refunds' has no article in {kb}" in proc.stderr
    assert "skill 'orders'" not in proc.stderr
    assert "warning: " not in baton("chat", "--customer", "c-1001", stdin="hi\n").stderr


def test_unknown_kb_tag_is_named(tmp_path: Path):
    kb = tmp_path / "kb"
    kb.mkdir()
    (kb / "x.md").write_text("---\nid: x\ntitle: X\ntag: astrology\nquestions: [q]\n---\nbody\n")
    proc = baton("chat", "--customer", "c-1001", "--kb", str(kb), "--policy", str(demo.POLICY), check=False)
    assert proc.returncode == 2 and "x.md: line 4, key 'tag'" in proc.stderr


def test_eval_sweep_and_report(tmp_path: Path):
    conv = tmp_path / "c.yaml"
    conv.write_text("id: t1\ncustomer: c-1001\nturns:\n  - user: can I pay with paypal?\n"
                    "    expect: {outcome: answer}\n")
    report = json.loads(baton("eval", "--json", "--sweep", "0.6:0.8:0.1", "--report", str(tmp_path / "r"),
                              str(conv)).stdout)
    assert [r["threshold"] for r in report["sweep"]] == [0.6, 0.7, 0.8]
    assert [r["current"] for r in report["sweep"]] == [False, True, False]
    assert (tmp_path / "r" / "index.html").exists()
    text = baton("eval", "--sweep", "0.6:0.8:0.1", str(conv)).stdout
    assert "<- policy" in text
    assert baton("eval", "--sweep", "nonsense", str(conv), check=False).returncode == 2
