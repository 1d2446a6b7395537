"""What the EV charging set's first run found (tests/fixtures/evcharging, a charging network's KB
written blind on 2026-12-07): a customer who had done every step of an article, its last resort
too, got that article back."""

import pytest

from baton.engine.misuse import speaks_of_misuse
from baton.engine.narrative import repeats_last_resort, steps_done_in_vain

STUCK = ("Press Stop in the app or tap your card again, then unlock your car: most cars hold the cable until they are "
         "unlocked. If the cable is still stuck, hold the charger's red button for 5 seconds to release it.")
RESET = ("Choose \"Forgot password\" on the portal's sign-in page and we email a reset link, valid for 24 hours, "
         "to the address on your tenancy. No email? Check your junk folder, then ask us to confirm the address we "
         "hold.")


@pytest.mark.parametrize("text, steps", [
    ("I've unlocked the car and held the red button for ages but the cable is still stuck",
     ["unlocked the car and held the red button for ages"]),
    ("we restarted the router twice but still nothing", ["restarted the router twice"]),
    ("I paid yesterday but never got a receipt", []),  # no step in the -ed form
    ("the cable is still stuck", []),
])
def test_steps_done_before_the_problem_is_still_there(text, steps):
    assert steps_done_in_vain(text) == steps


@pytest.mark.parametrize("step, body, last_resort", [
    ("unlocked the car and held the red button for ages", STUCK, True),
    ("unlocked the car", STUCK, False),  # the red button is left to try
    ("asked for a password reset", RESET, False),  # the junk folder is left to check (lettings)
])
def test_an_article_whose_last_resort_was_done_has_nothing_left(step, body, last_resort):
    assert repeats_last_resort(step, body) is last_resort


def test_the_article_whose_last_resort_was_done_is_not_the_answer(fixture_engine):
    """The stuck-cable article went back at 0.96 to someone who had held the red button for ages."""
    engine = fixture_engine("evcharging")
    [intent] = engine.split("I've unlocked the car and held the red button for ages but the cable is still stuck")
    assert intent["hits"][0]["article"] != "stop-charging"
    assert intent["tag"] == "charging"  # still the charging team's, as nothing else is sure
    [asked] = engine.split("I unlocked the car but the cable is still stuck, what now?")
    assert asked["hits"][0]["article"] == "stop-charging"


def test_anothers_doing_is_not_answered_from_an_article_that_never_speaks_of_one(fixture_engine):
    """"How to get a card" went back at 0.74 to someone whose card another had used; an article that
    speaks of another's doing still answers it (the game store's hacked-account article)."""
    [intent] = fixture_engine("evcharging").split(
        "somebody used my charge card at three sites yesterday, I still have the card")
    assert intent["hits"][0]["article"] != "card"
    # nor the account team's, as the hidden article was: it goes where the rest of the KB leans
    assert intent["tag"] == "billing"
    [hacked] = fixture_engine("gaming").split("someone hacked my account last night")
    assert hacked["hits"][0]["article"] == "hacked"


@pytest.mark.parametrize("title_or_question, speaks", [
    ("Someone else is using my account", True),  # the streaming set's hacked-account article
    ("I think my account was hacked", True), ("I think I've been scammed", True),
    ("Reporting abuse, phishing or spam", True), ("someone is harassing me", True),
    ("I lost my charge card", False), ("how do I get a charge card", False),
    ("my emails are going to people's spam folder", False),
])
def test_an_article_about_misuse_says_so(title_or_question, speaks):
    assert speaks_of_misuse(title_or_question) is speaks
