"""`claimcheck compare`: align claims across articles and write the report."""

from __future__ import annotations

import sys
import time
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
    F,
    demo_paths,
    report_errors,
    report_format,
    report_notes,
    require_articles,
    show_timings,
    stderr,
    translate_errors,
    write_report,
)
from claimcheck.compare import compare as run_compare
from claimcheck.load import Reading, thin_pages
from claimcheck.model import Report
from claimcheck.parallel import default_jobs
from claimcheck.report import FORMATS


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
    config = effective(config_file, paths, **options)
    known = baseline.load(baseline_file) if baseline_file is not None else None
    from claimcheck.progress import ProgressBar

    with ProgressBar(stderr(), enabled=not quiet) as bar:
        report = run_compare(
            config.paths or demo_paths(),
            config.settings,
            progress=bar,
            reading=reading,
            one_story=one_story,
            jobs=jobs or default_jobs(),
            scheduler=scheduler or None,
        )
    report_errors(report.errors)
    report_notes(thin_pages(report.articles), quiet)
    require_articles(report.articles, report.errors)
    started = time.perf_counter()
    report = with_baselines(report, known, write_baseline, quiet)
    write_report(report, fmt, output, show_kinds, limit)
    if verbose:
        show_timings(report, config, started)
    sys.exit(report.exit_code(config.settings.fail_on))


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
