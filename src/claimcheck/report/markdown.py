"""A Markdown discrepancy report: summary, contradictions with quotes, agreements, single-source.

Text taken from articles (ids, titles, quotes, topics, values, explanations, errors) is escaped:
HTML as entities, so that a `<script>` shows instead of running where Markdown is rendered, and
the characters Markdown or a table cell would read as syntax with a backslash.
"""

from __future__ import annotations

import re

from claimcheck.kinds import Kind
from claimcheck.model import Finding, Report
from claimcheck.report.contract import claim_value, differences, summary


def render(report: Report) -> str:
    if len(report.stories) < 2:
        return "\n".join(["# claimcheck report", "", *_story(report), *_errors(report)]) + "\n"
    lines = ["# claimcheck report", "", _counts(report), "", "## Stories", ""]
    lines += ["| story | label | sources | contradictions | agreements | single-source |"]
    lines += ["|---|---|---|---|---|---|"]
    parts = report.per_story()
    for story, part in parts:
        counts = summary(part)
        lines.append(
            f"| `{story.id}` | {_cell(story.label)} | {counts['sources']} | "
            f"{counts['contradictions']} | {counts['agreements']} | {counts['single_source']} |"
        )
    for story, part in parts:
        lines += ["", f"## Story `{story.id}`: {_cell(story.label)}", ""]
        # The story's own report, its headings one level down.
        lines += [f"#{line}" if line.startswith("#") else line for line in _story(part)]
    return "\n".join([*lines, *_errors(report)]) + "\n"


def _counts(report: Report) -> str:
    counts = summary(report)
    return (
        f"{counts['sources']} sources, {counts['claims']} claims: "
        f"**{counts['contradictions']} contradictions**, {counts['agreements']} agreements, "
        f"{counts['single_source']} single-source claims."
    )


def _story(report: Report) -> list[str]:
    """The summary, sources, fact sheet and findings of one story's report."""
    lines = [
        _counts(report),
        "",
        "## Sources",
        "",
        "| id | title | date | path |",
        "|---|---|---|---|",
    ]
    lines += [
        f"| {_cell(a.id)} | {_cell(a.title or '')} | {_cell(a.date or '')} | {_code(a.path)} |"
        for a in report.articles
    ]
    if report.copies:
        lines += ["", "Copies (compared as one voice with their original):", ""]
        lines += [f"- {_cell(copy)} copies {_cell(original)}" for copy, original in report.copies]
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
    return lines


def _errors(report: Report) -> list[str]:
    if not report.errors:
        return []
    return [
        "",
        "## Inputs that could not be read",
        "",
        *(f"- {_cell(str(e))}" for e in report.errors),
    ]


def _finding(finding: Finding) -> list[str]:
    if finding.kind is Kind.SINGLE_SOURCE:
        claim = finding.members[0].claim
        return [f"- {_quote(claim.quote)} — {_cell(claim.article_id)}, line {claim.span.line}"]
    caveat = differences(finding) if finding.kind is Kind.AGREEMENT else None
    lines = [
        f"### {_cell(finding.topic)}",
        "",
        f"`{finding.id}` · {_cell(finding.explanation)}",
        *(["", f"> {_cell(caveat)}"] if caveat else []),
        "",
    ]
    for member in finding.members:
        claim = member.claim
        value = ""
        said = claim_value(claim, finding)
        if finding.conflict and said:
            value = f" **{_cell(f'[{finding.conflict.slot}: {said}]')}**"
        source = _cell(claim.article_id)
        lines.append(f"- **{source}** (line {claim.span.line}){value}: {_quote(claim.quote)}")
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
    return _cell("; ".join(parts))


def _quote(text: str) -> str:
    return f"“{_cell(text)}”"


ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
# Inline syntax (emphasis, code, links and images, table cells, a heading's closing #) and HTML.
SYNTAX = re.compile(r"[\\`*_\[\]|#&<>]")


def _cell(text: str) -> str:
    """Article text as inline Markdown that shows as written, on one line (a table row or list
    item ends at a line break): HTML characters as entities, syntax characters escaped."""
    return SYNTAX.sub(_escaped, " ".join(text.split()))


def _escaped(match: re.Match[str]) -> str:
    found = match.group()
    return ENTITIES.get(found) or "\\" + found


def _code(text: str) -> str:
    """`text` as a code span: fenced by more backticks than it holds in a row, with its table
    pipes escaped (a GFM table splits cells at them even inside code)."""
    text = " ".join(text.split())
    fence = "`" * (max((len(run) for run in re.findall("`+", text)), default=0) + 1)
    padded = f" {text} " if text.startswith("`") or text.endswith("`") else text
    return fence + padded.replace("|", "\\|") + fence
