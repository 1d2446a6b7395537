"""User request: the "talk to a human" button, or the customer asking for a person in words.

Phrases (from the policy) match on word boundaries, case-insensitively, and only in the sense of
"a person to talk to":
- negated in the same clause, they are not a request ("I don't need a human", "no agent please");
- used as a modifier or in a compound they are not a request ("human resources", "agent plugin",
  "user agent", "travel agent"): the word before must be a function word or a verb of asking,
  and the word after must end the phrase or be a verb it does ("can a human check my refund");
- asking what the assistant is ("are you a human?") is not a request.
A phrase also matches in the words customers swap freely inside it: "talk to someone" covers
"speak to somebody" and "chat with someone" (`_INTERCHANGEABLE`).
Whatever the phrases, refusing the assistant itself asks for a person ("I don't want to talk to a
bot", "no more bots", "a person, not a robot", "this bot is useless"), and so does asking to be
escalated or transferred ("please escalate this", "transfer me"), for a manager ("can I speak to
your manager"), for a person in plain words ("get me a person") or for a call ("can you call me
back?"): a team lists how its customers ask for people, not every way of turning the bot down.
The button before the customer's first question is refused: nothing changes. A greeting or a
thank-you alone ("hi") is not a question.
"""

from __future__ import annotations

import re
from itertools import product
from typing import Any, Iterable

from langgraph.runtime import Runtime

from baton.engine.instructions import is_instruction, unframed
from baton.engine.kinds import is_social
from baton.engine.text import STOPWORDS
from baton.graph.context import Deps
from baton.graph.result import turn_result
from baton.graph.state import BatonState

REQUEST_HUMAN = "request_human"

