"""The canonical report dictionary: every format is rendered from it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from claimcheck.model import Claim, Finding, Kind, Report

# /2 added "stories"; a reader of /1 that checks this field is told the shape changed.
SCHEMA = "claimcheck.report/2"


def to_dict(report: Report) -> dict[str, Any]:
    """The report as the stable JSON shape documented in the README and in schema/."""
    from claimcheck import __version__

    copy_of = dict(report.copies)
    claims_per_source: dict[str, int] = {}
    for claim in report.claims:
        claims_per_source[claim.article_id] = claims_per_source.get(claim.article_id, 0) + 1
    return {
        "schema": SCHEMA,
        "tool": {"name": "claimcheck", "version": __version__},
        "settings": report.settings.to_dict(),
        "sources": [
            {
                "id": a.id,
                "path": a.path,
                "title": a.title,
                "date": a.date,
                "author": a.author,
                "outlet": a.outlet,
                "url": a.url,
                "claims": claims_per_source.get(a.id, 0),
                "copy_of": copy_of.get(a.id),
            }
            for a in report.articles
        ],
        "facts": [row.to_dict() for row in report.facts],
        "stories": stories(report),
        "findings": [{**f.to_dict(), "baselined": report.is_known(f)} for f in report.findings],
        "errors": list(report.errors),
        "summary": {**summary(report), **_baseline(report)},
    }


def _baseline(report: Report) -> dict[str, Any]:
    """The baseline block of the summary, present only when a baseline was applied."""
    if report.baseline is None:
        return {}
    known = sum(1 for f in report.findings if report.is_known(f))
    return {
        "baseline": {
            "path": report.baseline,
            "known": known,
            "new": len(report.findings) - known,
            "stale": list(report.stale),
        }
    }


def summary(report: Report) -> dict[str, int]:
    return counts(len(report.articles), len(report.claims), report.findings)


def counts(sources: int, claims: int, findings: Sequence[Finding]) -> dict[str, int]:
    """The summary counts of these sources, claims and findings."""
    kinds = [f.kind for f in findings]
    return {
        "sources": sources,
        "claims": claims,
        "agreements": kinds.count(Kind.AGREEMENT),
        "contradictions": kinds.count(Kind.CONTRADICTION),
        "single_source": kinds.count(Kind.SINGLE_SOURCE),
    }


def stories(report: Report) -> list[dict[str, Any]]:
    """Each story: its id, label, sources, finding ids and counts."""
    story_of = report.story_of()
    claims: dict[str, int] = {}
    for claim in report.claims:
        story = story_of[claim.article_id].id
        claims[story] = claims.get(story, 0) + 1
    return [
        {
            **story.to_dict(),
            "findings": [f.id for f in found],
            "summary": counts(len(story.articles), claims.get(story.id, 0), found),
        }
        for story, found in report.by_story()
    ]


def conflict_words(claim: Claim, finding: Finding) -> list[str]:
    """The words of `claim`'s quote that carry the conflicting value of `finding`."""
    if finding.conflict is None:
        return []
    slot = finding.conflict.slot
    if slot == "date":
        return [d.text for d in claim.dates if not d.inherited]
    if slot == "number":
        return [q.text for q in claim.quantities]
    if slot == "polarity":
        return [claim.negation_cue] if claim.negation_cue else []
    value = finding.conflict.values.get(claim.article_id)
    return [value] if value else []


def attribution_text(claim: Claim) -> str:
    """ "Putin said", "according to the document"."""
    if claim.attribution is None:
        return ""
    if claim.attribution.cue == "according to":
        return f"according to {claim.attribution.source}"
    return f"{claim.attribution.source} {claim.attribution.cue}"


def notes(claim: Claim, *, with_dates: bool = True) -> list[str]:
    """Attribution, hedges and other caveats a reader should weigh; `with_dates` names the dates
    taken from context, where there is room for them."""
    found = []
    if claim.attribution:
        found.append(attribution_text(claim))
    if claim.hedges:
        found.append("hedged: " + ", ".join(claim.hedges))
    inherited = [d.iso for d in claim.dates if d.inherited]
    if inherited:
        found.append("date from context" + (": " + ", ".join(inherited) if with_dates else ""))
    if not claim.certain:
        found.append("reference uncertain")
    return found
