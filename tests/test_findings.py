"""Findings: disputes between groups made contradictions, and the disputes that are none."""

from __future__ import annotations

from claimcheck.align import Edge
from claimcheck.extract import claim_of
from claimcheck.findings import findings_of
from claimcheck.grouping import Alignment
from claimcheck.judge import Judgement
from claimcheck.kinds import Kind, Relation
from claimcheck.match import Groups
from claimcheck.model import Conflict
from claimcheck.normalise import features
from claimcheck.settings import Settings

TEXTS = (
    ("a", "The order would shift $3.5 billion from military construction to the wall."),
    ("b", "The order diverts $3.6 billion from military construction projects to the wall."),
    ("a", "Trump requested $5.7 billion for the wall."),
    ("b", "Congress gave none of the $5.7 billion Trump demanded for the wall."),
)


def number(i: int, j: int, score: float) -> Edge:
    values = {"a": TEXTS[i][1].split()[4], "b": TEXTS[j][1].split()[3]}
    return Edge(i, j, Judgement(Relation.CONTRADICTION, score, Conflict("number", values), ""))


def kinds(edges: list[Edge], together: tuple[tuple[int, int], ...]) -> dict[Kind, list[set[str]]]:
    claims = [claim_of(text, source) for source, text in TEXTS]
    groups = Groups([c.article_id for c in claims])
    for i, j in together:
        groups.join(i, j)
    found = findings_of(
        claims, [features(c.text) for c in claims], Alignment(edges, groups, []), Settings()
    )
    out: dict[Kind, list[set[str]]] = {}
    for finding in found:
        out.setdefault(finding.kind, []).append({m.claim.text[:20] for m in finding.members})
    return out


def test_a_pair_whose_sources_give_both_values_does_not_join_a_dispute() -> None:
    # b gives $5.7 billion too: "$5.7 billion" against "$3.6 billion" speaks of two amounts,
    # and must not drag the "$3.5 billion" / "$3.6 billion" conflict down with it.
    found = kinds([number(0, 1, 0.25), number(2, 1, 0.1)], together=((2, 3),))
    assert found[Kind.CONTRADICTION] == [{TEXTS[0][1][:20], TEXTS[1][1][:20]}]
    assert len(found[Kind.AGREEMENT]) == 1


def test_sources_that_stand_on_both_sides_dispute_nothing() -> None:
    # Each source's claims are on both sides: whatever differs, it differs inside each source.
    polarity = Judgement(
        Relation.CONTRADICTION, 0.5, Conflict("polarity", {"a": "x", "b": "y"}), ""
    )
    found = kinds([Edge(0, 1, polarity)], together=((0, 3), (1, 2)))
    assert Kind.CONTRADICTION not in found
