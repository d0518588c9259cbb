"""Grouping: the judged pairs of a story joined into groups of claims that say the same thing,
one claim per source, and the second groups of facts a sentence carries besides its own."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from claimcheck.align import Edge
from claimcheck.cores import consistent, core
from claimcheck.match import Groups, Scores
from claimcheck.model import Claim, Relation, Settings
from claimcheck.normalise import Features


@dataclass(frozen=True, slots=True)
class Alignment:
    """How a story's claims align: the judged pairs (best first), the groups they form, and
    the second groups, of claims that also stand in a group of their own."""

    edges: list[Edge]
    groups: Groups
    second: list[list[int]]


def grouped(
    claims: Sequence[Claim],
    feats: list[Features],
    edges: list[Edge],
    telling: frozenset[str],
    settings: Settings,
    *,
    similarity: Scores | None = None,
) -> Alignment:
    """The groups the aligned pairs form, best first, and the second groups (below);
    `similarity` gives the claims' match scores, made anew if None."""
    opposed: dict[int, set[int]] = {}
    for edge in edges:
        if edge.judgement.relation is Relation.CONTRADICTION:
            opposed.setdefault(edge.i, set()).add(edge.j)
            opposed.setdefault(edge.j, set()).add(edge.i)
    joining = _Joining(
        claims,
        feats,
        telling,
        settings,
        similarity or Scores(feats),
        {(e.i, e.j): e.judgement.similarity for e in edges},  # i < j
        opposed,
    )
    groups = Groups([c.article_id for c in claims])
    aligned = [
        e
        for e in edges
        if e.judgement.relation is Relation.EQUIVALENT
        and e.judgement.similarity >= settings.threshold
    ]
    for edge in aligned:
        if not edge.judgement.on_stance:
            joining.join(groups, edge)
    # A sentence of news carries several facts, and a group holds one claim per source: a pair
    # that aligned firmly but whose groups could not merge (each already holds a claim of the
    # other's source) forms a second group, on the fact it shares, unless their groups contradict
    # each other (the Soviet Union "applied" to join in 1954 / "was invited" to join in 1954).
    disputed = {(groups.find(i), groups.find(j)) for i, others in opposed.items() for j in others}
    second = Groups([c.article_id for c in claims])
    for edge in aligned:
        gi, gj = groups.find(edge.i), groups.find(edge.j)
        if gi != gj and (gi, gj) not in disputed and _firm(edge, settings):
            joining.join(second, edge)
    return Alignment(edges, groups, [g for g in second.groups() if len(g) > 1])


@dataclass(frozen=True, slots=True)
class _Joining:
    """What joining two claims' groups asks of them: how well they hang together (their pair's
    score, measured once), whether they can stand in one group, which pairs contradict. A
    record, not closures: compiled, closures that call each other share an environment that
    refers to them, a cycle that kept each story's features alive until the cyclic collector
    ran, and a process that froze what it held (compare.kept) kept them for good."""

    claims: Sequence[Claim]
    feats: list[Features]
    telling: frozenset[str]
    settings: Settings
    similarity: Scores
    scores: dict[tuple[int, int], float]
    opposed: dict[int, set[int]]

    def cohesion(self, x: int, y: int) -> float:
        pair = (x, y) if x < y else (y, x)
        if pair not in self.scores:
            score = self.similarity(x, y)
            claims, feats = self.claims, self.feats
            if score < self.settings.threshold and core(
                claims[x], feats[x], claims[y], feats[y], self.telling, score
            ):
                score = self.settings.threshold  # one fact's core scores as an aligned pair does
            self.scores[pair] = score
        return self.scores[pair]

    def holds(self, x: int, y: int) -> bool:
        claims, feats = self.claims, self.feats
        return consistent(claims[x], feats[x], claims[y], feats[y])

    def join(self, into: Groups, edge: Edge) -> None:
        floor = self.settings.threshold * self.settings.cohesion
        into.join(
            edge.i,
            edge.j,
            apart=self.opposed,
            cohesion=self.cohesion,
            floor=floor,
            together=self.holds,
        )


def _firm(edge: Edge, settings: Settings) -> bool:
    """A pair aligned firmly enough for a second group: its match score reaches `second_score`
    or, aligned on one fact's core, the core makes up `second_closeness` of the shorter claim's
    words."""
    judgement = edge.judgement
    if judgement.on_stance:
        return True  # one stance toward one party, with another party in common
    if judgement.on_core:  # its strength is the core's closeness (align._same_fact)
        return judgement.strength >= settings.second_closeness
    return judgement.similarity >= settings.second_score
