"""Tier check: VIP / high-ARR / renewal-window customers go straight to a human.

Only the customer record decides: the message text is never read here.
"""

from __future__ import annotations

from typing import Any

from langgraph.runtime import Runtime

from baton.customers import Customer, bypass_reasons
from baton.graph.context import Deps
from baton.graph.state import BatonState


def tier_check(state: BatonState, runtime: Runtime[Deps]) -> dict[str, Any]:
    customer = Customer.model_validate(state.get("customer") or {"id": "unknown"})
    return {"bypass": bypass_reasons(customer, runtime.context.policy.bypass, runtime.context.today())}
