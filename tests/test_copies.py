"""Copies among the sources count as one voice with their original (copies.py)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimcheck import compare, load
from claimcheck.copies import SKETCH, originals, resemblance, sketch
from claimcheck.load import from_text
from claimcheck.report.contract import to_dict

WIRE = (
    "The city council voted 7-2 on Tuesday to approve a $48 million budget for the coming year. "
    "Mayor Lena Ortiz said the plan protects libraries and parks while adding twelve officers. "
    "Councilman Ray Dunn, who voted against it, said the budget leaned too heavily on reserves. "
    "The new budget takes effect on July 1 after a final reading next month."
)


@pytest.fixture(scope="module")
def demo():
    articles, errors = load(["data/putin-nato-2001"])
    assert not errors
    return articles


@pytest.mark.parametrize("copies", [1, 20, 60])
def test_the_demo_findings_hold_with_every_article_copied(demo, copies: int) -> None:
    alone = to_dict(compare(demo))["findings"]
    more = list(demo)
    for n in range(copies):
        more += [replace(a, id=f"{a.id}-copy{n}", path=f"{a.path}.{n}") for a in demo]
    report = compare(more)
    assert to_dict(report)["findings"] == alone
    assert len(report.copies) == copies * len(demo)


def test_a_wire_story_with_small_edits_is_a_copy() -> None:
    edited = WIRE.replace("Mayor Lena Ortiz said", "Ortiz, the mayor, said")
    assert resemblance(sketch(WIRE), sketch(edited)) >= 0.7
    articles = [from_text(WIRE, path="a.txt"), from_text(edited, path="b.txt")]
    assert originals(articles) == {"b": "a"}


def test_another_story_on_the_same_topic_is_no_copy() -> None:
    other = (
        "The county board rejected a $51 million budget on Wednesday after a 4-3 vote. "
        "Board chair Sam Lee said the plan cut too deeply into road repairs and parks."
    )
    assert originals([from_text(WIRE, path="a.txt"), from_text(other, path="b.txt")]) == {}


def test_what_a_copy_changed_is_still_compared() -> None:
    updated = WIRE.replace("$48 million", "$84 million")
    report = compare([from_text(WIRE, path="a.txt"), from_text(updated, path="b.txt")])
    assert dict(report.copies) == {"b": "a"}
    (claim,) = [c for c in report.claims if c.article_id == "b"]
    assert "$84 million" in claim.quote
    assert to_dict(report)["sources"][1]["copy_of"] == "a"


def test_web_notices_alike_make_no_copy() -> None:
    notice = (
        "These crawls are part of an effort to archive pages as they are created and archive the "
        "pages that they refer to, so that as the pages that are referenced are changed or taken "
        "from the web, a link to the version that was live when the page was written will be "
        "preserved.\n\n"
    )
    five = from_text(notice + "Five people died in the fire on Monday.", path="five.txt")
    seven = from_text(notice + "Seven people died in the fire on Monday.", path="seven.txt")
    assert originals([five, seven]) == {}
    assert originals([five, from_text(five.text, path="again.txt")]) == {"again": "five"}


def _jaccard_of_sketches(x: tuple[int, ...], y: tuple[int, ...]) -> float:
    """The bottom-k estimate as its definition reads: of the SKETCH smallest hashes of the two
    sketches together, the share both hold."""
    if not x or not y:
        return 0.0
    union = sorted(set(x) | set(y))[:SKETCH]
    return sum(1 for h in union if h in set(x) & set(y)) / len(union)


sketches = st.lists(st.integers(0, 300), max_size=90).map(lambda h: tuple(sorted(set(h))[:SKETCH]))


@given(sketches, sketches, st.sampled_from([0.0, 0.3, 0.7, 0.95]))
def test_resemblance_is_the_bottom_k_estimate_or_nothing_under_least(
    x: tuple[int, ...], y: tuple[int, ...], least: float
) -> None:
    exact = _jaccard_of_sketches(x, y)
    found = resemblance(x, y, least)
    assert found == exact if exact >= least else found < least
