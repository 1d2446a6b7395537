"""What the photo book set's first run found (tests/fixtures/photobook, a photo book and print
shop's KB written blind on 2026-12-07): damage told as a noun ("has a crack") and a report of
damage answered from the article about the damaged product."""

import pytest

from baton.engine.damage import reports_damage, speaks_of_damage
from baton.engine.kinds import PROBLEM
from baton.kb import Article


@pytest.mark.parametrize("text", ["the mug I got has a crack down the side", "there are cracks in the glaze",
                                  "a big scratch on the canvas", "the frame has two dents"])
def test_damage_as_a_noun_is_a_problem(text):
    assert PROBLEM.search(text) is not None


@pytest.mark.parametrize("text, damage", [
    ("the mug I got has a crack down the side", True),
    ("my canvas arrived with a torn corner", True),
    ("is the mug dishwasher safe?", False),
    ("what if my book arrives damaged?", False),  # a question, not a report: any article may answer it
    ("the reset link is broken", False),  # links and apps break too: no physical damage
])
def test_a_report_of_damage(text, damage):
    assert reports_damage(text) is damage


def test_an_article_speaks_of_damage_in_its_title_questions_or_body():
    mugs = Article(id="gifts", title="Mugs and gifts", tag="products", questions=("Do you print on mugs?",),
                   body="Mugs are dishwasher safe and cost 12.99 GBP.")
    faults = Article(id="quality", title="Print problems", tag="quality", questions=("My photo book arrived damaged",),
                     body="Send us photos of the problem within 30 days.")
    care = Article(id="wood-care", title="Caring for solid wood", tag="products", questions=("how do I look after oak",),
                   body="Keep it away from radiators, which crack and fade solid wood.")
    unlock = Article(id="unlock", title="Unlocking a scooter", tag="rides", questions=("the QR code won't scan",),
                     body="Type the 6-digit number under the code instead.")
    assert not speaks_of_damage(mugs)
    assert speaks_of_damage(faults)
    assert not speaks_of_damage(care)  # a body naming damage in passing is not about it
    assert speaks_of_damage(unlock)  # trouble of any kind in what it is asked


def test_a_report_of_damage_is_not_answered_from_the_product_article(fixture_engine):
    engine = fixture_engine("photobook")
    intents = engine.split("the mug I got has a crack down the side. Separately, do you sell gift cards?")
    assert [i["text"] for i in intents] == ["the mug I got has a crack down the side.", "do you sell gift cards?"]
    report, question = intents
    assert report["hits"][0]["article"] != "gifts"  # was the mugs article at 0.83
    assert report["hits"][0]["article"] == "quality"
    assert question["hits"][0]["article"] == "giftcards"
