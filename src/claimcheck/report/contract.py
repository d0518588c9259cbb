"""The canonical report dictionary: every format is rendered from it."""

from __future__ import annotations

import math
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import UTC, datetime
from functools import partial
from typing import Any

from claimcheck import jsonio, judge
from claimcheck.errors import ConfigError, LoadError
from claimcheck.kinds import Kind
from claimcheck.model import (
    Article,
    Attribution,
    Claim,
    Conflict,
    DateRef,
    FactRow,
    Finding,
    Member,
    Quantity,
    Report,
    Span,
    Story,
)
from claimcheck.normalise import WORD, content_key, text_keys, words
from claimcheck.settings import Settings

# /2 added "stories"; a reader of /1 that checks this field is told the shape changed.
SCHEMA = "claimcheck.report/2"


def to_dict(report: Report, *, streamed: bool = False) -> dict[str, Any]:
    """The report as the stable JSON shape documented in the README and in schema/; `streamed`,
    its findings and fact rows as jsonio.Streams, each made as it is written (jsonio.pieces)."""
    if streamed:
        facts: list[dict[str, Any]] | jsonio.Stream = _stream(report.facts, FactRow.to_dict)
        findings: list[dict[str, Any]] | jsonio.Stream = _stream(
            report.findings, partial(_finding_dict, report)
        )
        entries = stories(report)
    else:
        facts, entries, findings = (list(items) for items in parts(report))
    known = report.known_findings() if report.baseline is not None else 0
    return document(
        report,
        claims_per_source(report.claims),
        facts=facts,
        entries=entries,
        findings=findings,
        totals={
            **summary(report),
            **baseline_summary(report.baseline, known, len(report.findings), report.stale),
        },
    )


def document(
    report: Report,
    claims: Mapping[str, int],
    *,
    facts: Any,
    entries: Any,
    findings: Any,
    totals: dict[str, Any],
) -> dict[str, Any]:
    """The JSON shape of a report whose sources, settings, copies and errors are `report`'s,
    around its parts: the `claims` of each source, its fact rows, story `entries`, findings and
    summary `totals` (to_dict(); report/json.Spool, which writes them story by story)."""
    from claimcheck import __version__

    copy_of = dict(report.copies)
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
                "claims": claims.get(a.id, 0),
                "copy_of": copy_of.get(a.id),
            }
            for a in report.articles
        ],
        "facts": facts,
        "stories": entries,
        "findings": findings,
        "errors": [str(e) for e in report.errors],
        "summary": totals,
    }


def parts(report: Report) -> tuple[Iterable[dict[str, Any]], ...]:
    """The report's fact rows, story entries and findings in their JSON shape, each made as it
    is asked for."""
    findings = map(partial(_finding_dict, report), report.findings)
    return map(FactRow.to_dict, report.facts), stories(report), findings


def claims_per_source(claims: Iterable[Claim]) -> Counter[str]:
    """How many of `claims` each source holds."""
    return Counter(claim.article_id for claim in claims)


def _stream(records: Sequence[Any], shape: Callable[[Any], dict[str, Any]]) -> jsonio.Stream:
    """Each of `records` in its JSON `shape`, made as it is written."""
    return jsonio.Stream(len(records), lambda: map(shape, records))


def _finding_dict(report: Report, finding: Finding) -> dict[str, Any]:
    return {**finding.to_dict(), "baselined": report.is_known(finding)}


