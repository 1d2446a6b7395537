"""Where the score-guided split may cut a sentence: its soft boundaries (`soft_boundaries`).

A comma, a semicolon or "and" joins the parts of one request as often as two requests; so does
nothing at all in chat ("how much is delivery can i pay cash"). These are only the places a cut
may go: `refine.group` cuts there when the pieces on both sides are sure of different articles.
"""

from __future__ import annotations

import re

from baton.engine.text import STOPWORDS, words

# Without a comma, a bare "also", "then" or "plus" is usually inside one request ("how can my wife
# also see the cameras"); the rule splitter already cuts where one of them opens a new clause.
SOFT_BOUNDARY = re.compile(
    r"\s*[,;]\s*(?:(?:and also|and then|and|also|then|plus)\b\s*)?"
    r"|\s+(?:and also|and then|and)\s+",
    re.IGNORECASE,
)


# Two questions typed as one, with nothing between ("how much is delivery can i pay cash"): a
# question's opening (an auxiliary then its subject, or a question word then an auxiliary) right
# after a content word is a soft boundary too, once what comes before holds an auxiliary of its own
# ("memories are my only witness" is a title). Not after a question's fronted words ("how many
# fares are there"), nor after "know", "wonder" and the like: that is the question asked about ("I
# want to know can I pay cash").
RUN_ON = re.compile(r"(?<=\w)\s+(?=(?:(?:can|could|do|does|is|are|will|would)\s+(?:i|you|we|there|my)"
                    r"|(?:how|what|where|when|why)\s+(?:do|does|did|can|is|are|will|much|long|many))\b)",
                    re.IGNORECASE)
_ASKS_ABOUT_A_QUESTION = frozenset("know knows wonder wondering wondered tell ask asking asked sure idea find check "
                                   "see explain understand unsure".split())
_QUESTION_WORDS = frozenset("how what what's whats which who where when why".split())
_AUXILIARIES = frozenset("is are was were am do does did can could will would should has have had".split())


def _runs_on(before: list[str]) -> bool:
    """A question may start right after the words `before` (since the last boundary)."""
    if not before or before[-1] in STOPWORDS or before[-1] in _ASKS_ABOUT_A_QUESTION:
        return False
    asked = next((n for n, w in enumerate(before) if w in _QUESTION_WORDS), -1)
    return bool(_AUXILIARIES.intersection(before[asked + 1:]))


# "between" and a few words before a bare "and" names the first of two things the one question
# compares ("what's the difference between a hot desk and a fixed desk?"): cut there, "a fixed
# desk?" was a question of its own, sure of the upgrade article and handed off (0.52).
_BETWEEN = re.compile(r"\bbetween(?:\s+(?!and\b)[\w'-]+){1,4}\s*$", re.IGNORECASE)


def soft_boundaries(text: str) -> list[re.Match[str]]:
    """The soft boundaries of `text` (`SOFT_BOUNDARY`, `RUN_ON`), in order, none inside another,
    and none at the "and" of "between A and B" (`_BETWEEN`)."""
    out: list[re.Match[str]] = []
    for m in sorted([*SOFT_BOUNDARY.finditer(text), *RUN_ON.finditer(text)], key=lambda b: b.start()):
        last = out[-1].end() if out else 0
        before = text[last:m.start()]
        if m.re is SOFT_BOUNDARY and m.group().strip().lower() == "and" and _BETWEEN.search(before):
            continue
        if m.start() >= last and (m.re is SOFT_BOUNDARY or _runs_on(words(before))):
            out.append(m)
    return out
