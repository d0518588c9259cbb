"""SARIF 2.1.0 for code-scanning viewers: one result per side of each contradiction.

Also home of the helpers that place a claim in its input file (`place`) and word one side of a
contradiction (`side_message`); the GitHub annotations format uses them too.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from claimcheck import jsonio
from claimcheck.kinds import Kind
from claimcheck.model import Article, Claim, Finding, Report

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
BASE_ID = "%SRCROOT%"
# Formats whose loaded text is the file's text, so that span lines and columns are file positions.
FILE_TEXT_FORMATS = ("text", "markdown")
RULES = {
    "date": ("DateContradiction", "Sources give different dates for the same event."),
    "number": ("NumberContradiction", "Sources give incompatible numbers for the same quantity."),
    "role": (
        "RoleContradiction",
        "Sources give a person different ranks of one office held at the time.",
    ),
    "polarity": ("PolarityContradiction", "One source says it happened, another that it did not."),
    "antonym": ("AntonymContradiction", "Sources use opposite predicates for the same event."),
    "actor": ("ActorContradiction", "Sources credit the same act to different actors."),
    "attribution": (
        "AttributionContradiction",
        "Sources credit the same statement to different speakers.",
    ),
    "place": ("PlaceContradiction", "Sources place the same act at different places."),
}


@dataclass(frozen=True, slots=True)
class Place:
    """Where a claim sits in its input file: 1-based start, and the position just after its end."""

    path: str | None  # relative to the working directory when under it; None for stdin
    start: tuple[int, int] | None = None  # (line, column); None when lines are not the file's
    end: tuple[int, int] | None = None


def render(report: Report) -> str:
    """The report as a SARIF 2.1.0 log with one run."""
    from claimcheck import __version__

    slots = rule_slots(report)
    articles = {a.id: a for a in report.articles}
    results = [
        _result(finding, member.claim, articles, slots)
        for finding in report.findings
        if finding.kind is Kind.CONTRADICTION
        for member in finding.members
    ]
    if len(report.stories) > 1:  # each result names its story
        story_of = report.story_of()
        for result in results:
            story = story_of[result["properties"]["source"]]
            result["properties"] |= {"story": story.id, "storyLabel": story.label}
    driver = {
        "name": "claimcheck",
        "version": __version__,
        "semanticVersion": __version__,
        "rules": [_rule(slot) for slot in slots],
    }
    invocation = {
        "executionSuccessful": not report.errors,
        "toolExecutionNotifications": [
            {"level": "error", "message": {"text": str(error)}} for error in report.errors
        ],
    }
    run = {
        "tool": {"driver": driver},
        "invocations": [invocation],
        "originalUriBaseIds": {BASE_ID: {"uri": Path.cwd().resolve().as_uri() + "/"}},
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    log = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
    return jsonio.dumps(log, indent=2) + "\n"


def rule_slots(report: Report) -> list[str]:
    """The known contradiction slots, then any other slot the report uses."""
    used = {slot_of(f) for f in report.findings if f.kind is Kind.CONTRADICTION}
    return [*RULES, *sorted(used - set(RULES))]


def slot_of(finding: Finding) -> str:
    return finding.conflict.slot if finding.conflict else "contradiction"


def _rule(slot: str) -> dict[str, Any]:
    name, text = RULES.get(slot, (f"{slot.title()}Contradiction", f"Sources disagree on {slot}."))
    return {
        "id": f"claimcheck/{slot}",
        "name": name,
        "shortDescription": {"text": text},
        "fullDescription": {
            "text": f"{text} Each source's claim is reported at its own line, with the other "
            "side's claims as related locations."
        },
        "defaultConfiguration": {"level": "warning"},
        "properties": {"tags": ["claimcheck", "contradiction", slot]},
    }


def _result(
    finding: Finding, claim: Claim, articles: dict[str, Article], slots: list[str]
) -> dict[str, Any]:
    slot = slot_of(finding)
    values = finding.conflict.values if finding.conflict else {}
    result: dict[str, Any] = {
        "ruleId": f"claimcheck/{slot}",
        "ruleIndex": slots.index(slot),
        "level": "warning",
        "message": {"text": side_message(finding, claim)},
        "locations": _locations(place(articles.get(claim.article_id), claim), claim.quote),
        "partialFingerprints": {"claimcheckFinding/v1": finding.id, "claimcheckClaim/v1": claim.id},
        "properties": {
            "finding": finding.id,
            "claim": claim.id,
            "source": claim.article_id,
            "value": values.get(claim.article_id),
        },
    }
    related = []
    for number, other in enumerate(other_side(finding, claim), 1):
        for location in _locations(place(articles.get(other.article_id), other), other.quote):
            value = values.get(other.article_id)
            text = f'{other.article_id} says "{value}"' if value else other.article_id
            related.append({"id": number, **location, "message": {"text": text}})
    if related:
        result["relatedLocations"] = related
    return result


def _locations(where: Place, snippet: str) -> list[dict[str, Any]]:
    if where.path is None:
        return []
    absolute = Path(where.path).is_absolute()
    artifact: dict[str, Any] = {"uri": Path(where.path).as_uri() if absolute else quote(where.path)}
    if not absolute:
        artifact["uriBaseId"] = BASE_ID
    physical: dict[str, Any] = {"artifactLocation": artifact}
    if where.start and where.end:
        physical["region"] = {
            "startLine": where.start[0],
            "startColumn": where.start[1],
            "endLine": where.end[0],
            "endColumn": where.end[1],
            "snippet": {"text": snippet},
        }
    return [{"physicalLocation": physical}]


def place(article: Article | None, claim: Claim) -> Place:
    """Where `claim` sits in its file; no extent when its article's text is not the file's text."""
    if claim.path == "-":
        return Place(None)
    path = display_path(claim.path)
    if article is None or article.format not in FILE_TEXT_FORMATS:
        return Place(path)
    return Place(path, (claim.span.line, claim.span.column), position(article.text, claim.span.end))


def position(text: str, offset: int) -> tuple[int, int]:
    """The 1-based (line, column) of character `offset` of `text`."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def display_path(path: str) -> str:
    """`path` relative to the working directory when it lies below it, else absolute."""
    absolute = Path(path).resolve()
    try:
        return absolute.relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return absolute.as_posix()


def other_side(finding: Finding, claim: Claim) -> list[Claim]:
    """The claims of other sources that hold a different value from `claim`'s source."""
    values = finding.conflict.values if finding.conflict else {}
    mine = values.get(claim.article_id)
    return [
        m.claim
        for m in finding.members
        if m.claim.article_id != claim.article_id
        and (mine is None or values.get(m.claim.article_id) != mine)
    ]


def side_message(finding: Finding, claim: Claim) -> str:
    """The finding's explanation, this source's value and who says otherwise, on one line."""
    values = finding.conflict.values if finding.conflict else {}
    parts = [" ".join(finding.explanation.split())]
    mine = values.get(claim.article_id)
    if mine:
        parts.append(f'{claim.article_id} says "{mine}".')
    others = [
        f"{c.article_id} line {c.span.line}"
        + (f' says "{values[c.article_id]}"' if c.article_id in values else "")
        for c in other_side(finding, claim)
    ]
    if others:
        parts.append("Other side: " + "; ".join(others) + ".")
    return " ".join(parts)
