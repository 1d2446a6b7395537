"""What a piece of a message tells besides a request: a story ("I bought a hub last week"), an
attempt at a fix ("I've already reset it twice"), a feeling ("I'm not happy with my thermostat")
or the customer's details ("my customer number is A-55120").

Such a piece is the context of the request next to it, not a request of its own, however well it
matches an article; the score-guided split (`refine`) reads these to decide how sure a piece must
be to stand alone and which sentences join their neighbour. Pure functions of the text.
"""

from __future__ import annotations

import re

from baton.engine.kinds import kind
from baton.engine.text import content_terms, words

# A story has the customer as its subject and a past-tense verb ("I bought a hub last week", "my
# wife already installed it"), and nothing after the subject asks for something ("I was wondering").
# Present-tense first-person statements are often requests in themselves ("I rate this book four
# stars", "I give it a 4"), so they are not stories.
STORY_START = frozenset("i we my our i've ive we've".split())
WANTS = frozenset("""
d would wish want wanna need m am hope like love plan should could can will ll have wonder looking
trying hoping planning wondering
""".split())
PAST_IRREGULAR = frozenset("""
bought got had was were made paid sent went took gave came saw did left lost found told said spent
brought set put ran broke began wrote kept heard felt sold built chose drove fell forgot used
rode flew ate drank wore woke rang sat stood understood thought caught taught meant met hit let
didn't didnt wasn't wasnt weren't werent hadn't hadnt
""".split())
# Past tenses a chat story may open with, its subject left out ("saw it cheaper on amazon", "bought
# it in march"); not "was" or "had", which open questions ("was the weather colder last august").
CHAT_PAST = frozenset("""
saw bought got ordered received noticed tried paid booked signed moved called emailed upgraded installed returned
sent lost found left forgot broke dropped spilled
""".split())
# When it happened may lead the story ("yesterday I rode to the office", "last week we ordered ...")
WHEN = frozenset("yesterday today earlier recently lately tonight".split())
WHEN_AFTER = frozenset("""week month year night weekend morning afternoon evening monday tuesday wednesday
thursday friday saturday sunday""".split())

# Words that open a sentence without saying anything ("ok so I followed the steps", "hi there, so
# I signed up last week", "sadly I broke my leg last week").
DISCOURSE = frozenset("""ok okay so well um uh and but anyway basically yeah yes no hi hey hello there unfortunately
sadly actually honestly apparently luckily fortunately frankly""".split())
_GREETINGS = frozenset("hi hey hello".split())
_TIMES_OF_DAY = frozenset("morning afternoon evening day".split())


def _past(word: str) -> bool:
    return word in PAST_IRREGULAR or (len(word) > 4 and word.endswith("ed"))


def _opening(toks: list[str], openers: frozenset[str]) -> int:
    """How many of `toks` open the sentence with `openers` or a greeting ("good afternoon")."""
    n = 0
    while n < len(toks):
        if toks[n] == "good" and toks[n + 1:n + 2] and toks[n + 1] in _TIMES_OF_DAY:
            n += 2
        # "there" only in "hi there": "there is fog in denver" says something
        elif toks[n] in openers and (toks[n] != "there" or (n and toks[n - 1] in _GREETINGS)):
            n += 1
        else:
            break
    return n


def without_discourse(toks: list[str]) -> list[str]:
    """`toks` without the words that open a sentence without saying anything (`DISCOURSE`)."""
    return toks[_opening(toks, DISCOURSE):]


def without_greeting(toks: list[str]) -> list[str]:
    """`toks` without a greeting in front ("hi there", "good afternoon"): "ok that sounds great, let's
    go" keeps its "ok", which may start a request."""
    return toks[_opening(toks, _GREETINGS | {"there"}):]


def _without_when(toks: list[str]) -> list[str]:
    """`toks` without a leading "yesterday" or "last friday" (then discourse words again)."""
    if toks[:1] and toks[0] in WHEN:
        toks = toks[1:]
    elif len(toks) > 2 and toks[0] in ("last", "this", "on") and toks[1] in WHEN_AFTER:
        toks = toks[2:]
    return without_discourse(toks)


