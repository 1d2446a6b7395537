"""The HTTP API in-process (FastAPI TestClient) on the embedded engine and a temporary SQLite file."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from baton import demo
from baton.server.app import create_app
from baton.server.auth import AgentKeys
from baton.service import Baton
from baton.store import Store

AGENT = {"Authorization": "Bearer agent-key-1"}
CANONICAL = "my order from yesterday hasn't shipped also does this product work with a Model A"


@pytest.fixture
def client(embedded_engine, tmp_path: Path):
    db = tmp_path / "api.db"
    baton = Baton.load(demo.KB, demo.CUSTOMERS, demo.POLICY, db=db, engine=embedded_engine)
    app = create_app(baton, Store(db), AgentKeys.parse("agent-key-1,agent-key-2"))
    with TestClient(app) as c:
        yield c


def open_conv(client, customer="c-1001") -> tuple[str, dict]:
    r = client.post("/v1/conversations", json={"customer_id": customer})
    assert r.status_code == 201
    body = r.json()
    return body["id"], {"Authorization": f"Bearer {body['token']}"}


def say(client, conv, auth, text):
    r = client.post(f"/v1/conversations/{conv}/messages", json={"text": text}, headers=auth)
    assert r.status_code == 200, r.text
    return r.json()


def test_scripted_end_to_end(client):
    conv, auth = open_conv(client)
    assert say(client, conv, auth, "can I pay with paypal?")["outcome"] == "answer"
    partial = say(client, conv, auth, CANONICAL)
    assert partial["outcome"] == "partial" and len(partial["intents"]) == 2
    # while a human owns it, the AI stays silent and the message is kept for the agent
    waiting = say(client, conv, auth, "ok, waiting for someone")
    assert waiting["reply"] is None
    queue = client.get("/v1/handoffs", headers=AGENT).json()
    [h] = [x for x in queue if x["conversation_id"] == conv]
    detail = client.get(f"/v1/handoffs/{h['id']}", headers=AGENT).json()
    assert "Model A" in detail["brief"]["stuck_on"]
    assert [m["role"] for m in detail["transcript"]] == ["customer", "ai", "customer", "ai", "customer"]
    assert client.post(f"/v1/handoffs/{h['id']}/messages", json={"text": "hi"}, headers=AGENT).status_code == 409
    assert client.post(f"/v1/handoffs/{h['id']}/claim", headers=AGENT).json()["status"] == "claimed"
    r = client.post(f"/v1/handoffs/{h['id']}/messages", json={"text": "The Model A works with the hub."}, headers=AGENT)
    assert r.status_code == 201
    seen = client.get(f"/v1/conversations/{conv}", headers=auth).json()
    assert seen["owner"] == "human" and seen["messages"][-1] == {**seen["messages"][-1], "role": "agent",
                                                                  "text": "The Model A works with the hub."}
    assert client.post(f"/v1/handoffs/{h['id']}/hand-back", headers=AGENT).json()["status"] == "handed_back"
    assert client.get(f"/v1/conversations/{conv}", headers=auth).json()["owner"] == "ai"
    again = say(client, conv, auth, "how do I reset my password")
    assert again["outcome"] == "answer" and "Forgot password" in again["reply"]
    state = client.app.state.baton.state(conv)
    assert any(getattr(m, "name", None) == "agent" for m in state["messages"])  # agent's words in context


def test_tokens_open_only_their_own_conversation(client):
    a, auth_a = open_conv(client)
    b, auth_b = open_conv(client, "c-1002")
    assert client.get(f"/v1/conversations/{b}", headers=auth_a).status_code == 403
    assert client.post(f"/v1/conversations/{b}/messages", json={"text": "hi"}, headers=auth_a).status_code == 403
    assert client.get(f"/v1/conversations/{a}").status_code == 401
    for path in ("/v1/handoffs", "/v1/stats"):
        assert client.get(path, headers=auth_a).status_code == 403
        assert client.get(path).status_code == 401
    assert client.get(f"/v1/conversations/{a}", headers=AGENT).status_code == 200


def test_bad_input_gets_clear_4xx(client):
    conv, auth = open_conv(client)
    assert client.post("/v1/conversations", json={"customer_id": "nobody"}).status_code == 404
    assert client.post(f"/v1/conversations/{conv}/messages", json={"text": "   "}, headers=auth).status_code == 422
    assert client.post(f"/v1/conversations/{conv}/messages", json={"text": "x" * 4001}, headers=auth).status_code == 422
    r = client.post(f"/v1/conversations/{conv}/messages", content=b"{not json", headers={**auth, "content-type": "application/json"})
    assert r.status_code == 422
    assert client.post("/v1/conversations/nope/messages", json={"text": "hi"}, headers=auth).status_code == 404
    assert client.get("/v1/handoffs/nope", headers=AGENT).status_code == 404
    assert client.get("/v1/handoffs?status=weird", headers=AGENT).status_code == 422


def test_button_refused_before_first_question(client):
    conv, auth = open_conv(client)
    button = lambda: client.get(f"/v1/conversations/{conv}", headers=auth).json()["human_button"]  # noqa: E731
    assert button() is False
    r = client.post(f"/v1/conversations/{conv}/request-human", headers=auth)
    assert r.status_code == 409 and r.json()["outcome"] == "refused"
    say(client, conv, auth, "hello!")  # a greeting is not a question
    assert button() is False
    assert client.post(f"/v1/conversations/{conv}/request-human", headers=auth).status_code == 409
    say(client, conv, auth, "can I pay with paypal?")
    assert button() is True
    r = client.post(f"/v1/conversations/{conv}/request-human", headers=auth)
    assert r.status_code == 200 and r.json()["reasons"] == ["user_request"]
    assert button() is False  # a human owns it now


def test_queue_lists_bypass_first_then_oldest(client):
    free, fa = open_conv(client, "c-1001")
    say(client, free, fa, "I want my money back")
    vip, va = open_conv(client, "c-1007")
    say(client, vip, va, "where is my package")
    order = [h["conversation_id"] for h in client.get("/v1/handoffs", headers=AGENT).json()]
    assert order.index(vip) < order.index(free)
    billing = client.get("/v1/handoffs?queue=billing", headers=AGENT).json()
    assert [h["conversation_id"] for h in billing] == [free]


def test_resolved_conversation_reopens_fresh(client):
    conv, auth = open_conv(client)
    say(client, conv, auth, "how do I reset my hub to factory settings")
    assert say(client, conv, auth, "how do I reset my hub to factory settings")["reasons"] == ["off_rails"]
    [h] = client.get("/v1/handoffs", headers=AGENT).json()
    client.post(f"/v1/handoffs/{h['id']}/claim", headers=AGENT)
    assert client.post(f"/v1/handoffs/{h['id']}/resolve", headers=AGENT).json()["status"] == "resolved"
    # the same words again are a new question now, not a repeat of stale history
    assert say(client, conv, auth, "how do I reset my hub to factory settings")["outcome"] == "answer"


def test_streaming_turn(client):
    conv, auth = open_conv(client)
    with client.stream("POST", f"/v1/conversations/{conv}/messages", json={"text": "can I pay with paypal?"},
                       headers={**auth, "Accept": "text/event-stream"}) as r:
        assert r.headers["content-type"].startswith("text/event-stream")
        body = "".join(r.iter_text())
    events = [block.split("\n") for block in body.strip().split("\n\n")]
    names = [e[0].removeprefix("event: ") for e in events]
    assert names[0] == "node" and names[-2:] == ["reply", "result"]
    nodes = [json.loads(e[1].removeprefix("data: "))["node"] for e in events if e[0] == "event: node"]
    assert nodes[:3] == ["owner_check", "user_request", "tier_check"] and "reply" in nodes
    assert json.loads(events[-1][1].removeprefix("data: "))["outcome"] == "answer"


def test_concurrent_messages_to_one_conversation_are_serialised(client):
    conv, auth = open_conv(client)
    texts = ["can I pay with paypal?", "do you ship to canada?", "how much does lumo plus cost?"]
    results = []
    threads = [threading.Thread(target=lambda t=t: results.append(say(client, conv, auth, t))) for t in texts]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    msgs = client.get(f"/v1/conversations/{conv}", headers=auth).json()["messages"]
    assert sorted(m["text"] for m in msgs if m["role"] == "customer") == sorted(texts)
    assert [m["role"] for m in msgs] == ["customer", "ai"] * 3  # never interleaved
    assert sorted(r["turn"] for r in results) == [1, 2, 3]


def test_stats(client):
    conv, auth = open_conv(client)
    say(client, conv, auth, "can I pay with paypal?")
    say(client, conv, auth, "I want my money back")
    [h] = client.get("/v1/handoffs", headers=AGENT).json()
    client.post(f"/v1/handoffs/{h['id']}/claim", headers=AGENT)
    s = client.get("/v1/stats", headers=AGENT).json()
    assert s["turns"] == 2 and s["containment"] == 0.5 and s["handoffs_by_reason"] == {"skill": 1}
    assert s["handoffs_by_queue"] == {"billing": 1} and s["open_queue_depth"] == 0
    assert s["median_seconds_to_claim"] is not None and 0 <= s["customer_bypass_share"] <= 1


def test_openapi_and_health(client):
    spec = client.get("/openapi.json").json()
    assert "/v1/handoffs/{handoff_id}/hand-back" in spec["paths"]
    assert client.get("/healthz").json()["status"] == "ok"
