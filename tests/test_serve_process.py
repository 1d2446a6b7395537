"""A real `baton serve` process on a free loopback port: kill -9, restart, nothing lost."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

AGENT = {"Authorization": "Bearer proc-agent-key"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(db: Path, port: int) -> subprocess.Popen:
    env = {**os.environ, "BATON_AGENT_KEYS": "proc-agent-key"}
    proc = subprocess.Popen([sys.executable, "-m", "baton.cli", "serve", "--port", str(port), "--db", str(db)],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    deadline = time.time() + 120
    while time.time() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"baton serve exited: {proc.stdout.read()}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise AssertionError("baton serve did not come up")


@pytest.mark.slow
def test_kill_9_and_restart_loses_nothing(tmp_path: Path):
    db, port = tmp_path / "serve.db", free_port()
    base = f"http://127.0.0.1:{port}"
    proc = start(db, port)
    try:
        conv = httpx.post(f"{base}/v1/conversations", json={"customer_id": "c-1001"}).json()
        auth = {"Authorization": f"Bearer {conv['token']}"}
        first = httpx.post(f"{base}/v1/conversations/{conv['id']}/messages", json={"text": "can I pay with paypal?"},
                           headers=auth, timeout=30).json()
        assert first["outcome"] == "answer"
        second = httpx.post(f"{base}/v1/conversations/{conv['id']}/messages", json={"text": "I want my money back"},
                            headers=auth, timeout=30).json()
        assert second["outcome"] == "handoff"
        before = httpx.get(f"{base}/v1/conversations/{conv['id']}", headers=auth).json()
        handoffs = httpx.get(f"{base}/v1/handoffs", headers=AGENT).json()
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()

    proc = start(db, port)
    try:
        after = httpx.get(f"{base}/v1/conversations/{conv['id']}", headers=auth).json()
        assert after == before and after["owner"] == "human" and len(after["messages"]) == 4
        assert httpx.get(f"{base}/v1/handoffs", headers=AGENT).json() == [
            {**h, "waiting_seconds": pytest.approx(h["waiting_seconds"], abs=120)} for h in handoffs]
        third = httpx.post(f"{base}/v1/conversations/{conv['id']}/messages", json={"text": "still there?"},
                           headers=auth, timeout=30).json()
        assert third["turn"] == 3 and third["reply"] is None  # the human still owns it
        hid = handoffs[0]["id"]
        httpx.post(f"{base}/v1/handoffs/{hid}/claim", headers=AGENT)
        httpx.post(f"{base}/v1/handoffs/{hid}/resolve", headers=AGENT)
        fourth = httpx.post(f"{base}/v1/conversations/{conv['id']}/messages", json={"text": "do you ship to canada?"},
                            headers=auth, timeout=30).json()
        assert fourth["outcome"] == "answer" and fourth["turn"] == 4
    finally:
        proc.terminate()
        proc.wait(timeout=30)
