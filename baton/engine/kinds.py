"""What one piece of a customer message is: social, an ask for help with what was just said, context,
a request, a problem report or a bare statement (`kind`); plus the tells the split and the nodes
read from it: a resolution ("that worked"), a sign-off. Words addressed to the assistant are
in `instructions`.

Regular expressions and word lists on short texts, no model: `splitter` cuts a message into pieces,
this module says what each piece is.
"""

from __future__ import annotations

import re

from baton.engine.actions import orders_action
from baton.engine.instructions import unframed
from baton.engine.text import STOPWORDS, is_name, is_sign_off, words

# Verbs that start a second request after "and" ("... and get a refund"); words that are also
# common nouns in support talk (return, refund, order, ship) are left out on purpose.
REQUEST_VERBS = frozenset("""
get cancel change update reset track know see send add remove buy pay set turn connect install
delete upgrade downgrade exchange find fix use make tell help explain play show search give put
open start stop check remind schedule let describe list book rate recommend suggest compare define
display mark approve unban unblock unlock reinstate restore waive credit reverse grant activate reactivate apply
issue override
""".split())

SOCIAL = frozenset("""
hi hello hey hiya yo morning evening afternoon good thanks thank ty thx cheers appreciate appreciated
ok okay k kk cool great awesome perfect nice sure alright right yes yeah yep no nope sorry please
two three couple few things thing questions question quick also and btw so well oh um hmm lol
much lot lots again guys team there folks all you u much help need assistance
hola gracias muchas buenos buenas dias tardes noches merci beaucoup bonjour salut danke vielen dank hallo
obrigado obrigada ciao grazie mille
""".split())

RESOLVED = re.compile(
    r"\b((that|it|this) (worked|fixed it|helped|did it|solved it|did the trick)|it works( now)?|works now|"
    r"(it'?s|its|it is|everything'?s|everything is) (working|fixed|sorted|resolved)( now| again)?|working (now|again)|"
    r"(got|i'?m|i am) (back )?in(?![ \t]+(?!now\b)[a-z0-9])|all (good|set|sorted)|sorted( now)?|solved|fixed( it)?|problem solved|that'?s all|"
    r"got it( working)?|makes sense|perfect,? thanks|found it|figured it out|nevermind|nvm|that helps|"
    r"that answers (it|my question)|that'?s (exactly )?what i (needed|was looking for))\b", re.IGNORECASE)
# "that worked" says the topic is closed only when little else is said and nothing is asked:
# "I'm in Toronto, when will my package arrive" and "when will it be fixed" are requests.
RESOLVED_MAX_OTHER_WORDS = 3
RESOLVED_WITH_HOW_MAX_WORDS = 8
_HOW_FIXED = re.compile(r"^\W*(?:(?:ok|so|yes|yeah)\W+)?(?:i|we)\s+(?:\w+ed|did|tried|turned|reset|set|put|took|ran)\b"
                        r"|\b(?:after|once|since)\s+(?:i|we)\s+\w+", re.IGNORECASE)
_CONTRAST = re.compile(r"\b(?:but|however|though|except)\b\W+(?!thanks?\b|thank you\b|cheers\b)\w+", re.IGNORECASE)
# A question inside a run-on message, with no "?" or comma before it: "hi i got a new phone how do i
# get the app working again" was taken for "it's working again", and "great thanks where do i find
# my statements" and "thanks that worked what about my savings interest" for thanks alone: each
# got "Glad to help!" and its question was dropped.
_AUX_THEN_SUBJECT = (r"(?:do|does|did|can|could|should|would|will|is|are)\s+"
                     r"(?:i|we|you|u|it|they|my|our|the|this|that|there)")
# ... but not "you are the best": a subject before the verb makes a statement ("thank you" is none)
_SUBJECT_BEFORE = ("".join(rf"(?<!\b{w} )" for w in "i we it they that this there who".split())
                   + r"(?<!(?<!thank )\byou )")
_RUN_ON_QUESTION = re.compile(
    rf"\b(?:(?:how|what|whats|what's|when|where|why|which|who)\s+{_AUX_THEN_SUBJECT}"
    rf"|{_SUBJECT_BEFORE}{_AUX_THEN_SUBJECT}"
    r"|(?:what|how)\s+about\s+(?!it\b|that\b|this\b)\w+|how\s+(?:long|much|many|often|soon|quickly)"
    r"|(?:what|whats|what's|where|when|why|which|who)\s+(?:is|are|was|the|my|your)|any\s+(?:updates?|news|progress))\b",
    re.IGNORECASE)
