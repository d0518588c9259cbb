"""Calendar references of a clause: dates at the precision written, and bounds ("after 1987")."""

from __future__ import annotations

import datetime
import re
from dataclasses import replace

from claimcheck import lexicon
from claimcheck.extract.slots import CASE_TWINS, words_of
from claimcheck.model import DateRef
from claimcheck.normalise import fold

MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)

YEAR = r"(?:1[5-9]\d\d|20\d\d)"
# The days of the week, in order: never placed as dates (a story spans days), but read as the
# day of the act next to them (facts.py) and as no one's name.
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# Dates in figures alone: an ISO date, or a year that is not a count or part of a figure.
NUMERIC = (
    rf"\b(?P<iy>{YEAR})-(?P<im>[01]\d)-(?P<id>[0-3]\d)\b"
    rf"|(?<![\w$€£.,-])(?P<y4>{YEAR})"
    r"(?![\w%-]|[.,]\d|\s*(?:million|billion|thousand|percent|per cent))"
)

DATE = re.compile(
    rf"(?<!\w)(?:\b(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m1>{MONTH}),?\s+(?P<y1>{YEAR})\b"
    rf"|\b(?P<m2>{MONTH})\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s*,?\s+(?P<y2>{YEAR})\b"
    rf"|\b(?P<m3>{MONTH})\s+(?:of\s+)?(?P<y3>{YEAR})\b"
    rf"|{NUMERIC})",
    re.IGNORECASE,
)
# DATE for a text that names no month, where only its numeric forms can match: several times
# quicker, as it does not try every spelling of every month at every position.
NUMERIC_DATE = re.compile(rf"(?<!\w)(?:{NUMERIC})", re.IGNORECASE)

# Every spelling of a month that MONTH matches, as words_of() finds them.
MONTH_WORDS = frozenset(
    "jan january feb february mar march apr april may jun june jul july aug august sep sept "
    "september oct october nov november dec december".split()
)

YEAR_HINT = re.compile(YEAR)

# A word before a date that turns it into a bound: "after 1987", "by the end of March 2020".
DATE_RELATION = re.compile(
    r"\b(before|after|by|since|until|till|prior to|no later than|earlier than|later than)\s+"
    r"(?:(?:the\s+)?(?:end|start|beginning|middle|spring|summer|autumn|fall|winter)\s+of\s+)?$",
    re.IGNORECASE,
)

# Words before a four-digit figure that make it a count ("about 2000 people").
COUNT_LEAD = re.compile(r"(?:about|around|over|than|nearly|some|least)\s+$")

RELATIONS = {
    "till": "until",
    "prior to": "before",
    "no later than": "by",
    "earlier than": "before",
    "later than": "after",
}


# Dates that need the day the article was written to be placed: a month and day with no year
# ("April 30", "the 27th of December"), a month or part of one ("in November", "mid May"), and a
# year or month named from the writing ("last year", "earlier this month"; "next year's primary"
# names the primary, not when the sentence's event happened). Weekdays and "yesterday" are left
# alone: a story spans days and its sentences name the days of its sub-events, so placed
# weekdays raised the false alarms on the BASIL tuning events from 3 to 13 (docs/rules/date.md).
YEARLESS = re.compile(
    rf"\b(?P<m>{MONTH})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?!\s*,?\s*(?:\d|{YEAR}))"
    rf"|\b(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{MONTH})(?![\w.]*,?\s+{YEAR})"
    rf"|\b(?P<part>early|mid|late|in|during|the\s+end\s+of|the\s+middle\s+of)[\s-]+"
    rf"(?P<m3>{MONTH})(?![\w.]*,?\s+(?:{YEAR}|\d))",
    re.IGNORECASE,
)
FROM_WRITING = re.compile(
    r"\b(?:(?:earlier|later)\s+)?(?P<which>last|this|next)\s+(?P<unit>year|month)\b(?![’']s)",
    re.IGNORECASE,
)


def dates(
    text: str, offset: int = 0, *, written: datetime.date | None = None
) -> list[tuple[DateRef, int, int]]:
    """Calendar references with their character ranges (shifted by `offset`); with `written`,
    the day the text was written, also those that it places ("April 30", "last year")."""
    found = _absolute(text, offset)
    if written is not None:
        taken = [(s - offset, e - offset) for _, s, e in found]
        found += [
            (ref, offset + s, offset + e)
            for ref, s, e in _placed(text, written)
            if not any(a < e and s < b for a, b in taken)
        ]
        found.sort(key=lambda item: item[1])
    return found


