"""The `baton` command line (DESIGN.md, "Command line")."""

from __future__ import annotations

import json
import logging
import sys
from datetime import date
from pathlib import Path
from typing import Any, Optional

import typer

from baton import demo as demo_data
from baton.errors import BatonError
from baton.evals import CONVERSATIONS_DIR
from baton.policy import against
from baton.settings import Settings

app = typer.Typer(help="Baton: AI-first customer support that knows when to hand off.", no_args_is_help=True,
                  add_completion=False)

KbOpt = typer.Option(demo_data.KB, "--kb", help="Knowledge-base folder (Markdown articles).")
CustomersOpt = typer.Option(demo_data.CUSTOMERS, "--customers", help="Customers CSV or JSON-lines file.")
PolicyOpt = typer.Option(demo_data.POLICY, "--policy", help="Policy TOML file.")
TodayOpt = typer.Option(None, "--today", help="Pretend today is this date (YYYY-MM-DD) for renewal windows.")


def _fail(message: str) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code=2)


def _load(kb: Path, customers: Path, policy: Path, db: str | None = None, today: date | None = None):
    from baton.engine.embedder import default_cache_dir
    from baton.service import Baton

    typer.echo(f"Loading {kb} (the first run embeds and calibrates it once, cached in "
               f"{default_cache_dir()})...", err=True)
    try:
        loaded = Baton.load(kb, customers, policy, db=db, today=(lambda: today) if today else date.today)
    except BatonError as exc:
        _fail(str(exc))
    for tag in loaded.kb.without_articles(loaded.policy.tags):
        typer.echo(f"warning: {policy}: skill {tag!r} has no article in {kb}: the embedded engine never "
                   f"hands a message to its queue {loaded.policy.queue_for(tag)!r}", err=True)
    return loaded


def _print_turn(result: dict[str, Any], threshold: float) -> None:
    """The turn for a person at the terminal; confidences are printed against the threshold with
    enough decimals to read true ("0.695 < 0.70", never "0.70")."""
    conf = result.get("confidence")
    head = f"[{result['outcome']}" + (f", confidence {against(conf, threshold)}" if conf is not None else "")
    if result.get("reasons"):
        head += f", reasons {','.join(result['reasons'])} -> queue {result.get('queue')}"
    head += "]"
    typer.secho(f"baton {head}", fg=typer.colors.CYAN)
    if result.get("reply"):
        typer.echo(result["reply"])
    elif result.get("forwarded_to_agent"):
        typer.echo("(a human agent owns this conversation; your message was passed on)")
    for i in result.get("intents", []):
        art = i.get("candidate_article") or "-"
        c = i["confidence"]
        tag = i["tag"] or f"- (best guess {i.get('candidate_tag')})"
        typer.secho(f"  intent {i['text']!r}: tag {tag}, article {art}, "
                    f"confidence {c if c is None else against(c, threshold)}, {i['status']}", dim=True)
    if result.get("brief"):
        typer.secho("  brief for the agent:\n    " + result["brief"]["text"].replace("\n", "\n    "), dim=True)


def _chat_loop(baton, customer: str, conversation: str, as_json: bool, prompt: bool) -> None:
    while True:
        if prompt:
            typer.secho("you> ", fg=typer.colors.GREEN, nl=False)
        line = sys.stdin.readline()
        if not line:
            break
        text = line.strip()
        if not text:
            continue
        if text in (":quit", ":q", ":exit"):
            break
        action = "request_human" if text == ":human" else None
        result = baton.send(conversation, customer, text="" if action else text, action=action)
        if as_json:
            typer.echo(json.dumps(result, ensure_ascii=False, default=str))
        else:
            _print_turn(result, baton.policy.confidence_threshold)


