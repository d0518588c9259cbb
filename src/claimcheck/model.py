"""Records shared by every stage: articles, claims and their slots, groups, findings, reports."""

from __future__ import annotations

import datetime
import hashlib
import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, fields, replace
from typing import Any

from claimcheck.errors import LoadError

# ClaimType, Kind, Relation and Settings live in kinds.py and settings.py; the stages that
# import them from here still may.
from claimcheck.kinds import ClaimType as ClaimType
from claimcheck.kinds import Kind as Kind
from claimcheck.kinds import Relation as Relation
from claimcheck.settings import FAIL_LEVELS
from claimcheck.settings import Settings as Settings


@dataclass(frozen=True, slots=True)
class Span:
    """A character range of an article's loaded text, with its 1-based line and column."""

    start: int
    end: int
    line: int
    column: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Article:
    """One loaded source: its text (spans index into it) and the metadata the text gave."""

    id: str
    path: str
    text: str
    title: str | None = None
    date: str | None = None
    author: str | None = None
    outlet: str | None = None
    url: str | None = None
    format: str = "text"
    # Character ranges of `text` that hold body prose; everything else is boilerplate or markup.
    body: tuple[tuple[int, int], ...] = ()

    def to_dict(self, *, with_text: bool = False) -> dict[str, Any]:
        data = {
            f.name: getattr(self, f.name) for f in fields(self) if f.name not in ("text", "body")
        }
        if with_text:
            data["text"] = self.text
        return data


@dataclass(frozen=True, slots=True)
class Quantity:
    """A typed number: its value, the interval its comparator allows (`low`..`high`, a point for
    a plain figure) and its written precision ("17 million" is written to the million)."""

    text: str
    kind: str  # count, money, percent, fraction, decimal, ordinal, multiplier
    value: float
    low: float  # -inf: unbounded below ("fewer than 5")
    high: float  # inf: unbounded above ("more than 5")
    unit: str = ""
    precision: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        """As JSON holds it: an unbounded end of the interval (an infinite float) is null."""
        data = asdict(self)
        for name in ("value", "low", "high", "precision"):
            if not math.isfinite(data[name]):
                data[name] = None
        return data


@dataclass(frozen=True, slots=True)
class DateRef:
    """A calendar reference at the precision the text gave (year, month or day)."""

    text: str
    year: int
    month: int | None = None
    day: int | None = None
    inherited: bool = False  # set from the paragraph's context rather than the sentence itself
    relation: str = ""  # before, after, by, since or until: the date bounds an interval

    @property
    def iso(self) -> str:
        parts = [f"{self.year:04d}"]
        if self.month:
            parts.append(f"{self.month:02d}")
            if self.day:
                parts.append(f"{self.day:02d}")
        return "-".join(parts)

    @property
    def shown(self) -> str:
        """The ISO date with its relation: "after 1987", "2001-06-16"."""
        return f"{self.relation} {self.iso}" if self.relation else self.iso

    def days(self) -> tuple[int, int]:
        """The first and last day (proleptic ordinals) the reference allows."""
        first = datetime.date(self.year, self.month or 1, self.day or 1).toordinal()
        if self.day:
            last = first
        elif self.month:
            last = (
                datetime.date(self.year + self.month // 12, self.month % 12 + 1, 1).toordinal() - 1
            )
        else:
            last = datetime.date(self.year, 12, 31).toordinal()
        if self.relation == "before":
            return (0, first - 1)
        if self.relation in ("by", "until"):
            return (0, last)
        if self.relation == "after":
            return (last + 1, 10**7)
        if self.relation == "since":
            return (first, 10**7)
        return (first, last)

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "iso": self.iso}


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who the claim is credited to, and the cue that credits it ("said", "according to")."""

    source: str
    cue: str

    def to_dict(self) -> dict[str, Any]:
        # asdict() copies as it goes: a quarter of a report's to_dict() time
        return {"source": self.source, "cue": self.cue}


@dataclass(frozen=True, slots=True)
class Claim:
    """One atomic, decontextualised proposition with typed slots and exact provenance."""

    id: str
    article_id: str
    path: str
    text: str  # decontextualised wording
    quote: str  # verbatim, equal to article.text[span.start:span.end]
    span: Span
    type: ClaimType = ClaimType.CLAIM
    actors: tuple[str, ...] = ()
    dates: tuple[DateRef, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    negated: bool = False
    negation_cue: str | None = None
    modality: str | None = None
    hedges: tuple[str, ...] = ()
    attribution: Attribution | None = None
    resolved: tuple[tuple[str, str], ...] = ()  # (words in the text, entity they were read as)
    certain: bool = True  # False when a reference could not be resolved

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source": self.article_id,
            "path": self.path,
            "type": self.type.value,
            "text": self.text,
            "quote": self.quote,
            **self.span.to_dict(),
            "actors": list(self.actors),
            "dates": [d.to_dict() for d in self.dates],
            "quantities": [q.to_dict() for q in self.quantities],
            "negated": self.negated,
            "negation_cue": self.negation_cue,
            "modality": self.modality,
            "hedges": list(self.hedges),
            "attribution": self.attribution.to_dict() if self.attribution else None,
            "resolved": [{"text": t, "entity": e} for t, e in self.resolved],
            "certain": self.certain,
        }


@dataclass(frozen=True, slots=True)
class Conflict:
    """The slot on which two claims disagree and each source's value."""

    slot: str  # date, number, polarity, antonym, actor
    values: dict[str, str]

    def to_dict(self) -> dict[str, Any]:
        return {"slot": self.slot, "values": dict(self.values)}


