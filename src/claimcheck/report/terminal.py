"""The terminal view: the counts, contradictions first with conflicting words highlighted on
every side, then agreements, single-source claims when asked for, the fact sheet and a compact
list of the sources. Readable at 80 columns and without colour.

Text from articles, baselines and configuration files reaches rich only as `Text` (`plain`), never
as a string rich would read as markup ("[/x]" would stop the run), and with its control characters
shown as escapes rather than sent to the terminal.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from rich import box
from rich.console import Console, Group
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from claimcheck.config import Config
from claimcheck.kinds import Kind
from claimcheck.model import Claim, Finding, Report, Story
from claimcheck.output import silence_stdout, visible
from claimcheck.report.contract import (
    claim_value,
    conflict_words,
    differences,
    notes,
    summary,
)


class StdoutConsole(Console):
    """A console on stdout whose reader may stop early (rich would exit 1, as if on findings)."""

    def on_broken_pipe(self) -> None:
        silence_stdout()


def plain(text: str, style: str = "") -> Text:
    """`text` as rich shows it: as written, never as markup, control characters made visible."""
    return Text(visible(text), style=style)


STYLE = {Kind.CONTRADICTION: "bold red", Kind.AGREEMENT: "green", Kind.SINGLE_SOURCE: "dim"}
MARK = {Kind.CONTRADICTION: "✗", Kind.AGREEMENT: "✓", Kind.SINGLE_SOURCE: "·"}


def show(
    report: Report,
    console: Console,
    *,
    show_kinds: Iterable[str] = ("contradiction", "agreement"),
    limit: int = 0,
) -> None:
    """Draw the report on `console`; `show_kinds` picks the sections, `limit` caps each one.
    A report of several stories lists them, then draws each story's own report."""
    if len(report.stories) < 2:
        _show_story(report, console, set(show_kinds), limit)
        return
    parts = report.per_story()
    console.print(_stories(parts))
    for story, part in parts:
        console.rule(plain(f"STORY {story.id}: {story.label}", style="bold"), characters="═")
        _show_story(part, console, set(show_kinds), limit)
    if report.stale:
        console.print(_stale(report))


def _stories(parts: list[tuple[Story, Report]]) -> Table:
    table = Table(title="Stories", box=box.SIMPLE_HEAD, title_justify="left", expand=False)
    table.add_column("story", no_wrap=True)
    table.add_column("label", overflow="fold")
    for column in ("sources", "conflicts", "agreements", "single"):
        table.add_column(column, justify="right", no_wrap=True)
    for story, part in parts:
        counts = summary(part)
        table.add_row(
            plain(story.id),
            plain(story.label),
            *(str(counts[k]) for k in ("sources", "contradictions", "agreements", "single_source")),
        )
    return table


def _show_story(report: Report, console: Console, kinds: set[str], limit: int) -> None:
    counts = summary(report)
    console.print(
        Text.assemble(
            (f"{counts['contradictions']} contradictions", STYLE[Kind.CONTRADICTION]),
            "  ",
            (f"{counts['agreements']} agreements", STYLE[Kind.AGREEMENT]),
            "  ",
            (f"{counts['single_source']} single-source", ""),
            f"  ({counts['claims']} claims, {counts['sources']} sources)",
        )
    )
    if report.baseline is not None:
        console.print(_baseline_line(report))
    for kind in (Kind.CONTRADICTION, Kind.AGREEMENT, Kind.SINGLE_SOURCE):
        _section(report, console, kind, shown=kind.value in kinds, limit=limit)
    if report.facts:
        console.print(_fact_sheet(report))
    console.print(_sources(report))
    for copy, original in report.copies:
        console.print(plain(f"{copy} copies {original}: compared as one voice", style="dim"))
    if report.stale:
        console.print(_stale(report))