# A question run on inside a sentence without its mark: "it still hasnt shipped when will it ship".
ASKS_INSIDE = re.compile(rf"\b(?:how|what|whats|what's|when|where|why|which)\s+{_AUX_THEN_SUBJECT}\b", re.IGNORECASE)
# Thanks with a few words around it and nothing asked ("ok got the invoice, thanks") closes a
# topic; longer messages that thank are judged on their other words.
GRATITUDE = re.compile(r"\b(thanks|thank (you|u)|ty|thx|cheers|appreciate(d| it)?|gracias|merci|danke|obrigad[oa]|"
                       r"grazie)\b"
                       # British "ta", alone or after a comma, ending the message ("perfect, ta"), not "my TA"
                       r"|(?:^|,)\s*ta(?:\s+(?:very much|muchly|mate|love))?\W*$", re.IGNORECASE)
GRATITUDE_MAX_WORDS = 8
_THANKED_FOR = re.compile(r"\bfor (all )?(your|the) (help|assistance|time)\b", re.IGNORECASE)
# what keeps a thank-you open: sarcasm, "still", "but", negations typed without an apostrophe
_NOT_DONE = re.compile(r"\b(for nothing|still|but|though|however|yet|dont|doesnt|didnt|isnt|arent|wasnt|"
                       r"werent|hasnt|havent|hadnt|cant|wont|wouldnt|couldnt|shouldnt)\b", re.IGNORECASE)

CONTEXT = re.compile(
    # after a greeting to the team, if any ("Hey team! We're a 15 person agency on the Pro plan.")
    r"^\W*(?:(?:hi|hey|hello|dear)\b[^.!?,\n]{0,25}[.!?,\n]+\s*)?"
    r"(?:(fyi|for context|just so you know|i'?m (on|using|in|at|from)|i am (on|using|in|at|from)|"
    r"we'?re (on|using|in|at|from)|we are (on|using|in|at|from)|"
    r"i use|we use|i live|we live|my (wifi|network|router|phone|plan|account) is|i have (a|an|the) \w+ plan)\b"
    # who they are, and nothing more: "I'm a long-time customer.", "we are a charity"
    r"|(i'?m|i am|we'?re|we are) (an? |the )[\w -]{0,30}\b(on (the|a|an) [\w -]{1,20} plan|customers?|users?|members?|"
    r"subscribers?|clients?|team|company|business|agency|school|charity)\W*$"
    # ... or what they are and do: "we're a small webshop on Shopify sending about 80 orders a month"
    r"|(i'?m|i am|we'?re|we are) an? (?!(bit|little|lot|few|couple)\b)"
    r"(?![^?]*\b(want|need|like|love|hop|wonder|looking)\w*\b)"
    r"[\w-]+\b[^?]*$"
    # what they own or run, and nothing more: "I own a restaurant", "we run a small bakery"
    r"|(i|we) (own|run|manage|operate) (an?|the|my|our) [\w' -]{1,40}?\W*$)",
    re.IGNORECASE)
# The customer denying a step of their own ("I never upgraded.", "we didn't order this", "I haven't
# used it"): why a charge or a change is wrong, the context of what it sits next to. Cut off, "I never
# upgraded." was answered with the how-to-upgrade article (0.79) beside the charge it disputes.
# What did not happen to them ("I never received my refund") is a problem of its own.
DENIAL = re.compile(
    r"^\W*(?:(?:but|and|so|also|because|as)\s+)?(?:i|we)\s+(?:never|didn'?t|didnt|did not|haven'?t|havent|have not)\s+"
    r"(?:ever\s+|even\s+|actually\s+)?(?:upgrad|order|sign|subscrib|buy|bought|purchas|authori[sz]|agree|"
    r"used?\b|request|book|renew|approv|consent|join|regist|creat|add|chang|activat|install|download|click|select|"
    r"cho)[^?]*$",
    re.IGNORECASE)
