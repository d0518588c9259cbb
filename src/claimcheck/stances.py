"""How one party stands toward another, as a claim states it: "Russia was not an enemy of the
United States", "he viewed Russia as part of the West rather than an adversary" and "Russia
must be recognized as a non-enemy" all deny one hostile stance toward Russia. Two claims of
different sources that take one stance toward one party and name another party in common (who
holds or states it) state one fact, however few of their other words they share
(docs/rules/facts.md). The nouns of a stance are in lexicons/stances.txt.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from functools import cache, lru_cache

from claimcheck import lexicon
from claimcheck.model import Claim

# Words between a party and its stance noun that deny the stance: "was not an enemy", "rather
# than an adversary", "a non-enemy".
DENIAL = re.compile(r"\b(?:not|never|no|rather\s+than|instead\s+of)\b|\bnon-$|n[’']t\b", re.I)
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
    partner") takes no stance that can be told."""
    table = lexicon.table("stances")
    found = set()
    for match in _noun().finditer(text):
        before = text[: match.start()]
        lead = before.rfind(" as ")
        head = before[:lead] if lead >= 0 else before
        places = [(head.rfind(name), name) for name in actors if head.rfind(name) >= 0]
        if not places:
            continue
        at, toward = max(places)
        denied = DENIAL.search(before, at + len(toward)) is not None
        if negated and not denied:
            continue
        found.add((toward, table[match.group().lower()], denied))
    return frozenset(found)


def _of(claim: Claim) -> frozenset[Stance]:
    return stances(claim.text, tuple(claim.actors), claim.negated)


def one_stance(a: Claim, b: Claim) -> bool:
    """Whether two claims take one stance toward one party and name another party in common."""
    toward = {s[0] for s in _of(a) & _of(b)}
    return bool(toward) and any(name not in toward for name in set(a.actors) & set(b.actors))


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
