"""Tiny, dependency-free text helpers shared by the lexical index and the rule-based steps."""

from __future__ import annotations

import re

WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")

STOPWORDS = frozenset("""
a an the and or but if of to in on at by for with from into about as is are was were be been being
am do does did doing have has had having i me my mine we our ours you your yours he him his she her
it its they them their this that these those there here what which who whom whose when where why how
can could would should will shall may might must just so than too very also please hi hello hey
thanks thank ty ok okay yes no not any some all get got im i'm it's its dont don't can't cant
""".split())

_SUFFIXES = ("ing", "ed", "es", "s")


def stem(word: str) -> str:
    """A deliberately light stemmer: enough to match 'shipped'/'shipping'/'ships'."""
    if word.endswith("n't"):
        return word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiouls":
        word = word[:-1]  # shipp -> ship
    return word


def content_terms(text: str) -> list[str]:
    """Lower-cased, stemmed words that carry meaning (stop words dropped)."""
    return [stem(w) for w in WORD.findall(text.lower().replace("’", "'")) if w not in STOPWORDS]


def words(text: str) -> list[str]:
    return WORD.findall(text.lower().replace("’", "'"))
