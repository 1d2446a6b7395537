"""Tiny, dependency-free text helpers shared by the lexical index and the rule-based steps."""

from __future__ import annotations

import bisect
import re
import unicodedata
from functools import lru_cache

from baton.engine.markup import plain_text

WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
# "e-mail" and "email", "wi-fi" and "wifi" are one word to a customer: the hyphen after a one-letter
# prefix ("e-bike", "t-shirt") or inside "wi-fi" joins, so a KB's "e-mail address" matches the
# customer's "email" ("the email never arrives" after an answer naming the e-mail address).
_ONE_WORD_HYPHEN = re.compile(r"\b([a-z])-(?=[a-z]{2})|\b((?:wi|hi))-(?=fi\b)")


def _lowered(text: str) -> str:
    return _ONE_WORD_HYPHEN.sub(r"\1\2", text.lower().replace("’", "'"))

STOPWORDS = frozenset("""
a an the and or but if of to in on at by for with from into about as is are was were be been being
am do does did doing have has had having i me my mine we our ours you your yours he him his she her
it its they them their this that these those there here what which who whom whose when where why how
can could would should will shall may might must just so than too very also please hi hello hey
thanks thank ty ok okay yes no not any some all get got im i'm it's its dont don't can't cant
i've ive i'll i'd we're we've we'll we'd you're youre you've you'll you'd they're theyre they've they'll
they'd he's she's that's thats there's theres what's whats where's who's how's let's
""".split())

_SUFFIXES = ("ing", "ed", "es", "s")


# British and American spellings of one word ("programme"/"program", "colour"/"color", "centre"/
# "center", "organise"/"organize", "analyse"/"analyze", "catalogue"/"catalog", "licence"/"license"):
# a KB written in one and a customer writing the other shared no term ("how do I sign up for the
# loyalty program?" against "how do I join the rewards programme": 0.53 against 0.72). Both sides
# are spelt the American way before stemming; "cancelled"/"canceled" meet in `stem`.
_AMERICAN = (
    (re.compile(r"mme(s?)$"), r"m\1"),
    (re.compile(r"(?<=\w\w)our(?=(?:ite|ites|able|ably|ed|ing|s|er|ers|ful|less)?$)"), "or"),
    (re.compile(r"(?<=\w\w[^aeiou\W])re(s?)$"), r"er\1"),
    (re.compile(r"(?<=\w\w\w)is(?=(?:e|ed|es|ing|ation|ations)$)"), "iz"),
    (re.compile(r"(?<=\w)ys(?=(?:e|ed|es|ing)$)"), "yz"),
    (re.compile(r"(?<=\w\w)ogue(s?)$"), r"og\1"),
    (re.compile(r"^(lic|def|off|pret)ence"), r"\1ense"),
)


def _american(word: str) -> str:
    for pattern, replacement in _AMERICAN:
        word = pattern.sub(replacement, word)
    return word


@lru_cache(maxsize=1 << 16)  # seven spelling patterns a word; a KB's words repeat
def stem(word: str) -> str:
    """A deliberately light stemmer: enough to match 'shipped'/'shipping'/'ships', and
    'cancelled'/'canceled' (a double "l" ends a stem of six letters or more as one: not "bill")."""
    if word.endswith("n't"):
        return word
    word = _american(word)
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    doubled = len(word) > 3 and word[-1] == word[-2]
    if doubled and (word[-1] not in "aeiouls" or (word[-1] == "l" and len(word) >= 6)):
        word = word[:-1]  # shipp -> ship, cancell -> cancel
    return word


def content_terms(text: str) -> list[str]:
    """Lower-cased, stemmed words that carry meaning (stop words dropped, before and after
    stemming: "getting" is "get", and a title "Getting your certificate" matched any message with
    "keeps getting rejected" in it)."""
    stems = (stem(w) for w in WORD.findall(_lowered(text)) if w not in STOPWORDS)
    return [s for s in stems if s not in STOPWORDS]


# Nouns ending in -ing, which open requests of their own ("shipping to canada?", "is parking free?").
NOUNS_IN_ING = frozenset("""
something nothing anything everything shipping billing pricing booking setting meeting morning evening
training streaming banking parking housing clothing wedding building ceiling heating lighting
""".split())


