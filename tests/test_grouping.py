"""Grouping: judged pairs joined into groups, one claim per source, and the second groups."""

from __future__ import annotations

import dataclasses

from claimcheck.align import Edge
from claimcheck.extract import claim_of
from claimcheck.grouping import Alignment, grouped
from claimcheck.judge import Judgement
from claimcheck.kinds import Relation
from claimcheck.normalise import features
from claimcheck.settings import Settings

# One sentence of source a carries two facts; source b states each in a sentence of its own.
TEXTS = (
    ("a", "Harbor Freight Lines fired Dana Ruiz on Tuesday after auditors found $4 million gone."),
    ("b", "Harbor Freight Lines fired Dana Ruiz on Tuesday."),
    ("b", "Auditors found $4 million gone from the Harbor Freight Lines pension fund."),
)


def align(
    *edges: tuple[int, int, float],
    opposed: tuple[tuple[int, int], ...] = (),
    settings: Settings | None = None,
) -> Alignment:
    """The alignment of TEXTS from pairs judged equivalent at a score, and contradicting pairs."""
    claims = [claim_of(text, source) for source, text in TEXTS]
    feats = [features(c.text, c.actors) for c in claims]
    judged = [Edge(i, j, Judgement(Relation.EQUIVALENT, score, None, "")) for i, j, score in edges]
    judged += [Edge(i, j, Judgement(Relation.CONTRADICTION, 0.6, None, "")) for i, j in opposed]
    return grouped(claims, feats, judged, frozenset(), settings or Settings())


def test_a_group_holds_one_claim_per_source_and_a_firm_pair_forms_a_second_group() -> None:
    alignment = align((0, 1, 0.9), (0, 2, 0.6))
    assert sorted(map(sorted, alignment.groups.groups())) == [[0, 1], [2]]
    assert alignment.second == [[0, 2]]


def test_a_pair_below_the_second_score_forms_no_second_group() -> None:
    settings = dataclasses.replace(Settings(), second_score=0.7)
    assert align((0, 1, 0.9), (0, 2, 0.6), settings=settings).second == []


def test_groups_that_contradict_each_other_form_no_second_group() -> None:
    assert align((0, 1, 0.9), (0, 2, 0.6), opposed=((0, 2),)).second == []
