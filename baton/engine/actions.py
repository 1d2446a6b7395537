"""What a customer asks to have done: the action words of a message (`action_roots`) and what
they act on (`action_objects`), read by retrieval's `unmet` feature and by the engine to tell a
report of what someone else did from a how-to question."""

from __future__ import annotations

import numpy as np

from baton.engine.text import STOPWORDS, stem, words

# What a customer asks to have done, as word roots ("cancel" covers cancelled, cancellation).
ACTIONS = tuple("""
cancel chang updat edit modif return refund exchang replac delet remov clos deactiv upgrad downgrad
switch paus resum suspend transfer merg split combin invit reset unsubscrib reopen extend renew
install export download recover
""".split())


# "an IP that doesn't change" describes; it does not ask for a change ("can't cancel" still asks).
_DESCRIBED = frozenset("doesn't doesnt does not won't wont never didn't didnt don't dont".split())


# Roots that name one action: an article on cancelling the hosting answers "I want to close my
# hosting account" (unmet, it scored 0.64 against 1.00 for "how do I cancel my hosting"), one on
# changing the PHP version "can I switch?". Only where the KB's titles and questions never use the
# customer's own word: where they do, it tells articles apart (Bitext's edit_account and
# switch_account; merged, Bitext answered 0.618 rather than 0.623 correctly at harmful <= 0.02).
# "close" is also how customers ask to delete an account ("please close my account" was unmet on
# the article on deleting it, 0.52), while cancelling a subscription is not deleting anything: the
# relation is not transitive, so each pair sits in a family of its own.
SAME_ACTION = (frozenset("cancel clos deactiv unsubscrib".split()), frozenset("chang switch modif edit updat".split()),
               frozenset("delet remov".split()), frozenset("clos delet".split()))
SAME = np.array([[any(a in f and b in f for f in SAME_ACTION) or a == b for b in ACTIONS] for a in ACTIONS])


def action_roots(text: str) -> np.ndarray:
    """(len(ACTIONS),) bool: which action roots a word of `text` starts with, unless a negation
    right before it makes it a description."""
    toks = words(text)
    asked = [t for n, t in enumerate(toks) if not (n and toks[n - 1] in _DESCRIBED)]
    return np.array([any(t.startswith(root) for t in asked) for root in ACTIONS])


def met(mentions: np.ndarray, asked: np.ndarray, worded: np.ndarray) -> np.ndarray:
    """(articles,) bool: the articles that mention every action `asked` names (`mentions`: (articles,
    len(ACTIONS)) counts), in the customer's word or, where no title or example question of the KB
    uses that word (`worded`: (len(ACTIONS),) bool), in another word for the same action
    (`SAME_ACTION`). A body's word does not count as the KB's wording: "switch Auto-renew off"
    tells no article about switching PHP versions apart."""
    said = mentions > 0
    out = np.ones(len(mentions), dtype=bool)
    for a in np.flatnonzero(asked):
        out &= said[:, a] if worded[a] else said[:, SAME[a]].any(axis=1)
    return out


# What an imperative acts on, right after its verb ("refund my last 12 months", "close the account").
_ACTED_ON = frozenset("my our the me us it this that these those them his her their your all every a an".split())


def orders_action(toks: list[str]) -> bool:
    """The words open with an action in its bare form and what it acts on: an imperative ("refund
    my last 12 months"), where alone the word may be a noun ("refund policy?") or a past tense
    ("updated my address")."""
    if len(toks) < 2 or toks[1] not in _ACTED_ON:
        return False
    root = next((r for r in ACTIONS if toks[0].startswith(r)), None)
    return root is not None and len(toks[0]) <= len(root) + 3 and not toks[0].endswith(("ed", "ing", "s", "ion"))


# What comes between an action and its object ("change my name", "cancel the order").
_DETERMINERS = frozenset("my the our your a an this his her their its".split())
# Words that say which one, not what: "cancel my current plan" asks about the plan.
_WHICH_ONE = frozenset("""last first new old current existing previous next recent latest whole entire other
second own main only original same wrong""".split())


def action_objects(text: str) -> list[str]:
    """The stems of the objects the message asks an action on: the word after "my", "the", ...
    right after an action word, past words that only say which one ("how do I change my name" ->
    ["name"], "refund my last bill" -> ["bill"]). "change it" names none."""
    toks = words(text)
    found: list[str] = []
    for n, t in enumerate(toks[:-2]):
        if (n and toks[n - 1] in _DESCRIBED) or not t.startswith(ACTIONS) or toks[n + 1] not in _DETERMINERS:
            continue
        rest = toks[n + 2:]
        while len(rest) > 1 and rest[0] in _WHICH_ONE:
            rest = rest[1:]
        if rest[0] not in STOPWORDS and rest[0] not in ("one", "ones"):  # "the last one" names none
            found.append(stem(rest[0]))
    return found
