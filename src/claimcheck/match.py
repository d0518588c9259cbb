"""Alignment: how alike two claims are, which claims to compare, and the groups they form.

This is the only module that knows rapidfuzz. Candidate pairs come from an inverted index of
rare content stems, so the cost grows with the number of claims rather than its square.
"""

from __future__ import annotations

import heapq
import json
import math
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from claimcheck import lexicon
from claimcheck.normalise import Features, dice, initials, key, ordered, shares

FEATURE_NAMES = (
    "dice",
    "low",
    "high",
    "exact_low",
    "exact_high",
    "unmatched_low",
    "unmatched_high",
    "token_set",
    "token_sort",
    "ratio",
    "partial",
    "words_ratio",
    "words_edit",
    "keys_edit",
    "length_gap",
    "actors",
    "length",
    "numbers",
    "gram1_low",
    "gram1_high",
    "gram2_low",
    "gram2_high",
    "gram3_low",
    "gram3_high",
    "key2_low",
    "key2_high",
    "key3_low",
    "figures_unmatched",
    "acronyms",
    "names_unmatched",
)
FIGURES = 8  # figures (or their parts around a decimal point) on one side only, for a full signal
UNMATCHED = 10  # content words on one side only, for a full signal
NAMES = 5  # names on one side only, for a full signal
LENGTH_GAP = 20  # difference in words, for a full signal


@dataclass(frozen=True, slots=True)
class Model:
    """A small neural network over the match signals: one hidden layer of rectified units and a
    logistic output. Fitted offline (benchmarks/fit.py) and shipped as data; the inputs'
    standardisation is folded into the hidden weights when it is loaded."""

    # Each hidden unit's input weights and bias, and the weight of its output: one tuple per
    # unit, so that scoring a pair walks a single sequence.
    units: tuple[tuple[tuple[float, ...], float, float], ...]
    bias: float

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Model:
        if tuple(data["features"]) != FEATURE_NAMES:
            raise ValueError("match_model.json was fitted on other signals: rerun fit.py")
        mean, scale = data["mean"], data["scale"]
        if len(scale) != len(FEATURE_NAMES):
            raise ValueError("match_model.json needs one weight per signal: rerun fit.py")
        units = []
        for weights, bias, out in zip(
            data["hidden"], data["hidden_bias"], data["output"], strict=True
        ):
            scaled = [w / s for w, s in zip(weights, scale, strict=True)]
            shift = sum(w * m for w, m in zip(scaled, mean, strict=True))
            units.append((tuple(scaled), bias - shift, out))
        return cls(tuple(units), data["output_bias"])

    def __call__(self, x: list[float]) -> float:
        z = self.bias
        for weights, bias, out in self.units:
            # A plain loop over zip(): compiled (setup.py), it multiplies machine floats, five
            # times quicker than sum(map(operator.mul, ...)). zip(strict=True) would not compile
            # so; from_json() checks one weight per signal, and signals() returns one per name.
            unit = bias
            for w, v in zip(weights, x):  # noqa: B905
                unit += w * v
            if unit > 0:  # rectified
                z += out * unit
        # Count signals have no upper bound (a 5,000-word claim against a short one), so z can
        # be huge; clamped, the logistic cannot overflow and stays 0 or 1 to many decimals.
        return 1 / (1 + math.exp(-max(-50.0, min(50.0, z))))


@cache
def model() -> Model:
    """The match model shipped in params/match_model.json."""
    text = resources.files("claimcheck").joinpath("params", "match_model.json").read_text("utf-8")
    return Model.from_json(json.loads(text))


@cache
def synonyms() -> dict[str, frozenset[str]]:
    """Word keys and the keys of their synonyms (lexicons/synonyms.txt, from WordNet)."""
    found: dict[str, set[str]] = defaultdict(set)
    for left, right in lexicon.pairs("synonyms"):
        a, b = key(left), key(right)
        if a != b:
            found[a].add(b)
            found[b].add(a)
    return {k: frozenset(v) for k, v in found.items()}