def words(text: str) -> list[str]:
    return WORD.findall(_lowered(text))


# Words that say the customer needs or wants what they ask, or may have it, not what it is about ("and
# if I need to cancel it?" asks what the booking article says of cancelling; no article says "need";
# nor "alright" in "he's 17, would that be alright?").
WANTING_TERMS = frozenset(content_terms("need needs want wants like able possible allowed wish hope alright"))
# Words that qualify what is asked without naming it ("and if it's only 3 days before?").
QUALIFYING_TERMS = frozenset(content_terms("only even still really actually whole entire"))
# Words that say who said what, not what it is about ("what if the agent says something was missed?"
# asks what the end-of-tenancy article says of missed items; it never says "says").
SAYING_TERMS = frozenset(content_terms("say says said saying tell tells told telling"))


# Words that ask for an amount ("how much is it per night?", "does that cost extra?", "and how many
# people?", "how long does it take?"). An article answers them when it states one (`states_amount`),
# whatever its words.
PRICE_TERMS = frozenset(content_terms("much cost costs price fee fees charge pay extra free cheap expensive per"))
COUNT_TERMS = frozenset(content_terms("many"))
# "long" asks for a duration; with it, "take" and "last" are part of the asking ("how long does it
# last?"), not what the answer must name.
DURATION_TERMS = frozenset(content_terms("long take takes last lasts"))
# A price: a currency sign or code by a number ("15 GBP", "£15", "12.99 EUR", "$5/month"), or free.
_PRICE = re.compile(
    r"[$€£¥]\s?\d|\d(?:[\d.,]*\d)?\s?(?:[$€£¥%]|(?:gbp|eur|euros?|usd|dollars?|pounds?|pence|cents?|quid|chf|sek|nok|"
    r"dkk|pln|aud|cad|nzd|inr|rupees?)\b)"
    r"|(?<!feel )(?<!-)\bfree\b(?!-)|\bno (?:extra )?(?:charge|cost|fee)\b", re.IGNORECASE)
# A duration or a time something lasts until: "2 hours", "1-2 working days", "within a week",
# "until your next bill date", "straight away", "on the next working day".
_DURATION = re.compile(
    r"\b(?:\d+|a|an|one|two|three|four|five|six|seven|ten|twelve|few|24|48)(?:\s?-\s?\d+)?\s?"
    r"(?:working |business |calendar )?(?:seconds?|minutes?|mins?|hours?|hrs?|days?|nights?|weeks?|months?|years?)\b"
    r"|\buntil\b|\bstraight away\b|\bright away\b|\bimmediately\b|\binstantly\b|\bsame day\b"
    r"|\bnext (?:working |business )?day\b", re.IGNORECASE)


def amount_terms(terms: set[str]) -> set[str]:
    """The terms of a question that ask for an amount (a price, a count, a duration) rather than
    name what the answer is about."""
    asked = terms & (PRICE_TERMS | COUNT_TERMS)
    return asked | (terms & DURATION_TERMS if "long" in terms else set())


def states_amount(text: str, terms: set[str]) -> bool:
    """`text` states what the question's `terms` ask for: a price (`_PRICE`) for a price question
    (`PRICE_TERMS`), a number for a count (`COUNT_TERMS`), a duration (`_DURATION`) for "how long";
    true when they ask for no amount."""
    if terms & PRICE_TERMS and _PRICE.search(text) is None:
        return False
    if "long" in terms and _DURATION.search(text) is None:
        return False
    return not terms & COUNT_TERMS or re.search(r"\d", text) is not None


