"""What the bike shop set's first run found (tests/fixtures/bikeshop, a chain of bike shops' KB
written blind on 2026-12-08): a fault told as a noise or as "faulty" was no problem, so it rode
along with the question after it, and that question's answer went out alone."""

import pytest

from baton.engine.damage import reports_damage
from baton.engine.kinds import kind

HUB = ("the rear hub on my new bike is making a grinding noise and I think it's faulty. "
       "Also, how much is a puncture repair?")


@pytest.mark.parametrize("text", ["the rear hub is making a grinding noise", "I think it's faulty",
                                  "the charger is defective", "the brakes squeak", "my chain rattles",
                                  "the fan is really noisy"])
def test_a_fault_told_as_a_noise_or_in_so_many_words_is_a_problem(text):
    assert kind(text) == "problem"


@pytest.mark.parametrize("text", ["does the e-bike motor make much noise?", "we bought a white noise machine"])
def test_noise_itself_is_no_fault(text):
    assert kind(text) != "problem"


def test_a_thing_at_fault_is_reported_like_damage():
    assert reports_damage("the rear hub on my new bike is making a grinding noise and I think it's faulty.")
    assert reports_damage("my e-bike battery won't hold a charge anymore and it's only 14 months old")
    assert reports_damage("the lights stopped working after a week")
    assert not reports_damage("is the warranty void if a part is faulty?")  # a question, not a report
    assert not reports_damage("what if the battery won't hold a charge?")  # asked, not told


def test_a_fault_is_not_answered_from_an_article_silent_on_faults(fixture_engine):
    """The battery-range article ("How far will an e-bike go on one charge?") answered it at 0.91."""
    engine = fixture_engine("bikeshop")
    [intent] = engine.split("my e-bike battery won't hold a charge anymore and it's only 14 months old")
    assert intent["hits"][0]["article"] != "ebike-battery"
    assert engine._confidence(intent) < 0.7


def test_a_fault_report_is_not_folded_into_the_question_after_it(fixture_engine):
    engine = fixture_engine("bikeshop")
    report, question = engine.split(HUB)  # was one intent: the puncture price, answered at 0.98
    assert question["hits"][0]["article"] == "puncture"
    assert report["hits"][0]["article"] != "assembly"  # the set-up article (0.56) says nothing of faults
    assert engine._confidence(report) < 0.7