def _narrates(toks: list[str]) -> bool:
    toks = _without_when(without_discourse(toks))
    if len(toks) > 2 and toks[0] == "just" and _past(toks[1]) and not toks[1].startswith("want"):
        return True  # the subject left out, as chats do: "just moved into a new flat on friday"
    if len(toks) > 2 and toks[0] in CHAT_PAST:
        return True  # "saw the thermostat cheaper on amazon"
    head = toks[1:4]
    return (len(toks) > 1 and toks[0] in STORY_START and not WANTS.intersection(head)
            and any(_past(t) for t in head))


# "is rated", "I'm interested", "it's closed": the participle describes a state, it tells no event
_BEING = frozenset("is are am i'm im it's its that's".split())


def reports_event(text: str) -> bool:
    """The statement says that something happened, in a past tense and wanting nothing: "the
    festival got cancelled", "Good morning, the Rivers show on 12 March was cancelled yesterday",
    "I bought 4 tickets last week" (not "the book is rated five stars", "I'd like a table")."""
    toks = without_discourse(words(text))
    return (kind(text) == "statement" and not WANTS.intersection(toks)
            and any(_past(t) and not (n and toks[n - 1] in _BEING) for n, t in enumerate(toks[:8])))


def continues_story(text: str, previous: str) -> bool:
    """The piece carries on the story or the statement before it with a past-tense verb and no
    subject of its own ("I recently finished the course | and passed all the quizzes", "my dad lives
    alone | and had a scare last week"), whoever did it: "someone logged into my account from another
    country | and changed my email" is one event, and cut off, the second half was answered with how
    to change one's email (0.98)."""
    toks, before = without_discourse(words(text)), without_discourse(words(previous))
    scene = len(before) > 1 and before[0] in STORY_START and not WANTS.intersection(before[1:4])
    return (bool(toks) and _past(toks[0]) and kind(text) == "statement"
            and (tells_story(previous) or reports_event(previous) or (scene and kind(previous) == "statement")))


def tells_story(text: str) -> bool:
    """The piece narrates what happened ("I bought a hub last week") rather than asks for
    something or reports a problem."""
    return _narrates(words(text)) and kind(text) == "statement"


def recounts(text: str) -> bool:
    """A sentence in the customer's past tense that asks nothing ("I opened the box but never
    used it", "I've tried restarting it"), problem words or not. Next to a request, and unless
    the KB recognises it on its own, it is that request's context (see `fold_recounts`)."""
    return _narrates(words(text)) and kind(text) != "request"


# The customer reporting what they already tried ("I tried the app but it keeps saying error",
# "I've restarted it twice"): the context of the question next to it.
# "tried to log in" / "tried to pay" names what failed, the problem itself; "tried to restart it" a fix.
_TRIED_FIX = r"(?:re-?start|re-?boot|re-?install|unplug|turn|switch|power|clear|update|re-?connect|re-?pair|factory|" \
             r"reset(?! (?:my |the |our )?password))"
TRIED = re.compile(r"\b(?:i|we)(?:'ve| have)?\s+(?:already\s+|just\s+|also\s+)?(?:tried(?! to (?!" + _TRIED_FIX + r"))|"
                   r"followed|restarted|rebooted|called|phoned|rang|contacted|emailed|messaged|"
                   r"reset|checked|unplugged|reinstalled|updated|did (?:that|this|it|everything))\b"
                   r"|\b(?:i|we)(?:'ve| have)?\s+already\s+(?:did|done|\w+ed)\b"
                   # the subject left out, as chats do: "updated my drivers and verified files, still crashing"
                   r"|^\W*(?:already\s+|just\s+|also\s+)?(?:tried|followed|restarted|rebooted|unplugged|reinstalled|"
                   r"updated)\b", re.IGNORECASE)


def reports_attempt(text: str) -> bool:
    """The piece only says what the customer already tried ("I already reset it twice", "I've
    already done the factory reset"), with no problem or question in it: context, never a request,
    however well it matches the article about what they tried (that article is the one thing not
    to send them)."""
    return TRIED.search(text) is not None and kind(text) == "statement"