# What customers paste that no example question holds: order and tracking numbers ("#A-12345",
# "ORD-99812", "1Z999AA10123456784", "48213"), discount codes ("FRIEND50"), links, e-mail
# addresses and emoji. They move the embedding of a short message more than its words do ("my
# order #A-12345 hasn't arrived" scored half of "my order hasn't arrived", "my order 48213 never
# arrived" 0.45 against 0.73; "I can't log in, see https://shop.example.com/login?err=500 for the
# error" 0.64, without the link 0.92), so retrieval reads the message without them. Short
# numbers, amounts and models stay ("3 days", "1030am", "$25000", "40mbps", "flight 1291",
# "f-150", "RT-AX58U", "T9"), and so does a message made only of identifiers.
_EMAIL_ADDRESS = r"[\w.+-]+@[\w-]+\.[\w.-]+\b"
_IDENTIFIER = re.compile(
    r"\bhttps?://\S+|\bwww\.\S+|\b[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}/\S*"         # links
    r"|#[\w-]+"                                                       # "#5521", "#A-12345"
    rf"|\b{_EMAIL_ADDRESS}"                                             # e-mail addresses
    r"|\b(?=[\w-]*\d{4})[a-z0-9]+(?:-[a-z0-9]+)+\b"                    # "ORD-99812" (not "f-150")
    r"|\b(?=\w*\d{4})(?=\w*[a-z])\w{7,}\b"                              # "1Z999AA10123456784", "ORD99812"
    r"|(?-i:\b[A-Z]{4,}\d{2,}\b)"                                        # "FRIEND50", "SAVE10" (not "XPS13")
    r"|(?<![$\u20ac\u00a3\d.,])\b\d{5,}\b",                                # "48213" (not "$25000")
    re.IGNORECASE)


def identifiers(text: str) -> list[str]:
    """The identifiers `text` holds (order and tracking numbers, codes, links, e-mail addresses:
    `_IDENTIFIER`), in order, each once, without the punctuation a sentence puts after them."""
    found = (m.group(0).rstrip(".,;:!?)]}'\"") for m in _IDENTIFIER.finditer(text))
    return list(dict.fromkeys(f for f in found if f))


# A phone number as customers type one ("07700 900123", "+44 20 7946 0958", "(555) 123-4567"): nine
# to fifteen digits with spaces, dots, dashes or brackets between; not a date ("2026-12-06").
_PHONE = re.compile(r"(?<![\w+(])(?:\+|\()?\d[\d\s().-]{7,}\d(?![\w-])")
_DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[.-]\d{1,2}[.-]\d{2,4}")


def phone_numbers(text: str) -> list[str]:
    """The phone numbers `text` holds (`_PHONE`), in order, each once. Retrieval keeps them; only
    the handoff brief lists them, so an agent asked for a call back has the number."""
    found = [m.group(0).strip() for m in _PHONE.finditer(text)]
    return list(dict.fromkeys(f for f in found if 9 <= sum(ch.isdigit() for ch in f) <= 15 and not _DATE.fullmatch(f)))


# Bump when `for_matching` or `content_terms` reads text differently: cached classifiers and
# calibrations key on it.
MATCHING_VERSION = 10
SHOUTED_MIN_UPPER = 0.8  # share of a message's cased letters in capitals that makes it shouted


def _shouted(text: str) -> bool:
    """Typed in capitals ("WHERE IS MY ORDER???"): the model reads capitals as other words
    (0.24 against 0.48 for the same message in lower case). An acronym or a model name in a
    normal sentence ("my SSO login", "RT-AX58U") is not shouting."""
    cased = [ch for ch in text if ch.isalpha() and ch.lower() != ch.upper()]
    shouted_words = [w for w in re.findall(r"[^\W\d_]{2,}", text) if w.isupper()]
    return len(shouted_words) >= 2 and len(cased) > 0 and sum(ch.isupper() for ch in cased) / len(cased) >= SHOUTED_MIN_UPPER


# "where is my order!!!" read as another question (0.41 against 0.75 for "where is my order"); one
# mark says what three do.
_REPEATED_MARKS = re.compile(r"([?!])[?!]+")