# When something is, and nothing more ("payday is tomorrow", "my flight is on Friday", "the renewal
# is due next week"): the deadline the request beside it runs against. Cut off, "PAYDAY IS TOMORROW"
# was answered with how to change the payday (0.78) beside the login question it hurried.
WHEN_IT_IS = re.compile(
    r"^\W*(?:(?:the|my|our|your|his|her|their)\s+)?(?:[\w'-]+\s+){0,2}?[\w'-]+\s+(?:is|are|was|'s)\s+(?:due\s+)?"
    r"(?:(?:on|this|next)\s+)?(?:today|tonight|tomorrow|(?:mon|tues|wednes|thurs|fri|satur|sun)day|week|month|"
    r"weekend|in (?:a|an|one|two|three|four|five|\d+) (?:hours?|days?|weeks?))\b[\s.!]*$", re.IGNORECASE)
# Plans that changed ("plans changed, I won't need the car anymore", "we no longer need the second
# seat"): why the customer asks what they ask, not a problem of its own (cut off, handed off at 0.19).
NO_LONGER_NEEDED = re.compile(r"^[^?]*\b(?:i|we)\s+(?:won'?t|wont|will not|don'?t|dont|do not|no longer)\s+"
                              r"(?:need|want|use)\b[^?]*\b(?:any ?more|any longer)\b[^?]*$"
                              r"|^[^?]*\b(?:i|we)\s+no longer\s+(?:need|want|use)\b[^?]*$", re.IGNORECASE)
# Where the customer won't be ("I won't be able to call", "we're not home on friday"): a
# circumstance, not a problem of their own. After "I arrive around 11pm, is that a problem?" it was
# one, handed off at 0.20 beside the answer; a knowledge base sure of it still keeps it apart ("I
# won't be home on the delivery day" is a courier's question), as any statement setting the scene.
UNAVAILABLE = re.compile(r"^\W*(?:(?:but|and|so|also)\s+)?(?:i|we)\s*(?:won'?t|wont|will not|can'?t|cant|cannot|"
                         r"'?m not|am not|'?re not|are not)\s+(?:be\s+)?"
                         r"(?:able to (?:call|answer|come|attend|make it|pick (?:it )?up|collect|sign for|receive|"
                         r"reply|talk)|"
                         r"home|in|there|around|available|reachable|reached|at home|back)\b[^?]*$", re.IGNORECASE)
_LIMB = r"(?:leg|arm|wrist|ankle|foot|hand|hip|nose|finger|toe|back|collarbone|neck|rib|jaw|elbow|knee)s?\b"
PROBLEM = re.compile(
    r"n't|\b(?:is|was|are|were|has|have|had|does|do|did|could|would|should)nt\b"  # typed without the apostrophe
    r"|\b(not|never|no longer|broken|error|fail\w*|problem|issue|stuck|can'?t|won'?t|wrong|damaged|missing|lost|"
    r"forgot(?:ten)?|late(?!\s+(?:at night|in the (?:evening|afternoon|morning|day)|(?:last |at |that |this )?night|"
    r"evening|afternoon|morning)\b)|declined|offline|overcharged|stopped|keeps|cracked|dead|blinking|flashing|"
    r"disconnect\w*|crash\w*|freez\w*|unable|hacked|compromised|smashed|scratch(?:ed|es)?|dent(?:ed|s)?|cracks?|shattered|"
    r"snapped|chipped|faulty|defective|malfunction\w*|noisy|squeak(?:s|ing|y)?|rattl(?:es|ing)|"
    # a noise told as a fault: "the rear hub is making a grinding noise"
    r"(?:grinding|clicking|rattling|squeaking|squealing|knocking|buzzing|whining|banging|strange|weird|funny|loud)"
    r"\s+nois(?:e|es)|"
    r"torn|ripped|stained|ruined|spilled|spilt|leak\w*|"
    # "broke the handle", not "I'm broke" nor "I broke my leg" (the story behind a request)
    rf"(?<!'m )(?<!\bam )(?<!'re )(?<!\bare )(?<!\bflat )broke(?!\s+(?:my|his|her|their|our)\s+{_LIMB})|"
    r"(?<!\ba )(?<!\breal )pain|painful|hurts?|hurting|aches?|aching|sore|bleeding|swollen|swelling|agony|throbbing|"
    r"infected)\b|\?"
    # billed more than once: a problem in plain words ("I was charged twice for December")
    r"|\b(?:charged|billed|debited|taken|paid)\s+(?:\w+\s+)?(?:twice|two times|double|three times)\b"
    r"|\b(?:double|duplicate)[- ]?(?:charged|billed|charges?|payments?)\b", re.IGNORECASE)
