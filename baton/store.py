"""Application tables next to the LangGraph checkpoints, in the same SQLite file (sqlite-utils).

customers, conversations, messages (every customer, AI and agent message, in order), handoffs
(queue, priority, status open/claimed/resolved/handed_back, assignee, brief) and an audit log of
decisions. The server's threads share one connection, so reads and writes alike go through one
lock; WAL mode lets the checkpointer's own connection proceed alongside.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import sqlite3
import statistics
import threading
import uuid
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterable

import sqlite_utils

from baton.customers import Customer

HANDOFF_STATUSES = ("open", "claimed", "resolved", "handed_back")


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def connect(path: str | Path) -> sqlite3.Connection:
    """A connection to the Baton file, shared by threads; the store and the checkpointer both use it.

    WAL, so one writer does not block readers; synchronous=NORMAL, so commits survive a crash of
    the process (kill -9) and only an OS crash or power loss may drop the last turn (FULL would
    fsync every checkpoint); a busy timeout, so two connections writing take turns.
    """
    conn = sqlite3.connect(str(path), check_same_thread=False, timeout=30)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    return conn


class Store:
    def __init__(self, path: str | Path) -> None:
        self.db = sqlite_utils.Database(connect(path))
        self.lock = threading.RLock()
        self._create()

    def _create(self) -> None:
        db = self.db
        with self.lock:
            db["customers"].create({"id": str, "name": str, "email": str, "tier": str, "arr": float,
                                    "renewal_date": str, "plan": str}, pk="id", if_not_exists=True)
            db["conversations"].create({"id": str, "customer_id": str, "token_hash": str, "owner": str,
                                        "status": str, "created_at": str, "updated_at": str}, pk="id",
                                       if_not_exists=True)
            db["messages"].create({"id": int, "conversation_id": str, "role": str, "text": str, "turn": int,
                                   "created_at": str, "meta": str}, pk="id", if_not_exists=True)
            db["handoffs"].create({"id": str, "conversation_id": str, "queue": str, "priority": int,
                                   "status": str, "reasons": str, "assignee": str, "brief": str,
                                   "customer_tier": str, "created_at": str, "claimed_at": str,
                                   "closed_at": str}, pk="id", if_not_exists=True)
            db["audit"].create({"id": int, "conversation_id": str, "turn": int, "node": str, "outcome": str,
                                "reasons": str, "confidence": float, "detail": str, "created_at": str},
                               pk="id", if_not_exists=True)
            db["messages"].create_index(["conversation_id", "id"], if_not_exists=True)
            db["handoffs"].create_index(["status", "priority", "created_at"], if_not_exists=True)

    # customers and conversations -------------------------------------------------------------
    def sync_customers(self, customers: Iterable[Customer]) -> None:
        rows = [c.model_dump(mode="json") for c in customers]
        with self.lock:
            self.db["customers"].upsert_all(rows, pk="id")

    def create_conversation(self, customer_id: str) -> tuple[str, str]:
        conv_id = f"conv-{uuid.uuid4().hex[:16]}"
        token = secrets.token_urlsafe(32)
        with self.lock:
            self.db["conversations"].insert({"id": conv_id, "customer_id": customer_id, "token_hash": _hash(token),
                                             "owner": "ai", "status": "active", "created_at": now(),
                                             "updated_at": now()})
        return conv_id, token

    def _read(self, rows: Callable[[], Iterable[dict[str, Any]]]) -> list[dict[str, Any]]:
        """Run a query to the end under the connection's lock.

        The connection is shared by the server's threads: a half-read cursor left open while
        another thread writes makes SQLite answer "database is locked" at once (a stale read
        snapshot cannot be upgraded to a write), whatever the busy timeout.
        """
        with self.lock:
            return list(rows())

    def conversation(self, conv_id: str) -> dict[str, Any] | None:
        rows = self._read(lambda: self.db["conversations"].rows_where("id = ?", [conv_id]))
        return rows[0] if rows else None

    def token_opens(self, conv_id: str, token: str) -> bool:
        conv = self.conversation(conv_id)
        return conv is not None and hmac.compare_digest(conv["token_hash"], _hash(token))

    def set_owner(self, conv_id: str, owner: str, status: str) -> None:
        with self.lock:
            self.db["conversations"].update(conv_id, {"owner": owner, "status": status, "updated_at": now()})

    # messages ---------------------------------------------------------------------------------
    def add_message(self, conv_id: str, role: str, text: str, turn: int | None = None,
                    meta: dict[str, Any] | None = None) -> dict[str, Any]:
        row = {"conversation_id": conv_id, "role": role, "text": text, "turn": turn, "created_at": now(),
               "meta": json.dumps(meta) if meta else None}
        with self.lock:
            row["id"] = self.db["messages"].insert(row).last_pk
        return self._message(row)

    def messages(self, conv_id: str) -> list[dict[str, Any]]:
        rows = self._read(lambda: self.db["messages"].rows_where("conversation_id = ?", [conv_id], order_by="id"))
        return [self._message(r) for r in rows]

    @staticmethod
    def _message(row: dict[str, Any]) -> dict[str, Any]:
        """A message with its AI metadata (per-intent confidences, outcome) decoded."""
        meta = json.loads(row["meta"]) if row.get("meta") else None
        return {k: v for k, v in row.items() if k != "meta"} | {"intents": (meta or {}).get("intents"),
                                                                "outcome": (meta or {}).get("outcome")}

    # turns ------------------------------------------------------------------------------------
    def record_turn(self, conv_id: str, result: dict[str, Any], tier: str | None) -> str | None:
        """Store the AI's reply, the audit of the decision, the owner, and a new handoff if any."""
        turn = result.get("turn")
        handoff_id = None
        with self.lock:
            if result.get("reply") and not result.get("forwarded_to_agent"):
                intents = [{k: i.get(k) for k in ("text", "tag", "article", "confidence", "status")}
                           for i in result.get("intents", [])]
                self.add_message(conv_id, "ai", result["reply"], turn,
                                 meta={"intents": intents, "outcome": result["outcome"]})
            self.db["audit"].insert({
                "conversation_id": conv_id, "turn": turn, "node": "forward_to_agent" if result.get("forwarded_to_agent")
                else ("escalate" if result["outcome"] in ("handoff", "partial") else
                      "user_request" if result["outcome"] == "refused" else "reply"),
                "outcome": result["outcome"], "reasons": json.dumps(result["reasons"]),
                "confidence": result.get("confidence"),
                "detail": json.dumps({"intents": result.get("intents", []), "explanation": result.get("explanation", []),
                                      "failure": result.get("failure")}),
                "created_at": now()})
            if result.get("handoff") and not result.get("forwarded_to_agent"):
                h = result["handoff"]
                handoff_id = f"h-{uuid.uuid4().hex[:12]}"
                self.db["handoffs"].insert({
                    "id": handoff_id, "conversation_id": conv_id, "queue": h["queue"], "priority": h["priority"],
                    "status": "open", "reasons": json.dumps(h["reasons"]), "assignee": None,
                    "brief": json.dumps(result.get("brief")), "customer_tier": tier, "created_at": now(),
                    "claimed_at": None, "closed_at": None})
                self.set_owner(conv_id, "human", "handed_off")
        return handoff_id

    # handoffs ---------------------------------------------------------------------------------
    def handoffs(self, queue: str | None = None, status: str | None = None) -> list[dict[str, Any]]:
        where, args = [], []
        if queue:
            where.append("queue = ?")
            args.append(queue)
        if status:
            where.append("status = ?")
            args.append(status)
        else:
            where.append("status in ('open', 'claimed')")
        rows = self._read(lambda: self.db["handoffs"].rows_where(" and ".join(where), args,
                                                                 order_by="priority, created_at"))
        return [self._handoff(r) for r in rows]

    def handoff(self, handoff_id: str) -> dict[str, Any] | None:
        rows = self._read(lambda: self.db["handoffs"].rows_where("id = ?", [handoff_id]))
        return self._handoff(rows[0]) if rows else None

    def open_handoff_for(self, conv_id: str) -> dict[str, Any] | None:
        rows = self._read(lambda: self.db["handoffs"].rows_where(
            "conversation_id = ? and status in ('open', 'claimed')", [conv_id], order_by="created_at desc", limit=1))
        return self._handoff(rows[0]) if rows else None

    @staticmethod
    def _handoff(row: dict[str, Any]) -> dict[str, Any]:
        return {**row, "reasons": json.loads(row["reasons"] or "[]"), "brief": json.loads(row["brief"] or "null")}

    def update_handoff(self, handoff_id: str, **fields: Any) -> None:
        with self.lock:
            self.db["handoffs"].update(handoff_id, fields)

    # stats ------------------------------------------------------------------------------------
    def stats(self) -> dict[str, Any]:
        audit = self._read(lambda: self.db.query("select outcome, reasons from audit where node != 'forward_to_agent'"))
        turns = len(audit)
        answered = sum(1 for a in audit if a["outcome"] == "answer")
        by_reason: dict[str, int] = {}
        for a in audit:
            for r in json.loads(a["reasons"] or "[]"):
                by_reason[r] = by_reason.get(r, 0) + 1
        handoffs = self._read(lambda: self.db["handoffs"].rows)
        by_queue: dict[str, int] = {}
        for h in handoffs:
            by_queue[h["queue"]] = by_queue.get(h["queue"], 0) + 1
        waits = [(datetime.fromisoformat(h["claimed_at"]) - datetime.fromisoformat(h["created_at"])).total_seconds()
                 for h in handoffs if h["claimed_at"]]
        return {
            "turns": turns,
            "containment": round(answered / turns, 4) if turns else None,
            "handoffs": len(handoffs),
            "handoffs_by_reason": by_reason,
            "handoffs_by_queue": by_queue,
            "bypass_share_of_handoffs": round(by_reason.get("bypass", 0) / len(handoffs), 4) if handoffs else None,
            "open_queue_depth": sum(1 for h in handoffs if h["status"] == "open"),
            "median_seconds_to_claim": round(statistics.median(waits), 3) if waits else None,
        }