# Words that open a message without asking anything ("ok so where's my parcel?", "Now, where's my
# parcel?", "Second, can my daughter collect it?"): the model reads them as part of the question
# (0.40 for "Now, where's my parcel?" against 0.76 without "Now,"). Words that may carry meaning
# ("no parcel came", "first class") go only with a comma or colon after them.
_OPENING = re.compile(
    r"^(?:[\W_]*(?:(?:ok|okay|so(?!\s+(?:far|much|many|long)\b)|well|um|uh|and|but|anyway|anyways|basically|"
    r"alright|also|plus|btw|hi|hey|hello|actually|honestly|unfortunately|sadly|firstly|secondly|thirdly|lastly)\b"
    r"(?:\s+there\b)?"
    r"|(?:yes|yeah|no|now|first|second|third|next|then|finally|ps)\s*[,:]))+[\W_]*", re.IGNORECASE)


def without_opening(text: str) -> str:
    """`text` without the words that open it and ask nothing (`_OPENING`); unchanged if nothing
    else is left."""
    rest = _OPENING.sub("", text, count=1)
    return rest if rest != text and words(rest) else text


# An e-mail address a request acts on is what it is about ("how do I set up info@mybusiness.co.uk?"
# read as "how do I set up?", 0.16): it reads as "an email address". Anywhere else it is a detail
# removed like an order number: "I'm jane@example.com and I can't log in" is no question about
# e-mail addresses, and read as one it was cut off and answered from the change-email article.
_MAILBOX_ASKED = re.compile(r"\b(?P<verb>set up|setup|create|add|make|delete|remove|forward|configure|"
                            rf"register|activate|open)\s+{_EMAIL_ADDRESS}", re.IGNORECASE)


def for_matching(text: str) -> str:
    """`text` as retrieval should read it: identifiers and emoji removed (see `_IDENTIFIER`; an
    e-mail address a request acts on reads as "an email address": `_MAILBOX_ASKED`), a
    shouted message in lower case, a run of question or exclamation marks as its first, and
    without the words that open it and ask nothing (`without_opening`)."""
    if _shouted(text):
        text = text.lower()
    text = without_opening(_REPEATED_MARKS.sub(r"\1", text))
    text = _MAILBOX_ASKED.sub(r"\g<verb> an email address", text)
    kept = _IDENTIFIER.sub(" ", "".join(ch for ch in text if unicodedata.category(ch) != "So"))
    if kept == text:
        return text
    kept = re.sub(r" +([,.;:!?])", r"\1", re.sub(r"  +", " ", kept)).strip()
    return kept if words(kept) else text


# An e-mail style sign-off, with or without the name after it ("Kind regards,\nJohn Smith").
SIGN_OFF = re.compile(r"^\W*(?:(?:kind|best|warm|many|with)\s+)?(?:regards|wishes|sincerely|best|br|rgds|cheers|"
                      r"thanks|thank you|thx|yours(?:\s+(?:truly|sincerely))?)\b[\s,.!-]*(?P<name>.*?)\W*$",
                      re.IGNORECASE)
SIGNATURE_MAX_WORDS = 3


def is_name(text: str) -> bool:
    """One to three capitalised words, as a signature is ("John", "Maria Lopez")."""
    toks = text.strip(" \t\n,.!-").split()
    return 0 < len(toks) <= SIGNATURE_MAX_WORDS and all(t[:1].isupper() for t in toks)


def is_sign_off(text: str) -> bool:
    """Text that closes a message: "Kind regards,", "Thanks, Maria", "Cheers"."""
    m = SIGN_OFF.match(text)
    return m is not None and (not m.group("name") or is_name(m.group("name")))


# An e-mail reply quotes the conversation so far: our own earlier answer, read as the customer's
# words, was answered again ("where is my order? > On Mon ... Support wrote: > Your order ships in
# 3-5 days." gave a second, shipping-times answer).
_QUOTED_LINE = re.compile(r"^[ \t]*>.*$", re.MULTILINE)
_WROTE_LINE = re.compile(r"^[ \t]*On\b[^\n]{0,300}\bwrote:[ \t]*$", re.MULTILINE)
# (a forwarded message is kept: what a carrier or a bank wrote to the customer is their question)
_ORIGINAL = re.compile(r"^[ \t]*-{3,}[ \t]*Original Message[ \t]*-{3,}.*", re.MULTILINE | re.DOTALL | re.IGNORECASE)
# Outlook quotes a reply under a header block, with no "> " ("From: ...\nSent: ...\nTo: ...\nSubject:
# RE: ..."): our earlier answer under it ("If you want a refund, reply here.") was handed to billing
# as the customer's refund request. A forward (Subject "FW:"/"Fwd:") is kept, as above.
_REPLY_HEADER = re.compile(
    r"^(?:[ \t]*_{5,}[ \t]*\n)?[ \t]*From:[^\n]*\n(?:[^\n]*\n){0,3}?[ \t]*(?:Sent|Date):[^\n]*\n(?:[^\n]*\n){0,3}?"
    r"[ \t]*Subject:(?![ \t]*fwd?:)[^\n]*.*", re.MULTILINE | re.DOTALL | re.IGNORECASE)


