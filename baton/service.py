"""Baton as a library: load the inputs, build the engine and graph, run one turn at a time.

    baton = Baton.load(kb="kb/", customers="customers.csv", policy="policy.toml")
    result = baton.send("conv-1", customer_id="c-1001", text="where is my package?")

Conversations are checkpointed (SQLite by default), so another process continues one by its id.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Callable, Iterator

from langchain_core.messages import AIMessage
from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.checkpoint.memory import InMemorySaver
from langgraph.checkpoint.sqlite import SqliteSaver

from baton.customers import Customer, Customers, load_customers
from baton.engine.base import Engine
from baton.graph.build import build_graph
from baton.graph.context import Deps
from baton.graph.state import new_turn
from baton.kb import KnowledgeBase, load_kb
from baton.policy import Policy, load_policy
from baton.store import connect

log = logging.getLogger("baton")

FALLBACK_REPLY = ("Sorry, something went wrong on my side. I've passed your message to our support "
                  "team, and a person will reply here shortly.")


def default_engine(kb: KnowledgeBase, policy: Policy) -> Engine:
    """LLM mode when BATON_LLM_BASE_URL is set, else the embedded engine."""
    from baton.settings import Settings

    settings = Settings()
    if settings.llm_base_url:
        from baton.llm.engine import build_llm_engine

        return build_llm_engine(kb, policy, settings)
    from baton.engine.embedded import EmbeddedEngine
    from baton.engine.embedder import default_embedder

    return EmbeddedEngine(kb, default_embedder(settings.embedding), unclosable=policy.unclosable_tags)


def sqlite_checkpointer(path: str | Path) -> SqliteSaver:
    return SqliteSaver(connect(path))


@dataclass
class Baton:
    """A loaded deployment: policy, knowledge base, customers, engine and compiled graph."""

    policy: Policy
    kb: KnowledgeBase
    customers: Customers
    engine: Engine
    checkpointer: BaseCheckpointSaver
    today: Callable[[], date] = date.today

    def __post_init__(self) -> None:
        self.graph = build_graph(self.checkpointer)

    @classmethod
    def load(cls, kb: str | Path, customers: str | Path, policy: str | Path, db: str | Path | None = None,
             engine: Engine | None = None, today: Callable[[], date] = date.today) -> "Baton":
        """Load and validate every input (all or nothing), then build the engine."""
        pol = load_policy(policy)
        knowledge = load_kb(kb, pol.tags)
        people = load_customers(customers)
        if engine is None:
            engine = default_engine(knowledge, pol)
        saver: BaseCheckpointSaver = sqlite_checkpointer(db) if db else InMemorySaver()
        return cls(pol, knowledge, people, engine, saver, today)

    def deps(self, today: Callable[[], date] | None = None) -> Deps:
        return Deps(engine=self.engine, policy=self.policy, today=today or self.today)

    def bypass_report(self) -> str:
        return self.customers.bypass_share(self.policy.bypass, self.today()).message()

    @staticmethod
    def new_conversation_id() -> str:
        return f"conv-{uuid.uuid4().hex[:12]}"

    def customer_record(self, customer: str | dict[str, Any] | Customer) -> dict[str, Any]:
        if isinstance(customer, Customer):
            record = customer
        elif isinstance(customer, dict):
            record = Customer.model_validate(customer)
        else:
            record = self.customers.get(customer)
        return record.model_dump(mode="json")

    def send(self, conversation_id: str, customer: str | dict[str, Any] | Customer, text: str = "",
             action: str | None = None, today: Callable[[], date] | None = None) -> dict[str, Any]:
        """Run one customer turn (a message, or `action="request_human"`); return the turn result.

        `today` overrides the clock for this turn (tests and recorded conversations).
        Whatever fails inside, the customer gets a reply and the conversation goes to a human.
        The turn is checkpointed once, when it ends (durability "exit"): a turn is all or nothing.
        """
        result: dict[str, Any] = {}
        for kind, payload in self.stream(conversation_id, customer, text, action, today):
            if kind == "result":
                result = payload
        return result

    def stream(self, conversation_id: str, customer: str | dict[str, Any] | Customer, text: str = "",
               action: str | None = None, today: Callable[[], date] | None = None) -> Iterator[tuple[str, Any]]:
        """The same turn as `send`, yielding ("node", name) as each step finishes, then ("result", ...)."""
        record = self.customer_record(customer)
        turn = new_turn(text, action, customer=record, conversation_id=conversation_id)
        deps = self.deps(today)
        try:
            for update in self.graph.stream(turn, self._config(conversation_id), context=deps,
                                            stream_mode="updates", durability="exit"):
                for node in update:
                    yield "node", node
            result = self.state(conversation_id).get("result")
            if not result:
                raise RuntimeError("the graph ended without a turn result")
            result = {**result, "usage": deps.meter.as_dict()}
        except Exception as exc:  # noqa: BLE001 - last line of defence: never leave the customer in silence
            log.exception("turn failed outside the graph's own safety net")
            result = self._fail_safe(conversation_id, record, text, exc)
        yield "result", result

    def _fail_safe(self, conversation_id: str, record: dict[str, Any], text: str, exc: Exception) -> dict[str, Any]:
        handoff = {"conversation_id": conversation_id, "queue": self.policy.default_queue,
                   "reasons": ["failure"], "priority": 1, "status": "open"}
        try:
            self.graph.update_state(self._config(conversation_id),
                                    {"owner": "human", "handoff": handoff,
                                     "messages": [AIMessage(content=FALLBACK_REPLY)]}, as_node="escalate")
        except Exception:  # noqa: BLE001
            log.exception("could not record the fail-safe handoff for %s", conversation_id)
        brief = {"summary": f"Internal failure: {exc.__class__.__name__}: {exc}", "customer": record,
                 "reasons": ["failure"], "asked": [], "answered": [], "customer_said": [text],
                 "stuck_on": f"\"{text}\" - internal failure", "transcript_ref": f"/v1/conversations/{conversation_id}"}
        return {"conversation_id": conversation_id, "outcome": "handoff", "reply": FALLBACK_REPLY,
                "reasons": ["failure"], "queue": self.policy.default_queue, "confidence": None, "intents": [],
                "brief": brief, "owner": "human", "failure": {"node": "graph", "error": str(exc)}}

    def _config(self, conversation_id: str) -> dict[str, Any]:
        return {"configurable": {"thread_id": conversation_id}}

    def add_agent_message(self, conversation_id: str, text: str) -> None:
        """An agent's reply joins the transcript, so the AI has it in context after a hand-back."""
        self.graph.update_state(self._config(conversation_id), {"messages": [AIMessage(content=text, name="agent")]},
                                as_node="forward_to_agent")

    def release_to_ai(self, conversation_id: str) -> None:
        """A human resolved or handed back the conversation: the AI answers the next message afresh
        (no standing handoff, no off-rails carry-over from before the human stepped in)."""
        current = self.state(conversation_id)
        self.graph.update_state(self._config(conversation_id), {
            "owner": "ai", "handoff": None, "ai_turns_since_resolution": 0,
            "history_start": len(current.get("messages", []))}, as_node="forward_to_agent")

    def state(self, conversation_id: str) -> dict[str, Any]:
        return self.graph.get_state(self._config(conversation_id)).values
