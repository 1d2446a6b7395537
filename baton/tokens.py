"""Token counting with tiktoken, and a documented estimate where no encoding can be loaded.

tiktoken downloads its encoding files on first use; offline machines point TIKTOKEN_CACHE_DIR at
a ready cache. Where neither works, Baton says so once (a warning) and estimates 1 token per
4 characters, rounded up - close to o200k_base on English support text and on the safe side
for budgets.
"""

from __future__ import annotations

import logging
import math
from functools import lru_cache

log = logging.getLogger("baton.tokens")
ENCODING = "o200k_base"
CHARS_PER_TOKEN = 4


@lru_cache(maxsize=1)
def _encoding():
    try:
        import tiktoken

        return tiktoken.get_encoding(ENCODING)
    except Exception as exc:  # no network, no cache, damaged file: all mean "estimate"
        log.warning("tiktoken encoding %s unavailable (%s); estimating 1 token per %d characters",
                    ENCODING, exc.__class__.__name__, CHARS_PER_TOKEN)
        return None


def count_tokens(text: str) -> int:
    enc = _encoding()
    if enc is None:
        return math.ceil(len(text) / CHARS_PER_TOKEN)
    return len(enc.encode(text, disallowed_special=()))


def truncate_to_tokens(text: str, budget: int) -> str:
    """`text` cut to at most `budget` tokens, ending with an ellipsis when cut."""
    if count_tokens(text) <= budget:
        return text
    enc = _encoding()
    if enc is None:
        return text[: max(0, budget * CHARS_PER_TOKEN - 1)] + "…"
    return enc.decode(enc.encode(text, disallowed_special=())[: max(0, budget - 1)]) + "…"