# A fix already tried, inside the problem it did not solve ("the sensor is dead even with a new
# battery", "still offline even after restarting the hub", "despite changing the batteries").
_TRIED_INSIDE = re.compile(
    r"\b(?:even (?:after|with|though)|despite|in spite of)\s+(?P<fix>(?:(?:i|we)(?:'ve| have)?\s+\w+|"
    r"(?:(?:a|the|my|our)\s+)?(?:new|fresh|different|another|spare|replacement)\s+\w+|\w+(?:ing|ed)\b)[^,.;!?]*)",
    re.IGNORECASE)


# A step the customer took, then that nothing came of it ("I reported a missed bin on your website
# on Monday and nobody has come back for it", "I clicked Missed appointment on Monday and nobody has
# rebooked it"): the article on taking that step was sent back (0.86, 0.73). What came to nothing may
# be named ("I pressed Forgot password three times and the reset email never came": 0.75), and the
# step may be a reset, a try or a use of something ("I reset my PIN with Forgot PIN but the email
# never came, even in spam": the PIN article at 0.95), but "I used to ..." is no step, nor "I run a
# cafe" ("I've run the cold tap for over an hour like it says and the water is still brown" is).
# Ordering or sending something is what a late order starts from, not a step of the remedy ("I
# ordered 2 days ago and it still hasn't shipped" asks the shipping times).
_IN_VAIN = re.compile(
    r"\b(?:i|we)(?:'ve| have)?\s+(?:already\s+)?(?P<fix>(?:reported|submitted|applied|requested|registered|"
    r"filled (?:in|out)|called|phoned|rang|emailed|contacted|clicked|pressed|tapped|selected|reset|tried|followed|"
    r"(?:(?<='ve )|(?<=have ))run|ran|flushed|restarted|rebooted|used(?!\s+to\b))\b[^,.;!?]*?)\s*,?\s*"
    r"(?:and|but)\s+"
    r"(?:(?:i|we|it|it's|its|they|(?:the|my|our|a|an)(?:\s+[\w-]+){1,2})\s+)?(?:(?:is|are|was|were)\s+)?"
    r"(?:nobody|no one|noone|nothing|still|never|haven'?t|havent|hasn'?t|hasnt)\b",
    re.IGNORECASE)


def _stems(text: str) -> set[str]:
    """The first five letters of each content term: stems differ by tense ("updat", "update")."""
    return {t[:5] for t in content_terms(text)}


# When a step was taken is no part of the step ("I changed the date in My Move last week").
_HOW_LONG_AGO = "last ago days weeks months hours minutes twice times already again"
_WHEN_STEMS = _stems(" ".join([*WHEN, *WHEN_AFTER, _HOW_LONG_AGO]))


# The customer saying the step was what they were told ("I've run the cold tap for over an hour like
# it says"): no word of the step itself.
_AS_TOLD = re.compile(r"\b(?:like|as)\s+(?:it|you|they|the \w+)\s+(?:says|said|suggests|suggested|told me|"
                      r"advises|advised|recommends|recommended)\b|\bas (?:instructed|advised|suggested)\b",
                      re.IGNORECASE)


def repeats_instructions(attempt: str, body: str) -> bool:
    """What the customer tried is what the article's body tells them to do: at least two of its
    words, and two in three of them, are the body's ("updated my drivers and verified files" against
    "Update your graphics driver, then choose Verify files"), when it was done left out ("I changed
    the date in My Move last week" against "Change it in My Move"). Words are compared on their first
    five letters, as stems differ by tense ("updat", "update"); "like it says" (`_AS_TOLD`) is no
    word of the step."""
    said = _stems(_AS_TOLD.sub(" ", attempt)) - _WHEN_STEMS
    done = said & _stems(body)
    return len(done) >= 2 and 3 * len(done) >= 2 * len(said)


