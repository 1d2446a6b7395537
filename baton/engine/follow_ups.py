"""Follow-ups: questions that lean on the one before them, in the turn before (`PreviousAnswer`) or
earlier in the same message, read with what that question named. A mixin of `EmbeddedEngine`."""

from __future__ import annotations

import re
from typing import Callable

import numpy as np

from baton.engine import refine
from baton.engine.index import Index
from baton.engine.splitter import ANAPHORA, Span, leans_on_previous, names_nothing
from baton.engine.text import content_terms, words
from baton.graph.state import Intent, PreviousAnswer

# How sure of the article answered the turn before a short follow-up must be on its own before it is
# also read with that question (`_carried_on`). Typed at the demo and gym KBs: "and saturdays?"
# after opening hours (0.67), "what about the EU?" after "do you ship to Canada" (0.50) are
# covered; "and how many people?" after the share-access answer (0.44, no limit stated) and "what
# about australia?" after international shipping (0.32, not shipped to) are not, and read with
# the question before both went to 1.00.
FOLLOW_UP_MIN_CONFIDENCE = 0.5

# A follow-up asking the question before for something else: "what about for a deep clean?", "and for
# a one-off?", "same for my partner?".
SAME_FOR = re.compile(r"^\W*(?:(?:and|so|also)\W+)?(?:what about|how about|same|and)\s+(?:for|with)\b", re.IGNORECASE)
# A message opening as a follow-up may say a little more ("what if the agent says something was
# missed?", 8 words) and still carry on the answer before, when that answer holds what it asks.
FOLLOW_UP_MAX_WORDS = 10


def opens_follow_up(text: str) -> bool:
    """The message opens as a follow-up (`refine.FOLLOW_UP`), in at most `FOLLOW_UP_MAX_WORDS` words."""
    return len(words(text)) <= FOLLOW_UP_MAX_WORDS and refine.FOLLOW_UP.match(text) is not None


Embed = Callable[[list[str]], np.ndarray]


