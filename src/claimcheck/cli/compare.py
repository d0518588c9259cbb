"""`claimcheck compare`: align claims across articles and write the report."""

from __future__ import annotations

import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import click

from claimcheck import baseline
from claimcheck.baseline import Baseline
from claimcheck.cli.options import (
    effective,
    input_options,
    output_options,
    settings_options,
    stacked,
    view_options,
)
from claimcheck.cli.shared import (
    EXIT_CODES,
    CliError,
    F,
    demo_paths,
    emit,
    report_errors,
    report_format,
    report_notes,
    require_articles,
    show_timings,
    stderr,
    translate_errors,
    write_report,
)
from claimcheck.compare import Plan, StoryResult, prepare
from claimcheck.config import Config
from claimcheck.errors import LoadError
from claimcheck.load import Reading, thin_pages
from claimcheck.model import Report
from claimcheck.output import in_order
from claimcheck.parallel import default_jobs
from claimcheck.report import FORMATS, csv, jsonl
from claimcheck.report.digest import Digest, Digester
from claimcheck.report.json import Spool


def baseline_options(command: F) -> F:
    """--baseline and --write-baseline: findings already known, and recording them."""
    return stacked(
        click.option(
            "--baseline",
            "baseline_file",
            type=click.Path(dir_okay=False, path_type=Path),
            help="Findings recorded in this baseline file are reported as known and do not "
            "count toward --fail-on; entries that no longer occur are listed as stale.",
        ),
        click.option(
            "--write-baseline",
            type=click.Path(dir_okay=False, path_type=Path),
            help="Record every current finding in FILE as the baseline; they then count as known.",
        ),
    )(command)


def story_options(command: F) -> F:
    """--one-story, --jobs and --scheduler: how articles are grouped into stories, and where the
    stories are compared."""
    return stacked(
        click.option(
            "--one-story",
            is_flag=True,
            help="Compare every input as one story instead of grouping the articles into "
            "stories first.",
        ),
        click.option(
            "-j",
            "--jobs",
            type=click.IntRange(1),
            help="Processes comparing stories side by side (default: all cores).",
        ),
        click.option(
            "--scheduler",
            envvar="CLAIMCHECK_SCHEDULER",
            metavar="ADDRESS",
            help="Compare the stories on the Dask cluster at ADDRESS (tcp://HOST:8786; "
            "default: $CLAIMCHECK_SCHEDULER); needs the dask extra.",
        ),
    )(command)


@click.command(epilog=EXIT_CODES)
@click.argument("paths", nargs=-1)
@output_options(["terminal", *FORMATS], "terminal")
@settings_options
@view_options
@baseline_options
@input_options
@story_options
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no notes on stderr.")
@click.option("-v", "--verbose", is_flag=True, help="Print the time each stage took to stderr.")
@translate_errors
def compare(
    paths: tuple[str, ...],
    fmt: str,
    output: Path | None,
    config_file: Path | None,
    show_kinds: tuple[str, ...],
    limit: int,
    baseline_file: Path | None,
    write_baseline: Path | None,
    one_story: bool,
    jobs: int | None,
    scheduler: str | None,
    quiet: bool,
    verbose: bool,
    reading: Reading,
    **options: Any,
) -> None:
    """Align claims across articles and report agreements, contradictions and single-source claims.

    PATHS are files, directories or '-'; with none, the configuration file's paths or else the
    built-in demo corpus are used.

    \b
    Examples:
      claimcheck compare
      claimcheck compare coverage/ --format json -o report.json
      claimcheck compare a.txt b.html c.md --fail-on contradiction
      claimcheck compare coverage/ --baseline baseline.json --fail-on contradiction
      claimcheck compare day/ --jobs 2 --format json -o day.json
    """
    fmt = report_format(fmt, output)
    if fmt == "jsonl" and write_baseline is not None:
        raise CliError("--write-baseline needs the whole report: give --format json")
    config = effective(config_file, paths, **options)
    known = baseline.load(baseline_file) if baseline_file is not None else None
    from claimcheck.progress import ProgressBar

    jobs, scheduler = jobs or default_jobs(), scheduler or None
    with ProgressBar(stderr(), enabled=not quiet) as bar:
        plan = prepare(
            config.paths or demo_paths(),
            config.settings,
            progress=bar,
            reading=reading,
            one_story=one_story,
            jobs=jobs,
        )
        streamed = None
        if fmt in STREAMED and plan.articles and write_baseline is None:
            report_errors(plan.errors)  # told now: an -o file that cannot be written ends the run
            streamed = Streamed(plan, known, config.settings.fail_on)
            digests = plan.finished(streamed.digester(fmt), jobs=jobs, scheduler=scheduler)
            emit(getattr(streamed, fmt)(digests), output)
        else:
            report = plan.whole(plan.outcomes(jobs=jobs, scheduler=scheduler))
    if streamed is not None:
        sys.exit(streamed.close(config, quiet, verbose, counts=fmt == "jsonl"))
    report_errors(report.errors)
    report_notes(thin_pages(report.articles), quiet)
    require_articles(report.articles, report.errors)
    started = time.perf_counter()
    report = with_baselines(report, known, write_baseline, quiet)
    write_report(report, fmt, output, show_kinds, limit)
    if verbose:
        show_timings(report, config, started)
    sys.exit(report.exit_code(config.settings.fail_on))


STREAMED = ("json", "jsonl", "csv")  # the formats written story by story (Streamed's methods)
# What Streamed takes: each story's digest (Plan.finished), or its result or why it failed.
Outcomes = Iterable[tuple[int, Digest | StoryResult | str]]


