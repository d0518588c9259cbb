"""Baselines: findings already known and accepted, so that only new ones fail a run.

A baseline file records each finding's id (built from the claims' normalised wording, not their
positions), kind, topic, sources and claim texts. Applying one marks the report's findings whose
ids it holds as known and lists the entries that no longer occur as stale.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from claimcheck import jsonio
from claimcheck.errors import BaselineError
from claimcheck.model import Finding, Report
from claimcheck.output import write_atomic

SCHEMA = "claimcheck.baseline/1"


@dataclass(frozen=True, slots=True)
class Baseline:
    """The finding ids a baseline file holds, in file order, and as a set (`held`)."""

    path: str
    ids: tuple[str, ...]
    held: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "held", frozenset(self.ids))


def entry(finding: Finding) -> dict[str, Any]:
    """One finding as a baseline records it."""
    return {
        "id": finding.id,
        "kind": finding.kind.value,
        "topic": finding.topic,
        "sources": list(finding.sources),
        "claims": [{"source": m.claim.article_id, "text": m.claim.text} for m in finding.members],
    }


def dumps(report: Report) -> str:
    """Every finding of `report` as baseline JSON, sorted by id so that diffs stay small."""
    from claimcheck import __version__

    data = {
        "schema": SCHEMA,
        "tool": {"name": "claimcheck", "version": __version__},
        "findings": [entry(f) for f in sorted(report.findings, key=lambda f: f.id)],
    }
    return jsonio.dumps(data, indent=2) + "\n"


def save(report: Report, path: str | Path) -> None:
    """Write every finding of `report` to `path` as a baseline, whole or not at all."""
    write_atomic(path, dumps(report))


def load(path: str | Path) -> Baseline:
    """Read a baseline file; a missing, malformed or foreign file raises BaselineError."""
    name = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or "not UTF-8 text"
        raise BaselineError(f"cannot read baseline: {reason}", path=name) from error
    try:
        data = jsonio.loads(text, "baseline JSON")
    except jsonio.JSONProblem as error:
        raise BaselineError(error.reason, path=name, line=error.line) from error
    return Baseline(name, _ids(data, name))


def _ids(data: Any, path: str) -> tuple[str, ...]:
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        raise BaselineError(f'not a claimcheck baseline (expected "schema": "{SCHEMA}")', path=path)
    findings = data.get("findings")
    if not isinstance(findings, list):
        raise BaselineError('"findings" must be a list', path=path)
    ids = []
    for number, item in enumerate(findings):
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            raise BaselineError(f'findings[{number}] has no string "id"', path=path)
        ids.append(item["id"])
    return tuple(ids)


def apply(report: Report, baseline: Baseline, *, stale: bool = True) -> Report:
    """`report` with the findings `baseline` holds marked known and its vanished entries stale;
    with `stale` False none are (the report of one story of a run, whose stale entries only
    the whole run tells). The work is that of the report's findings, not of the baseline's."""
    current = {f.id for f in report.findings}
    gone = tuple(i for i in dict.fromkeys(baseline.ids) if i not in current) if stale else ()
    return replace(
        report, baseline=baseline.path, known=frozenset(current & baseline.held), stale=gone
    )


def accept(report: Report, path: str | Path) -> Report:
    """`report` after writing it as the baseline at `path`: every finding known, stale kept."""
    return replace(report, baseline=str(path), known=frozenset(f.id for f in report.findings))