class FollowUps:
    """The follow-up readings of `EmbeddedEngine.split`; the engine supplies scoring."""

    index: Index
    _score: Callable[..., list[Intent]]
    _confidence: Callable[[Intent], float]
    _request_stands_for_whole: Callable[[Intent, Intent], bool]
    _scored_without: Callable[[Intent, str, Embed], Intent]

    def _carried_on(self, message: str, intent: Intent, previous: PreviousAnswer,
                    embed: Embed) -> Intent:
        """A follow-up ("and on saturdays?" after the opening-hours answer: 0.67 alone) scored with the
        question it carries on, when alone it already points to the article that answered it, at
        least `FOLLOW_UP_MIN_CONFIDENCE` sure: the question before names what the follow-up
        leaves out. Less sure alone, the question before would speak for it, answering what the
        article may not hold ("does that cost extra?" after the invite answer, read with the invite
        question, went back to the invite article, which says nothing of cost), unless the article
        holds what the follow-up asks (`Index.holds`): "and for students?" after the passes answer
        (0.44 alone, on it), "how much is it per night?" after the dogs answer (0.31 alone, on
        parking; the dogs article says "15 GBP a night"). A follow-up sure of another article is
        left to it, unless the answer before holds what it asks and that article does not, or it
        asks the same for something else (`_answered_there`): then the reading with the question
        before stands, however sure the one alone. It keeps its own score when the two readings
        disagree."""
        if not (intent["hits"] and previous.article in self.index.article_ids):
            return intent
        on_it = intent["hits"][0]["article"] == previous.article
        answered = not on_it and opens_follow_up(message) and self._answered_there(previous.article, intent)
        sure_on_it = on_it and self._confidence(intent) >= FOLLOW_UP_MIN_CONFIDENCE
        if not (answered or (refine.follows_up(message) and (sure_on_it or self._asks_on(previous.article, intent)))):
            return intent
        joined = f"{previous.text} {intent['text']}"
        [carried] = self._score([(joined, intent["start"], intent["end"])], embed([joined]))
        if carried["hits"][0]["article"] != previous.article or (
                self._confidence(carried) <= self._confidence(intent) and not answered):
            return intent
        return Intent(**{**carried, "index": intent["index"], "text": intent["text"]})

    def _answered_there(self, article: str, follow_up: Intent) -> bool:
        """The answer given the turn before (`article`) holds what the follow-up asks (`Index.holds`)
        and either the article it leans to alone does not, or it asks the same for something else
        (`SAME_FOR`): "what if the agent says something was missed?" after the end-of-tenancy
        answer (which says what happens when the letting agent reports something missed) went to
        the satisfaction guarantee (0.90), "what about for a deep clean?" after the supplies answer
        to the deep-clean article (0.99). However sure, the reading alone answered another question."""
        text = follow_up["text"]
        if not self.index.holds(article, text):
            return False
        return SAME_FOR.match(text) is not None or not self.index.holds(follow_up["hits"][0]["article"], text)

    def _asks_on(self, article: str, follow_up: Intent) -> bool:
        """The follow-up asks about what `article` answers: the article holds what it asks
        (`Index.holds`), and alone it is on that article, unsure of any, or names nothing of its own
        (`Index.named`); a follow-up sure of another article asks a question of its own, but "and
        what does it cost?" asks the price of what the question before named, wherever alone it
        leans (the plans' prices at 0.45, after "is a registered address something you offer")."""
        unsure = (self._confidence(follow_up) < refine.SPLIT_MIN_CONFIDENCE
                  or not self.index.named(follow_up["text"]))
        return (follow_up["hits"][0]["article"] == article or unsure) and self.index.holds(article, follow_up["text"])

    def _follow_ups_joined(self, message: str, intents: list[Intent],
                           embed: Embed) -> list[Intent]:
        """A follow-up inside the message, on what the question before it named, is one question with
        it when that question's article holds what it asks (`_asks_on`). Apart, "can we check in
        early and how much is it?" sent the price to parking (0.27) and the whole went to a person
        beside the answer holding it (20 GBP); joined, the surer of the question alone and the two
        read together stands. A follow-up closing an intent ("..., and if so what does it cost?")
        dilutes it (0.66, the question alone 0.82): the question's reading stands for the whole
        when it is surer and on the same article (`_without_follow_up`)."""
        out: list[Intent] = []
        for intent in (self._without_follow_up(message, i, embed) for i in intents):
            before = out[-1] if out else None
            if not (before and before["hits"] and intent["hits"]
                    and self._asks_on_previous(message, before["hits"][0]["article"], intent)):
                out.append(Intent(**{**intent, "index": len(out)}))
                continue
            text = message[before["start"]:intent["end"]].strip()
            [both] = self._score([(text, before["start"], intent["end"])], embed([text]))
            surer = both if (both["hits"][0]["article"] == before["hits"][0]["article"]
                             and self._confidence(both) > self._confidence(before)) else before
            out[-1] = Intent(**{**surer, "index": before["index"], "text": text, "start": before["start"],
                                "end": intent["end"]})
        return out

    def _asks_on_previous(self, message: str, article: str, intent: Intent) -> bool:
        """`intent` leans on the question before it and asks about `article` (`_asks_on`), read
        without a sign-off riding along ("what does it cost?\n\nMany thanks,\nMaya")."""
        asked = refine.asking_part(message, Span(intent["text"], intent["start"], intent["end"]))
        follow_up = Intent(**{**intent, "text": asked.text}) if asked else intent
        return leans_on_previous(follow_up["text"]) and self._asks_on(article, follow_up)

    def _without_follow_up(self, message: str, intent: Intent, embed: Embed) -> Intent:
        """`intent` scored as its question without the follow-up closing it (and, as the whole is,
        on its request alone when that stands for it: `_request_stands_for_whole`), when that
        reading is surer, on the same article, and the article holds what the follow-up asks (a
        follow-up naming nothing, "and what do I get?", asks nothing the article could fail to hold)."""
        pieces = refine.pieces_of(message, Span(message[intent["start"]:intent["end"]], intent["start"], intent["end"]))
        follow_up = pieces[-1].text if len(pieces) > 1 else ""
        if not (intent["hits"] and (leans_on_previous(follow_up) or names_nothing(follow_up))):
            return intent
        head = Span(message[pieces[0].start:pieces[-2].end], pieces[0].start, pieces[-2].end)
        readings = [head] + [a for a in [refine.asking_part(message, head)] if a is not None]
        asked, *request = self._score([(r.text, r.start, r.end) for r in readings], embed([r.text for r in readings]))
        if request and self._request_stands_for_whole(request[0], asked):
            asked = request[0]
        article = intent["hits"][0]["article"]
        if (asked["hits"][0]["article"] != article or self._confidence(asked) <= self._confidence(intent)
                or not (names_nothing(follow_up) or self.index.holds(article, follow_up))):
            return intent
        return Intent(**{**asked, "index": intent["index"], "text": intent["text"], "start": intent["start"],
                         "end": intent["end"]})

    def _about_what_it_points_at(self, message: str, intent: Intent, previous: PreviousAnswer,
                                 embed: Embed) -> Intent:
        """A short follow-up pointing back ("how much is it?" after "do you ship to Canada?") asks
        about what the question before named. An article other than the one that answered it,
        which names nothing of that question, answers something else (the subscription price at
        0.83): it is hidden and the rest of the KB decides, usually that nothing answers it."""
        if not (intent["hits"] and refine.follows_up(message) and ANAPHORA.search(message)):
            return intent
        best = intent["hits"][0]["article"]
        named = set(content_terms(previous.text))
        if best == previous.article or not named:
            return intent
        if named & self.index.article_terms[self.index.article_ids.index(best)].keys():
            return intent
        return self._scored_without(intent, best, embed)
