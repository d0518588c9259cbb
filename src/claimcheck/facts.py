"""Fact-level conflicts and the story's fact sheet: the dates, figures and offices held at the
time that claims give are compared fact by fact, even when the rest of their sentences says
different things (claims that share one fact's core align: cores.py).

Each claim's own dates, figures and offices held at the time are keyed by the words around them
and the claim's names: two sources' values of one fact meet in the story's fact sheet, and
conflict when they cannot both hold (docs/rules/facts.md).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from functools import cache
from typing import NamedTuple

from claimcheck import lexicon
from claimcheck.extract.dates import WEEKDAYS, compatible
from claimcheck.extract.resolve import CALENDAR
from claimcheck.judge.figures import (
    agree,
    comparable,
    near_words,
    own_figure,
)
from claimcheck.located import located, town
from claimcheck.model import Claim, DateRef, FactRow, Quantity
from claimcheck.normalise import NEGATORS, Features, content_key, key, text_keys


class Fact(NamedTuple):
    """A date, a figure or an office held at the time that a claim gives, with the words that
    say what it dates, counts or is ("term ends in 2019": end, term) and the names the claim
    speaks of."""

    claim: int
    slot: str  # date, day (a weekday), number or role
    context: frozenset[str]
    names: frozenset[str]
    dates: tuple[DateRef, ...] = ()  # a date, or a range's first and last date; a role's time
    quantity: Quantity | None = None
    role: str = ""  # an office held at the time ("assistant district attorney")
    day: str = ""  # a weekday, for slot "day": "Friday"
    act: frozenset[str] = frozenset()  # a weekday's context within ACT words; a place's noun
    place: str = ""  # a town or region, for slot "place": "Bellingham, Wash."

    @property
    def value(self) -> str:
        if self.quantity is not None:
            return self.quantity.text
        if self.role:
            return self.role
        if self.day:
            return self.day
        if self.place:
            return self.place
        return " to ".join(d.shown for d in self.dates)


# Words either side of a value that say what it is about, within its clause.
NEAR = 6
# Context words two facts must share to be about the same thing, besides a name of the claims.
SAME_FACT = 2
MAX_POSTINGS = 200
WORD = re.compile(r"[\w'’-]+")
# Two values of one fact that differ by more than this factor count two things ("about $200
# billion" and "$300"); the conflicts outlets make are near misses ("$5.6 billion", "$5.7 billion").
MAGNITUDE = 3.0
TIME_UNITS = frozenset(key(w) for w in "year month week day hour minute second".split())
CALENDAR_KEYS = frozenset(key(w) for w in CALENDAR)
WEEKDAY = re.compile(
    rf"\b(?:(?P<early>early|late)\s+)?(?P<day>{'|'.join(WEEKDAYS)})\b(?!s)"
    r"(?:\s+(?P<part>morning|afternoon|evening|night))?"
)
# A weekday dates the act next to it ("had to apologize Saturday for a Facebook post"): two
# weekdays are of one fact when a word within ACT words of each is the same, as a story's days
# are few and its acts many ("Trump on Saturday said ..." / "the counsel's statement Friday").
ACT = 3
ATTRIBUTIVE = re.compile(r"\b(?:the|a|an|his|her|its|their|this|that)\s+$", re.IGNORECASE)
RANGE = re.compile(r"^\s*(?:to|until|through|[-–])\s*$")


def facts_of(number: int, claim: Claim, f: Features) -> list[Fact]:
    """The dates (ranges kept whole: "from 1967 to 1979"), offices held at the time and figures
    a claim states itself."""
    names = (f.actors | f.names) - CALENDAR_KEYS  # "April 30" names a day, nobody
    found: list[Fact] = []
    own = [d for d in claim.dates if not d.inherited]
    ranges: list[tuple[DateRef, ...]] = []
    for d in own:
        if ranges and len(ranges[-1]) == 1 and _joined(claim.quote, ranges[-1][0].text, d.text):
            ranges[-1] = (ranges[-1][0], d)
        else:
            ranges.append((d,))
    for refs in ranges:
        if ATTRIBUTIVE.search(claim.quote[: max(claim.quote.find(refs[0].text), 0)]):
            continue  # "the 2016 presidential campaign" names which campaign; it dates nothing
        context = _context(claim.quote, refs[0].text, f, names)
        if len(refs) == 2 or len(context) >= SAME_FACT:
            found.append(Fact(number, "date", context, names, dates=refs))
    found += _roles(number, claim, names)
    found += _places(number, claim, f, names)
    for match in WEEKDAY.finditer(claim.quote):  # the day a story's events happened on
        day = match.group()
        # A quotation does not end what a weekday dates: "to join him “for a conference call”
        # Monday evening".
        context = _context(claim.quote, day, f, names, breaks=UNQUOTED)
        act = _context(claim.quote, day, f, names, width=ACT, breaks=UNQUOTED) - _speech_events()
        if len(context) >= SAME_FACT and act:
            found.append(Fact(number, "day", context, names, day=day, act=act))
    for q in claim.quantities:
        if not own_figure(claim, q) or (not q.unit.islower() and q.kind != "money"):
            continue  # only a figure of a thing counted ("pages", "votes"), or money
        if key(q.unit) in TIME_UNITS or (q.kind == "count" and q.value == 1):
            continue  # "two years ago", "one juror": how long or which one, not how many
        context = _context(claim.quote, q.text, f, names)
        if q.kind != "money":  # what is counted tells what the figure is of; a currency does not
            context |= {key(q.unit)}
        if len(context) >= SAME_FACT:
            found.append(Fact(number, "number", context, names, quantity=q))
    return found


# An office a person held when the claim's event happened: "Moore, then an assistant district
# attorney, first approached her", "then-deputy director Ann Lee". The office's words, its
# rank aside, say which office it is; its rank (lexicons/ranks.txt) is the value.
HELD_THEN = re.compile(
    r"\bthen(?:\s+(?:an?|the)\s+|-)(?P<role>[a-z][a-z-]*(?:\s+[a-z][a-z-]*){0,3}?)"
    r"(?=\s*(?:[,.;)—–]|\s(?:and|who|when|at|of|in|for)\b|\s+[A-Z]))"
)
# Office words that tie down nothing: "then a candidate", "then the leader".
ROLE_WORDS = 2


def _roles(number: int, claim: Claim, names: frozenset[str]) -> list[Fact]:
    """The offices a claim says its people held at the time, each keyed by its words."""
    ranks = lexicon.words("ranks")
    found = []
    for m in HELD_THEN.finditer(claim.quote):
        role = m.group("role")
        office = frozenset(content_key(w) for w in role.split() if w not in ranks) - {""}
        if names and len(office) >= ROLE_WORDS:
            own = tuple(d for d in claim.dates if not d.inherited)
            found.append(Fact(number, "role", office, names, dates=own, role=role))
    return found


def _places(number: int, claim: Claim, f: Features, names: frozenset[str]) -> list[Fact]:
    """The towns a claim puts one person or thing in (located.py), each keyed by the noun it
    locates, the words around it and the claim's other names."""
    found = []
    for one in located(claim.quote):
        keys = text_keys(one.place)
        # The venue's words tell what is placed too: "a student at Whatcom Community College".
        context = _context(claim.quote, one.place, f, names - text_keys(one.chain)) - keys
        others = names - keys
        if others and len(context) >= SAME_FACT:
            noun = frozenset({key(one.noun)})
            found.append(Fact(number, "place", context, others, act=noun, place=one.place))
    return found


