"""Typos in a message read as the knowledge base's own words ("how do i downlaod my statment").

A misspelt word is a stranger to the embedding model as much as to lexical matching: the message
above scored 0.38 on the statements article, spelt right 0.99. A word is corrected only when
- the knowledge base does not use it and no English dictionary knows it (pyspellchecker's word
  list, loaded on the first candidate), so "fired" never becomes "fixed", nor "car" "card";
- it is at least `MIN_LENGTH` letters, pure letters (no model numbers or identifiers);
- exactly one word of the knowledge base (titles, questions, answers) is closest to it, one edit
  away (an insertion, deletion, substitution or swap of neighbours), or two for words of
  `TWO_EDITS_FROM` letters or more.
The customer's own words are kept everywhere else (the intent text, the transcript, the brief):
only retrieval reads the corrected text.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache
from typing import Iterable

MIN_LENGTH = 4
TWO_EDITS_FROM = 8
MEMO_SIZE = 50_000  # words looked up so far, per knowledge base
_TOKEN = re.compile(r"(?<![\w'-])[A-Za-z]+(?![\w'-])")


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """pyspellchecker's English word list (loaded once, on first use)."""
    from spellchecker import SpellChecker

    return frozenset(SpellChecker(language="en").word_frequency.dictionary)


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal-string-alignment distance between `a` and `b`, or `limit + 1` once it exceeds
    `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1]


class Speller:
    """Corrects typos towards the words of one knowledge base."""

    def __init__(self, texts: Iterable[str]) -> None:
        self.vocab = frozenset(w.lower() for t in texts for w in _TOKEN.findall(t))
        by_length: dict[int, list[str]] = defaultdict(list)
        for w in sorted(self.vocab):
            if len(w) >= MIN_LENGTH:
                by_length[len(w)].append(w)
        self._by_length = dict(by_length)
        self._memo: dict[str, str | None] = {}

    def correct(self, text: str) -> str:
        """`text` with each typo replaced by the knowledge-base word it stands for."""
        return _TOKEN.sub(self._replace, text)

    def _replace(self, m: re.Match[str]) -> str:
        word = m.group(0)
        fixed = self.fix(word.lower())
        return fixed if fixed is not None else word

    def fix(self, word: str) -> str | None:
        """The knowledge-base word `word` is a typo of, or None."""
        if len(word) < MIN_LENGTH or word in self.vocab:
            return None
        if word not in self._memo:
            if len(self._memo) >= MEMO_SIZE:
                self._memo.clear()
            self._memo[word] = self._nearest(word)
        return self._memo[word]

    def _nearest(self, word: str) -> str | None:
        limit = 2 if len(word) >= TWO_EDITS_FROM else 1
        best, found = limit + 1, []
        for length in range(len(word) - limit, len(word) + limit + 1):
            for candidate in self._by_length.get(length, ()):
                d = edit_distance(word, candidate, best)
                if d < best:
                    best, found = d, [candidate]
                elif d == best:
                    found.append(candidate)
        if best > limit or len(found) != 1 or word in english_words():
            return None
        return found[0]