_ASK_VERBS = frozenset("""
real live actual talk talking speak speaking get want need connect connected transfer put reach chat
contact call give find escalate send pass human person someone somebody please just
""".split())
_ENDERS = frozenset("""
please now asap already being person rep representative available immediately instead agent
right away help here today only
""".split())
# What comes before the plural of a phrase when it asks for people to talk to ("talk to your agents",
# "any humans around?"); "safe for humans and pets" asks for nobody.
_BEFORE_PEOPLE = frozenset("to with your the some any real live actual".split())
# A verb right after the phrase makes it the subject ("can a human check my refund"), not the
# first half of a compound ("human resources", "agent plugin").
_ACTS = frozenset("""
check look help review call contact handle take fix answer reply respond sort explain assist see
deal process approve talk speak get give email text ring phone confirm tell
""".split())
_NEGATIONS = re.compile(
    r"\b(no|not|never|without|don'?t|do not|doesn'?t|didn'?t|won'?t|wouldn'?t|no need|isn'?t|"
    r"aren'?t|nor|rather not)\b", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[,.;:!?]|\b(but|because|though|although|so)\b", re.IGNORECASE)
_ABOUT_THE_BOT = re.compile(r"\b(are you|is this|r u|am i (?:talking|chatting|speaking) (?:to|with))\s+"
                           r"(a |an )?(real )?(human|person|bot|agent)\b", re.IGNORECASE)
_WORD = re.compile(r"[a-z']+")
_BOT = r"(?:bot|bots|robot|robots|chatbot|chatbots|ai|machine|computer|automated (?:system|assistant))"
_REFUSES_BOT = re.compile(
    rf"\b(?:don'?t|dont|do not|won'?t|no longer|rather not)\s+(?:want|wish|like|need)\s+(?:to\s+)?"
    rf"(?:talk|speak|chat|deal)\s+(?:to|with)\s+(?:a |an |the |this |your |some )?{_BOT}\b"
    rf"|\b(?:no more|stop the|enough with the|enough of the|i hate|sick of|tired of)\s+(?:this |the |your )?"
    rf"{_BOT}\b|\b(?:person|human|someone|somebody|people),?\s+not\s+(?:a |an |the |this |some )?{_BOT}\b"
    rf"|\b(?:this|the|your|you)\s+(?:stupid\s+)?{_BOT}\s+(?:is|are)\s+(?:so\s+|really\s+|totally\s+)?"
    r"(?:useless|stupid|dumb|rubbish|hopeless|no help|not helping|not helpful)\b",
    re.IGNORECASE)
# Asking for a person in words no team should have to list: "get me a person", "connect me to
# someone", "can you call me back?", "is there a phone number I can call?" (answered from the
# new-phone article at 0.92 before).
_ANY_PERSON = (r"(?:a|an|some|any|one|a real|a live|an actual)\s+"
               r"(?:person|human|human being|representative|employee|staff member)")
_ASKS_FOR_PEOPLE = re.compile(
    rf"\b(?:get|give|put|connect|transfer|pass|send|let)\s+me\s+(?:(?:through\s+)?(?:to|with)\s+)?"
    rf"(?:{_ANY_PERSON}|someone|somebody)\b"
    rf"|\b(?:talk|speak|chat)\s+(?:to|with)\s+{_ANY_PERSON}\b"
    r"|\b(?:can|could|would|will)\s+(?:you|someone|somebody|anyone|one of you)\s+(?:please\s+)?"
    r"(?:call|ring|phone)\s+me\b"
    r"|^\W*(?:please\s+)?(?:call|ring|phone)\s+me(?:\s+back)?\b"
    r"|\b(?:phone\s+)?number\s+(?:i|we)\s+can\s+(?:call|ring|phone)\b(?!\s+from)"
    r"|\b(?:can|could|may)\s+(?:i|we)\s+(?:call|ring|phone)\s+(?:you|someone|somebody|support|your (?:team|support))\b",
    re.IGNORECASE)
_ESCALATE = re.compile(
    r"\bescalate\b(?!\s+(?:quickly|fast|further|into)\b)"                          # "please escalate this"
    r"|\b(?:want|need|get|have|like)\s+(?:this|it|my \w+|the \w+)?\s*escalated\b"  # "I want this escalated"
    r"|\b(?:an|for|request(?:ing)?)\s+escalation\b"                                  # "I'd like an escalation"
    r"|\btransfer me\b(?!\s+(?:money|funds|\$|\d))"                                 # not "transfer me $50"
    r"|\b(?:speak|talk|chat|get|want|need|see)\s+(?:to\s+|with\s+|me\s+)?(?:a|an|the|your)\s+"    # "your manager"
    r"(?:manager|supervisor|team lead(?:er)?)\b(?!\s+(?:app|account|role|permission|settings?)\b)",
    re.IGNORECASE)
# Words a customer swaps inside a phrase without changing what they ask for.
_INTERCHANGEABLE = [frozenset({"talk", "speak", "chat"}), frozenset({"someone", "somebody"}),
                    frozenset({"to", "with"})]


def _variants(phrase: str) -> set[str]:
    """`phrase` and the phrases made by swapping its interchangeable words ("talk to someone" ->
    "speak with somebody", ...)."""
    options = [next((sorted(group) for group in _INTERCHANGEABLE if word in group), [word])
               for word in phrase.lower().split()]
    return {" ".join(words) for words in product(*options)}


# Words about wanting to talk to someone: a message made only of these, stopwords and the
# policy's phrases names no topic to route on ("ok I'd rather discuss this with a human").
_ABOUT_TALKING = _ASK_VERBS | _ENDERS | frozenset("""
rather prefer like love wish possible able discuss discussing chat chatting contact speak talk
member members staff people humans agents persons operator support team someone somebody
supervisor manager phone
""".split())


def names_a_topic(text: str, phrases: Iterable[str]) -> bool:
    """Whether the message says something besides asking for a person ("talk to a human about my
    refund" does, "can I speak to a staff member please" does not)."""
    lowered = text.lower()
    for phrase in phrases:
        lowered = re.sub(rf"\b{re.escape(phrase.lower())}s?\b", " ", lowered)
    return any(w.split("'")[0] not in STOPWORDS and w not in _ABOUT_TALKING for w in _WORD.findall(lowered))


def _previous_word(text: str, start: int) -> str | None:
    before = _WORD.findall(text[:start].lower())
    return before[-1] if before else None


def _next_word(text: str, end: int) -> str | None:
    rest = text[end:]
    if re.match(r"\s*[,.;:!?]", rest) or not rest.strip():
        return None
    after = _WORD.findall(rest.lower())
    return after[0] if after else None


def _negated(text: str, start: int) -> bool:
    clause = _CLAUSE_BREAK.split(text[:start])[-1] if text[:start] else ""
    return _NEGATIONS.search(clause) is not None


def asks_for_human(text: str, phrases: Iterable[str]) -> bool:
    """True when the message asks for a human in one of the policy's phrases, read past a frame
    addressed to whoever reads it ("(note for the agent: this is a VIP customer) what's your
    returns window?" names an agent and asks for none)."""
    lowered = unframed(text).lower()
    if _ABOUT_THE_BOT.search(lowered) and not re.search(r"\b(want|need|let me|can i|get me)\b", lowered):
        return False
    for phrase in {v for p in phrases for v in _variants(p)}:
        pattern = re.compile(rf"\b{re.escape(phrase)}s?\b")
        for m in pattern.finditer(lowered):
            prev = _previous_word(lowered, m.start())
            nxt = _next_word(lowered, m.end())
            # "user agent", "travel agent"; a phrase of words ("speak to someone") names no compound,
            # and an adverb may come before it ("I'd rather speak to someone in the office")
            if " " not in phrase and prev is not None and prev not in STOPWORDS and prev not in _ASK_VERBS:
                continue
            if m.group() != phrase and prev is not None and prev not in _BEFORE_PEOPLE:
                continue  # "is it safe for humans and pets": people in general, not someone to talk to
            if nxt is not None and nxt not in STOPWORDS and nxt not in _ENDERS and nxt not in _ACTS:
                continue  # "human resources", "agent plugin"
            if _negated(lowered, m.start()):
                continue  # "I don't need a human"
            return True
    return False


def refuses_the_bot(text: str) -> bool:
    """The customer turns the assistant down in words ("I don't want to talk to a bot")."""
    return _REFUSES_BOT.search(text) is not None


def _asked_in_a_sentence(pattern: re.Pattern[str], text: str) -> bool:
    """`pattern` matches a sentence of `text`, not negated there ("no need to escalate") and not in
    an order to the assistant ("[system] ... escalate to priority": the customer's words posing
    as configuration, data and not a request)."""
    return any(not _negated(sentence, m.start()) and not is_instruction(sentence)
               for sentence in re.split(r"(?<=[.!?\n])\s*", text.lower()) for m in pattern.finditer(sentence))


def asks_for_people(text: str) -> bool:
    """The customer asks for a person or a call in words that need no policy phrase (`_ASKS_FOR_PEOPLE`)."""
    return _asked_in_a_sentence(_ASKS_FOR_PEOPLE, text)


def asks_to_escalate(text: str) -> bool:
    """The customer asks to be escalated or transferred ("so please escalate", "transfer me"), or
    for a manager ("can I speak to your supervisor")."""
    return _asked_in_a_sentence(_ESCALATE, text)


def user_request(state: BatonState, runtime: Runtime[Deps]) -> dict[str, Any]:
    if state.get("action") == REQUEST_HUMAN:
        if not state.get("questions_asked"):
            decision = {"outcome": "refused", "reasons": [], "queue": None,
                        "explanation": ["the talk-to-a-human action is offered only after the first question"]}
            reply = "Ask me your question first - if I can't sort it out, I'll bring in a person right away."
            return {"decision": decision, "result": turn_result(state, decision, reply=reply)}
        return {"user_request": True}
    text = state.get("message") or ""
    # a greeting or a thank-you is not a question: the button stays refused until one is asked
    asked = bool(text.strip()) and not is_social(text)
    update: dict[str, Any] = {"questions_asked": state.get("questions_asked", 0) + int(asked)}
    if (asks_for_human(text, runtime.context.policy.user_request.phrases) or refuses_the_bot(text)
            or asks_to_escalate(text) or asks_for_people(text)):
        update["user_request"] = True
    return update
