"""Recorded test conversations: loading, running and scoring them (DESIGN.md, "Metrics")."""

from pathlib import Path

CONVERSATIONS_DIR = Path(__file__).parent / "conversations"
