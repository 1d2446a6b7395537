"""Where a message's sentences and list items begin and end (`sentences`, `enumeration_cuts`):
the first cuts of the intent split (`splitter.candidate_spans`), before any connector is read."""

from __future__ import annotations

import re

CLAUSE_START = frozenset("""
how what when where why who which whats what's where's how's who's when's can could would will
should do does did is are was were has have had i i'm im my me we our you your it it's its there
this that the also please any
""".split())
# A list item's marker ("1.", "2)", "a)", "-", "*") belongs to the item after it, not the text before.
LIST_MARKER = re.compile(r"\s*(?:[-*\u2022]|\(?\d{1,2}[.)]|\(?[a-hA-H]\)|[Qq]\d{1,2}[:.)])(?:\s+|$)")
# The same markers inside a line ("1) where is my order 2) can I return it"): a cut only when they
# count up from the first ("1", "a", "Q1") one by one, so "version 2." or "a) alone" cut nothing.
_INLINE_MARKER = re.compile(r"(?:(?<=\s)|^)(?:\(?(?P<label>\d{1,2}|[a-hA-H])[.)]|[Qq](?P<q>\d{1,2})[:.)]?)(?=\s)")
_SENTENCE = re.compile(r"(?:[^.?!\n;]|[.?!;](?=\S))+[.?!;]*", re.MULTILINE)
# Titles and street words whose period is not a full stop ("St. Louis", "Dr. Lee", "e.g. this").
_ABBREVIATION_END = re.compile(r"(?:^|[\s(])(?:st|mr|mrs|ms|dr|jr|sr|vs|mt|ft|ave|apt|approx|e\.g|i\.e)\.\s*$",
                               re.IGNORECASE)

# Before a number, "no." and the like abbreviate a word ("Order no. 5521", "ref. 8841"); "the answer
# is no." still ends a sentence.
_NUMBER_ABBREVIATION_END = re.compile(r"(?:^|[\s(])(?:no|nr|num|ref|acct|tel|ph)\.\s*$", re.IGNORECASE)
_NUMBER_NEXT = re.compile(r"\s*#?\d")

# A line break an e-mail client made, not the customer: plain-text mail arrives hard-wrapped at
# 70-100 characters, wherever the next word did not fit ("... I need the receipt. How can\nI get
# that?"). Cut there, "I get that?" was a question of its own and handed off (0.13) beside the
# receipt answer. A break is the client's when its line ends without punctuation and either on a
# word no sentence ends with, or, a line as long as a wrapped one, before a word that starts no
# clause ("... paid for the whole team with my\ncard and I need ...") or in a message whose writer
# ends sentences inside lines ("... on 20 January. Could you tell me\nwhat I need to do ..."). Chat
# lines ("where is my order\ncan I pay by card") end on a word that can end a sentence, and are
# short, unpunctuated or followed by a capital.
_OPEN_END = frozenset("""
a an the my your our their its of to for with from at by into about than and or but because nor
can could would should will must shall i we
""".split())
WRAPPED_LINE_MIN_CHARS = 50
_NEXT_LINE = re.compile(r"[ \t]*\r?\n(?![ \t]*\r?\n)[ \t]*(\S+)")
_ENDS_INSIDE_A_LINE = re.compile(r"\w[.?!]+[ \t]+\S")


def _wrapped(message: str, end: int) -> bool:
    """The sentence ending at `end` runs on past a line break the mail client made (`_OPEN_END`)."""
    nxt = _NEXT_LINE.match(message, end)
    line = message[message.rfind("\n", 0, end) + 1:end].rstrip()
    if nxt is None or not line or not line[-1].isalnum() or LIST_MARKER.match(message, nxt.start(1)):
        return False
    last, first = line.split()[-1].lower(), nxt.group(1)
    # a phone capitalises a new line: "... for my order today\nDo you sell gift cards" is two
    opens_clause = first.lower().strip(",.?!") in CLAUSE_START
    # the whole message is searched only for a long line before a clause: not at every line's end
    return last in _OPEN_END or (len(line) >= WRAPPED_LINE_MIN_CHARS and first[0].islower()
                                 and (not opens_clause or _ENDS_INSIDE_A_LINE.search(message) is not None))


def sentences(message: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence; a period after an abbreviation ("St. Louis", "Order no. 5521")
    ends none, nor one inside quotation marks (see `_QUOTES`, `_quote_count`), nor a line break
    the customer's mail client made (`_wrapped`)."""
    out: list[tuple[int, int]] = []
    glued = False
    balanced = _quote_count(message) % 2 == 0
    quotes = 0  # quotation marks up to the end of this sentence (a running count: long pastes)
    previous_end = 0
    for m in _SENTENCE.finditer(message):
        if glued:
            out[-1] = (out[-1][0], m.end())
        else:
            out.append((m.start(), m.end()))
        quotes += _quote_count(message[previous_end:m.end()])
        previous_end = m.end()
        glued = (_ABBREVIATION_END.search(m.group()) is not None or LIST_MARKER.fullmatch(m.group()) is not None
                 or (_NUMBER_ABBREVIATION_END.search(m.group()) is not None
                     and _NUMBER_NEXT.match(message, m.end()) is not None)
                 or (balanced and quotes % 2 == 1) or _wrapped(message, m.end()))
    return out


# A quoted error message is one thing the customer saw: 'the app says "Payment failed. Try again?"
# every time I pay' was cut in two, and 'Try again?" every time I pay' handed off as a question.
_QUOTES = re.compile(r'["\u201c\u201d]')


def _quote_count(text: str) -> int:
    """The quotation marks in `text`. Straight quotes pair up by count, so a message is read for
    quotes only when its count is even: an inch mark, 'a 5" screen', leaves it odd."""
    return len(_QUOTES.findall(text))


def _ordinal(label: str) -> int:
    return int(label) if label.isdigit() else ord(label.lower()) - ord("a") + 1


def enumeration_cuts(message: str) -> list[int]:
    """Where the items of an inline enumeration start (empty: there is none)."""
    run: list[tuple[int, str, int]] = []  # (position, kind, ordinal)
    best: list[int] = []
    for m in _INLINE_MARKER.finditer(message):
        label = m.group("label") or m.group("q")
        kind_ = "q" if m.group("q") else ("digit" if label.isdigit() else "letter")
        n = _ordinal(label)
        if run and run[-1][1] == kind_ and n == run[-1][2] + 1:
            run.append((m.start(), kind_, n))
        elif n == 1:
            run = [(m.start(), kind_, n)]
        else:
            continue
        if len(run) >= 2 and len(run) > len(best):
            best = [p for p, _, _ in run]
    return best