def _section(report: Report, console: Console, kind: Kind, *, shown: bool, limit: int) -> None:
    """The findings of one kind, or a line saying how many are hidden."""
    found = [f for f in report.findings if f.kind is kind]
    if not shown:
        if found:
            console.print(
                Text(
                    f"{len(found)} {kind.value} findings hidden; add --show {kind.value} to "
                    "list them.",
                    style="dim",
                )
            )
        return
    listed = found[:limit] if limit else found
    console.rule(Text(f"{kind.value.upper()} ({len(found)})", style=STYLE[kind]))
    if kind is Kind.SINGLE_SOURCE:
        console.print(_single(listed, report))
    else:
        for finding in listed:
            console.print(_panel(finding, known=report.is_known(finding)))
    if len(listed) < len(found):
        console.print(
            Text(f"… {len(found) - len(listed)} more (use --limit 0 to list all)", style="dim")
        )


def _fact_sheet(report: Report) -> Table:
    """The facts more than one source gives, each source's value, conflicts first."""
    table = Table(title="Fact sheet", box=box.SIMPLE_HEAD, title_justify="left", expand=False)
    table.add_column("", no_wrap=True)
    table.add_column("fact (words around it)", overflow="fold")
    table.add_column("value per source", overflow="fold")
    for row in report.facts:
        mark = Text("✗", style=STYLE[Kind.CONTRADICTION]) if row.conflict else Text("✓", "green")
        said = "; ".join(f"{source}: {value}" for source, value in row.values.items())
        table.add_row(mark, plain(f"{row.slot}: {row.about}"), plain(said))
    return table


def _baseline_line(report: Report) -> Text:
    known = report.known_findings()
    return plain(
        f"baseline {report.baseline}: {known} known, {len(report.findings) - known} new, "
        f"{len(report.stale)} stale",
        style="dim",
    )


def _stale(report: Report) -> Group:
    """Baseline entries that no longer occur, and how to prune them."""
    return Group(
        Text(f"\nStale baseline entries ({len(report.stale)}):", style="bold"),
        plain("  " + ", ".join(report.stale)),
        Text("Rewrite the baseline with --write-baseline to prune them.", style="dim"),
    )


def _sources(report: Report) -> Group:
    """One line per source: id, claims, date and title, the title cut to the line."""
    counts: dict[str, int] = {}
    for claim in report.claims:
        counts[claim.article_id] = counts.get(claim.article_id, 0) + 1
    width = max((len(visible(a.id)) for a in report.articles), default=0)
    lines = [Text("Sources", style="bold")]
    for article in report.articles:
        line = Text.assemble(
            plain(visible(article.id).ljust(width), "bold"),
            f"  {counts.get(article.id, 0):>4} claims  ",
            plain((article.date or "").ljust(10)),
            "  ",
            plain(article.title or article.path),
        )
        line.no_wrap, line.overflow = True, "ellipsis"
        lines.append(line)
    return Group(*lines)


def _panel(finding: Finding, *, known: bool = False) -> Panel:
    parts: list[Text | Padding] = [plain(finding.explanation, style="italic")]
    caveat = differences(finding) if finding.kind is Kind.AGREEMENT else None
    if caveat:
        parts.append(plain(caveat, "yellow"))
    slot = finding.conflict.slot if finding.conflict else ""
    for member in finding.members:
        claim = member.claim
        value = claim_value(claim, finding)
        head = Text.assemble(plain(claim.article_id, "bold"), f" line {claim.span.line}")
        if value:
            head.append(plain(f"  [{slot}: {value}]", "bold yellow"))
        # A date taken from an earlier sentence is worth a note only when dates are in dispute.
        caveats = "; ".join(notes(claim, context=slot == "date"))
        if caveats:
            head.append(plain(f"  ({caveats})", "magenta"))
        parts += [Text(""), head, _quote(claim, finding)]
        wording = " ".join(claim.text.split())
        if wording != " ".join(claim.quote.split()):  # the claim on its own: "he" named
            parts.append(Padding(plain(f"= {wording}", "dim"), (0, 0, 0, 2)))
    kind = finding.kind
    title = Text.assemble((f"{MARK[kind]} {kind.value}", STYLE[kind]), plain(f"  {finding.topic}"))
    if known:
        title = Text.assemble(("[baseline] ", "dim"), title)
    # A contradiction's score is how alike the wording is, which says nothing of the conflict
    # (sides that share one fact may be worded apart): only an agreement shows it.
    tail = f" · match {finding.score:.2f}" if kind is Kind.AGREEMENT else ""
    subtitle = plain(f"{finding.id} · {len(finding.sources)} sources{tail}")
    return Panel(
        Group(*parts),
        title=title,
        title_align="left",
        subtitle=subtitle,
        subtitle_align="right",
        border_style=STYLE[kind],
        box=box.ROUNDED,
    )