# Words that open a sentence without saying anything ("Anyway how do I reset my password").
_OPENERS = r"(?:(?:ok|okay|so|well|anyway|anyways|and|but|btw|also|plus|um|uh|alright|right|oh)\W+)*"
# Where the customer has to be ("I need to go out in the afternoon", "I have to leave for work at 8"): why
# they ask what they ask, not a request (after "what time will my delivery be tomorrow?" it was one,
# handed off at 0.18).
_ON_MY_WAY = (r"\s+(?:go (?:out|away|to work|abroad|on holiday|into hospital)|head out|work(?! out)|"
              r"leave (?:at|for|by|before|around|early|home|the house|work)|be (?:out|away|at work|home by))\b")
REQUEST = re.compile(
    rf"\?|^\W*{_OPENERS}(how|what|when|where|why|who|which|whats|can|could|would|will|should|do|does|did|is|are|am|"
    r"has|have|any|please)\b|^\W*(to|from|for|in|on|at|with|by|into)\s+(what|which|whom|where)\b|"
    rf"\b(i|we)\s*(just |really |only |still |also )?"
    rf"(want|'d like|would like|wanna|need(?!\s+to{_ON_MY_WAY})|have to(?!{_ON_MY_WAY}))\b|"
    # "I'd also like to know how to cancel": the adverb sits inside "I'd like"
    r"\b(i|we)(\s*'d|\s+would)\s+(also|just|really|still|only)\s+like\b|"
    r"\b(i'?m|i m|i am|we'?re|we are)\s+(looking for|trying to|hoping to|wondering)\b|"
    # an indirect question: "I wanted to ask whether the hub works with Alexa", "I was wondering if"
    r"(\b(i|we)\s+|(^|[,.;:!?])\W*)(just\s+)?(wanted|was hoping|were hoping)\s+to\s+"
    r"(ask|know|check|find out|confirm|see)\b|"
    r"\b(i|we)\s+(was|were)\s+wondering\b|"
    r"(^|[,.;:!?])\W*(just\s+)?(wondering|curious)\s+(if|whether|how|what|when|where|why)\b|"
    r"\b(help|tell me|let me know|show me)\b|"
    r"[,;:.!]\s*(how|what|what's|whats|when|where|why|which|can|could|would|will|should|do|does|is|are)\s+\w+",
    re.IGNORECASE)
# "I don't need a human." / "no need for an agent": about the handoff, not a request or a problem
# ("n't" would otherwise make it a problem report of its own).
_STAFF = (r"(?:human|person|agent|people|someone|somebody|representative|rep|operator|staff|advis[oe]r|"
          r"consultant|specialist|supervisor|manager|employee|colleague|call|callback)s?")
NO_HUMAN_WANTED = re.compile(
    rf"^\W*(?:(?:i|we)\s+)?(?:really\s+)?(?:don'?t|do\s+not|no)\s+(?:need|want)\b[^.?!,;]*\b{_STAFF}\W*$"
    rf"|^\W*no\s+need\s+(?:for|of)\b[^.?!,;]*\b{_STAFF}\W*$",
    re.IGNORECASE)


# Questions made of small words that still ask nothing about the case: courtesy, "are you
# there?", an offer to ask ("can you help me?"). Any other short question is about the case.
QUESTION_WORDS = frozenset("where when why what whats what's which how who".split())
SOCIAL_QUESTION = re.compile(
    r"^\W*(?:(?:hi|hello|hey|yo)\W+)*(?:how are (?:you|u)|how'?s it going|how do you do|what'?s up|are you (?:still )?there|"
    r"(?:is )?any(?:one|body) (?:there|here|around)|hello|hi|hey|(?:i )?need (?:some )?help|help|"
    r"(?:can|could|would) (?:you|u|someone|anyone) (?:please )?help(?: me| us)?(?: please)?|"
    r"can i ask (?:you )?(?:a|some|two|a few|a couple of) (?:quick )?questions?|"
    r"who (?:are|is) (?:you|this)|ok(?:ay)?|yes|no|sorry|really|thanks|thank you)\W*$",
    re.IGNORECASE)
# Leaving ("bye", "have a nice day", "no, that's all", "nothing else, thanks"): nothing to answer.
_PLEASANTRY = r"(?:ok(?:ay)?|alright|right|great|cool|perfect|thanks|thank you|thx|ty|no|nope|nah|cheers|you too|" \
              r"bye|for now|have a (?:nice|good|great|lovely) (?:day|one|evening|weekend|night)|take care)"
