"""A customer who says they took the article's own menu path to its end is not sent that path again
(`narrative.followed_path`, read by the engine's `_not_what_was_tried`)."""

from __future__ import annotations

import pytest

from baton.engine.narrative import followed_path

EXEMPTIONS = "Add your exemption under Account > Exemptions, with its number and expiry date."
DELETE = "Delete it under Account > Privacy > Delete account. Everything else is removed within 30 days."


@pytest.mark.parametrize("text, body", [
    ("I added my exemption under Account > Exemptions two weeks ago", EXEMPTIONS),
    ("I went to account > exemptions and added it", EXEMPTIONS),  # the customer's own case
    ("I already went to Account -> Privacy -> Delete account", DELETE),  # another arrow
])
def test_a_recount_of_the_whole_path_has_followed_it(text, body):
    assert followed_path(text, body)


@pytest.mark.parametrize("text, body", [
    ("I went to Account > Privacy but I can't see it", DELETE),  # stopped short: the article has the rest
    ("how do I get to Account > Exemptions?", EXEMPTIONS),  # asks, recounts nothing
    ("I went to Settings > Billing", EXEMPTIONS),  # another path
    ("I added my exemption two weeks ago", EXEMPTIONS),  # names no path
])
def test_anything_else_has_not(text, body):
    assert not followed_path(text, body)


def test_the_article_whose_path_was_followed_is_not_the_answer(fixture_engine):
    """The pharmacy's exemptions article was sent back at 0.75 to a customer charged after adding
    their exemption there."""
    pharmacy = fixture_engine("pharmacy")
    [intent] = pharmacy.split("I added my exemption under Account > Exemptions two weeks ago but I was still "
                              "charged £9.90")
    assert intent["hits"][0]["article"] != "exemptions"
    assert pharmacy.grade(intent, pharmacy.answer(intent)) < 0.7
    # asked the path's way, the same article answers
    [asked] = pharmacy.split("how do I add my exemption certificate to my account?")
    assert asked["hits"][0]["article"] == "exemptions"