@app.command()
def demo(customer: str = typer.Option("c-1001", help="Demo customer id (c-1007 is a VIP)."),
         as_json: bool = typer.Option(False, "--json", help="Print each turn result as JSON.")) -> None:
    """Chat in the terminal with the shipped demo data (Lumo Home, a smart-home store)."""
    baton = _load(demo_data.KB, demo_data.CUSTOMERS, demo_data.POLICY)
    interactive = sys.stdin.isatty()
    if interactive or not as_json:
        typer.echo(f"Baton demo - Lumo Home support, {len(baton.kb)} articles, customer {customer}. "
                   f"{baton.bypass_report()}")
        typer.echo("Try: my order from yesterday hasn't shipped also does this work with a Model A?")
        typer.echo("Type ':human' to press the talk-to-a-human button, ':quit' to leave.\n")
    _chat_loop(baton, customer, baton.new_conversation_id(), as_json, prompt=interactive)


@app.command()
def chat(customer: str = typer.Option(..., "--customer", help="Customer id from the customers file."),
         kb: Path = KbOpt, customers: Path = CustomersOpt, policy: Path = PolicyOpt,
         conversation: Optional[str] = typer.Option(None, "--conversation", help="Continue this conversation id."),
         db: Optional[str] = typer.Option(None, "--db", help="SQLite file for conversations (default: BATON_DB)."),
         today: Optional[str] = TodayOpt,
         as_json: bool = typer.Option(False, "--json", help="Print each turn result as one JSON line.")) -> None:
    """One turn per stdin line; ':human' presses the talk-to-a-human button."""
    baton = _load(kb, customers, policy, db=db or Settings().db, today=_date(today))
    if customer not in baton.customers:
        _fail(f"{customers}: unknown customer id {customer!r}")
    conv = conversation or baton.new_conversation_id()
    if not as_json:
        typer.echo(f"conversation {conv} ({baton.bypass_report()})", err=True)
    _chat_loop(baton, customer, conv, as_json, prompt=sys.stdin.isatty())


def _date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        _fail(f"--today: {value!r} is not a date (YYYY-MM-DD)")


@app.command("eval")
def eval_(conversations: Optional[list[Path]] = typer.Argument(None, help="Conversation YAML files or folders "
                                                                "(default: the shipped demo conversations)."),
          kb: Path = KbOpt, customers: Path = CustomersOpt, policy: Path = PolicyOpt,
          today: Optional[str] = TodayOpt,
          as_json: bool = typer.Option(False, "--json", help="Print the metrics as one JSON object."),
          sweep: Optional[str] = typer.Option(None, "--sweep", help="Re-decide every turn at thresholds "
                                              "START:STOP:STEP (e.g. 0.5:0.9:0.05) without re-scoring."),
          report: Optional[Path] = typer.Option(None, "--report", help="Write an HTML report (plots, "
                                                "confusion table, threshold sweep) into this folder."),
          fail_under: Optional[float] = typer.Option(None, "--fail-under",
                                                     help="Exit 1 when the pass rate is below this (0-1).")) -> None:
    """Run recorded conversations and report per-expectation failures and the metrics."""
    from tqdm import tqdm

    from baton.evals.conversations import check_customers, load_conversations, unreachable_expectations
    from baton.evals.metrics import summarize
    from baton.evals.runner import run_all
    from baton.evals.sweep import parse_range
    from baton.evals.sweep import sweep as run_sweep

    try:
        thresholds = parse_range(sweep) if sweep else (parse_range("0.5:0.9:0.05") if report else [])
    except ValueError as exc:
        _fail(str(exc))
    baton = _load(kb, customers, policy, today=_date(today))
    try:
        convs = load_conversations(list(conversations or [CONVERSATIONS_DIR]))
        check_customers(convs, baton.customers, str(customers))
    except BatonError as exc:
        _fail(str(exc))
    for problem in unreachable_expectations(convs, baton.policy.tags, baton.policy.queues):
        typer.echo(f"warning: {problem}", err=True)
    with tqdm(total=len(convs), desc="conversations", unit="conv", disable=None, leave=False) as bar:
        records = run_all(baton, convs, today=_date(today), progress=lambda _: bar.update())
    report_data = summarize(records)
    report_data["bypass_share"] = baton.bypass_report()
    rows = run_sweep(baton, convs, thresholds, today=_date(today),
                     progress=lambda xs: tqdm(xs, desc="thresholds", disable=None, leave=False)) if thresholds else []
    if sweep:
        report_data["sweep"] = rows
    if report:
        from baton.evals.report import write_report

        page = write_report(report, records, report_data, rows)
        typer.echo(f"report: {page}", err=True)
    if as_json:
        typer.echo(json.dumps(report_data, ensure_ascii=False, default=str))
    else:
        _print_report(report_data)
        if sweep:
            _print_sweep(rows)
    if fail_under is not None and (report_data["pass_rate"] or 0) < fail_under:
        raise typer.Exit(code=1)


