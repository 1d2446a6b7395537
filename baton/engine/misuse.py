"""What someone else did to the customer, or keeps doing to them ("someone changed my email", "one
of your customers is sending me spam emails"): a report of misuse, which the how-to article for that
action (`Index.asked_to_do`) must not answer. Pure functions of the text, like `narrative`'s.
"""

from __future__ import annotations

import re

from baton.engine.kinds import kind

# What someone else did to the customer's account or order ("someone changed my email", "somebody
# used my card", "my password was changed and it wasn't me"): a report of misuse, answered from the
# how-to article for that action at 0.94 ("how do I change my email"), the one thing it is not.
_SOMEONE = r"(?:someone|somebody|some one|a stranger|strangers|a hacker|hackers|an unknown person|other people)"
_DONE = r"(?:changed|used|logged|signed|accessed|bought|ordered|cancell?ed|added|removed|deleted|reset|booked|spent|" \
        r"transferred|withdrew|opened|hacked|got into|took)"
# ... or keeps doing to them: another of the company's customers ("one of your customers is sending
# me spam emails every day" got how to keep one's own emails out of spam, 0.96) or someone using
# what is theirs right now
_ANOTHER = rf"(?:{_SOMEONE}|another (?:customer|user|member|player|seller|buyer|driver|tenant|guest|client)|" \
           r"one of your \w+)"
_PESTERING = r"(?:sending|spamming|messag|e-?mail|texting|calling|ringing|phoning|harass|threaten|contacting|stalk|" \
             r"following|bother|scamming|abusing|insulting|blackmail)\w*\s+(?:me|us)\b"
_DOING = r"(?:using|logging|signing|accessing|spending|charging|ordering|booking)\b"
DONE_TO_THEM = re.compile(
    rf"\b{_SOMEONE}(?: else)?\s+(?:has\s+|have\s+|had\s+|just\s+)?{_DONE}\b"
    rf"|\b{_ANOTHER}(?: else)?\s+(?:is|are|keeps|has been|have been|won'?t stop|keeps on)\s+(?:{_PESTERING}|{_DOING})"
    rf"|\b(?:was|were|has been|have been|got|been)\s+{_DONE}\b.*\b(?:without|not by me|wasn'?t me|not me|"
    r"i didn'?t|i did not|i never)\b", re.IGNORECASE)


# An article about misuse says so in its title or questions: another's doing, someone at all ("Someone
# else is using my account"), a hack, fraud, a theft, abuse, or reporting someone.
_MISUSE = re.compile(rf"\b(?:{_SOMEONE}|hack\w*|fraud\w*|unauthori[sz]ed|stolen|scam\w*|not me|wasn'?t me|"
                     r"abus\w*|phishing|harass\w*|report(?:ing)? (?:a|an|someone|somebody)\b|"
                     r"without my (?:permission|knowledge|consent))\b", re.IGNORECASE)


def speaks_of_misuse(text: str) -> bool:
    """The text is about what someone else did to the customer (`_MISUSE`)."""
    return DONE_TO_THEM.search(text) is not None or _MISUSE.search(text) is not None


def reports_done_to_them(text: str) -> bool:
    """The piece reports an action someone else took, or keeps taking, on the customer or what is
    theirs (`DONE_TO_THEM`), asking nothing: the article on how to take that action is the one not to
    send them."""
    return DONE_TO_THEM.search(text) is not None and kind(text) != "request"
