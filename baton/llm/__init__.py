"""LLM mode: the same graph, with the steps done by any OpenAI-compatible chat endpoint."""
