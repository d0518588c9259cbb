"""The place rule: one act on one day at two places (docs/rules/place.md)."""

from __future__ import annotations

from functools import cache

from claimcheck.extract import dates
from claimcheck.judge import figures
from claimcheck.judge.base import Candidate, Found, Side, aligned, places
from claimcheck.model import Conflict
from claimcheck.normalise import key, words


def rule(a: Side, b: Side, rare: frozenset[str] | None, _: object) -> Found:
    """One act on one day at two places: "The mayor opened the new hospital in Marrowfield on
    Monday" / "... in Dunmore on Monday". The day must tie the two down (a weekday both write, or
    own dates that can both hold), as one story's events may happen in several places ("Rescue
    teams searched collapsed buildings in Arica" / "... in Arequipa")."""
    pa = places(a.claim.actors, a.claim.quote)
    pb = places(b.claim.actors, b.claim.quote)
    if not pa or not pb or pa & pb or a.claim.negated != b.claim.negated:
        return None
    own_a = [d for d in a.claim.dates if not d.inherited]
    own_b = [d for d in b.claim.dates if not d.inherited]
    if own_a and own_b:
        if not any(dates.compatible(x, y) for x in own_a for y in own_b):
            return None  # another day: the date rule's to judge
    elif not (a.features.content & b.features.content & _weekday_keys()):
        return None
    acting = (a.features.actors | b.features.actors) - pa - pb
    if acting and not (a.features.actors & b.features.actors) - pa - pb:
        return None  # other people acting: another event
    if figures.apart(a.claim.quantities, b.claim.quantities):
        return None  # "killed 14 people in Aceh" / "killed 40 people in Papua": two events
    wa, wb = _place_words(a, pa), _place_words(b, pb)
    return Candidate(
        Conflict("place", {a.label: wa, b.label: wb}),
        f"The same act at a different place: {wa} against {wb}.",
        aligned(a, b, drop=pa | pb),
    )


def _place_words(side: Side, keys: frozenset[str]) -> str:
    """The names a claim gives as its place, as written: "Bellingham, Wash."."""
    found = [n for n in side.claim.actors if any(key(w) in keys for w in words(n))]
    return ", ".join(found)


@cache
def _weekday_keys() -> frozenset[str]:
    return frozenset(key(day.lower()) for day in dates.WEEKDAYS)