FAREWELL = re.compile(
    rf"^\W*(?:{_PLEASANTRY}\W+)*"
    r"(?:bye(?:\s*bye)?|good\s*bye|bye+|see (?:ya|you)(?: later| soon| then)?|cya|later|ttyl|take care|good night|"
    r"have a (?:nice|good|great|lovely) (?:day|one|evening|weekend|night)|nothing else|"
    r"(?:that'?s|that is|that was|that will be|that'?ll be) (?:it|all|everything)(?: for (?:now|today))?|"
    r"no (?:more|other|further) questions?|i'?m (?:good|fine|all set|ok|okay)(?: for now)?|all set|nah)"
    rf"(?:\W+{_PLEASANTRY})*\W*$",
    re.IGNORECASE)
# Asking whether a machine is answering ("are you a bot?", "am I talking to a real person?"): owed
# a straight answer, not a handoff, and no request for a person either.
ABOUT_THE_ASSISTANT = re.compile(
    r"^\W*(?:(?:hi|hello|hey|sorry|so|wait|quick question|just curious)\W+)*"
    r"(?:are (?:you|u)|r u|is (?:this|that)|am i (?:talking|chatting|speaking|writing) (?:to|with))\s+"
    r"(?:just )?(?:a |an )?(?:real |actual |live )?(?:bot|robot|chat ?bot|ai|a\.i\.|human|person|machine|computer|"
    r"automated|people|someone real)(?: or (?:a |an )?(?:real )?(?:bot|robot|ai|human|person|machine))?\W*$",
    re.IGNORECASE)
# Taking an answer on board without saying yet whether it worked ("sounds good", "ok I'll try that").
_ACK = (r"(?:sounds (?:good|great|easy)|will do|(?:i'?ll|i will|we'?ll|we will|let me|i'?m going to|gonna) "
        r"(?:try|do|check) (?:that|it|this|those)(?: now| later| tonight| tomorrow)?)")
ACKNOWLEDGEMENT = re.compile(
    rf"^\W*(?:(?:ok(?:ay)?|great|cool|thanks|alright|right)\W+)*{_ACK}"
    rf"(?:\W+(?:and\s+)?(?:{_ACK}|thanks|thank you|thx|cheers))*\W*$", re.IGNORECASE)
