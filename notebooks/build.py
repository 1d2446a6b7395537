"""Writes the notebooks and executes them so the committed files carry their outputs.

    python notebooks/build.py            # rebuild and execute both notebooks in place

Cells tagged "decision" print the decisions; tests/test_notebooks.py re-executes the committed
notebooks and checks those outputs are unchanged.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

HERE = Path(__file__).parent
CANONICAL = "my order from yesterday hasn't shipped also does this product work with a Model A"


def code(source: str, decision: bool = False):
    cell = new_code_cell(source.strip())
    if decision:
        cell.metadata["tags"] = ["decision"]
    return cell


def walkthrough():
    return new_notebook(cells=[
        new_markdown_cell("# Walkthrough: one message, node by node\n\nBuild the graph on the shipped demo data, "
                          "send the canonical multi-intent message and look at what each node adds to the state."),
        code("""
from baton import demo
from baton.service import Baton
from baton.walkthrough import history, step_through, with_threshold

baton = Baton.load(demo.KB, demo.CUSTOMERS, demo.POLICY)
print(f"{len(baton.kb)} articles, threshold {baton.policy.confidence_threshold}")
"""),
        new_markdown_cell("## The graph\n\nMermaid text (paste it into any Mermaid viewer) and an offline ASCII rendering."),
        code("graph = baton.graph.get_graph()\nprint(graph.draw_mermaid())"),
        code("print(graph.draw_ascii())"),
        new_markdown_cell(f"## Step through\n\n`{CANONICAL}`: the intents and their spans, the articles retrieved "
                          "with their scores, each intent's confidence against the threshold, the decision and "
                          "its reasons, and the brief."),
        code(f"""
MESSAGE = "{CANONICAL}"
for step in step_through(baton, "walk-1", "c-1001", MESSAGE):
    print(step.describe(baton.policy.confidence_threshold))
""", decision=True),
        new_markdown_cell("## Change the threshold\n\nThe same message under a policy with threshold 0.15: the "
                          "uncertain intent is now answered too, and the decision flips."),
        code(f"""
lenient = with_threshold(baton, 0.15)
steps = list(step_through(lenient, "walk-2", "c-1001", MESSAGE))
print([s for s in steps if s.node == "decide"][0].describe(0.15))
""", decision=True),
        new_markdown_cell("## Look back\n\nThe checkpointer keeps every step of the turn. Here is the history, then "
                          "the state as it was just before `decide` ran."),
        code("""
past = history(baton, "walk-1")
for h in past:
    print(f"step {h['step']:>2}  next {h['next']}")
"""),
        code("""
before_decide = next(h for h in past if h["next"] == ["decide"])
for d in before_decide["values"]["drafts"]:
    print(d["text"], "->", d["article"], "confidence", d["confidence"], "status", d["status"])
""", decision=True),
    ])


def tuning():
    return new_notebook(cells=[
        new_markdown_cell("# Tuning the threshold on recorded conversations\n\nRun the shipped demo conversations "
                          "through the evaluation harness, sweep the threshold, check the calibration and list "
                          "the turns that flip."),
        code("""
%matplotlib inline
from datetime import date

from baton import demo
from baton.evals import CONVERSATIONS_DIR
from baton.evals.conversations import load_conversations
from baton.evals.metrics import summarize
from baton.evals.reliability import expected_calibration_error, scored_turns
from baton.evals.report import reliability_figure, sweep_figure
from baton.evals.runner import run_all
from baton.evals.sweep import flips, parse_range, sweep
from baton.service import Baton

baton = Baton.load(demo.KB, demo.CUSTOMERS, demo.POLICY)
conversations = load_conversations([CONVERSATIONS_DIR])
today = date(2026, 11, 28)  # renewal windows move with the calendar: judge the set as of the day it was written
records = run_all(baton, conversations, today=today)
metrics = summarize(records)
for key in ("turns", "pass_rate", "containment", "harmful_answer_rate", "burned_handoff_rate"):
    print(f"{key:>20}: {metrics[key]}")
""", decision=True),
        new_markdown_cell("## Threshold sweep: containment against harmful answers"),
        code("""
rows = sweep(baton, conversations, parse_range("0.5:0.9:0.05"), today=today)
for r in rows:
    print(f"{r['threshold']:.2f}  containment {r['containment']:.3f}  harmful {r['harmful_answer_rate']:.3f}"
          + ("   <- policy" if r["current"] else ""))
""", decision=True),
        code("sweep_figure(rows)"),
        new_markdown_cell("## Reliability diagram of the reply confidence"),
        code("""
pairs = scored_turns(records)
print(f"{len(pairs)} turns decided by the threshold, expected calibration error {expected_calibration_error(pairs)}")
reliability_figure(pairs)
"""),
        new_markdown_cell("## Turns that flip between 0.6 and 0.8"),
        code("""
for f in flips(baton, conversations, 0.6, 0.8):
    print(f"{f['conversation']} turn {f['turn']}: {f['at 0.60']} -> {f['at 0.80']} "
          f"(confidence {f['confidence']:.2f}, expected {f['expected']}): {f['text']}")
""", decision=True),
    ])


def execute(nb, path: Path) -> None:
    NotebookClient(nb, timeout=900, kernel_name="python3", resources={"metadata": {"path": str(HERE)}}).execute()
    nbformat.write(nb, path)


def main() -> None:
    for name, build in (("01_walkthrough.ipynb", walkthrough), ("02_tuning.ipynb", tuning)):
        execute(build(), HERE / name)
        print(f"wrote {HERE / name}", file=sys.stderr)


if __name__ == "__main__":
    main()
