"""What the nursery set's first run found (tests/fixtures/nursery, a group of day nurseries' KB
written blind on 2026-12-08): a step repeated to no end was answered with that step, and a sure
request ("I'd like to complain") lost to the story around it."""

import pytest

from baton.engine import narrative


@pytest.mark.parametrize("text, steps", [
    ("I've reset my password three times and the app still says my login is wrong", ["reset my password three times"]),
    ("we've tried booking online over and over but it still fails", ["tried booking online over and over"]),
    ("I reset my password and it still says my login is wrong", []),  # once: it may have been done wrong
    ("I've reset my password three times, how do I stop it asking?", []),  # nothing said to come of it
])
def test_a_step_repeated_in_vain(text, steps):
    assert narrative.steps_repeated_in_vain(text) == steps


def test_a_step_repeated_in_vain_names_a_word_of_the_body():
    body = "Use Forgot password on the login screen if you can't sign in."
    assert narrative.names_step("reset my password three times", body)
    assert not narrative.names_step("reset it three times", body)  # how often names nothing
    assert not narrative.names_step("tried three times yesterday", body)


def test_a_step_repeated_in_vain_is_not_answered_with_that_step(fixture_engine):
    engine = fixture_engine("nursery")
    [intent] = engine.split("I've reset my password three times and the app still says my login is wrong")
    assert not intent["hits"] or intent["hits"][0]["article"] != "app"  # was the app login article, 0.85
    assert intent["tag"] == "app"  # the topic stays: a person on the app team takes it
    assert engine._confidence(intent) < 0.35


def test_a_sure_request_stands_for_a_lost_whole_wherever_the_whole_leans(fixture_engine):
    """The story pulled the whole towards illness (0.22) and left the complaint article fifth; the
    request alone is the complaint article at 0.93."""
    engine = fixture_engine("nursery")
    [intent] = engine.split("I'd like to complain, my daughter has been sent home in someone else's clothes "
                            "three times now")
    assert intent["hits"][0]["article"] == "complaint"
    assert intent["tag"] == "complaints"


@pytest.mark.parametrize("follow_up", ["she's 15, is that ok?", "what if she's 15?", "he's 17, would that be alright?"])
def test_a_value_put_to_the_rule_just_given_carries_on_from_it(fixture_engine, follow_up):
    """The collection article says "adults over 16"; alone, "she's 15, is that ok?" names nothing it
    could hold and went to the late-pickup article (0.07)."""
    from baton.graph.state import PreviousAnswer

    engine = fixture_engine("nursery")
    [intent] = engine.split(follow_up, previous=PreviousAnswer("can my neighbour collect my son?", "collection"))
    assert intent["hits"][0]["article"] == "collection"
    assert engine._confidence(intent) >= 0.7


def test_a_value_alone_is_held_only_by_an_article_stating_one(fixture_engine):
    index = fixture_engine("nursery").index
    assert index.holds("collection", "she's 15, is that ok?")  # "over 16"
    assert not index.holds("app", "she's 15, is that ok?")  # the app article states no number
    assert not index.holds("collection", "is that ok?")  # no value put at all
