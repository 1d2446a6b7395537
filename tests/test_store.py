"""The application tables under the server's threading: reads and writes share one connection."""

from __future__ import annotations

import sqlite3
import threading

from baton.store import Store


def test_concurrent_reads_and_writes_never_hit_a_locked_database(tmp_path):
    db = tmp_path / "baton.db"
    store = Store(db)
    conv_id, _ = store.create_conversation("c-1")
    for i in range(50):
        store.add_message(conv_id, "customer", f"seed {i}")
    # a second connection writing all the time, as the LangGraph checkpointer does
    other = sqlite3.connect(str(db), check_same_thread=False, timeout=30)
    other.execute("create table if not exists side (n integer)")
    other.commit()
    errors: list[BaseException] = []
    stop = threading.Event()

    def side_writer() -> None:
        while not stop.wait(0.002):  # short transactions with gaps, like checkpoints between turns
            with other:
                other.execute("insert into side values (1)")

    def worker(n: int) -> None:
        try:
            for i in range(60):
                store.add_message(conv_id, "customer", f"{n}-{i}")
                assert len(store.messages(conv_id)) >= 50
                store.conversation(conv_id)
                store.handoffs()
        except BaseException as exc:  # noqa: BLE001 - collected and reported below
            errors.append(exc)

    side = threading.Thread(target=side_writer)
    side.start()
    threads = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    stop.set()
    side.join()
    assert errors == []
    assert len(store.messages(conv_id)) == 50 + 8 * 60
