"""Where a claim puts one person or thing: "a college student in Seattle", "a student at Whatcom
Community College in Bellingham, Wash.". The town (and its region) is the value of a place fact
(facts.py); a venue ("at ...") may lie in any town and is part of what the fact is about.
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

from claimcheck import lexicon
from claimcheck.extract.resolve import country_of
from claimcheck.extract.segment import verb_form
from claimcheck.normalise import content_key

LOCATED = re.compile(
    r"\b(?P<noun>[a-z]{3,})\s+(?P<chain>(?:(?:in|at)\s+(?:the\s+)?[A-Z][\w'’.-]*"
    r"(?:\s+(?:of\s+)?[A-Z][\w'’.-]*)*(?:,\s+[A-Z][a-z]+\.?)?\s*)+)"
)
IN = re.compile(r"\bin\s+(?:the\s+)?")
VENUE = re.compile(r"\bat\s+")
NEXT_PLACE = re.compile(r"\s+(?:in|at)\s+")
# A region's short form keeps its dot ("Wash."); a sentence's last word does not.
SHORT_REGION = re.compile(r",\s+[A-Z][a-z]{1,4}\.$")


class Located(NamedTuple):
    """One person or thing, by its noun, placed in a town: the words of the whole chain of
    places ("at Whatcom Community College in Bellingham, Wash.") and the town as written."""

    noun: str
    chain: str
    place: str


def located(quote: str) -> list[Located]:
    """The towns a quote puts one person or thing in. A country, a capital or a seat of power
    ("in Washington") holds many towns and ties nothing down; so does a plural ("protesters in
    Boston"); a verb ("arrived in Dunmore") places an act, which the place rule compares on its
    day."""
    found = []
    for m in LOCATED.finditer(quote):
        noun, chain = m.group("noun"), m.group("chain").rstrip()
        place = _town_of(chain)
        if not place or _not_a_thing(noun):
            continue
        if not SHORT_REGION.search(place):
            place = place.rstrip(".")
        if country_of(town(place)) is None and town(place) not in _countries():
            found.append(Located(noun, chain, place))
    return found


def town(place: str) -> str:
    """A place's town, its region after a comma aside: "Bellingham" of "Bellingham, Wash."."""
    return place.split(",")[0].strip()


def _town_of(chain: str) -> str:
    """The town of a chain of places: the first "in" after its last venue, or its first "in"
    ("in Seattle at the Mercy Hospital": Seattle; "at Mercy Hospital in Dunmore in Lackawanna
    County": Dunmore), up to the next place."""
    venue = max((v.end() for v in VENUE.finditer(chain)), default=0)
    towns = list(IN.finditer(chain))
    first = next((t for t in towns if t.start() >= venue), towns[0] if towns else None)
    if first is None:
        return ""
    return NEXT_PLACE.split(chain[first.end() :], maxsplit=1)[0]


def _not_a_thing(noun: str) -> bool:
    """A plural ("nurses"; "witness" is one), a verb or no content word: nothing one place holds."""
    plural = noun.endswith("s") and not noun.endswith(("ss", "us", "is"))
    return plural or verb_form(noun) or not content_key(noun)


@cache
def _countries() -> frozenset[str]:
    """The countries that lexicons/places.txt names."""
    return frozenset(lexicon.table("places").values())