@dataclass(frozen=True, slots=True)
class Member:
    """A claim inside an aligned group, with how well it matches the group."""

    claim: Claim
    score: float


@dataclass(frozen=True, slots=True)
class Finding:
    """A judged group: its kind, why, the conflicting values if any, and each side's claims."""

    id: str
    kind: Kind
    topic: str
    explanation: str
    score: float
    members: tuple[Member, ...]
    conflict: Conflict | None = None
    also: tuple[Conflict, ...] = ()  # further conflicts of the same two claims, other slots

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(m.claim.article_id for m in self.members))

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind.value,
            "topic": self.topic,
            "explanation": self.explanation,
            "conflict": self.conflict.to_dict() if self.conflict else None,
            "also": [c.to_dict() for c in self.also],
            "score": round(self.score, 4),
            "claims": [_member_dict(m) for m in self.members],
        }


def _member_dict(member: Member) -> dict[str, Any]:
    claim = member.claim
    return {
        "source": claim.article_id,
        "path": claim.path,
        "text": claim.text,
        "quote": claim.quote,
        "start": claim.span.start,
        "end": claim.span.end,
        "line": claim.span.line,
        "column": claim.span.column,
        "score": round(member.score, 4),
        "negated": claim.negated,
        "hedges": list(claim.hedges),
        "attribution": claim.attribution.to_dict() if claim.attribution else None,
        "dates": [d.iso for d in claim.dates],
        "quantities": [q.text for q in claim.quantities],
    }


@dataclass(frozen=True, slots=True)
class FactRow:
    """A fact that more than one source gives: what it is about (the words around its value),
    each source's value, whether they conflict, and the claims that state it."""

    about: str
    slot: str  # date, day, number, role or place
    values: dict[str, str]
    conflict: bool
    claims: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "about": self.about,
            "slot": self.slot,
            "values": dict(self.values),
            "status": "conflict" if self.conflict else "agree",
            "claims": list(self.claims),
        }


@dataclass(frozen=True, slots=True)
class PairResult:
    """How text b relates to text a (`judge_texts`): one row of `claimcheck pairs`."""

    similarity: float  # 0-1, rounded to 4 places
    relation: Relation
    conflict: Conflict | None
    explanation: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "similarity": self.similarity,
            "relation": self.relation._value_,  # as .value gives it, without the property
            "conflict": self.conflict.to_dict() if self.conflict else None,
            "explanation": self.explanation,
        }


@dataclass(frozen=True, slots=True)
class Story:
    """Articles reporting one event (see stories.py): an id stable across runs, and a label of
    its most telling words."""

    id: str
    label: str
    articles: tuple[str, ...]  # article ids, in input order

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "label": self.label, "sources": list(self.articles)}