def _rank(fact: Fact) -> frozenset[str]:
    return frozenset(w for w in fact.role.split() if w in lexicon.words("ranks"))


def _joined(quote: str, first: str, second: str) -> bool:
    at = quote.find(first)
    end = quote.find(second, at + len(first)) if at >= 0 else -1
    return end >= 0 and bool(RANGE.match(quote[at + len(first) : end]))


def _context(
    quote: str,
    value: str,
    f: Features,
    names: frozenset[str],
    width: int = NEAR,
    breaks: re.Pattern[str] | None = None,
) -> frozenset[str]:
    """Content stems within `width` words of `value` in its clause (`breaks` end it, CLAUSE by
    default), names and figures aside."""
    speech = lexicon.words("speech_verbs")
    near = near_words(quote, value, width, breaks or CLAUSE)
    value_keys = text_keys(value)
    return frozenset(
        k
        for w in near
        if w not in speech
        and not w[:1].isdigit()
        and (k := content_key(w))
        and k not in names
        and k not in value_keys
        and k not in DATE_WORDS
        and w not in NEGATORS
    )


CLAUSE = re.compile(r"[;:()“”\"]|,\s|\s(?:while|whereas|but|and|which|who|because)\s")
UNQUOTED = re.compile(r"[;:()]|,\s|\s(?:while|whereas|but|and|which|who|because)\s")
DATE_WORDS = frozenset(
    key(w)
    for w in "year years month day days week time early late mid last next this since".split()
)