# Whatever the customer did, then that the problem is still there ("I've unlocked the car and held
# the red button for ages but the cable is still stuck"): a step, but only an article whose last
# resort it repeats has nothing left to offer (`repeats_last_resort`). "I ordered it last week but it
# still hasn't arrived" names no step of the delivery article; "I asked for a password reset but
# nothing arrived" the reset steps, whose last sentence says to check the junk folder.
_DONE_BUT_STILL = re.compile(
    r"\b(?:i|we)(?:'ve| have)?\s+(?:already\s+|also\s+|just\s+)?(?P<step>\w+ed\b[^?.;!]*?)\s*,?\s*but\s+"
    r"(?:[\w']+\s+){0,4}?(?:still|never|nothing)\b", re.IGNORECASE)


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=\S)")

# Asked before and met with silence ("I've asked twice for a refund of my unused hours and nobody has
# replied"): the article on what they asked for is what they already did, and it got them nowhere.
_UNANSWERED = re.compile(
    r"\b(?:nobody|no one|no-one|noone|none of you)\s+(?:has |have |had )?(?:ever |yet |even )?"
    r"(?:replied|responded|answered|got back|gotten back|come back|called back|rung back|been in touch|contacted me)"
    r"|\b(?:no|never (?:got|had|received) (?:a|any))\s+(?:reply|response|answer|call ?back)\b"
    r"|\b(?:haven'?t|have not|didn'?t|did not|never)\s+(?:heard|had anything)\s+back\b", re.IGNORECASE)


def goes_unanswered(text: str) -> bool:
    """The customer asked before and nobody answered (`_UNANSWERED`)."""
    return _UNANSWERED.search(text) is not None



def repeats_last_resort(step: str, body: str) -> bool:
    """`step` repeats the body's instructions (`repeats_instructions`), two words of them from its
    last sentence, what it offers when all else failed ("If the cable is still stuck, hold the
    charger's red button for 5 seconds")."""
    last = _stems(_SENTENCE_END.split(body.strip())[-1])
    return repeats_instructions(step, body) and len(last & _stems(step)) >= 2


# A step taken again and again to no end ("I've reset my password three times and the app still says
# my login is wrong": the login article, whose remedy is Forgot password, went back at 0.85).
_REPEATED = re.compile(r"\b(?:twice|(?:two|three|four|five|six|several|many|multiple|\d+) times|"
                       r"again and again|over and over|repeatedly)\b", re.IGNORECASE)


def steps_repeated_in_vain(text: str) -> list[str]:
    """The steps `text` says were taken again and again, then that nothing came of it (`_IN_VAIN`)."""
    return [m.group("fix").strip() for m in _IN_VAIN.finditer(text) if _REPEATED.search(m.group("fix"))]


def names_step(step: str, body: str) -> bool:
    """The body names something of `step` besides when and how often it was taken: repeated to no
    end, one shared word is enough ("reset my password three times" in "Use Forgot password")."""
    return bool((_stems(_REPEATED.sub(" ", step)) - _WHEN_STEMS) & _stems(body))


def steps_done_in_vain(text: str) -> list[str]:
    """What `text` says the customer did before saying the problem is still there (`_DONE_BUT_STILL`)."""
    return [m.group("step").strip() for m in _DONE_BUT_STILL.finditer(text)]


def fixes_tried_inside(text: str) -> list[str]:
    """The fixes `text` says were tried without success, from inside its sentences: "a new battery"
    in "one of my window sensors is dead even with a new battery", answered from the battery
    article (0.71), the one thing not to send them, and a step taken in vain ("I reported a missed
    bin ... and nobody has come back": `_IN_VAIN`). "even after the update" names no fix, and
    "I reported a missed bin yesterday, when will you come back for it?" reports none in vain."""
    return [m.group("fix").strip() for pattern in (_TRIED_INSIDE, _IN_VAIN) for m in pattern.finditer(text)]


# One step of a menu path as KB writers give it ("Account > Exemptions", "Settings -> Billing"):
# the words either side of the arrow (looked ahead, so "A > B > C" gives A>B and B>C).
_STEP = re.compile(r"([\w']+)\s*(?:->|>|\u2192|\u00bb)\s*(?=([\w']+))")


