"""The README's promise: one command runs the demo, one runs the tests."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def first_screen() -> str:
    return "\n".join((ROOT / "README.md").read_text().splitlines()[:30])


def test_readme_first_screen_has_the_two_commands():
    screen = first_screen()
    assert "make demo" in screen and "make test" in screen


def test_ci_runs_the_readme_test_command():
    assert "make test" in (ROOT / ".ci" / "run").read_text()


def test_make_demo_runs_the_demo():
    if not (ROOT / ".venv" / ".installed").exists():
        pytest.skip("make demo builds .venv first; run the suite through `make test` to exercise it")
    proc = subprocess.run(["make", "-s", "demo"], cwd=ROOT, input="can I pay with paypal\n", capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "Baton demo" in proc.stdout and "[answer" in proc.stdout and "PayPal" in proc.stdout