def from_dict(data: dict[str, Any]) -> Report:
    """The report `to_dict` gave `data`, as far as `data` holds it: the articles without their
    text, the claims as the findings show them (dates to their ISO precision, numbers by their
    words), no timings. Rendered again, it gives `data` back."""
    claims: dict[tuple[str, int, int, str], Claim] = {}
    findings = []
    known = set()
    for f in data["findings"]:
        members = []
        for m in f["claims"]:
            key = (m["source"], m["start"], m["end"], m["text"])
            claim = claims.setdefault(key, _claim(m, number=len(claims) + 1))
            members.append(Member(claim, m["score"]))
        given = f["conflict"]
        conflict = Conflict(given["slot"], dict(given["values"])) if given else None
        also = tuple(Conflict(c["slot"], dict(c["values"])) for c in f.get("also", ()))
        finding = Finding(
            f["id"],
            Kind(f["kind"]),
            f["topic"],
            f["explanation"],
            f["score"],
            tuple(members),
            conflict,
            also,
        )
        findings.append(finding)
        if f["baselined"]:
            known.add(finding.id)
    baseline = data["summary"].get("baseline")
    return Report(
        articles=tuple(_article(s) for s in data["sources"]),
        claims=tuple(claims.values()),
        findings=tuple(findings),
        settings=Settings.from_dict(data["settings"]),
        errors=tuple(_load_error(e) for e in data["errors"]),
        baseline=baseline["path"] if baseline else None,
        known=frozenset(known),
        stale=tuple(baseline["stale"]) if baseline else (),
        copies=tuple((s["id"], s["copy_of"]) for s in data["sources"] if s["copy_of"]),
        facts=tuple(_fact(row) for row in data["facts"]),
        stories=tuple(
            Story(s["id"], s["label"], tuple(s["sources"])) for s in data.get("stories", ())
        ),
    )


def _article(source: dict[str, Any]) -> Article:
    meta = ("title", "date", "author", "outlet", "url")
    return Article(source["id"], source["path"], "", **{k: source[k] for k in meta})


def _claim(member: dict[str, Any], *, number: int) -> Claim:
    said = member["attribution"]
    return Claim(
        id=f"{member['source']}#{number}",
        article_id=member["source"],
        path=member["path"],
        text=member["text"],
        quote=member["quote"],
        span=Span(member["start"], member["end"], member["line"], member["column"]),
        dates=tuple(_date(iso) for iso in member["dates"]),
        quantities=tuple(
            Quantity(t, "", math.nan, -math.inf, math.inf) for t in member["quantities"]
        ),
        negated=member["negated"],
        hedges=tuple(member["hedges"]),
        attribution=Attribution(said["source"], said["cue"]) if said else None,
    )


def _date(iso: str) -> DateRef:
    year, month, day = [*(int(part) for part in iso.split("-")), 0, 0][:3]
    return DateRef(iso, year, month or None, day or None)


def _fact(row: dict[str, Any]) -> FactRow:
    conflict = row["status"] == "conflict"
    return FactRow(row["about"], row["slot"], dict(row["values"]), conflict, tuple(row["claims"]))


ERROR_LINE = re.compile(r"(?P<path>.+?)(?::(?P<line>\d+))?: (?P<reason>.*)", re.DOTALL)


def _load_error(line: str) -> LoadError:
    """An error line ("data/a.json:12: missing field") as the LoadError that printed it."""
    found = ERROR_LINE.fullmatch(line)
    if found is None:
        return LoadError(line)
    path = "-" if found["path"] == "stdin" else found["path"]
    number = int(found["line"]) if found["line"] else None
    return LoadError(found["reason"], path=path, line=number)


