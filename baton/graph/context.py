"""What every node may use besides the state: the engine, the policy and the clock."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Callable

from baton.engine.base import Engine
from baton.policy import Policy
from baton.usage import UsageMeter


@dataclass(frozen=True)
class Deps:
    """Run-scoped dependencies, passed to the graph as LangGraph runtime context."""

    engine: Engine
    policy: Policy
    today: Callable[[], date] = field(default=date.today)
    meter: UsageMeter = field(default_factory=UsageMeter)  # LLM calls and tokens of this turn
