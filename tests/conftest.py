"""Shared fixtures. No test can reach the network: non-loopback connections raise at once."""

from __future__ import annotations

import os
import socket
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
if (SHARED / "tiktoken_cache").is_dir():
    os.environ.setdefault("TIKTOKEN_CACHE_DIR", str(SHARED / "tiktoken_cache"))

_real_connect = socket.socket.connect


def _loopback_only(self: socket.socket, address, *args, **kwargs):
    host = address[0] if isinstance(address, tuple) else address
    if isinstance(host, str) and not (host.startswith("127.") or host in ("localhost", "::1") or self.family == socket.AF_UNIX):
        raise ConnectionRefusedError(f"tests may not reach the network ({host})")
    return _real_connect(self, address, *args, **kwargs)


socket.socket.connect = _loopback_only  # type: ignore[method-assign]


@pytest.fixture(autouse=True)
def _no_real_model(monkeypatch: pytest.MonkeyPatch) -> None:
    """LLM mode only ever points at a stub a test starts itself."""
    for name in ("BATON_LLM_BASE_URL", "BATON_LLM_MODEL", "BATON_LLM_API_KEY", "OPENAI_API_KEY",
                 "OPENAI_BASE_URL", "BATON_LLM_EMBEDDING_MODEL"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="session", autouse=True)
def _cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = Path(os.environ.get("BATON_TEST_CACHE_DIR") or tmp_path_factory.mktemp("baton-cache"))
    os.environ["BATON_CACHE_DIR"] = str(path)
    return path


@pytest.fixture(scope="session")
def policy():
    from baton import demo
    from baton.policy import load_policy

    return load_policy(demo.POLICY)


@pytest.fixture(scope="session")
def kb(policy):
    from baton import demo
    from baton.kb import load_kb

    return load_kb(demo.KB, policy.tags)


@pytest.fixture(scope="session")
def customers():
    from baton import demo
    from baton.customers import load_customers

    return load_customers(demo.CUSTOMERS)


@pytest.fixture(scope="session")
def embedded_engine(kb, policy, _cache_dir):
    from baton.engine.embedded import EmbeddedEngine

    return EmbeddedEngine(kb, unclosable=policy.unclosable_tags)


@pytest.fixture(scope="session")
def answered_as_one():
    """`answered_as_one(engine, message, article)`: the engine reads the whole message as one
    intent and answers it from `article`, sure enough to answer at the usual threshold."""
    def check(engine, message: str, article: str) -> None:
        [intent] = engine.split(message)
        assert intent["text"] == message
        assert intent["hits"][0]["article"] == article
        assert engine.grade(intent, engine.answer(intent)) >= 0.7

    return check


@pytest.fixture(scope="session")
def fixture_engine(_cache_dir):
    """`fixture_engine(name)`: the embedded engine over tests/fixtures/NAME's KB and policy (built once)."""
    from baton.engine.embedded import EmbeddedEngine
    from baton.kb import load_kb
    from baton.policy import load_policy

    built: dict[str, EmbeddedEngine] = {}

    def engine(name: str) -> EmbeddedEngine:
        if name not in built:
            root = Path(__file__).parent / "fixtures" / name
            policy = load_policy(root / "policy.toml")
            built[name] = EmbeddedEngine(load_kb(root / "kb", policy.tags), unclosable=policy.unclosable_tags)
        return built[name]

    return engine


@pytest.fixture
def today() -> date:
    return date(2026, 11, 28)
