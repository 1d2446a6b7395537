"""Action words (baton/engine/actions.py): which words name the same action, as `unmet` reads them."""

from __future__ import annotations

import numpy as np

from baton.engine.actions import ACTIONS, action_roots, met


def _mentions(*roots: str) -> np.ndarray:
    """One article per root, each mentioning only that action."""
    out = np.zeros((len(roots), len(ACTIONS)))
    for n, root in enumerate(roots):
        out[n, ACTIONS.index(root)] = 1
    return out


def test_closing_an_account_meets_deleting_it_but_cancelling_does_not():
    """"please close my account" was unmet on the pharmacy's article on deleting the account (0.52).
    "close" meets both cancelling and deleting; cancelling a subscription is not deleting."""
    mentions = _mentions("cancel", "delet")
    worded = mentions.any(axis=0)
    assert met(mentions, action_roots("please close my account"), worded).tolist() == [True, True]
    assert met(mentions, action_roots("how do I cancel my membership"), worded).tolist() == [True, False]
    assert met(mentions, action_roots("delete my account"), worded).tolist() == [False, True]


def test_the_pharmacy_kb_reads_close_my_account_as_its_delete_article(fixture_engine):
    pharmacy = fixture_engine("pharmacy")
    [unmet] = pharmacy.index.scores(["please close my account"]).unmet
    assert unmet[pharmacy.index.article_ids.index("delete-account")] == 0.0
    [intent] = pharmacy.split("please close my account")
    assert intent["hits"][0]["article"] == "delete-account"
    assert pharmacy.grade(intent, pharmacy.answer(intent)) >= 0.7