# An e-mail signature: a sign-off and the name, company, phone and legal disclaimer under it
# ("intended solely for the addressee." was handed off as a question of its own), a "-- " delimiter
# line and everything under it, a "Sent from my iPhone" line (read as a question about iPhones). A
# postscript after the signature is the customer's again.
_DELIMITER = re.compile(r"^-- ?$")
_SENT_FROM = re.compile(r"^[ \t]*Sent from my [^\n]{1,40}$", re.IGNORECASE)
# A postscript, or a line added after signing: a question, or a line opening with "also", "oh and",
# "one more thing", "edit" ("Thanks,\nJohn\n\nOh and one more thing, do you ship to Canada?" lost
# its question with the signature)
_POSTSCRIPT = re.compile(r"^[ \t]*(?:p\.?s\.?\b|(?:also|oh,? and|and also|one more thing|another thing|btw|by the way|"
                         r"edit|update)\b|.*\?[ \t]*$)", re.IGNORECASE)


def _signature_lines(lines: list[str]) -> set[int]:
    """The indices of `lines` that belong to a signature block (see `_DELIMITER`): from the first
    delimiter, or sign-off followed by a name, that comes after something written, up to a
    postscript."""
    signed = {n for n, line in enumerate(lines) if _SENT_FROM.match(line)}
    written = [n for n, line in enumerate(lines) if words(line) and n not in signed]
    for n, line in enumerate(lines):
        next_written = bisect.bisect_right(written, n)
        if not (next_written < len(written) and written[0] < n):
            continue
        m = SIGN_OFF.match(line)
        if _DELIMITER.match(line) or (is_sign_off(line) and (m.group("name") or is_name(lines[written[next_written]]))):
            for rest in range(n, len(lines)):
                if _POSTSCRIPT.match(lines[rest]):
                    break
                signed.add(rest)
            break
    return signed


def _blank(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match.group())


_FORWARDED = re.compile(r"forwarded message|begin forwarded", re.IGNORECASE)


def _blank_quoted_reply(text: str) -> str:
    """`text` with an Outlook-quoted reply (`_REPLY_HEADER`) blanked from its header on, unless the
    header is a forward's ("---------- Forwarded message ---------" on the line before)."""
    for m in _REPLY_HEADER.finditer(text):
        before = text[:m.start()].rstrip().rsplit("\n", 1)[-1]
        if not _FORWARDED.search(before):
            return text[:m.start()] + _blank(m)
    return text


def written_part(text: str) -> str:
    """The part of a message the customer wrote for this turn. An HTML message is first read as
    its plain text (`markup.plain_text`). Then quoted lines ("> ..."), the "On ... wrote:" line
    above them, everything from an "-----Original Message-----" marker or an Outlook reply header
    (`_REPLY_HEADER`) on and the signature
    (`_signature_lines`) are blanked, keeping the length so that spans index that text. A message
    with nothing else in it is returned as its plain text."""
    text = plain_text(text)
    out = _blank_quoted_reply(_ORIGINAL.sub(_blank, text))
    if _QUOTED_LINE.search(out):
        out = _WROTE_LINE.sub(_blank, _QUOTED_LINE.sub(_blank, out))
    lines = out.split("\n")
    if signed := _signature_lines(lines):
        out = "\n".join(" " * len(line) if n in signed else line for n, line in enumerate(lines))
    return out if words(out) else text