def baseline_summary(
    path: str | None, known: int, findings: int, stale: Sequence[str]
) -> dict[str, Any]:
    """The baseline block of the summary: of `findings`, how many the baseline at `path` holds,
    and its `stale` entries; present only when a baseline was applied (`path`)."""
    if path is None:
        return {}
    return {
        "baseline": {"path": path, "known": known, "new": findings - known, "stale": list(stale)}
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
        if claim.negated:
            return [claim.negation_cue] if claim.negation_cue else []
        return _asserted(claim, finding)
    return [match.group() for _, match in _parts_in(claim, finding)]


def _asserted(claim: Claim, finding: Finding) -> list[str]:
    """The content words of an affirming claim's quote that the other side's negation denies:
    "applied" in "Putin applied to join" against "Putin did not apply". Names are the same on
    both sides, not what conflicts."""
    denied = frozenset().union(
        *(
            judge.denied_keys(m.claim.quote, m.claim.negation_cue or "not")
            for m in finding.members
            if m.claim.negated
        )
    ) - text_keys(" ".join(actor for m in finding.members for actor in m.claim.actors))
    return [
        match.group()
        for match in WORD.finditer(claim.quote)
        if any(content_key(word) in denied for word in words(match.group()))
    ]


def claim_value(claim: Claim, finding: Finding) -> str | None:
    """The conflicting value this claim gives. A source's value may join what several of its
    sentences say ("applied and invited"): each sentence gets the parts it says itself."""
    if finding.conflict is None:
        return None
    value = finding.conflict.values.get(claim.article_id)
    if not value or finding.conflict.slot not in ("antonym", "actor"):
        return value
    own = [part for part, _ in _parts_in(claim, finding)]
    return " and ".join(own) if own else value


def _parts_in(claim: Claim, finding: Finding) -> list[tuple[str, re.Match[str]]]:
    """The parts of the source's value ("applied", "invited") found in the claim's quote, each
    with where: by the word's stem, so that "applied" finds "application"."""
    value = finding.conflict.values.get(claim.article_id) if finding.conflict else None
    found = []
    for part in VALUE_PARTS.split(value or ""):
        if part:
            stem = re.escape(part[: max(4, len(part) - 2)]) if " " not in part else re.escape(part)
            match = re.search(rf"\b{stem}\w*", claim.quote, re.IGNORECASE)
            if match:
                found.append((part, match))
    return found


VALUE_PARTS = re.compile(r",\s*|\s+and\s+")


def differences(finding: Finding) -> str | None:
    """For an agreement whose sources give different dates or figures (a source that gives none
    differs from nobody), the plain words that say so and why that is no conflict; else None."""
    parts = []
    for what, given in (("dates", _given(finding, dates=True)), ("figures", _given(finding))):
        if len({key for key, _ in given.values()}) > 1:
            listed = "; ".join(f"{source}: {text}" for source, (_, text) in given.items())
            why = (
                "a date taken from an earlier sentence is not compared"
                if "from context" in listed
                else "they were read as belonging to different things"
            )
            parts.append(f"The sources give different {what} ({listed}); {why}.")
    return " ".join(parts) or None


def _given(finding: Finding, *, dates: bool = False) -> dict[str, tuple[frozenset[Any], str]]:
    """Each source's dates (or figures) in its sentences of `finding`, as a key to compare and
    as written; sources that give none are left out."""
    keys: dict[str, set[Any]] = {}
    texts: dict[str, list[str]] = {}
    for member in finding.members:
        claim = member.claim
        pairs: list[tuple[Any, str]]
        if dates:
            pairs = [(d.iso, d.iso + (" from context" if d.inherited else "")) for d in claim.dates]
        else:
            pairs = [((q.kind, q.value), q.text) for q in claim.quantities]
        for key, text in pairs:
            keys.setdefault(claim.article_id, set()).add(key)
            texts.setdefault(claim.article_id, []).append(text)
    return {
        source: (frozenset(keys[source]), ", ".join(dict.fromkeys(texts[source])))
        for source in keys
    }


def attribution_text(claim: Claim) -> str:
    """ "Putin said", "according to the document"."""
    if claim.attribution is None:
        return ""
    if claim.attribution.cue == "according to":
        return f"according to {claim.attribution.source}"
    return f"{claim.attribution.source} {claim.attribution.cue}"


def notes(claim: Claim, *, context: bool = True) -> list[str]:
    """Attribution, hedges and other caveats a reader should weigh, with the dates taken from
    context unless `context=False` (where dates are not what is in dispute)."""
    found = []
    if claim.attribution:
        found.append(attribution_text(claim))
    if claim.hedges:
        found.append("hedged: " + ", ".join(claim.hedges))
    inherited = [d.iso for d in claim.dates if d.inherited] if context else []
    if inherited:
        found.append("date from context: " + ", ".join(inherited))
    if not claim.certain:
        found.append("reference uncertain")
    return found


def generated() -> datetime:
    """When a report is made: now, or SOURCE_DATE_EPOCH (seconds since 1970) when it is set, so
    that a build can reproduce the same file."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return datetime.now(UTC)
    try:
        if not (epoch.isascii() and epoch.isdecimal()):
            raise ValueError(epoch)
        return datetime.fromtimestamp(int(epoch), UTC)
    except (ValueError, OverflowError, OSError):
        raise ConfigError(
            f"SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, not {epoch!r}"
        ) from None