class Streamed:
    """--format json, jsonl and csv: each story's report turned into text where it was compared
    (Plan.finished, report/digest.py) and its claims let go; what the run's end needs is kept:
    failures, copies, counts, timings, and whether a new finding reaches --fail-on. Outcomes
    not yet digested (a story's result, or why it failed) are digested here."""

    def __init__(self, plan: Plan, known: Baseline | None, fail_on: str) -> None:
        self.plan, self.known, self.fail_on = plan, known, fail_on
        self.failures: list[tuple[int, LoadError]] = []  # stories whose comparison failed
        self.timings: list[tuple[tuple[str, float], ...]] = []
        self.copies: list[tuple[str, str]] = []
        self.counts: Counter[str] = Counter()  # the summary's, summed over the stories
        self.seen: set[str] = set()  # baseline ids met
        self.triggered = False
        self.compared = 0.0  # when the last story was in, and the report's writing began

    def digester(self, fmt: str) -> Digester:
        """What each story becomes in `fmt`; the first JSON line is kept whole, to carry the
        run's errors, which are known only at its end."""
        whole = frozenset({0}) if fmt == "jsonl" else frozenset()
        return Digester(fmt, self.known, self.fail_on, len(self.plan.stories) > 1, whole)

    def stories(self, outcomes: Outcomes, fmt: str) -> Iterator[tuple[int, Digest]]:
        """Each story's number and digest in `fmt`, its baseline applied, as stories finish."""
        digester = self.digester(fmt)
        for number, outcome in outcomes:
            digest = (
                outcome
                if isinstance(outcome, Digest)
                else digester(number, self.plan.report(number, outcome))
            )
            self.seen.update(digest.known)  # stale entries are those no story meets
            self.failures += [(number, error) for error in digest.errors]
            if not digest.errors:  # as Plan.whole() counts them
                self.timings.append(digest.timings)
            self.copies += digest.copies
            self.counts.update(digest.counts)
            self.triggered = self.triggered or digest.triggered
            yield number, digest
        self.compared = time.perf_counter()

    def jsonl(self, outcomes: Outcomes) -> Iterator[str]:
        """--format jsonl: each story's line, in story order (output.in_order)."""
        return in_order(self.lines(outcomes))

    def lines(self, outcomes: Outcomes) -> Iterator[tuple[int, str]]:
        """Each story's number and JSON line, as stories finish; the first story's comes last,
        with the run's errors (jsonl.line)."""
        first = None
        for number, digest in self.stories(outcomes, "jsonl"):
            if digest.report is not None:  # held to the end: its line carries every error
                first = digest.report
            else:
                yield number, digest.texts[0]
        if first is not None:
            yield 0, jsonl.line(first, self.errors)

    def csv(self, outcomes: Outcomes) -> Iterator[str]:
        """--format csv: the header, each story's rows in story order, then the run's errors."""
        several = len(self.plan.stories) > 1
        yield csv.header(several)
        yield from in_order((n, d.texts[0]) for n, d in self.stories(outcomes, "csv"))
        yield csv.error_rows(self.errors, several)

    def json(self, outcomes: Outcomes) -> Iterator[str]:
        """--format json: the report of the whole run, in pieces (report/json.Spool)."""
        with tempfile.TemporaryFile() as file:
            spool = Spool(file)
            for number, d in self.stories(outcomes, "json"):
                spool.add(number, d.texts, d.claims, d.findings, d.baselined)
            shell = Report(
                self.plan.articles,
                (),
                (),
                self.plan.settings,
                self.errors,
                baseline=self.known.path if self.known else None,
                copies=tuple(self.copies),
            )
            yield from spool.pieces(shell, self.counts, self.stale)

    @property
    def stale(self) -> list[str]:
        """The baseline's entries that no story met."""
        ids = dict.fromkeys(self.known.ids) if self.known else {}
        return [i for i in ids if i not in self.seen]

    @property
    def errors(self) -> tuple[LoadError, ...]:
        """The inputs that could not be read, then the stories that failed, in story order."""
        return (*self.plan.errors, *(error for _, error in sorted(self.failures)))

    def close(self, config: Config, quiet: bool, verbose: bool, *, counts: bool = True) -> int:
        """Tell the stories that failed, the run's totals when `counts` (JSON Lines hold no
        summary of the run) and timings on stderr; the exit code. The inputs that could not be
        read were told before the stories ran (compare())."""
        report_errors([error for _, error in sorted(self.failures)])
        report_notes(thin_pages(self.plan.articles), quiet)
        if counts and not quiet:
            c = self.counts
            stories = len(self.plan.stories)
            click.echo(
                f"{stories:,} {'story' if stories == 1 else 'stories'}: "
                f"{c['contradictions']:,} contradictions, "
                f"{c['agreements']:,} agreements, {c['single_source']:,} single-source "
                f"({c['claims']:,} claims, {c['sources']:,} sources)",
                err=True,
            )
            stale = self.stale
            if stale:
                click.echo(f"{len(stale):,} baseline entries no longer occur", err=True)
        if verbose:
            timings = Report((), (), (), timings=self.plan.timings(self.timings))
            show_timings(timings, config, self.compared)
        if self.plan.errors or self.failures:
            return 2
        return 1 if self.triggered else 0


def with_baselines(
    report: Report, known: Baseline | None, write: Path | None, quiet: bool
) -> Report:
    """Apply the --baseline file, then write the --write-baseline file."""
    if known is not None:
        report = baseline.apply(report, known)
    if write is not None:
        baseline.save(report, write)
        report = baseline.accept(report, write)
        if not quiet:
            click.echo(f"wrote {len(report.findings)} findings to baseline {write}", err=True)
    return report
