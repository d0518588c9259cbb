"""The JSON report: the machine contract (schema claimcheck.report/2)."""

from __future__ import annotations

from collections.abc import Iterator

from claimcheck import jsonio
from claimcheck.model import Report
from claimcheck.report.contract import to_dict


def render(report: Report) -> str:
    return "".join(pieces(report))


def pieces(report: Report) -> Iterator[str]:
    """The JSON report in pieces of text, written as they come (report.pieces)."""
    yield from jsonio.pieces(to_dict(report, streamed=True), indent=2)
    yield "\n"
