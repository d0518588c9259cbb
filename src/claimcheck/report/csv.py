"""One CSV row per claim of each finding, for spreadsheets, then one per input that could not be
read (kind `error`, the problem in `explanation`)."""

from __future__ import annotations

import csv
import io

from claimcheck.model import Report

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
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for finding in report.findings:
        for member in finding.members:
            claim = member.claim
            value = finding.conflict.values.get(claim.article_id, "") if finding.conflict else ""
            writer.writerow(
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
                ]
            )
    for error in report.errors:
        row = {"kind": "error", "explanation": error}
        writer.writerow(row.get(column, "") for column in COLUMNS)
    return buffer.getvalue()
