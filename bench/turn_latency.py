"""Embedded-engine benchmark: turn latency (p50/p95, per node), cold start and resident memory.

    python bench/turn_latency.py [--turns 300] [--json]

Targets (issue "handoff graph"): p50 <= 25 ms and p95 <= 60 ms for a one-intent turn with the
SQLite checkpointer, cold start <= 2 s (process start to first reply), resident memory <= 400 MB.
Printed as figures and ratios to target; nothing here asserts, machines are noisy.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from pathlib import Path

TARGETS = {"p50_ms": 25.0, "p95_ms": 60.0, "cold_start_s": 2.0, "rss_mb": 400.0}
ONE_INTENT = [
    "when will my order ship", "can I pay with paypal", "how do I reset my password", "my camera is offline",
    "do you ship to canada", "how much does lumo plus cost", "where can I download my invoice",
    "how do I factory reset the hub", "which battery does the door sensor use", "can I change my delivery address",
]

COLD = """
import time, sys
t0 = float(sys.argv[1])
from baton import demo
from baton.service import Baton
b = Baton.load(demo.KB, demo.CUSTOMERS, demo.POLICY, db=sys.argv[2])
r = b.send("cold", "c-1001", "when will my order ship")
assert r["reply"]
print(time.time() - t0)
"""


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def cold_start(tmp: Path) -> tuple[float, float]:
    """Seconds from process start to the first reply: with an empty embedding cache, then warm."""
    env = {**os.environ, "BATON_CACHE_DIR": str(tmp / "cache")}
    times = []
    for run in range(2):
        t0 = time.time()
        out = subprocess.run([sys.executable, "-c", COLD, str(t0), str(tmp / f"cold{run}.db")], env=env,
                             capture_output=True, text=True, check=True)
        times.append(float(out.stdout.strip().splitlines()[-1]))
    return times[0], times[1]


def turn_latency(n: int, tmp: Path) -> tuple[list[float], dict[str, list[float]]]:
    from baton import demo
    from baton.graph.state import new_turn
    from baton.service import Baton

    b = Baton.load(demo.KB, demo.CUSTOMERS, demo.POLICY, db=tmp / "bench.db")
    customer = b.customer_record("c-1001")
    totals: list[float] = []
    per_node: dict[str, list[float]] = defaultdict(list)
    for i in range(n + 10):
        text = ONE_INTENT[i % len(ONE_INTENT)]
        config = {"configurable": {"thread_id": f"bench-{uuid.uuid4().hex}"}}
        start = last = time.perf_counter()
        for chunk in b.graph.stream(new_turn(text, customer=customer, conversation_id="b"), config,
                                    context=b.deps(), stream_mode="updates", durability="exit"):
            now = time.perf_counter()
            if i >= 10:  # the first turns warm caches up
                for node in chunk:
                    per_node[node].append((now - last) * 1000)
            last = now
        if i >= 10:
            totals.append((time.perf_counter() - start) * 1000)
    return totals, per_node


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--turns", type=int, default=300)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        cold_empty, cold_warm = cold_start(tmp)
        os.environ["BATON_CACHE_DIR"] = str(tmp / "cache")
        totals, per_node = turn_latency(args.turns, tmp)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    figures = {
        "turns": len(totals),
        "p50_ms": round(statistics.median(totals), 2),
        "p95_ms": round(pct(totals, 0.95), 2),
        "cold_start_s": round(cold_warm, 3),
        "cold_start_empty_cache_s": round(cold_empty, 3),
        "rss_mb": round(rss_mb, 1),
        "per_node_p50_ms": {k: round(statistics.median(v), 2) for k, v in per_node.items()},
        "per_node_p95_ms": {k: round(pct(v, 0.95), 2) for k, v in per_node.items()},
    }
    figures["ratio_to_target"] = {k: round(figures[k] / t, 2) for k, t in TARGETS.items()}
    if args.json:
        print(json.dumps(figures))
        return
    print(f"one-intent turns with the SQLite checkpointer: {figures['turns']}")
    for key, target in TARGETS.items():
        print(f"  {key:<14} {figures[key]:>9}   target {target:>6}   ratio {figures['ratio_to_target'][key]}")
    print(f"  cold start with an empty embedding cache: {figures['cold_start_empty_cache_s']} s")
    print("  per node (p50 / p95 ms):")
    for node, p50 in figures["per_node_p50_ms"].items():
        print(f"    {node:<14} {p50:>7} / {figures['per_node_p95_ms'][node]}")


if __name__ == "__main__":
    main()
