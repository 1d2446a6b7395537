"""A report of something only people may handle is not folded into the question next to it
(`EmbeddedEngine(unclosable=...)`, fed from the policy's `ai_closable = false` skills)."""

from __future__ import annotations

from pathlib import Path

from baton.engine.embedded import EmbeddedEngine
from baton.kb import load_kb
from baton.policy import load_policy

PHARMACY = Path(__file__).parent / "fixtures" / "pharmacy"
DIZZY = "my new tablets are making me dizzy, and can I return the moisturiser I bought last week?"


def test_the_policy_names_the_tags_the_ai_may_not_close():
    assert sorted(load_policy(PHARMACY / "policy.toml").unclosable_tags) == ["clinical", "disputes", "safety"]


def test_a_side_effect_reported_before_a_question_is_an_intent_of_its_own(fixture_engine):
    """"my new tablets are making me dizzy" (0.45 on side effects) was the scene of the returns
    question, and the whole answered from the returns article alone."""
    report, question = fixture_engine("pharmacy").split(DIZZY)
    assert report["text"] == "my new tablets are making me dizzy" and report["tag"] == "safety"
    assert question["hits"][0]["article"] == "returns"


def test_without_the_policy_the_report_is_the_questions_context(_cache_dir):
    """The same KB with nothing held back: the report is context, as any report under 0.7 is."""
    policy = load_policy(PHARMACY / "policy.toml")
    [intent] = EmbeddedEngine(load_kb(PHARMACY / "kb", policy.tags)).split(DIZZY)
    assert intent["hits"][0]["article"] == "returns"


def test_the_service_builds_its_engine_with_the_policys_unclosable_tags(_cache_dir):
    from baton.service import Baton

    baton = Baton.load(PHARMACY / "kb", PHARMACY / "customers.csv", PHARMACY / "policy.toml")
    assert baton.engine.unclosable == {"clinical", "disputes", "safety"}


def test_a_story_sure_of_what_only_people_handle_stands_apart_from_the_question(fixture_engine):
    """"I got a parking ticket yesterday" (0.97 on the penalties article, the appeals team's) never
    stood alone as a story, and the whole was answered from the reminders article (0.90): the
    ticket reached nobody. A story that sure of an article only people may handle is a report."""
    ticket, question = fixture_engine("parking").split(
        "I got a parking ticket yesterday, and how do I turn on reminders so it doesn't happen again?")
    assert ticket["text"] == "I got a parking ticket yesterday" and ticket["tag"] == "appeals"
    assert question["hits"][0]["article"] == "reminders"


def test_a_story_less_sure_than_an_answer_is_still_the_scene_of_the_question_after_it(fixture_engine):
    """"I tried to pay my travel agent with the card" is a story that leans to the fraud team's
    articles without being as sure as an answer: the declined payment is asked about, not reported
    as fraud."""
    [intent] = fixture_engine("bank").split(
        "I tried to pay my travel agent with the card and it was declined, why would that happen?")
    assert intent["tag"] not in load_policy(Path(__file__).parent / "fixtures" / "bank" / "policy.toml").unclosable_tags