def conflicting(x: Fact, y: Fact) -> bool:
    """Whether two facts about the same thing (_same_thing) give values that cannot both hold."""
    if x.role and y.role:  # one office at one time, at two ranks
        when = not x.dates or not y.dates or any(compatible(a, b) for a in x.dates for b in y.dates)
        return when and _rank(x) != _rank(y)
    if x.day and y.day:
        return _weekday(x.day) != _weekday(y.day) and not _overnight(x.day, y.day)
    if x.place and y.place:  # two towns; "Seattle" and "Seattle, Wash." are one
        return text_keys(town(x.place)).isdisjoint(text_keys(town(y.place)))
    if x.quantity is not None and y.quantity is not None:
        qx, qy = x.quantity, y.quantity
        if qx.kind != qy.kind or not comparable(qx, qy) or agree(qx, qy):
            return False
        low, high = sorted((abs(qx.value), abs(qy.value)))
        return high <= MAGNITUDE * low  # "22-point" and "6 points" are of two things
    return _dates_meet(x, y) is False


def _weekday(text: str) -> int:
    """The weekday (0 for Monday) of a WEEKDAY match; -1 for none."""
    found = WEEKDAY.search(text)
    return WEEKDAYS.index(found.group("day")) if found else -1


def _overnight(x: str, y: str) -> bool:
    """Whether two weekdays may be one night: "Saturday night" and "early Sunday morning"."""
    first, second = sorted((x, y), key=_weekday)
    if (_weekday(first), _weekday(second)) == (0, 6):
        first, second = second, first  # Sunday night, early Monday
    if (_weekday(second) - _weekday(first)) % 7 != 1:
        return False
    late = WEEKDAY.search(first)
    early = WEEKDAY.search(second)
    assert late is not None and early is not None
    return (
        late.group("part") in ("evening", "night")
        or late.group("early") == "late"
        or (early.group("early") == "early" or early.group("part") == "morning")
    )


@cache
def _speech_events() -> frozenset[str]:
    """Keys of the occasions a story's people speak on again and again (a press conference)."""
    return frozenset(key(w) for w in lexicon.words("speech_events"))


def _agreeing(x: Fact, y: Fact) -> bool:
    """Whether two facts about the same thing give values that both hold."""
    if x.role or y.role:
        return x.slot == y.slot and _rank(x) == _rank(y)
    if x.day or y.day:
        return _weekday(x.day) == _weekday(y.day)
    if x.place or y.place:
        return not text_keys(town(x.place)).isdisjoint(text_keys(town(y.place)))
    if x.quantity is not None and y.quantity is not None:
        return comparable(x.quantity, y.quantity) and agree(x.quantity, y.quantity)
    return _dates_meet(x, y) is True


def _dates_meet(x: Fact, y: Fact) -> bool | None:
    """Whether two dates (or two ranges, end by end) can both hold; None for a date against a
    range, which do not compare."""
    if len(x.dates) != len(y.dates):
        return None
    return all(compatible(a, b) for a, b in zip(x.dates, y.dates, strict=True))


def about(x: Fact, y: Fact) -> frozenset[str]:
    """What two facts of the same thing are about: their shared context words, else names."""
    return (x.context & y.context) or (x.names & y.names)


