"""How retrieval reads a message's words (`baton.engine.text`): pasted identifiers and openers left
out, stop words, stems, spellings and hyphens made one term."""

from __future__ import annotations

import pytest

from baton.engine.text import content_terms, for_matching, identifiers, stem, words


@pytest.mark.parametrize("text, read", [
    ("my order #A-12345 hasn't arrived 😡", "my order hasn't arrived"),
    ("tracking 1Z999AA10123456784 shows delivered", "tracking shows delivered"),
    ("ORD-99812 came damaged, my email is bob@example.com", "came damaged, my email is"),
    ("order 5521034 is late", "order is late"),
    ("my order 48213 never arrived", "my order never arrived"),
    ("the code FRIEND50 isn't working", "the code isn't working"),
    ("I can't log in, see https://shop.example.com/login?err=500 for the error", "I can't log in, see for the error"),
    ("www.example.com/help says nothing, and shop.example.com/orders is empty", "says nothing, and is empty"),
    # an address a request acts on is what it is about; anywhere else a detail
    ("how do I set up info@mybusiness.co.uk?", "how do I set up an email address?"),
    ("can you delete old@shop.example for me", "can you delete an email address for me"),
    ("I'm jane@example.com and I can't log in", "I'm and I can't log in"),
    # what carries meaning stays: short numbers, times, amounts, models
    ("my speed is 40mbps at 1030am on the RT-AX58U, paid $25000 for an f-150", None),
    ("my XPS13 and the T9 were charged 12,500", None),
    ("rated 3.5/5, e.g. the app", None),
    ("#12345", None),  # nothing but an identifier: read as is
    ("WHERE IS MY ORDER??? I ORDERED 2 WEEKS AGO", "where is my order? i ordered 2 weeks ago"),  # shouted
    ("where is my order!!! can I return it?!?", "where is my order! can I return it?"),  # one mark says it
    ("my SSO login fails, my order is LATE", None),  # an acronym or one loud word is not shouting
    # words that open the message and ask nothing
    ("Now, where's my parcel?", "where's my parcel?"), ("ok so where is it", "where is it"),
    ("Second, can my daughter collect it?", "can my daughter collect it?"), ("hi there, thanks", "thanks"),
    ("Secondly can she", "can she"), ("no, I mean the address", "I mean the address"),
    # ... unless they say something, or nothing else is left
    ("no parcel came today", None), ("first class seats", None), ("so far so good", None), ("hello", None),
])
def test_retrieval_reads_messages_without_pasted_identifiers(text, read):
    assert for_matching(text) == (read if read is not None else text)


@pytest.mark.parametrize("text, found", [
    ("ORD-99812 came damaged, my email is bob@example.com.", ["ORD-99812", "bob@example.com"]),
    ("see https://shop.example.com/login?err=500. Order #A-12345, again #A-12345!", [
        "https://shop.example.com/login?err=500", "#A-12345"]),
    ("the code FRIEND50 (from tracking 1Z999AA10123456784)", ["FRIEND50", "1Z999AA10123456784"]),
    ("my speed is 40mbps on the RT-AX58U, paid $25000", []),
])
def test_identifiers_are_what_retrieval_leaves_out(text, found):
    assert identifiers(text) == found


def test_lexical_terms_drop_stop_words_once_stemmed_too():
    """"Getting" is "get": a title "Getting your certificate" lexically matched "my visa keeps
    getting rejected at checkout" (0.40 of the title's terms) and put the certificate article first."""
    assert content_terms("my visa keeps getting rejected at checkout") == ["visa", "keep", "reject", "checkout"]
    assert content_terms("Getting started") == ["start"]


@pytest.mark.parametrize("text", ["I've ordered it", "we've ordered it", "you're ordering it", "I'll have ordered it",
                                  "they've ordered it", "what's ordered", "that's ordered"])
def test_a_pronoun_with_its_verb_contracted_is_no_term(text):
    """"I've", "what's": a term no article holds weighs as the rarest in `said`, so "I've" in a message
    took a share of its mass from every article (rental set: "what's the excess if something happens
    to the car?" was handed off at 0.69 with it, and is answered without)."""
    assert content_terms(text) == ["order"]


@pytest.mark.parametrize("british, american", [
    ("programme", "program"), ("colours", "colors"), ("favourite", "favorite"), ("centre", "center"),
    ("organisation", "organization"), ("analysed", "analyzed"), ("catalogue", "catalog"), ("licence", "license"),
    ("cancelled", "canceled"), ("travelling", "traveling"), ("fibre", "fiber")])
def test_a_word_spelt_the_british_or_the_american_way_is_one_term(british, american):
    """"how do I sign up for the loyalty program?" shared no term with the KB's "rewards programme"."""
    assert content_terms(f"my {british}") == content_terms(f"my {american}")


def test_spelling_words_one_way_leaves_other_words_apart():
    assert [stem(w) for w in ("hour", "your", "four", "tour", "bills", "billed", "filled", "file")] == [
        "hour", "your", "four", "tour", "bill", "bill", "fill", "file"]
    assert stem("store") == "store" and stem("care") == "care" and stem("more") == "more"


@pytest.mark.parametrize("hyphenated, joined", [("e-mail", "email"), ("Wi-Fi", "wifi"), ("e-bikes", "ebikes"),
                                                ("T-shirt", "tshirt")])
def test_a_word_written_with_or_without_its_hyphen_is_one_term(hyphenated, joined):
    """The KB's "e-mail address" and the customer's "the email never arrives" shared no term."""
    assert content_terms(f"my {hyphenated}") == content_terms(f"my {joined}")
    assert words(hyphenated) == [joined]
    # a longer prefix or an order number keeps its hyphen
    assert content_terms("no-claims discount") == ["claim", "discount"]
    assert words("#A-12345") == ["a", "12345"]