def signals(a: Features, b: Features) -> list[float]:
    """The measures the score combines, in the order of FEATURE_NAMES (a list rather than a
    mapping: the matcher scores every candidate pair). Shares and ratios lie in [0, 1]; counts
    (unmatched words and names, the length gap) are scaled to about that range and may exceed
    it, and the count of acronyms spelled out, rarely over 2, is left as it is."""
    # Written out rather than through dice(), shares() and a helper per pair of sets: the matcher
    # scores every pair, and the calls cost more than the arithmetic they would do, which is the
    # same here, operation for operation.
    content_a, content_b = a.content, b.content
    shared = content_a & content_b
    size_a, size_b = len(content_a) or 1, len(content_b) or 1
    exact = len(shared)
    found = exact + _synonyms(content_a - shared, content_b - shared)
    low, high = ordered(found / size_a, found / size_b)
    only_a, only_b = len(content_a) - exact, len(content_b) - exact
    actors_a, actors_b = a.actors, b.actors
    union = len(actors_a | actors_b)
    numbers_a, numbers_b = a.numbers, b.numbers
    either = len(numbers_a | numbers_b)
    measures = [
        2 * low * high / (low + high) if low + high else 0.0,  # dice(low, high)
        low,
        high,
        *ordered(exact / size_a, exact / size_b),
        min(only_a, only_b) / UNMATCHED,
        max(only_a, only_b) / UNMATCHED,
        fuzz.token_set_ratio(a.text, b.text) / 100,
        fuzz.ratio(a.sorted_text, b.sorted_text) / 100,  # token sort, the keys sorted once
        fuzz.ratio(a.text, b.text) / 100,
        fuzz.partial_ratio(a.text, b.text) / 100,
        fuzz.ratio(a.sentence, b.sentence) / 100,
        Levenshtein.normalized_similarity(a.words, b.words),
        Levenshtein.normalized_similarity(a.keys, b.keys),
        abs(len(a.words) - len(b.words)) / LENGTH_GAP,
        len(actors_a & actors_b) / union if union else 0.5,
        min(len(content_a), len(content_b)) / max(len(content_a), len(content_b), 1),
        len(numbers_a & numbers_b) / either if either else 1.0,  # their Jaccard overlap
    ]
    for x, y in zip((*a.grams, a.key_bigrams), (*b.grams, b.key_bigrams), strict=True):
        both = len(x & y)
        measures += ordered(both / (len(x) or 1), both / (len(y) or 1))
    measures += (
        _low_share(a.key_trigrams, b.key_trigrams),
        min(len(numbers_a ^ numbers_b) / FIGURES, 1.0),
        _spelled_out(a, b) + _spelled_out(b, a),
        max(len(a.names - content_b), len(b.names - content_a)) / NAMES,
    )
    return measures


def _spelled_out(a: Features, b: Features) -> int:
    """How many of a's acronyms b spells out ("SEC", "Securities and Exchange Commission") and
    does not also write as they are."""
    return len((a.acronyms - b.acronyms) & initials(b.written)) if a.acronyms else 0


def overlap(a: Features, b: Features) -> float:
    """The Dice overlap of two claims' content words, synonyms counted: the first signal, and a
    cheap test of whether a pair is worth scoring at all."""
    return dice(*_coverage(a, b, a.content & b.content))


def _coverage(a: Features, b: Features, shared: frozenset[str]) -> tuple[float, float]:
    """The lower and the higher share of each side's content found in the other, synonyms
    counted."""
    return shares(len(shared) + _synonyms(a.content - shared, b.content - shared), a, b)


def _synonyms(left: frozenset[str], right: frozenset[str]) -> int:
    """How many of the left keys pair one-to-one with a synonym among the right keys."""
    if not right:
        return 0
    table = synonyms()
    # Keys without a synonym among the right keys find none: most pairs have no key left once
    # those are set aside, and the rest are paired in sorted order, one right key each.
    paired = [k for k in table.keys() & left if not table[k].isdisjoint(right)]
    if not paired:
        return 0
    free = set(right)
    found = 0
    for k in sorted(paired):
        hits = table[k] & free
        if hits:
            free.discard(min(hits))
            found += 1
    return found


def _low_share(x: frozenset[int], y: frozenset[int]) -> float:
    """The lower of the shares of x found in y and of y found in x (0 when either is empty)."""
    return len(x & y) / max(len(x), len(y)) if x and y else 0.0


def similarity(a: Features, b: Features) -> float:
    """Probability-like score in [0, 1] that two claims say the same thing."""
    if not a.content or not b.content:
        return 0.0  # nothing to compare
    return model()(signals(a, b))


def repeats(items: Sequence[Hashable]) -> tuple[list[int], list[bool]]:
    """For each item the number of the first item equal to it, and whether another equals it."""
    first: dict[Hashable, int] = {}
    same = [first.setdefault(item, n) for n, item in enumerate(items)]
    counts = Counter(same)
    return same, [counts[k] > 1 for k in same]


