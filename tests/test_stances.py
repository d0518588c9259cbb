"""How one party stands toward another (stances.py): one stance toward one party, told apart
from its denial, from a stance toward someone else and from a denial that stands elsewhere."""

from __future__ import annotations

import pytest

from claimcheck import compare
from claimcheck.extract import claim_of
from claimcheck.kinds import Kind
from claimcheck.load import from_text
from claimcheck.stances import one_stance

NOT_AN_ADVERSARY = "Mayor Ruth Ames said that Dunmore was not an adversary of the county."


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        # one denied hostile stance toward Dunmore, in other words
        (
            NOT_AN_ADVERSARY,
            "Mayor Ames described Dunmore as a neighbour rather than an enemy.",
            True,
        ),
        (NOT_AN_ADVERSARY, "Mayor Ames asked that Dunmore be treated as a non-enemy.", True),
        # the stance itself, not its denial
        (NOT_AN_ADVERSARY, "Mayor Ruth Ames said that Dunmore was an adversary.", False),
        # a stance toward another party
        (
            NOT_AN_ADVERSARY,
            "Mayor Ames described Bexley as a neighbour rather than an enemy.",
            False,
        ),
        # a negated claim whose denial stands before the party: no stance that can be told
        (
            "Mayor Ames had no interest in treating Dunmore as an equal partner.",
            "Mayor Ames said Dunmore could be a partner.",
            False,
        ),
        # a stance noun that names people, not how one party stands toward another
        (
            "Mayor Ruth Ames met Dunmore's friends from the county fair.",
            "Mayor Ruth Ames thanked Dunmore's friends at the county fair.",
            False,
        ),
        # one party alone in common: nobody who holds or states the stance
        (NOT_AN_ADVERSARY, "Dunmore was described as a neighbour rather than an enemy.", False),
    ],
)
def test_one_stance(a: str, b: str, same: bool) -> None:
    x, y = claim_of(a, "a"), claim_of(b, "b")
    assert (one_stance(x, y) is not None) is same and (one_stance(y, x) is not None) is same
    if same:
        assert one_stance(x, y) == ("Dunmore", "hostile", True)


def test_claims_of_one_stance_agree_however_few_words_they_share() -> None:
    a = from_text(
        "Council talks\n\nAt the hearing, the council relied on the fact that Mayor Ruth Ames "
        "had stated that Dunmore was not an adversary of the county.\n",
        path="a.txt",
    )
    b = from_text(
        "Hearing report\n\nAccording to the minutes, Mayor Ruth Ames said that she saw Dunmore "
        "as part of the region rather than an enemy.\n",
        path="b.txt",
    )
    report = compare([a, b])
    agreements = [f for f in report.findings if f.kind is Kind.AGREEMENT]
    assert len(agreements) == 1 and len(agreements[0].sources) == 2
    assert "Both deny one hostile stance toward Dunmore (“adversary” / “enemy”)" in (
        agreements[0].explanation
    )
    assert [f.kind for f in report.findings].count(Kind.SINGLE_SOURCE) == 0
