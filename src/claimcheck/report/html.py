"""A self-contained HTML report: summary, a who-says-what matrix, contradictions with the
conflicting words marked, agreements, single-source claims, and the text of every source, which
each "line N" links into (the page keeps working when moved, mailed or served), with small inline
filters.

The page is rendered from `templates/report.html.j2` with autoescaping on: article text reaches the
template only as plain strings, and highlighted quotes as (text, marked) runs, never as markup.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

import jinja2

from claimcheck.kinds import Kind
from claimcheck.model import Finding, Report, Story
from claimcheck.report.contract import (
    claim_value,
    conflict_words,
    differences,
    generated,
    notes,
    to_dict,
)

TEMPLATE = "report.html.j2"
TONES = 4  # distinct colours for the values of one conflict; further values share the last
SECTIONS = (
    (Kind.CONTRADICTION, "Contradictions"),
    (Kind.AGREEMENT, "Agreements"),
    (Kind.SINGLE_SOURCE, "Single-source claims"),
)

Segment = tuple[str, bool]  # a run of quote text and whether it carries the conflicting value


@dataclass(frozen=True, slots=True)
class Side:
    """One member claim of a finding as the page shows it."""

    source: str
    line: int
    href: str | None
    quote: list[Segment]
    value: str | None
    tone: str  # CSS class of the value's colour
    notes: list[str]


@dataclass(frozen=True, slots=True)
class Card:
    """A finding as the page shows it, with one matrix cell (text, tone) per report source."""

    id: str
    kind: str
    topic: str
    explanation: str
    caveat: str | None  # what an agreement's sides still give differently
    slot: str | None
    score: float
    sources: list[str]
    sides: list[Side]
    cells: list[tuple[str, str]]
    story: str = ""  # "id: label" of its story, in a report of several stories


def render(report: Report) -> str:
    """The report as one self-contained HTML page."""
    return _environment().get_template(TEMPLATE).render(**context(report))


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("claimcheck", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def context(report: Report) -> dict[str, Any]:
    """Everything the template shows, as plain values."""
    data = to_dict(report)
    ids = [a.id for a in report.articles]
    anchors = {a.id: f"source-{n}" for n, a in enumerate(report.articles, 1)}
    story_of = report.story_of() if len(report.stories) > 1 else {}
    cards = [_card(f, ids, anchors, story_of) for f in report.findings]
    sections = [
        (kind.value, title, [c for c in cards if c.kind == kind.value]) for kind, title in SECTIONS
    ]
    counts = data["summary"]
    return {
        "title": f"claimcheck: {counts['contradictions']} contradictions "
        f"across {counts['sources']} sources",
        "tool": data["tool"],
        "settings": data["settings"],
        "summary": counts,
        "sources": [
            {
                **s,
                "href": f"#{anchors[a.id]}",
                "anchor": anchors[a.id],
                "link": web_link(s["url"]),
                "lines": a.text.split("\n"),
            }
            for s, a in zip(data["sources"], report.articles, strict=True)
        ],
        "facts": data["facts"],
        "stories": data["stories"],
        "generated": generated().strftime("%Y-%m-%d %H:%M UTC"),
        "sections": sections,
        "matrix": [c for c in cards if c.kind != Kind.SINGLE_SOURCE.value],
        "total": len(cards),
        "errors": [str(e) for e in report.errors],
    }


def _card(
    finding: Finding, source_ids: list[str], anchors: dict[str, str], story_of: dict[str, Story]
) -> Card:
    values = finding.conflict.values if finding.conflict else {}
    tones = {v: f"v{min(i, TONES - 1)}" for i, v in enumerate(dict.fromkeys(values.values()))}
    dated = finding.conflict is not None and finding.conflict.slot == "date"
    sides = [
        Side(
            source=m.claim.article_id,
            line=m.claim.span.line,
            href=f"#{anchors[m.claim.article_id]}-L{m.claim.span.line}"
            if m.claim.article_id in anchors
            else None,
            quote=segments(" ".join(m.claim.quote.split()), conflict_words(m.claim, finding)),
            value=claim_value(m.claim, finding),
            tone=tones.get(values.get(m.claim.article_id, ""), "ok"),
            notes=notes(m.claim, context=dated or finding.kind is Kind.AGREEMENT),
        )
        for m in finding.members
    ]
    # Group each value's sides together so the two sides of a contradiction read as blocks.
    order = [*tones, ""]
    sides.sort(key=lambda s: order.index(values.get(s.source, "")))
    present = set(finding.sources)
    cells = [
        (values[i], tones[values[i]]) if i in values else ("✓", "ok") if i in present else ("", "")
        for i in source_ids
    ]
    return Card(
        id=finding.id,
        kind=finding.kind.value,
        topic=" ".join(finding.topic.split()),
        explanation=finding.explanation,
        caveat=differences(finding) if finding.kind is Kind.AGREEMENT else None,
        slot=finding.conflict.slot if finding.conflict else None,
        score=finding.score,
        sources=list(finding.sources),
        sides=sides,
        cells=cells,
        story=_story_name(story_of.get(finding.members[0].claim.article_id)),
    )


def _story_name(story: Story | None) -> str:
    return f"{story.id}: {story.label}" if story else ""


def segments(text: str, words: Iterable[str]) -> list[Segment]:
    """`text` cut into runs, each marked when it is one of `words` (case-insensitive)."""
    found = sorted({" ".join(w.split()) for w in words if w and w.strip()}, key=len, reverse=True)
    if not found:
        return [(text, False)]
    pattern = re.compile("|".join(re.escape(w) for w in found), re.IGNORECASE)
    runs: list[Segment] = []
    position = 0
    for match in pattern.finditer(text):
        if match.start() > position:
            runs.append((text[position : match.start()], False))
        runs.append((match.group(), True))
        position = match.end()
    if position < len(text):
        runs.append((text[position:], False))
    return runs


# A web address that may become a link: http(s), with nothing a browser would strip or reread
# (spaces, control characters) anywhere in it. Anything else (javascript:, data:) stays text.
WEB_URL = re.compile(r"https?://[^\s\x00-\x1f\x7f-\x9f]+", re.IGNORECASE)


def web_link(url: str | None) -> str | None:
    """`url` when it is an http or https address to link to, else None."""
    return url if url and WEB_URL.fullmatch(url) else None
