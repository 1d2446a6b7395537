"""How a clause hangs on another: a condition on the clause it conditions ("if I cancel, what happens
to my files?" is one question, whichever comes first), read by the score-guided split
(`refine.needed_confidence`); a verb phrase after "and" on the subject before it, read by the rule
split (`splitter`)."""

from __future__ import annotations

import re

from baton.engine.text import NOUNS_IN_ING

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


# After "and", a form of "be" before a participle or an adverb goes on with the subject before it:
# "a player said he found my address and is coming to my house" was cut at "and", and "is coming to
# my house" read as a question of its own; so does one before a degree adverb, whose adjective
# describes that subject ("my rabbit hasn't eaten since yesterday and is very quiet"). Before a
# subject it asks: "and is it free?", "and is shipping free?".
_GOES_ON = frozenset("""been still not now always never already very really so quite too extremely completely
totally pretty super incredibly""".split())


def shares_subject(toks: list[str]) -> bool:
    """The words after "and" are a verb phrase with no subject of its own ("is coming to my house")."""
    return (len(toks) > 1 and toks[0] in ("is", "are", "was", "were")
            and (toks[1] in _GOES_ON or (toks[1].endswith(("ing", "ed")) and toks[1] not in NOUNS_IN_ING)))
