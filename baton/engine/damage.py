"""Reports of physical damage ("the mug I got has a crack down the side") or of a thing at fault ("my
e-bike battery won't hold a charge anymore"): answered only from an article that speaks of damage or
trouble. An article about the product itself answers what it is, not what to do now it is cracked;
told as a report, the damage goes to a person unless an article covers it."""

from __future__ import annotations

import re

from baton.engine.kinds import PROBLEM, kind
from baton.kb import Article

# Words of physical damage, or of a thing at fault ("the rear hub is making a grinding noise and I
# think it's faulty": the bike set-up article, 0.56; "my e-bike battery won't hold a charge anymore":
# the battery-range article, 0.91). "broken" is left out: links, apps and logins break too, and an
# article on them answers those reports.
DAMAGE = re.compile(r"\b(?:damaged?|crack(?:ed|s)?|smashed|shattered|chipped|scratch(?:ed|es)?|dent(?:ed|s)?|torn|"
                    r"ripped|stained|snapped|leak(?:s|ed|ing)?|spilled|spilt|faulty|defective|"
                    r"won'?t (?:hold|keep|take) (?:a |its |any )?charge|(?:stopped|quit) working|no longer works)\b",
                    re.IGNORECASE)


def reports_damage(text: str) -> bool:
    """`text` reports damage: a problem report (`kinds.kind`) in words of damage (`DAMAGE`)."""
    return DAMAGE.search(text) is not None and kind(text) == "problem"


# An article may say it plainly: "Injuries and broken equipment" covers "the cable snapped".
_BROKEN = re.compile(r"\b(?:broken|broke|break(?:s|age|ages)?)\b", re.IGNORECASE)


def speaks_of_damage(article: Article) -> bool:
    """The article's title or example questions speak of damage or of any trouble (`kinds.PROBLEM`):
    "the QR code won't scan" covers a scratched code. What it is asked says what it is for; a body
    may name damage in passing ("keep it away from radiators, which crack solid wood")."""
    asked = " ".join((article.title, *article.questions))
    return (DAMAGE.search(asked) or _BROKEN.search(asked) or PROBLEM.search(asked.replace("?", ""))) is not None