def _steps(text: str) -> set[tuple[str, str]]:
    return {(a.lower(), b.lower()) for a, b in _STEP.findall(text)}


def followed_path(text: str, body: str) -> bool:
    """The piece recounts taking a menu path of `body` to its last step ("I added my exemption
    under Account > Exemptions two weeks ago but I was still charged": the exemptions article,
    whose answer is that path, was sent back at 0.75). Every step it names is the body's and one
    is a path's last, so "I went to Account > Privacy" before "Account > Privacy > Delete account"
    has not followed it: the article still holds the rest."""
    said, given = _steps(text), _steps(body)
    ends = {(a, b) for a, b in given if not any(c == b for c, _ in given)}
    return bool(said) and said <= given and bool(said & ends) and recounts(text)


# The customer's feeling about something ("I'm not happy with my thermostat", "we're really
# disappointed with the camera", praise such as "(I) really like the recipes" or "my wife loves the
# night vision"): how they feel about what follows, not a request about the thing.
FEELING = re.compile(r"^\W*(?:i'?m|im|i am|we'?re|we are)\s+(?:(?:so|really|very|quite|pretty|extremely|just)\s+)?"
                     r"(?:not (?:happy|pleased|satisfied)|unhappy|disappointed|frustrated|annoyed|upset|angry|"
                     r"dissatisfied|fed up|sick of|tired of)\b", re.IGNORECASE)
PRAISE = re.compile(r"^\W*(?:(?:i|we|he|she|they|everyone|everybody|(?:my|our|the) \w+)\s+)?"
                    r"(?:(?:really|absolutely|just|truly|also|all|especially|both)\s+)?(?:like|love|enjoy|adore)s?\b"
                    r"(?!.*\b(?:but|though|however|except)\b)", re.IGNORECASE)

# What the customer will do if nothing changes ("If this continues I'll cancel."): how upset they
# are, not a request to cancel (cut off, it was answered with the cancellation steps at 0.71).
THREAT = re.compile(r"^\W*if (?:this|it|that|things?|nothing)\b[^.?!]*?,?\s*"
                    r"(?:i|we)(?:'ll| will|'m going to| am going to| are going to|'re going to)\s+"
                    r"(?:have to\s+|probably\s+|definitely\s+|just\s+)?"
                    r"(?:cancel|leave|switch|go|take|move|stop|complain|report|dispute|close)\b", re.IGNORECASE)

# What the customer thinks of doing something ("typing the password with the remote is a pain"):
# cut off, it was handed off on its own at 0.70 (the password article) beside the TV sign-in answer.
HASSLE = re.compile(r"\b(?:is|are|was|were|it'?s|its)\s+(?:(?:such|a real|really|so|very|a bit|kind of|quite|a)\s+)*"
                    r"(?:pain|hassle|nightmare|annoying|tedious|frustrating|headache|painful|joke|ridiculous)"
                    r"\b(?:\s+(?:to|with|on|in)\b[^.?!]*)?\W*$", re.IGNORECASE)


def voices_feeling(text: str) -> bool:
    """The piece says how the customer feels and asks for nothing: cut off on its own it matched
    the article of the product it names ("I'm not happy with my thermostat, it keeps resetting":
    thermostat wiring at 0.90). A threat to leave if nothing changes (`THREAT`) is a feeling too,
    and so is what they think of doing something (`HASSLE`)."""
    if FEELING.search(text) or THREAT.search(text) or HASSLE.search(text):
        return kind(text) != "request"
    return PRAISE.search(text) is not None and kind(text) == "statement"


