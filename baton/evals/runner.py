"""Run recorded conversations through the same graph the chat backend uses."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any, Callable, Iterable

from baton.customers import Customer
from baton.evals.conversations import Conversation
from baton.evals.metrics import TurnRecord, check
from baton.service import Baton


def customer_for(baton: Baton, spec: str | dict[str, Any]) -> Customer:
    """An id from the customers file, or an inline record (merged over the file's, if it has one)."""
    if isinstance(spec, str):
        return baton.customers.get(spec)
    base = baton.customers.get(spec["id"]).model_dump() if spec.get("id") in baton.customers else {}
    return Customer.model_validate({**base, **spec})


def run_conversation(baton: Baton, conv: Conversation, today: date | None = None) -> list[TurnRecord]:
    customer = customer_for(baton, conv.customer)
    thread = f"eval-{conv.id}-{uuid.uuid4().hex[:8]}"
    day = conv.today or today
    records = []
    for n, turn in enumerate(conv.turns, start=1):
        result = baton.send(thread, customer, text=turn.user or "", action=turn.action,
                            today=(lambda d=day: d) if day else None)
        failed = check(turn.expect, result) if turn.expect else []
        records.append(TurnRecord(conv.id, n, turn.user or f"[{turn.action}]", turn.expect, result, failed))
    return records


def run_all(baton: Baton, conversations: Iterable[Conversation], today: date | None = None,
            progress: Callable[[Conversation], None] | None = None) -> list[TurnRecord]:
    records: list[TurnRecord] = []
    for conv in conversations:
        records.extend(run_conversation(baton, conv, today))
        if progress:
            progress(conv)
    return records