def _quote(claim: Claim, finding: Finding) -> Text:
    text = plain("“" + " ".join(claim.quote.split()) + "”")
    for word in conflict_words(claim, finding):
        words = r"\s+".join(re.escape(visible(w)) for w in word.split())
        text.highlight_regex(re.compile(rf"(?<!\w){words}(?!\w)", re.IGNORECASE), "bold reverse")
    return text


def _single(findings: list[Finding], report: Report) -> Table:
    table = Table(box=box.SIMPLE, show_header=True, expand=False)
    table.add_column("source", style="bold", no_wrap=True)
    table.add_column("line", justify="right")
    table.add_column("claim", overflow="fold")
    for finding in findings:
        claim = finding.members[0].claim
        text = plain(claim.text)
        if report.is_known(finding):
            text = Text.assemble(("[baseline] ", "dim"), text)
        table.add_row(plain(claim.article_id), str(claim.span.line), text)
    return table


def claims_table(claims: Iterable[Claim]) -> Table:
    """The claims of `claimcheck extract`: source, line, claim and its slots."""
    table = Table(box=box.SIMPLE_HEAD, expand=True)
    table.add_column("source", style="bold", no_wrap=True, max_width=18)
    table.add_column("line", justify="right")
    table.add_column("claim", overflow="fold", ratio=3)
    table.add_column("slots", overflow="fold", ratio=2)
    for claim in claims:
        table.add_row(
            plain(claim.article_id), str(claim.span.line), plain(claim.text), _slots(claim)
        )
    return table


def _slots(claim: Claim) -> Text:
    parts = []
    if claim.type.value != "claim":
        parts.append(("type", claim.type.value))
    if claim.actors:
        parts.append(("actors", ", ".join(claim.actors)))
    if claim.dates:
        parts.append(
            ("dates", ", ".join(d.iso + ("*" if d.inherited else "") for d in claim.dates))
        )
    if claim.quantities:
        parts.append(("numbers", ", ".join(q.text for q in claim.quantities)))
    if claim.negated:
        parts.append(("negated", claim.negation_cue or "yes"))
    caveats = "; ".join(notes(claim, context=False))
    if caveats:
        parts.append(("notes", caveats))
    text = Text()
    for index, (name, value) in enumerate(parts):
        if index:
            text.append("\n")
        text.append(f"{name}: ", style="dim")
        text.append(plain(value))
    return text


def pairs_table(rows: Iterable[dict[str, Any]]) -> Table:
    """Judged pairs for reading in a terminal."""
    table = Table(box=box.SIMPLE_HEAD, expand=True)
    for name in ("id", "similarity", "relation", "explanation"):
        table.add_column(name, overflow="fold")
    for row in rows:
        relation = str(row.get("relation"))
        style = "bold red" if relation in ("contradiction", "error") else ""
        similarity = row.get("similarity")
        table.add_row(
            plain(str(row.get("id"))),
            "" if similarity is None else f"{similarity:.2f}",
            plain(relation, style=style),
            plain(str(row.get("explanation") or row.get("error"))),
        )
    return table


def config_table(config: Config) -> Table:
    """The effective settings of `claimcheck config --show` and where each came from."""
    title = plain(f"Configuration file: {config.file or 'none'}")
    table = Table(title=title, title_justify="left")
    table.add_column("key", style="bold", no_wrap=True)
    table.add_column("value", overflow="fold")
    table.add_column("from", overflow="fold")
    values = config.to_dict()["settings"]
    for key, entry in values.items():
        value = entry["value"]
        if key == "paths" and not value:
            value = "(built-in demo corpus)"
        elif key == "aliases":
            value = ", ".join(f"{a} = {b}" for a, b in value)
        elif isinstance(value, dict):  # a nested record: the fitted thresholds
            value = ", ".join(f"{k} {v}" for k, v in value.items())
        elif isinstance(value, list):
            value = ", ".join(" / ".join(v) if isinstance(v, list) else v for v in value)
        table.add_row(key, plain(str(value)), plain(entry["source"]))
    return table