def _print_sweep(rows: list[dict[str, Any]]) -> None:
    typer.echo(f"\n{'threshold':>10} {'containment':>12} {'harmful':>8} {'burned':>8} {'pass':>6}")
    for r in rows:
        mark = "  <- policy" if r["current"] else ""
        typer.echo(f"{r['threshold']:>10.2f} {r['containment']:>12} {r['harmful_answer_rate']:>8} "
                   f"{r['burned_handoff_rate']:>8} {r['pass_rate']:>6}{mark}")


@app.command()
def bench(name: str = typer.Argument(..., help="clinc150, banking77-oos, mixatis, mixsnips or bitext"),
          data: Path = typer.Option(..., "--data", help="The dataset folder (or CLINC150's data_full.json)."),
          per_intent: Optional[int] = typer.Option(None, "--per-intent",
                                                   help="Example questions per intent in the knowledge base."),
          limit: Optional[int] = typer.Option(None, "--limit", help="Use about this many test messages (a slice)."),
          as_json: bool = typer.Option(False, "--json", help="Print the metrics as one JSON object.")) -> None:
    """Run a public benchmark through the embedded engine (training utterances become the KB)."""
    from baton.evals.benchmarks import BenchmarkError, run

    try:
        result = run(name, data, per_intent=per_intent, limit=limit)
    except BenchmarkError as exc:
        _fail(str(exc))
    if as_json:
        typer.echo(json.dumps(result))
    else:
        for key, value in result.items():
            typer.echo(f"{key:>26}: {value}")


@app.command()
def serve(kb: Path = KbOpt, customers: Path = CustomersOpt, policy: Path = PolicyOpt,
          host: str = typer.Option("127.0.0.1", help="Interface to listen on."),
          port: int = typer.Option(8000, help="Port to listen on."),
          db: Optional[str] = typer.Option(None, "--db", help="SQLite file (default: BATON_DB or ./baton.db).")) -> None:
    """Start the chat backend (HTTP API) on the embedded engine."""
    import uvicorn

    from baton.server.app import create_app
    from baton.server.auth import AgentKeys
    from baton.store import Store

    settings = Settings()
    path = db or settings.db
    baton = _load(kb, customers, policy, db=path)
    keys = AgentKeys.parse(settings.agent_keys)
    if not keys:
        typer.echo("warning: BATON_AGENT_KEYS is empty: agent endpoints will refuse every request", err=True)
    typer.echo(f"Baton on http://{host}:{port} - {baton.engine.name} engine, {len(baton.kb)} articles, db {path}. "
               f"{baton.bypass_report()}", err=True)
    uvicorn.run(create_app(baton, Store(path), keys), host=host, port=port, log_level="warning")


def _print_report(report: dict[str, Any]) -> None:
    for f in report["failures"]:
        typer.secho(f"FAIL {f['conversation']} turn {f['turn']}: {f['text']}", fg=typer.colors.RED)
        for p in f["problems"]:
            typer.echo(f"    {p}")
        for i in f["got"]["intents"]:
            c = i["confidence"]
            typer.echo(f"    intent {i['text']!r}: {i['tag']} {c if c is None else round(c, 2)} {i['status']}")
    typer.echo("")
    for key in ("turns", "checked", "passed", "pass_rate", "containment", "harmful_answer_rate",
                "burned_handoff_rate", "routing_accuracy", "brief_completeness"):
        typer.echo(f"{key:>22}: {report[key]}")
    typer.echo(f"{'outcomes':>22}: {report['outcomes']}")
    typer.echo(f"{'bypass':>22}: {report['bypass_share']}")


def main() -> None:  # pragma: no cover - console entry point
    logging.basicConfig(level=logging.WARNING)
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