# A sentence that asks for help with whatever was just said ("Please advise.", "What should I
# do?", "Any ideas?", "can you look into it?"): a request, but never one of its own.
_LEAD = r"^\W*(?:(?:so|and|but|ok|okay|well|then|anyway|hi|hello|hey|pls|please)\W+)*"
_IT = r"(?:it|this|that|these|those)"
GENERIC_ASK = re.compile(
    _LEAD + r"(?:"
    rf"(?:please\s+)?(?:advise|confirm|assist|help|respond|reply|explain(?: {_IT})?|get back to (?:me|us)|"
    r"let (?:me|us) know|"
    rf"look into {_IT}|sort {_IT} out|fix(?: {_IT})?|check {_IT}|investigate(?: {_IT})?)"
    r"(?:\s+(?:asap|soon|quickly|urgently|me|us|out))*(?:\s+please)?"
    r"|(?:can|could|would|will)\s+(?:you|u|someone|anyone|somebody|one of you)\s+(?:please\s+)?"
    r"(?:help|assist|advise|check|look|sort|fix|explain|confirm|investigate)"
    rf"(?:\s+(?:me|us|{_IT}|with {_IT}|on {_IT}|out|into {_IT}|at {_IT}|please))*"
    r"(?:\s+(?:what'?s|what is|what went|what has|what) (?:going on|wrong|happened|happening))?"
    r"|what (?:should|can|do|shall|must) (?:i|we) (?:need to |have to )?do(?:\s+(?:now|next|then|about " + _IT + r"))?"
    r"|what (?:now|next|are my options|are the options|can be done|do you (?:suggest|recommend|advise)|"
    r"is going on|'?s going on|happened|do i do now|gives)"
    r"|what'?s (?:going on|next|happening|up with " + _IT + r")"
    r"|(?:is there |are there )?any (?:ideas?|suggestions?|advice|help|thoughts|tips|solutions?|fix|updates?|news|"
    r"support|assistance)(?: available)?"
    rf"(?:\s+(?:on|about|for|with) (?:{_IT}|me|us|her|him|them))?"
    rf"|(?:is there )?(?:anything|something) (?:i|we|you) can do(?:\s+about {_IT})?"
    r"|do (?:i|we) (?:need|have) to do anything(?: else)?"
    # "I'd like to know what you're going to do about it."
    r"|(?:(?:i'?d like|i would like|i want|i need) to know |tell me )?"
    r"what (?:are you|you'?re|you are|will you|you will) "
    rf"(?:going to |gonna )?do(?: about {_IT})?(?: now)?"
    rf"|how (?:do|can|should) (?:i|we) (?:fix|solve|sort|resolve) {_IT}(?: out)?"
    # what is wrong with what was just said: "... it keeps failing. What am I doing wrong??"
    r"|what (?:am i|are we) doing wrong|what (?:did|do) (?:i|we) do wrong"
    r"|(?:what'?s|what (?:is|could be|can be)) (?:wrong|the (?:problem|issue))"
    rf"(?:\s+(?:here|with {_IT}))?"
    # "Could you tell me what is happening?" after the story of a stuck parcel
    r"|(?:(?:can|could|would|will)\s+(?:you|u|someone)\s+(?:please\s+)?)?(?:please\s+)?tell (?:me|us) "
    r"(?:what(?:'?s| is| has| went)? (?:going on|happening|happened|wrong)|why)"
    r"|is (?:there )?(?:something|anything|a problem|an issue) (?:wrong )?(?:with|on) "
    rf"(?:{_IT}|my account|your (?:end|side))"
    r"|(?:i|we) (?:really )?(?:need|want|would like|'d like) (?:some |your )?(?:help|assistance|advice)"
    rf"(?: with {_IT})?(?: please)?"
    # a thank-you and a name may close it on the same line ("Please advise. Many thanks, Peter")
    r")(?:[\s,.!?]+(?:many |big |huge )?(?:thanks|thank you|thx|cheers|regards)(?: so much| in advance| a lot)?"
    r"(?:[\s,]+[\w'-]+(?:\s+[\w'-]+)?)?)?\W*$", re.IGNORECASE)


# The customer saying who they are ("Hi, I'm John from Acme", "this is Maria from Globex", "my
# name is jo smith", "Maria here"). After "I'm", "this is" or "it's" the name is in capitals and a
# greeting or a company comes with it: "This is Model A" and "I'm Locked Out" name no one.
_GREETING = r"(?i:hi|hello|hey|good (?:morning|afternoon|evening)|there)\W+"
_NAME = r"[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,2}"
_COMPANY = r"\s+(?i:from|at|with)\s+[\w&'.-]+(?:\s+[\w&'.-]+){0,2}"
_SELF = r"(?i:i'?m|i am|this is|it'?s)\s+"
INTRODUCTION = re.compile(
    rf"^\W*(?:(?:{_GREETING})+{_SELF}{_NAME}(?:{_COMPANY})?|{_SELF}{_NAME}{_COMPANY}"
    rf"|(?:{_GREETING})*(?i:my name is|my name's)\s+[\w'-]+(?:\s+[\w'-]+){{0,2}}(?:{_COMPANY})?"
    rf"|(?:{_GREETING})*{_NAME}\s+(?i:here)(?:{_COMPANY})?)\W*$")


# A greeting and whom it is addressed to ("Hello Roadly team", "Dear Sir or Madam", "Hi Anna", "Dear
# Harbour Inns"):
# on its own line it says nothing, and cut off it found an article (pickup documents, at 0.35+).
GREETING_LINE = re.compile(
    r"^\W*(?i:hi|hello|hey|dear|good (?:morning|afternoon|evening))\s+"
    r"(?:(?i:there|all|everyone|folks|guys|team|support|sir|madam|sir or madam|support team|"
    r"customer (?:service|support)(?: team)?)"
    r"|[A-Z][\w'&-]*(?:\s+[A-Z][\w'&-]*){0,2}(?:\s+(?i:team|support|customer service|customer support))?"
    r"|(?i:[\w'-]+\s+(?:team|support)))"
    r"[\s,.!:]*$")