def _same_thing(x: Fact, y: Fact) -> bool:
    """Two facts of one kind about the same thing: a name of the claims in common (or no name
    on either side) and SAME_FACT context words, or for two date ranges ("served from 1967 to
    1979") the name alone; two offices are the same when their words, rank aside, are."""
    if x.slot != y.slot or not (x.names & y.names or (not x.names and not y.names)):
        return False
    if x.slot == "role":
        return x.context == y.context  # one office, its rank aside
    if x.slot == "day":
        return len(x.context & y.context) >= SAME_FACT and bool(x.act & y.act)
    if x.slot == "place":  # one noun, a name besides the places
        return (
            len(x.context & y.context) >= SAME_FACT and x.act == y.act and bool(x.names & y.names)
        )
    ranges = x.slot == "date" and len(x.dates) == len(y.dates) == 2
    return ranges or len(x.context & y.context) >= SAME_FACT


def fact_pairs(facts: list[Fact], sources: list[str]) -> list[tuple[int, int, bool]]:
    """Pairs of facts (indices) of different sources about the same thing, and whether they
    conflict: values that cannot both hold, where neither source also gives a value the other
    side agrees with (one source giving both values speaks of two things)."""
    by_key: dict[str, list[int]] = {}
    for n, fact in enumerate(facts):
        for k in fact.context | (fact.names if len(fact.dates) == 2 else frozenset()):
            by_key.setdefault(k, []).append(n)
    seen: set[tuple[int, int]] = set()
    same: list[tuple[int, int]] = []
    agreeing: dict[int, set[str]] = {}  # a fact, and the sources with a fact agreeing with it
    for k in sorted(by_key):
        postings = by_key[k]
        if len(postings) > MAX_POSTINGS:
            continue  # a word this common ties nothing down; rarer shared words still pair
        for i, j in itertools.combinations(postings, 2):
            if (i, j) in seen or sources[facts[i].claim] == sources[facts[j].claim]:
                continue
            seen.add((i, j))
            x, y = facts[i], facts[j]
            if _same_thing(x, y):
                same.append((i, j))
            # A value the other source also gives, of a thing described alike, tells that the
            # source speaks of two things, whoever its sentences name.
            if x.slot == y.slot and len(x.context & y.context) >= SAME_FACT and _agreeing(x, y):
                agreeing.setdefault(i, set()).add(sources[y.claim])
                agreeing.setdefault(j, set()).add(sources[x.claim])
    clashing = [(i, j) for i, j in same if conflicting(facts[i], facts[j])]
    clashes = {
        (i, j)
        for i, j in clashing
        if sources[facts[i].claim] not in agreeing.get(j, ())
        and sources[facts[j].claim] not in agreeing.get(i, ())
    }
    return [(i, j, (i, j) in clashes) for i, j in same]


def written(stems: list[str], text: str) -> list[str]:
    """Each stem as the claim writes it ("page" as "pages", "clinto" as "Clinton")."""
    spelled: dict[str, str] = {}
    for word in WORD.findall(text):
        spelled.setdefault(key(word.lower()), word)
    return [spelled.get(k, k) for k in stems]


def sheet(
    facts: list[Fact], pairs: list[tuple[int, int, bool]], claims: Sequence[Claim]
) -> list[FactRow]:
    """The story's fact sheet: each fact that more than one source gives, with every source's
    value and whether they agree, conflicts first."""
    parent = list(range(len(facts)))

    def find(n: int) -> int:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    for i, j, _ in pairs:
        parent[find(i)] = find(j)
    rows: dict[int, dict[int, None]] = {}  # each row's facts, in order, once
    for i, j, _ in pairs:
        for n in (i, j):
            rows.setdefault(find(n), {})[n] = None
    clashes = {find(i) for i, _, clash in pairs if clash}
    topic = {find(i): about(facts[i], facts[j]) for i, j, _ in reversed(pairs)}
    found = []
    for root, row in rows.items():
        members = list(row)
        values: dict[str, list[str]] = {}
        for n in sorted(members, key=lambda n: facts[n].claim):
            seen = values.setdefault(claims[facts[n].claim].article_id, [])
            if facts[n].value not in seen:
                seen.append(facts[n].value)
        first = claims[facts[members[0]].claim].text
        found.append(
            FactRow(
                about=", ".join(written(sorted(topic[root]), first)) or facts[members[0]].slot,
                slot=facts[members[0]].slot,
                values={s: " and ".join(v) for s, v in values.items()},
                conflict=root in clashes,
                claims=tuple(claims[facts[n].claim].id for n in sorted(members)),
            )
        )
    found.sort(key=lambda row: (not row.conflict, row.claims))
    return found
