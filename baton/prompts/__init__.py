"""Prompt files for LLM mode, one per step (see baton/llm/prompts.py for the format)."""
