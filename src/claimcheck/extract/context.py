"""The date a sentence speaks of when it gives none of its own: its paragraph's, or that of the
event an earlier sentence dated and this one points back to ("During that exchange")."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from claimcheck import lexicon
from claimcheck.extract import resolve, slots
from claimcheck.model import DateRef


@cache
def _event_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A sentence that points back to an event ("During that exchange", "At the time"), and a
    date's event noun nearby ("a 2001 dialogue", "a conversation dated 6 April 2008"): the
    nouns of lexicons/event_nouns.txt."""
    event = rf"(?:{'|'.join(sorted(lexicon.words('event_nouns')))})s?"
    anaphor = rf"^(?:\S+\s+){{0,5}}?(?:that|the same|this|those|these|the)\s+(?:\w+\s+)?{event}\b"
    return re.compile(anaphor, re.IGNORECASE), re.compile(rf"\b{event}\b", re.IGNORECASE)


@dataclass(slots=True)
class Context:
    """What earlier sentences established: recent people and the date being spoken of."""

    recent: list[resolve.Entity] = field(default_factory=list)
    paragraph: int = -1
    paragraph_date: DateRef | None = None
    paragraph_years: set[int] = field(default_factory=set)
    event_date: DateRef | None = None


def context_date(
    sentence: str, own: list[tuple[DateRef, int, int]], context: Context, offset: int
) -> DateRef | None:
    """The date a sentence without one of its own inherits, and the context's update."""
    years = {d.year for d, _, _ in own}
    if own:
        best = max((d for d, _, _ in own), key=lambda d: (d.day is not None, d.month is not None))
        if len(years) == 1 and _dates_event(sentence, own, offset):
            context.event_date = best
        # A paragraph that speaks of two different years leaves later sentences undated.
        same = context.paragraph_years <= years and len(years) == 1
        context.paragraph_date = best if same else None
        context.paragraph_years |= years
        return None
    if slots.relative_time(sentence):
        return None  # "in the summer of last year" is not dated by its paragraph's 1999
    if context.paragraph_date is not None:
        return context.paragraph_date
    if context.event_date is not None and _event_patterns()[0].match(sentence):
        context.paragraph_date = context.event_date
        return context.event_date
    return None


def _dates_event(sentence: str, own: list[tuple[DateRef, int, int]], offset: int) -> bool:
    """True when a date stands within a few words of an event noun."""
    for _, start, end in own:
        window = sentence[max(0, start - offset - 40) : end - offset + 40]
        if _event_patterns()[1].search(window):
            return True
    return False
