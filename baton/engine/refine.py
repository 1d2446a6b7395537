"""Score-guided split: the second pass of the intent split, for engines with a retrieval index.

The rule splitter (`splitter.py`) only cuts where the words alone say a new request starts. Many
multi-intent messages are joined more loosely ("add this song to my playlist , book a table for
four and what's the forecast"), and the same connectors also join the parts of one request
("a table for me and my kids"). The knowledge base settles it: a span is cut at a comma or a
connector only when the pieces on both sides are each confidently about *different* articles.
A piece that matches nothing confidently (a name, a date, "my great grandfather") stays with its
neighbour, so this pass only ever adds cuts between requests the KB recognises; requests it does
not cover still need the rules to separate them. Nor is a piece that tells the customer's story
("I bought a hub last week, how do I reset my password") ever a request of its own, however
well it matches an article: it is context for its neighbour, as in the rule split.

Pure functions: the engine supplies each piece's best article and calibrated confidence.
"""

from __future__ import annotations

import re
from typing import Sequence

from baton.engine.splitter import Span, kind
from baton.engine.text import STOPWORDS, words

SPLIT_MIN_CONFIDENCE = 0.35  # both sides of a cut must be at least this sure of their article
MIN_CHUNK_CONTENT_WORDS = 1  # a piece needs something to be about ("for me and" is not a request)
MIN_CHUNK_WORDS = 3  # nor can a bare noun pair ("... inverter and battery storage")

# A story has the customer as its subject and a past-tense verb ("I bought a hub last week", "my
# wife already installed it"), and nothing after the subject asks for something ("I was wondering").
# Present-tense first-person statements are often requests in themselves ("I rate this book four
# stars", "I give it a 4"), so they are not stories.
STORY_START = frozenset("i we my our i've ive we've".split())
WANTS = frozenset("""
d would wish want wanna need m am hope like love plan should could can will ll have wonder looking
trying hoping planning wondering
""".split())
PAST_IRREGULAR = frozenset("""
bought got had was were made paid sent went took gave came saw did left lost found told said spent
brought set put ran broke began wrote kept heard felt sold built chose drove fell forgot used
""".split())

SOFT_BOUNDARY = re.compile(
    r"\s*[,;]\s*(?:(?:and also|and then|and|also|then|plus)\b\s*)?"
    r"|\s+(?:and also|and then|and|also|then|plus)\s+",
    re.IGNORECASE,
)


def _can_stand_alone(text: str) -> bool:
    toks = words(text)
    return len(toks) >= MIN_CHUNK_WORDS and sum(1 for w in toks if w not in STOPWORDS) >= MIN_CHUNK_CONTENT_WORDS


def tells_story(text: str) -> bool:
    """The piece narrates what happened ("I bought a hub last week") rather than asks for
    something or reports a problem."""
    toks = words(text)
    head = toks[1:4]
    return (len(toks) > 1 and toks[0] in STORY_START and not WANTS.intersection(head)
            and any(t in PAST_IRREGULAR or (len(t) > 4 and t.endswith("ed")) for t in head)
            and kind(text) == "statement")


def chunks(message: str, span: Span) -> list[Span]:
    """The pieces of `span` between soft boundaries, in message coordinates.

    A piece too short to be a request on its own is glued to the piece before it (or, at the
    start, to the piece after it). One piece back means there is nothing to decide.
    """
    text = message[span.start:span.end]
    pieces: list[tuple[int, int]] = []
    cursor = 0
    for m in SOFT_BOUNDARY.finditer(text):
        if m.start() > cursor:
            pieces.append((cursor, m.start()))
        cursor = m.end()
    if cursor < len(text):
        pieces.append((cursor, len(text)))
    merged: list[tuple[int, int]] = []
    carry: int | None = None  # start of a too-short leading piece waiting for the next one
    for start, end in pieces:
        if carry is not None:
            start, carry = carry, None
        if _can_stand_alone(text[start:end]):
            merged.append((start, end))
        elif merged:
            merged[-1] = (merged[-1][0], end)
        else:
            carry = start
    if carry is not None:
        if not merged:
            return [span]
        merged[-1] = (merged[-1][0], len(text))
    return [Span(text[s:e], span.start + s, span.start + e) for s, e in merged]


def group(tops: Sequence[str | None], confidences: Sequence[float],
          min_confidence: float | None = None, stories: Sequence[bool] | None = None) -> list[list[int]]:
    """Consecutive chunk indices grouped into requests.

    A chunk starts a new request when it is confidently about an article and the request so far
    is confidently about a different one; anything else continues the current request. A chunk
    flagged in `stories` (see `tells_story`) is never sure of anything: it joins a neighbour.
    """
    if min_confidence is None:
        min_confidence = SPLIT_MIN_CONFIDENCE
    if stories is None:
        stories = [False] * len(tops)
    groups: list[list[int]] = []
    current_top: str | None = None
    for i, (top, conf, story) in enumerate(zip(tops, confidences, stories)):
        sure = top is not None and conf >= min_confidence and not story
        if groups and not (sure and current_top is not None and top != current_top):
            groups[-1].append(i)
            if current_top is None and sure:
                current_top = top
            continue
        groups.append([i])
        current_top = top if sure else None
    return groups