def story_id(articles: Sequence[str]) -> str:
    """A story's id: a hash of its article ids, whatever their order."""
    joined = "\0".join(sorted(articles)).encode("utf-8", "surrogatepass")  # paths may hold them
    return "st-" + hashlib.sha1(joined).hexdigest()[:10]


@dataclass(frozen=True, slots=True)
class Report:
    """Everything `compare` found: the sources, their claims and the judged findings."""

    articles: tuple[Article, ...]
    claims: tuple[Claim, ...]
    findings: tuple[Finding, ...]
    settings: Settings = field(default_factory=Settings)
    errors: tuple[LoadError, ...] = ()  # the inputs that could not be loaded
    timings: tuple[tuple[str, float], ...] = ()  # seconds each stage took
    baseline: str | None = None  # path of the baseline applied, if any
    known: frozenset[str] = frozenset()  # ids of findings the baseline already holds
    stale: tuple[str, ...] = ()  # baseline ids that no longer occur
    copies: tuple[tuple[str, str], ...] = ()  # (copy, the source it copies), see copies.py
    facts: tuple[FactRow, ...] = ()  # the stories' fact sheets, see facts.py
    stories: tuple[Story, ...] = ()  # none: every article is in one story

    def story_of(self) -> dict[str, Story]:
        """Each article id's story; every article in one story when the report names none."""
        ids = tuple(a.id for a in self.articles)
        stories = self.stories or (Story(story_id(ids), "", ids),)
        return {article: story for story in stories for article in story.articles}

    def per_story(self) -> list[tuple[Story, Report]]:
        """Each story with the report of its own sources, claims, findings and facts."""
        story_of = self.story_of()
        out = []
        for story, found in self.by_story():
            mine = set(story.articles)
            out.append(
                (
                    story,
                    replace(
                        self,
                        articles=tuple(a for a in self.articles if a.id in mine),
                        claims=tuple(c for c in self.claims if c.article_id in mine),
                        findings=tuple(found),
                        errors=(),
                        stale=(),
                        copies=tuple(c for c in self.copies if c[0] in mine),
                        facts=tuple(
                            f for f in self.facts if story_of[next(iter(f.values))].id == story.id
                        ),
                        stories=(story,),
                    ),
                )
            )
        return out

    def by_story(self) -> list[tuple[Story, list[Finding]]]:
        """The stories, each with its findings (a finding is in its first claim's story)."""
        story_of = self.story_of()
        found: dict[str, list[Finding]] = {}
        for finding in self.findings:
            found.setdefault(story_of[finding.members[0].claim.article_id].id, []).append(finding)
        stories = {s.id: s for s in story_of.values()}
        return [(story, found.get(story.id, [])) for story in stories.values()]

    def count(self, kind: Kind) -> int:
        return sum(1 for f in self.findings if f.kind is kind)

    def is_known(self, finding: Finding) -> bool:
        """Whether the baseline already holds `finding`."""
        return finding.id in self.known

    def known_findings(self) -> int:
        """How many of the findings the baseline already holds."""
        return sum(1 for f in self.findings if self.is_known(f))

    def triggering(self, fail_on: str) -> list[Finding]:
        """Findings that reach the `fail_on` level and are not in the baseline."""
        kinds = FAIL_LEVELS[fail_on]
        return [f for f in self.findings if f.kind in kinds and not self.is_known(f)]

    def exit_code(self, fail_on: str) -> int:
        """0 when no new finding reaches `fail_on`, 1 when one does, 2 when an input failed."""
        if self.errors:
            return 2
        return 1 if self.triggering(fail_on) else 0

    def to_dict(self) -> dict[str, Any]:
        """The report as `claimcheck compare --format json` writes it (schema/, docs/json.md)."""
        from claimcheck.report.contract import to_dict

        return to_dict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Report:
        """A report read back from its JSON shape, as far as that shape holds it: see
        docs/python.md. `Report.from_dict(r.to_dict()).to_dict() == r.to_dict()`."""
        from claimcheck.report.contract import from_dict

        return from_dict(data)
