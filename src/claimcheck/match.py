"""Alignment: how alike two claims are, which claims to compare, and the groups they form.

This is the only module that knows rapidfuzz. Candidate pairs come from an inverted index of
rare content stems, so the cost grows with the number of claims rather than its square.
"""

from __future__ import annotations

import heapq
import json
import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from rapidfuzz import fuzz

from claimcheck.normalise import Features, coverage, dice

FEATURE_NAMES = (
    "dice",
    "low",
    "high",
    "token_set",
    "token_sort",
    "ratio",
    "actors",
    "length",
    "numbers",
    "gram1_low",
    "gram1_high",
    "gram2_low",
    "gram2_high",
    "gram3_low",
    "gram3_high",
    "key3_low",
    "figures_unmatched",
)
FIGURES = 8  # figures (or their parts around a decimal point) on one side only, for a full signal


@cache
def model() -> dict[str, float]:
    """Coefficients of the match score, fitted offline (benchmarks/fit.py) and shipped as data."""
    text = resources.files("claimcheck").joinpath("lexicons", "match_model.json").read_text("utf-8")
    data: dict[str, float] = json.loads(text)["coefficients"]
    return data


def signals(a: Features, b: Features) -> dict[str, float]:
    """The measures the score combines, each in [0, 1]."""
    low, high = coverage(a, b)
    union = a.actors | b.actors
    return {
        "dice": dice(low, high),
        "low": low,
        "high": high,
        "token_set": fuzz.token_set_ratio(a.text, b.text) / 100,
        "token_sort": fuzz.token_sort_ratio(a.text, b.text) / 100,
        "ratio": fuzz.ratio(a.text, b.text) / 100,
        "actors": len(a.actors & b.actors) / len(union) if union else 0.5,
        "length": min(a.size, b.size) / max(a.size, b.size, 1),
        "numbers": _jaccard(a.numbers, b.numbers),
        **_grams(a, b),
        "key3_low": _low_share(a.key_trigrams, b.key_trigrams),
        "figures_unmatched": min(len(a.numbers ^ b.numbers) / FIGURES, 1.0),
    }


GRAM_NAMES = tuple((f"gram{n}_low", f"gram{n}_high") for n in (1, 2, 3))


def _grams(a: Features, b: Features) -> dict[str, float]:
    """Shared word 1-, 2- and 3-grams as a share of each side's (lower and higher share)."""
    out = {}
    for (low, high), ga, gb in zip(GRAM_NAMES, a.grams, b.grams, strict=True):
        shared = len(ga & gb)
        x, y = shared / max(len(ga), 1), shared / max(len(gb), 1)
        out[low], out[high] = (x, y) if x <= y else (y, x)
    return out


def _low_share(x: frozenset[int], y: frozenset[int]) -> float:
    """The lower of the shares of x found in y and of y found in x (0 when either is empty)."""
    return len(x & y) / max(len(x), len(y)) if x and y else 0.0


def _jaccard(x: frozenset[Any], y: frozenset[Any]) -> float:
    return len(x & y) / len(x | y) if x | y else 1.0


def similarity(a: Features, b: Features) -> float:
    """Probability-like score in [0, 1] that two claims say the same thing."""
    if not a.content or not b.content:
        return 0.0  # nothing to compare
    coefficients = model()
    measures = signals(a, b)
    z = coefficients["bias"] + sum([coefficients[name] * measures[name] for name in FEATURE_NAMES])
    return 1 / (1 + math.exp(-z))


@dataclass(frozen=True, slots=True)
class Index:
    """Inverted index of content stems over many claims, with inverse document frequencies."""

    features: Sequence[Features]
    groups: Sequence[str]  # which source each claim belongs to; pairs never stay inside one
    postings: dict[str, list[int]]
    idf: dict[str, float]

    @classmethod
    def build(
        cls, features: Sequence[Features], groups: Sequence[str], *, max_postings: int = 200
    ) -> Index:
        postings: dict[str, list[int]] = defaultdict(list)
        for number, feature in enumerate(features):
            for k in feature.content:
                postings[k].append(number)
        total = max(len(features), 1)
        idf = {k: math.log((1 + total) / (1 + len(p))) + 1 for k, p in postings.items()}
        kept = {k: p for k, p in postings.items() if len(p) <= max_postings}
        return cls(features, groups, kept, idf)

    def rare(self, share: float = 0.9) -> frozenset[str]:
        """Stems whose inverse document frequency reaches `share` of the mean: telling words."""
        mean = sum(self.idf.values()) / max(len(self.idf), 1)
        return frozenset(k for k, v in self.idf.items() if v >= share * mean)

    def candidates(self, number: int, limit: int) -> list[int]:
        """The `limit` claims of other sources sharing the most rare content with claim `number`."""
        feature = self.features[number]
        group = self.groups[number]
        scores: dict[int, float] = defaultdict(float)
        rare = sorted(
            (k for k in feature.content if k in self.postings), key=lambda k: -self.idf[k]
        )[:10]
        for k in rare:
            weight = self.idf[k]
            for other in self.postings[k]:
                if self.groups[other] != group:
                    scores[other] += weight
        needed = 1.5 * min((self.idf[k] for k in rare), default=0.0)
        best = heapq.nlargest(limit, ((s, -o) for o, s in scores.items() if s >= needed))
        return [-negated for _, negated in best]

    def pairs(self, limit: int) -> list[tuple[int, int]]:
        """Candidate pairs (i < j), each once, in a deterministic order."""
        found = {
            tuple(sorted((i, j)))
            for i in range(len(self.features))
            for j in self.candidates(i, limit)
        }
        return sorted(found)  # type: ignore[arg-type]


class Groups:
    """Union-find over claims where a group holds at most one claim per source."""

    def __init__(self, sources: Sequence[str]) -> None:
        self.parent = list(range(len(sources)))
        self.members: dict[int, dict[str, int]] = {i: {s: i} for i, s in enumerate(sources)}

    def find(self, item: int) -> int:
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def join(self, a: int, b: int, *, apart: dict[int, set[int]] | None = None) -> bool:
        """Merge the groups of a and b unless that would put two claims of one source together,
        or two claims that `apart` says contradict each other."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb or self.members[ra].keys() & self.members[rb].keys():
            return False
        if apart and any(
            apart.get(x, set()) & set(self.members[rb].values()) for x in self.members[ra].values()
        ):
            return False
        if len(self.members[ra]) < len(self.members[rb]):
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.members[ra].update(self.members.pop(rb))
        return True

    def groups(self) -> list[list[int]]:
        """Every group's claims, sorted, groups ordered by their first claim."""
        return sorted(
            sorted(m.values()) for root, m in self.members.items() if self.find(root) == root
        )
