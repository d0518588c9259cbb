"""A story's report made where the story was compared: its text in the format being written and
the few counts the end of the run needs (cli/compare.Streamed).

`--format json`, `jsonl` and `csv` are written story by story. Once the calling process rebuilt
each story's claims and findings from a worker's pickle and turned them into text itself: at
10,000 articles that took a fifth of the run's processor time, in one process, while the
workers waited on it. A worker now turns each story it compares into a Digest (Digester), and
the calling process only writes the text in story order and sums the counts.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from claimcheck import baseline
from claimcheck.baseline import Baseline
from claimcheck.errors import LoadError
from claimcheck.model import Report
from claimcheck.report import csv, json, jsonl
from claimcheck.report.contract import claims_per_source, summary


@dataclass(frozen=True, slots=True)
class Digest:
    """One story's report as text (Digester) and what the end of the run needs of it."""

    texts: tuple[str, ...]  # the format's text of the story (Digester.texts)
    errors: tuple[LoadError, ...]  # why the story's comparison failed, if it did
    timings: tuple[tuple[str, float], ...]
    copies: tuple[tuple[str, str], ...]
    counts: Mapping[str, int]  # the summary's (contract.summary)
    claims: Mapping[str, int]  # of each source
    findings: int
    known: frozenset[str]  # the ids of its findings that the baseline holds
    baselined: int  # how many of its findings those are
    triggered: bool  # a finding not in the baseline reaches --fail-on
    report: Report | None = None  # when kept whole


@dataclass(frozen=True, slots=True)
class Digester:
    """Turns the report of one story alone (compare.Plan.report) into its Digest in `fmt`
    (json, jsonl or csv), the `known` baseline applied; `several` says that the run has more
    than one story (CSV's story column). The stories numbered in `whole` keep their report
    instead of its text: the first JSON line carries the run's errors, known at its end."""

    fmt: str
    known: Baseline | None
    fail_on: str
    several: bool
    whole: frozenset[int] = frozenset()

    def __call__(self, number: int, story: Report) -> Digest:
        if self.known is not None:  # stale entries are those no story meets, told at the end
            story = baseline.apply(story, self.known, stale=False)
        kept = number in self.whole
        return Digest(
            () if kept else self.texts(story),
            story.errors,
            story.timings,
            story.copies,
            summary(story),
            claims_per_source(story.claims) if self.fmt == "json" else {},
            len(story.findings),
            story.known,
            story.known_findings(),
            bool(story.triggering(self.fail_on)),
            story if kept else None,
        )

    def texts(self, story: Report) -> tuple[str, ...]:
        """JSON: the story's fact rows, story entry and findings (json.sections); JSON Lines:
        its line; CSV: its rows."""
        if self.fmt == "json":
            return json.sections(story)
        if self.fmt == "jsonl":
            return (jsonl.line(story),)
        return (csv.rows(story, self.several),)
