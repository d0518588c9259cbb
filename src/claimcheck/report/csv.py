"""One CSV row per claim of each finding, for spreadsheets, then one per input that could not be
read (kind `error`, the problem in `explanation`). Text cells that open like a formula get a
leading single quote, so that a spreadsheet shows them instead of running them (`csv_row`)."""

from __future__ import annotations

from collections.abc import Sequence

from claimcheck.model import Report
from claimcheck.output import csv_row

COLUMNS = (
    "finding",
    "kind",
    "topic",
    "slot",
    "value",
    "source",
    "path",
    "line",
    "start",
    "end",
    "quote",
    "text",
    "explanation",
)


def render(report: Report) -> str:
    """The rows; a report of several stories has a `story` column (its id) at the end."""
    several = len(report.stories) > 1
    return header(several) + rows(report, several) + error_rows(report.errors, several)


def header(several: bool) -> str:
    """The header row, with the `story` column when the report has `several` stories."""
    return csv_row((*COLUMNS, "story") if several else COLUMNS)


def rows(report: Report, several: bool) -> str:
    """The rows of the report's findings, one per claim: `claimcheck compare --format csv`
    has each story's made where the story was compared (report/digest.py)."""
    story_of = report.story_of() if several else {}
    lines = []
    for finding in report.findings:
        story = [story_of[finding.members[0].claim.article_id].id] if several else []
        for member in finding.members:
            claim = member.claim
            value = finding.conflict.values.get(claim.article_id, "") if finding.conflict else ""
            lines.append(
                csv_row(
                    [
                        finding.id,
                        finding.kind.value,
                        finding.topic,
                        finding.conflict.slot if finding.conflict else "",
                        value,
                        claim.article_id,
                        claim.path,
                        claim.span.line,
                        claim.span.start,
                        claim.span.end,
                        claim.quote,
                        claim.text,
                        finding.explanation,
                        *story,
                    ]
                )
            )
    return "".join(lines)


def error_rows(errors: Sequence[object], several: bool) -> str:
    """A row per error of the run: an input that could not be read, a story that failed."""
    lines = []
    for error in errors:
        row = {"kind": "error", "explanation": str(error)}
        lines.append(
            csv_row([*(row.get(column, "") for column in COLUMNS), *([""] if several else [])])
        )
    return "".join(lines)
