"""How one party stands toward another, as a claim states it: "Russia was not an enemy of the
United States", "he viewed Russia as part of the West rather than an adversary" and "Russia
must be recognized as a non-enemy" all deny one hostile stance toward Russia. Two claims of
different sources that take one stance toward one party and name another party in common (who
holds or states it) state one fact, however few of their other words they share
(docs/rules/facts.md). The nouns of a stance are in lexicons/stances.txt.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Sequence
from functools import cache, lru_cache

from claimcheck import lexicon
from claimcheck.model import Claim

# Words between a party and its stance noun that deny the stance: "was not an enemy", "rather
# than an adversary", "a non-enemy".
DENIAL = re.compile(
    r"\b(?:not|never|no(?!\.\s*\d)|rather\s+than|instead\s+of)\b|\bnon-|n[’']t\b", re.I
)  # "No. 1" is a rank
# A stance noun says how one party stands toward another only as a predicate: after a copula,
# an "as", a verb of regarding or a contrast, within three words ("was not an enemy", "as a
# non-enemy", "be considered a potential ally", "rather than an adversary"); "Davis' friends"
# names people.
PREDICATE = re.compile(
    r"\b(?:is|was|were|are|be|been|being|become|becomes|became|becoming|remain|remains|"
    r"remained|as|considered|called|named|seen|viewed|regarded|than|not|never)\s+"
    r"(?:non-|[\w'’-]+\s+){0,3}(?:non-)?$",
    re.IGNORECASE,
)
# A stance more claims than this take is the story's theme, not one fact: it adds no candidates.
MAX_TAKERS = 20

Stance = tuple[str, str, bool]  # toward whom, which stance, denied


@cache
def _noun() -> re.Pattern[str]:
    nouns = "|".join(sorted(lexicon.table("stances"), key=len, reverse=True))
    return re.compile(rf"\b(?:{nouns})\b", re.IGNORECASE)


@lru_cache(maxsize=8192)
def stances(text: str, actors: tuple[str, ...], negated: bool) -> frozenset[Stance]:
    """The stances a claim takes, one per stance noun in it. A stance is toward the last name
    before its noun, or before the "as" that leads to it ("viewed Russia as part of the West
    rather than an adversary": Russia), and denied when a denial stands between the two. A
    negated claim whose denial stands elsewhere ("no interest in treating Russia as an equal
    partner") takes no stance that can be told. The text is read once for its names, its "as"
    and its denials, whatever its length."""
    nouns = list(_noun().finditer(text))
    if not nouns:  # most claims: their names need not be looked for
        return frozenset()
    table = lexicon.table("stances")
    named = sorted(
        (m.start(), m.end(), name)
        for name in actors
        for m in re.finditer(rf"\b{re.escape(name)}\b", text)
    )
    leads = [m.start() for m in re.finditer(r"\sas\s", text)]
    denials = [m.start() for m in DENIAL.finditer(text)]
    found = set()
    for match in nouns:
        if not PREDICATE.search(text, max(0, match.start() - 60), match.start()):
            continue
        lead = _last_before(leads, match.start())
        limit = lead if lead >= 0 else match.start()
        party = _last_name_before(named, limit)
        if party is None:
            continue
        at, toward = party
        denied = _any_between(denials, at, match.start())
        if negated and not denied:
            continue
        found.add((toward, table[match.group().lower()], denied))
    return frozenset(found)


def _last_before(starts: list[int], limit: int) -> int:
    """The last of the sorted positions before `limit`, or -1."""
    n = bisect.bisect_left(starts, limit)
    return starts[n - 1] if n else -1


def _last_name_before(named: list[tuple[int, int, str]], limit: int) -> tuple[int, str] | None:
    """The end and the name of the last name that starts before `limit` and ends by it."""
    n = bisect.bisect_left(named, (limit,))
    for _, end, name in reversed(named[max(0, n - 8) : n]):  # names overlap rarely
        if end <= limit:
            return end, name
    return None


def _any_between(starts: list[int], low: int, high: int) -> bool:
    """Whether a sorted position lies in [low, high)."""
    n = bisect.bisect_left(starts, low)
    return n < len(starts) and starts[n] < high


def _of(claim: Claim) -> frozenset[Stance]:
    return stances(claim.text, tuple(claim.actors), claim.negated)


def one_stance(a: Claim, b: Claim) -> Stance | None:
    """The stance two claims take toward one party when they name another party in common (who
    holds or states it), else None."""
    shared = set(a.actors) & set(b.actors)
    both = sorted(_of(a) & _of(b))
    return next((s for s in both if any(name != s[0] for name in shared)), None)


def nouns_of(claim: Claim, kind: str) -> str:
    """The nouns of one stance that a claim writes, as written: "enemy"."""
    table = lexicon.table("stances")
    found = dict.fromkeys(m.group() for m in _noun().finditer(claim.text))
    return ", ".join(n for n in found if table[n.lower()] == kind)


def stance_pairs(claims: Sequence[Claim]) -> set[tuple[int, int]]:
    """Pairs (i < j) of claims of different sources that take one stance toward one party:
    candidates the matcher's word overlap misses."""
    takers: dict[Stance, list[int]] = {}
    for n, claim in enumerate(claims):
        for stance in _of(claim):
            takers.setdefault(stance, []).append(n)
    return {
        (i, j)
        for numbers in takers.values()
        if len(numbers) <= MAX_TAKERS
        for i, j in itertools.combinations(numbers, 2)
        if claims[i].article_id != claims[j].article_id
    }