def is_social(text: str) -> bool:
    """Greeting, introduction, farewell, thanks, acknowledgement, announcement, a question about the
    assistant or "I don't need a human": nothing to answer on its own."""
    toks = words(text)
    if not toks:
        return True
    if resolves(text) or NO_HUMAN_WANTED.search(text) or is_sign_off(text):
        return True
    if len(toks) <= GRATITUDE_MAX_WORDS and GRATITUDE.search(text):
        rest = _THANKED_FOR.sub("", text)
        if not (_NOT_DONE.search(rest) or PROBLEM.search(rest) or REQUEST.search(rest) or _RUN_ON_QUESTION.search(rest)
                or toks[0] in REQUEST_VERBS or _foreign_words(rest) >= FOREIGN_WORDS_SAY_MORE):
            return True
    if (SOCIAL_QUESTION.match(text) or ACKNOWLEDGEMENT.match(text) or ABOUT_THE_ASSISTANT.match(text)
            or FAREWELL.match(text) or GREETING_LINE.match(text)):
        return True
    if INTRODUCTION.match(text) and not PROBLEM.search(text):
        return True
    if "?" in text or toks[0] in QUESTION_WORDS:
        return False  # "where is it?", "how much?", "why?": short, but a question about the case
    return all(t in SOCIAL or t in STOPWORDS for t in toks)


def is_context(text: str) -> bool:
    """A statement of circumstances ("I'm on my office network", "I never upgraded") rather than a
    request."""
    return ((CONTEXT.search(text) is not None and PROBLEM.search(text) is None) or DENIAL.search(text) is not None
            or NO_LONGER_NEEDED.search(text) is not None or WHEN_IT_IS.search(text) is not None)


# A thank-you in another language says more than thanks when it holds this many words no English
# dictionary knows: "gracias, donde esta mi pedido" (where is my order) got "Glad to help!", while
# "obrigado pela ajuda" (two) and "merci pour votre aide" (one) are thanks.
FOREIGN_WORDS_SAY_MORE = 3


def _foreign_words(text: str) -> int:
    """How many words of `text` are neither social, stop words nor English."""
    others = [w for w in words(text) if w not in SOCIAL and w not in STOPWORDS and w.isalpha() and len(w) > 2]
    if len(others) < FOREIGN_WORDS_SAY_MORE:
        return len(others)  # too few to matter: no need to load the dictionary
    from baton.engine.spelling import english_words

    known = english_words()
    return sum(1 for w in others if w not in known)


def signs_off(text: str) -> bool:
    """Thanks or a goodbye and nothing more ("great, bye", "thanks!", "no that's all"): the customer
    is content with what they were told."""
    return is_social(text) and (FAREWELL.match(text) is not None or GRATITUDE.search(text) is not None)


def resolves(text: str) -> bool:
    """One clause saying it worked ("ok I'm in, thanks", "nvm figured it out"), asking and
    reporting nothing, with at most `RESOLVED_MAX_OTHER_WORDS` other words."""
    if not RESOLVED.search(text):
        return False
    rest = _THANKED_FOR.sub("", RESOLVED.sub(" ", text))
    if PROBLEM.search(rest):  # the rest, so that "problem solved" is no problem report
        return False
    if REQUEST.search(rest) or _RUN_ON_QUESTION.search(rest):
        return False
    if _CONTRAST.search(rest):  # "it's working now but the hub light is red" was thanked and dropped
        return False
    others = sum(1 for w in words(rest) if w not in SOCIAL and w not in STOPWORDS)
    # what fixed it may be said too ("its working now after I changed the wifi password")
    return others <= RESOLVED_MAX_OTHER_WORDS or (others <= RESOLVED_WITH_HOW_MAX_WORDS and _HOW_FIXED.search(rest)
                                                   is not None and not _NOT_DONE.search(rest))


def kind(text: str) -> str:
    """'social', 'ask' (help with what was just said: "Please advise."), 'context', 'request'
    (asks for something), 'problem' (reports one) or 'statement', read past a frame addressed to
    the assistant (`unframed`).

    Asking wins over context: "I live in an apartment, does the hub work without wifi" is a
    question with its context in front, not context alone."""
    text = unframed(text)
    if is_social(text):
        return "social"
    if GENERIC_ASK.match(text):
        return "ask"
    toks = words(text)
    if REQUEST.search(text) or (toks[:1] and toks[0] in REQUEST_VERBS) or orders_action(toks):
        return "request"
    if is_context(text):
        return "context"
    if UNAVAILABLE.search(text):
        return "statement"
    if PROBLEM.search(text):
        return "problem"
    return "statement"
