import pytest

from baton.engine.spelling import Speller, edit_distance

KB_TEXTS = [
    "where can I download my bank statement",
    "how do I unfreeze my card",
    "the card is fixed to your account; update your address under Profile",
    "password reset",
]


@pytest.mark.parametrize("a, b, d", [
    ("statment", "statement", 1), ("downlaod", "download", 1), ("card", "card", 0),
    ("pasword", "password", 1), ("cart", "card", 1), ("adres", "address", 2),
])
def test_edit_distance_counts_a_swap_of_neighbours_as_one_edit(a, b, d):
    assert edit_distance(a, b, 2) == d


def test_edit_distance_stops_past_its_limit():
    assert edit_distance("statement", "download", 1) == 2


@pytest.mark.parametrize("message, read", [
    ("how do i downlaod my statment", "how do i download my statement"),
    ("how do I unfreez my card", "how do I unfreeze my card"),
    ("forgot my pasword", "forgot my password"),
])
def test_typos_read_as_the_knowledge_base_spells_them(message, read):
    assert Speller(KB_TEXTS).correct(message) == read


@pytest.mark.parametrize("message", [
    "I was fired last week",        # an English word one edit from "fixed" stays itself
    "do you do car loans",          # too short to guess, and a word of its own
    "my cart is empty",
    "my Spotify payment",           # a name no dictionary has, nothing near in the KB
    "my RT-AX58U router",           # models and identifiers are not words
    "order ORD-99812 is late",
])
def test_words_that_are_not_typos_stay(message):
    assert Speller(KB_TEXTS).correct(message) == message


def test_a_typo_between_two_kb_words_is_left_alone():
    speller = Speller(["reset the modem", "resend the code"])
    assert speller.fix("resxt") == "reset"
    assert speller.fix("resed") is None  # one edit from "reset" and from "resend": a guess


def test_the_engine_reads_a_misspelt_message_like_the_spelt_one(embedded_engine):
    spelt, typed = embedded_engine.split_spans([("how do I reset my password", 0, 26),
                                                ("how do I rest my pasword", 0, 24)])
    assert typed["hits"][0]["article"] == spelt["hits"][0]["article"] == "reset-password"
    assert embedded_engine.grade(typed, embedded_engine.answer(typed)) >= 0.7
    # the customer's words are kept: only retrieval reads the correction
    assert typed["text"] == "how do I rest my pasword"
