"""Running customer turns for the backend: one at a time per conversation, all in parallel across
conversations, every message stored before the graph runs."""

from __future__ import annotations

import queue
import threading
import weakref
from typing import Any, Iterator

from baton.service import Baton
from baton.store import Store

_DONE = object()


class TurnRunner:
    def __init__(self, baton: Baton, store: Store) -> None:
        self.baton = baton
        self.store = store
        self._locks: weakref.WeakValueDictionary[str, threading.Lock] = weakref.WeakValueDictionary()
        self._guard = threading.Lock()

    def lock_for(self, conv_id: str) -> threading.Lock:
        with self._guard:
            lock = self._locks.get(conv_id)
            if lock is None:
                lock = threading.Lock()
                self._locks[conv_id] = lock
            return lock

    def events(self, conv: dict[str, Any], text: str = "", action: str | None = None) -> Iterator[tuple[str, Any]]:
        """The turn's events; the message is stored first, so it survives whatever happens next."""
        lock = self.lock_for(conv["id"])
        with lock:
            if text:
                self.store.add_message(conv["id"], "customer", text)
            customer = self.baton.customers.get(conv["customer_id"])
            result: dict[str, Any] = {}
            for kind, payload in self.baton.stream(conv["id"], customer, text, action):
                if kind == "result":
                    result = payload
                else:
                    yield kind, payload
            self.store.record_turn(conv["id"], result, customer.tier)
            yield "result", result

    def run(self, conv: dict[str, Any], text: str = "", action: str | None = None) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for kind, payload in self.events(conv, text, action):
            if kind == "result":
                result = payload
        return result

    def run_in_background(self, conv: dict[str, Any], text: str) -> Iterator[tuple[str, Any]]:
        """Events from a worker thread: a client that hangs up mid-stream does not cut the turn short."""
        q: queue.Queue = queue.Queue()

        def work() -> None:
            try:
                for event in self.events(conv, text):
                    q.put(event)
            finally:
                q.put(_DONE)

        threading.Thread(target=work, name=f"turn-{conv['id']}", daemon=True).start()
        while (event := q.get()) is not _DONE:
            yield event
