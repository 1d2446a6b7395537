"""How a condition hangs on the clause it conditions: "if I cancel, what happens to my files?" is
one question, whichever comes first. Read by the score-guided split (`refine.needed_confidence`)."""

from __future__ import annotations

import re

# A condition with nothing after it in its piece ("if I cancel", "once the order has shipped"): the
# clause it conditions is the piece after it. "if I cancel, what happens to my files?" was cut in
# two, and "if I cancel" answered from the cancellation article on its own (0.82). Closing the
# question ("what happens to my files, if I cancel?") it conditions the piece before.
_CONDITION = re.compile(r"^\W*(?:(?:and|but|so|ok|okay)\W+)?(?:if|when|whenever|once|unless|in case|as soon as|"
                        r"assuming|provided)\b(?!\s+(?:is|are|was|were|do|does|did|will|would|can|could|should|has|"
                        r"have)\b)[^?]*(?P<asked>\?)?\W*$", re.IGNORECASE)
# ... unless it asks ("when is the next flight", "if I cancel today will I get a refund", "if I
# cancel what happens to my files?").
_INVERTED = re.compile(r"\b(?:can|could|will|would|do|does|did|is|are|should|shall|may|must)\s+"
                       r"(?:i|you|we|it|they|he|she|there|my|our)\b|\b(?:what|how|where|why|which|who)\b",
                       re.IGNORECASE)


def _condition(text: str) -> re.Match[str] | None:
    """The piece read as a condition (`_CONDITION`) that asks nothing of its own (`_INVERTED`)."""
    m = _CONDITION.search(text)
    return m if m is not None and _INVERTED.search(text) is None else None


def conditions(text: str) -> bool:
    """The piece is only a condition ("if I cancel,"), no question of its own."""
    m = _condition(text)
    return m is not None and not m.group("asked")


def closes_with_condition(text: str) -> bool:
    """The piece is a condition ending the question it belongs to ("..., if I cancel?")."""
    m = _condition(text)
    return m is not None and bool(m.group("asked"))
