"""Fail-safe wrapper: an exception inside a node becomes a `failure` in the state, never a crash.

The routers send a failed turn to the summarizer, so the customer is handed to a human with a
reply instead of being left in silence (DESIGN.md: "Any internal failure ... fails safe").
"""

from __future__ import annotations

from baton.graph.state import first_failure

import functools
import logging
from typing import Any, Callable

log = logging.getLogger("baton.nodes")


def safe(name: str, node: Callable[..., dict[str, Any]]) -> Callable[..., dict[str, Any]]:
    @functools.wraps(node)
    def wrapper(state: Any, runtime: Any) -> dict[str, Any]:
        if isinstance(state, dict) and first_failure(state):
            return {}  # an earlier step failed: do nothing, let the routers hand off
        try:
            return node(state, runtime)
        except Exception as exc:  # noqa: BLE001 - failing safe is the point
            log.warning("node %s failed, handing off: %s: %s", name, exc.__class__.__name__, exc)
            log.debug("node %s traceback", name, exc_info=True)
            return {"failures": [{"node": name, "error": f"{exc.__class__.__name__}: {exc}"}]}

    return wrapper