# The customer's details, volunteered next to a request ("my customer number is A-55120 and my
# postcode is LS6 2QT", "my email is jo@example.com", "order #A-55123"): what identifies them or
# their meter, order or booking. A value holds a digit or an "@"; a name does not count ("my name
# is wrong on the bill" reports a problem).
DETAIL_NOUNS = """
number no id reference ref code postcode zip zipcode email e-mail address phone mobile username login
account order reading serial meter customer member membership booking invoice ticket policy
registration plate iban mpan mprn pin contract
""".split()
_VALUE = r"[^\s,]*[\d@][^\s,]*(?:\s+[^\s,]*\d[^\s,]*)?"
_NOUN = rf"(?:{'|'.join(DETAIL_NOUNS)})"
# "my customer number is A-55120", or the value straight after the noun ("order #A-55123", "order
# no. 5521", "account 12345678"), where only more detail nouns may come before it ("cancel order
# 55123" asks for something)
_DETAIL = (rf"(?:(?:my|our|the|his|her|their)\s+)?(?:(?:[\w-]+\s+){{0,2}}{_NOUN}\s*(?:is|are|=|:)\s*{_VALUE}"
           rf"|(?:{_NOUN}\.?\s+){{0,2}}{_NOUN}\.?\s*#?{_VALUE})")
# who the customer is may lead them ("Hi, my name is Ana and my order number is 12345.")
_NAMED = (r"(?:(?:my name is|my name's)\s+[\w'-]+(?:\s+[\w'-]+){0,2}?"
          r"|this is\s+(?-i:[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,2}?))\s*(?:,|&|\band\b)\s*")
DETAILS = re.compile(rf"^\W*(?:(?:hi|hello|hey|ok|okay|so)\b\W*)*(?:{_NAMED})?{_DETAIL}"
                     rf"(?:\s*(?:,|&|\band\b)\s*{_DETAIL})*[\s.!]*$", re.IGNORECASE)
# "... and electric is 5678" after "my gas reading is 1234": another value of the same kind
MORE_DETAILS = re.compile(rf"^\W*(?:and\s+)?(?:[\w-]+\s+){{0,2}}?[\w-]+\s*(?:is|are|=|:)\s*{_VALUE}[\s.!]*$",
                          re.IGNORECASE)


def gives_details(text: str, previous: str | None = None) -> bool:
    """The piece only gives the customer's details (`DETAILS`), or another value after a piece that
    does: context for the request next to it, never a request of its own. Cut off on its own, "my
    email is jo@example.com and my phone is 07700 900123" was answered with the change-email
    article, and "my customer number is A-55120 and my postcode is LS6 2QT." handed off alone."""
    if DETAILS.match(text):
        return True
    return previous is not None and MORE_DETAILS.match(text) is not None and DETAILS.match(previous) is not None


# A request for a replacement that names nothing of its own ("I want a replacement", "can you send
# me a new one?", "please replace it"): the thing to replace is what the sentence before reported.
# Scored alone it placed nowhere ("... the lens is cracked. I want a replacement": damaged-item 0.90
# and, handed off beside it, "I want a replacement" at 0.18).
_REMEDY = r"(?:a |an |my |the )?(?:replacement|new one|another one|exchange|swap|new \w+)"
_ASK_FOR = (r"(?:(?:i|we)(?:'d| would)? (?:(?:really |just )?(?:want|need|like|expect))(?: to (?:get|have|receive))?"
            r"|(?:can|could|may) (?:i|we) (?:please )?(?:get|have|receive)"
            r"|(?:can|could|would|will) you (?:please )?(?:send|ship|give|get)(?: me| us)?"
            r"|(?:please )?(?:send|ship)(?: me| us)?)")
REMEDY = re.compile(
    rf"^\W*(?:(?:{'|'.join(sorted(DISCOURSE))})\b\W*)*(?:{_ASK_FOR} {_REMEDY}"
    r"|(?:i|we) (?:want|need|would like|'d like) (?:it|them|this|that|one) (?:replaced|exchanged|swapped)"
    r"|(?:(?:please|can you|could you) )?(?:replace|exchange|swap) (?:it|them|this|that))"
    r"(?: (?:please|asap|instead|then|straight away|right away))?[\s.!?]*$",
    re.IGNORECASE)


def asks_for_remedy(text: str) -> bool:
    """The piece asks for a replacement of what was reported before it and names nothing else."""
    return REMEDY.match(text) is not None
