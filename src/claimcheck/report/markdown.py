"""A Markdown discrepancy report: summary, contradictions with quotes, agreements, single-source."""

from __future__ import annotations

from claimcheck.model import Finding, Kind, Report
from claimcheck.report.contract import summary


def render(report: Report) -> str:
    counts = summary(report)
    lines = [
        "# claimcheck report",
        "",
        f"{counts['sources']} sources, {counts['claims']} claims: "
        f"**{counts['contradictions']} contradictions**, {counts['agreements']} agreements, "
        f"{counts['single_source']} single-source claims.",
        "",
        "## Sources",
        "",
        "| id | title | date | path |",
        "|---|---|---|---|",
    ]
    lines += [
        f"| {a.id} | {_cell(a.title or '')} | {a.date or ''} | `{a.path}` |"
        for a in report.articles
    ]
    if report.copies:
        lines += ["", "Copies (compared as one voice with their original):", ""]
        lines += [f"- {copy} copies {original}" for copy, original in report.copies]
    if report.facts:
        lines += ["", "## Fact sheet", "", "| | fact | value per source |", "|---|---|---|"]
        lines += [
            f"| {'conflict' if row.conflict else 'agree'} | {row.slot}: {_cell(row.about)} | "
            + _cell("; ".join(f"{s}: {v}" for s, v in row.values.items()))
            + " |"
            for row in report.facts
        ]
    for kind, heading in (
        (Kind.CONTRADICTION, "Contradictions"),
        (Kind.AGREEMENT, "Agreements"),
        (Kind.SINGLE_SOURCE, "Single-source claims"),
    ):
        found = [f for f in report.findings if f.kind is kind]
        lines += ["", f"## {heading} ({len(found)})", ""]
        for finding in found:
            lines += _finding(finding)
    if report.errors:
        lines += ["", "## Inputs that could not be read", ""] + [f"- {e}" for e in report.errors]
    return "\n".join(lines) + "\n"


def _finding(finding: Finding) -> list[str]:
    if finding.kind is Kind.SINGLE_SOURCE:
        claim = finding.members[0].claim
        return [f"- {_quote(claim.quote)} — {claim.article_id}, line {claim.span.line}"]
    lines = [f"### {finding.topic}", "", f"`{finding.id}` · {finding.explanation}", ""]
    for member in finding.members:
        claim = member.claim
        value = ""
        if finding.conflict and claim.article_id in finding.conflict.values:
            value = f" **[{finding.conflict.slot}: {finding.conflict.values[claim.article_id]}]**"
        lines.append(
            f"- **{claim.article_id}** (line {claim.span.line}){value}: {_quote(claim.quote)}"
        )
        notes = _notes(claim.hedges, claim.attribution.source if claim.attribution else None)
        if notes:
            lines.append(f"  - {notes}")
    lines.append("")
    return lines


def _notes(hedges: tuple[str, ...], speaker: str | None) -> str:
    parts = []
    if speaker:
        parts.append(f"attributed to {speaker}")
    if hedges:
        parts.append("hedged: " + ", ".join(hedges))
    return "; ".join(parts)


def _quote(text: str) -> str:
    return f"“{_cell(' '.join(text.split()))}”"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")
