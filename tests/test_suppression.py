"""Markdown passages between claimcheck-disable and claimcheck-enable stay out of a comparison."""

from __future__ import annotations

from pathlib import Path

import claimcheck
from claimcheck.kinds import Kind

from .conftest import STORIES

DAILY = STORIES / "earnings-daily.md"
WIRE = STORIES / "earnings-wire.txt"


def quantities(report: claimcheck.Report) -> set[str]:
    return {
        q
        for f in report.findings
        if f.kind is Kind.CONTRADICTION
        for m in f.members
        for q in (x.text for x in m.claim.quantities)
    }


def test_suppressed_passage_is_not_compared() -> None:
    report = claimcheck.compare([DAILY, WIRE])
    assert not any("$9.9 billion" in c.quote for c in report.claims)
    assert "$9.9 billion" not in quantities(report)
    assert "$3.1 billion" in quantities(report)  # the unsuppressed figure still conflicts


def test_without_the_markers_the_passage_is_compared(tmp_path: Path) -> None:
    text = DAILY.read_text(encoding="utf-8")
    plain = tmp_path / "earnings-daily.md"
    plain.write_text(
        text.replace("<!-- claimcheck-disable -->\n", "").replace(
            "<!-- claimcheck-enable -->\n", ""
        ),
        encoding="utf-8",
    )
    report = claimcheck.compare([plain, WIRE])
    assert any("$9.9 billion" in c.quote for c in report.claims)
    assert "$9.9 billion" in quantities(report)
