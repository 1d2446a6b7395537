"""Baton: AI-first customer support that knows when to hand off to a human."""

__version__ = "0.1.0"