class Scores:
    """similarity() of a story's claims by their numbers, each ordered pair of equal features
    scored once: near-copies repeat one sentence in many sources, and the groups' cohesion asks
    again for pairs the candidates scored (a float a pair, kept for the story)."""

    def __init__(self, feats: Sequence[Features]) -> None:
        self.feats = feats
        self.same = repeats(feats)[0]
        self.known: dict[tuple[int, int], float] = {}

    def __call__(self, i: int, j: int) -> float:
        pair = (self.same[i], self.same[j])
        score = self.known.get(pair)
        if score is None:
            score = self.known[pair] = similarity(self.feats[i], self.feats[j])
        return score


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

    def telling(self, per_source: int = 2) -> frozenset[str]:
        """Stems found in at most `per_source` claims per source: words that pick out one fact of
        a story, where a story's name or subject runs through most of its claims."""
        most = per_source * len(set(self.groups))
        return frozenset(k for k, p in self.postings.items() if len(p) <= most)

    def candidates(self, number: int, limit: int) -> list[int]:
        """The `limit` claims of other sources sharing the most rare content with claim `number`."""
        idf = self.idf
        # Ties broken by the stem itself: a set's order changes with the hash seed of the process,
        # and the candidates, and so the report, must not.
        rare = sorted(
            (k for k in self.features[number].content if k in self.postings),
            key=lambda k: (-idf[k], k),
        )[:10]
        # Every claim sharing a stem is scored, and those of the claim's own source are left out
        # at the end, among the few that score enough: cheaper than a test at every addition.
        scores: dict[int, float] = {}
        get = scores.get
        for k in rare:
            weight = idf[k]
            for other in self.postings[k]:
                scores[other] = get(other, 0.0) + weight
        needed = 1.5 * min((idf[k] for k in rare), default=0.0)
        groups, group = self.groups, self.groups[number]
        best = heapq.nlargest(
            limit, [(s, -o) for o, s in scores.items() if s >= needed and groups[o] != group]
        )
        return [-negated for _, negated in best]

    def pairs(self, limit: int, step: Callable[[], None] | None = None) -> list[tuple[int, int]]:
        """Candidate pairs (i < j), each once, in a deterministic order; `step` is told of each
        claim whose candidates have been found."""
        found: set[tuple[int, int]] = set()
        for i in range(len(self.features)):
            found.update((i, j) if i < j else (j, i) for j in self.candidates(i, limit))
            if step is not None:
                step()
        return sorted(found)


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

    def join(
        self,
        a: int,
        b: int,
        *,
        apart: dict[int, set[int]] | None = None,
        cohesion: Callable[[int, int], float] | None = None,
        floor: float = 0.0,
        together: Callable[[int, int], bool] | None = None,
    ) -> bool:
        """Merge the groups of a and b unless that would put two claims of one source together,
        or two claims that `apart` says contradict each other, or two that `together` says
        cannot stand in one group, or, with `cohesion`, when the claims of the two groups score
        less than `floor` on average against each other."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb or self.members[ra].keys() & self.members[rb].keys():
            return False
        if apart and any(
            apart.get(x, set()) & set(self.members[rb].values()) for x in self.members[ra].values()
        ):
            return False
        if together and not all(
            together(x, y) for x in self.members[ra].values() for y in self.members[rb].values()
        ):
            return False
        if cohesion is not None and not self._cohesive(ra, rb, cohesion, floor):
            return False
        if len(self.members[ra]) < len(self.members[rb]):
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.members[ra].update(self.members.pop(rb))
        return True

    def _cohesive(
        self, ra: int, rb: int, cohesion: Callable[[int, int], float], floor: float
    ) -> bool:
        """Whether the claims of two groups score `floor` or more on average against each other;
        scores lie in [0, 1], so the sum stops as soon as it settles the question."""
        cross = [(x, y) for x in self.members[ra].values() for y in self.members[rb].values()]
        need, left, total = floor * len(cross), len(cross), 0.0
        for x, y in cross:
            total += cohesion(x, y)
            left -= 1
            if total >= need:
                return True
            if total + left < need:
                return False
        return False

    def groups(self) -> list[list[int]]:
        """Every group's claims, sorted, groups ordered by their first claim."""
        return sorted(
            sorted(m.values()) for root, m in self.members.items() if self.find(root) == root
        )