def _placed(text: str, written: datetime.date) -> list[tuple[DateRef, int, int]]:
    """The references of `text` that only the day of writing places."""
    months = lexicon.table("months")
    found: list[tuple[DateRef, int, int]] = []
    if may_name_month(text):
        for m in YEARLESS.finditer(text):
            g = m.groupdict()
            month_word = g["m"] or g["m2"] or g["m3"]
            if fold(month_word) == "may" and not month_word[0].isupper():
                continue  # "may 5" in lower case is a modal and a figure
            month = int(months[fold(month_word).rstrip(".")])
            day = g["d"] or g["d2"]
            ref = _near(m.group(0), month, int(day) if day else None, written)
            if ref is not None:
                found.append((ref, m.start(), m.end()))
    for m in FROM_WRITING.finditer(text):
        step = {"last": -1, "this": 0, "next": 1}[m.group("which").lower()]
        if m.group("unit").lower() == "year":
            ref = DateRef(m.group(0), written.year + step)
        else:
            index = written.year * 12 + written.month - 1 + step
            ref = DateRef(m.group(0), index // 12, index % 12 + 1)
        found.append((ref, m.start(), m.end()))
    return found


def _near(text: str, month: int, day: int | None, written: datetime.date) -> DateRef | None:
    """A month (and day) with no year, in the year that puts it nearest the day of writing."""
    options = [
        ref
        for year in (written.year - 1, written.year, written.year + 1)
        if _real_date(ref := DateRef(text, year, month, day))
    ]
    middle = written.toordinal()
    return min(options, key=lambda r: abs(sum(r.days()) / 2 - middle), default=None)


def written_on(date: str | None) -> datetime.date | None:
    """The day an article's date metadata names, when it gives a whole ISO day."""
    if not date:
        return None
    try:
        return datetime.date.fromisoformat(date[:10])
    except ValueError:
        return None


def _absolute(text: str, offset: int) -> list[tuple[DateRef, int, int]]:
    """The references that give their year."""
    months = lexicon.table("months")
    found: list[tuple[DateRef, int, int]] = []
    if not YEAR_HINT.search(text):
        return found  # every form below has a year
    for m in date_pattern(text).finditer(text):
        g = m.groupdict()
        if g["y4"]:
            if _looks_like_number(text, m.start(), m.end()) or _is_title(text, m.start(), m.end()):
                continue
            ref = DateRef(m.group(0), int(g["y4"]))
        elif g["iy"]:
            ref = DateRef(m.group(0), int(g["iy"]), int(g["im"]), int(g["id"]))
            if not ref.month or not ref.day or not _real_date(ref):
                continue  # "2001-02-30", "2001-00-10": no such day, so no date
        else:
            month = g["m1"] or g["m2"] or g["m3"]
            day = g["d1"] or g["d2"]
            year = g["y1"] or g["y2"] or g["y3"]
            month = fold(month)  # the pattern ignores case, so "Auguſt" (long s) matches too
            if month == "may" and not day and not g["m3"]:
                continue
            ref = DateRef(
                m.group(0),
                int(year),
                int(months[month.rstrip(".")]),
                int(day) if day else None,
            )
            if not _real_date(ref):
                continue
        relation = DATE_RELATION.search(text, max(0, m.start() - 40), m.start())
        if relation:
            ref = replace(
                ref, relation=RELATIONS.get(relation.group(1).lower(), relation.group(1).lower())
            )
        found.append((ref, offset + m.start(), offset + m.end()))
    return found


def date_pattern(text: str) -> re.Pattern[str]:
    """DATE, or NUMERIC_DATE for a text that names no month."""
    return DATE if may_name_month(text) else NUMERIC_DATE


def may_name_month(text: str) -> bool:
    """A cheap look before an expression that tries every spelling of every month at every
    position: a month that MONTH matches is a whole word of ASCII letters, which words_of()
    finds in a text with no character that matches an ASCII letter case-insensitively ("ſ",
    the long s, matches "s"). A text with one of those may name a month."""
    if text.isascii() or not CASE_TWINS.search(text):
        return not MONTH_WORDS.isdisjoint(words_of(text))
    return True


def _real_date(ref: DateRef) -> bool:
    """Day and month that a calendar has ("30 February" is not a date)."""
    try:
        datetime.date(ref.year, ref.month or 1, ref.day or 1)
    except ValueError:
        return False
    return True


def _looks_like_number(text: str, start: int, end: int) -> bool:
    """A four-digit figure used as a count ("2000 people"), not a year."""
    before = text[max(0, start - 12) : start].lower()
    return bool(COUNT_LEAD.search(before))


# A year that names a work ("the film “1917”", "the novel 1984", "*2012*"): quoted whole, or right
# after a word for a work.
WORK_BEFORE = re.compile(
    r"\b(?:film|movie|novel|album|song|book|play|documentary|series|show|opera|musical|record)"
    r"\s+[\"“‘'*_]?$",
    re.IGNORECASE,
)
QUOTED_AROUND = (("“", "”"), ('"', '"'), ("‘", "’"), ("*", "*"), ("_", "_"))


def _is_title(text: str, start: int, end: int) -> bool:
    """A bare year that is the title of a work, not a date."""
    if WORK_BEFORE.search(text[max(0, start - 16) : start]):
        return True
    around = (text[start - 1 : start], text[end : end + 1])
    return around in QUOTED_AROUND


def compatible(x: DateRef, y: DateRef) -> bool:
    """Dates agree when the days they allow meet: a year and a full date of that year agree,
    and so do "after 1987" and "9 January 1988"."""
    (x_first, x_last), (y_first, y_last) = x.days(), y.days()
    return x_first <= y_last and y_first <= x_last
