"""One CSV row per claim of each finding, for spreadsheets, then one per input that could not be
read (kind `error`, the problem in `explanation`). Text cells that open like a formula get a
leading single quote, so that a spreadsheet shows them instead of running them (`csv_row`)."""

from __future__ import annotations

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
    story_of = report.story_of() if len(report.stories) > 1 else {}
    lines = [csv_row((*COLUMNS, "story") if story_of else COLUMNS)]
    for finding in report.findings:
        story = [story_of[finding.members[0].claim.article_id].id] if story_of else []
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
    for error in report.errors:
        row = {"kind": "error", "explanation": str(error)}
        lines.append(
            csv_row([*(row.get(column, "") for column in COLUMNS), *([""] if story_of else [])])
        )
    return "".join(lines)
