"""Per-turn accounting of LLM calls and tokens (empty on the embedded engine)."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any


@dataclass
class UsageMeter:
    """Calls and tokens of one turn (tokens counted with tiktoken, or as the server reports them)."""

    calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    steps: list[str] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def add(self, step: str, prompt_tokens: int, completion_tokens: int) -> None:
        with self._lock:
            self.calls += 1
            self.prompt_tokens += prompt_tokens
            self.completion_tokens += completion_tokens
            self.steps.append(step)

    def as_dict(self) -> dict[str, Any]:
        return {"calls": self.calls, "prompt_tokens": self.prompt_tokens,
                "completion_tokens": self.completion_tokens, "steps": list(self.steps)}
