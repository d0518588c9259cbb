"""`claimcheck check`: compare articles or a draft with what a ledger holds."""

from __future__ import annotations

import datetime
import sys
import time
from pathlib import Path
from typing import Any

import click

from claimcheck.cli.options import (
    effective,
    ledger_option,
    output_options,
    settings_options,
    stacked,
    view_options,
)
from claimcheck.cli.shared import (
    EXIT_CODES,
    F,
    report_errors,
    report_format,
    require_articles,
    show_timings,
    stderr,
    translate_errors,
    write_report,
)
from claimcheck.report import FORMATS


def scope_options(command: F) -> F:
    """--since, --source, --articles and --claims: the stored articles and claims compared."""
    return stacked(
        click.option(
            "--since",
            type=click.DateTime(["%Y-%m-%d"]),
            help="Only compare with articles published (or, undated, indexed) on or after this "
            "day, YYYY-MM-DD.",
        ),
        click.option(
            "--source",
            "sources",
            multiple=True,
            help="Only compare with this stored source (repeat for more; see `claimcheck "
            "ledger sources`).",
        ),
        click.option(
            "--articles",
            type=click.IntRange(1),
            default=20,
            show_default=True,
            help="Stored articles compared at most: those sharing the most rare words with PATHS.",
        ),
        click.option(
            "--claims",
            "budget",
            type=click.IntRange(1),
            default=600,
            show_default=True,
            help="Stored claims compared at most, between those articles (the best one "
            "always): more finds more, and takes longer.",
        ),
    )(command)


@click.command("check", epilog=EXIT_CODES)
@click.argument("paths", nargs=-1, required=True)
@ledger_option("--against", "The ledger to check against")
@output_options(["terminal", *FORMATS], "terminal")
@settings_options
@view_options
@scope_options
@click.option("-q", "--quiet", is_flag=True, help="No progress bar on stderr.")
@click.option("-v", "--verbose", is_flag=True, help="Print the time each stage took to stderr.")
@translate_errors
def check_command(
    paths: tuple[str, ...],
    ledger_target: str,
    fmt: str,
    output: Path | None,
    config_file: Path | None,
    show_kinds: tuple[str, ...],
    limit: int,
    since: datetime.datetime | None,
    sources: tuple[str, ...],
    articles: int,
    budget: int,
    quiet: bool,
    verbose: bool,
    **options: Any,
) -> None:
    """Check articles or a draft against a ledger: what contradicts, or agrees with, what is
    already indexed.

    The stored articles that share the most rare words with PATHS are found in the ledger's
    index; then the matcher and judge of `claimcheck compare` run over them and PATHS. The
    report holds the findings that involve PATHS, in every format compare writes, with the
    same exit codes and --fail-on.

    \b
    Examples:
      claimcheck check draft.md --against newsroom.db
      claimcheck check draft.md --against newsroom.db --fail-on contradiction
      claimcheck check story.html --since 2026-11-01 --format sarif -o check.sarif
    """
    from claimcheck import ledger
    from claimcheck.progress import ProgressBar

    fmt = report_format(fmt, output)
    config = effective(config_file, paths, **options)
    with ledger.Ledger(ledger_target) as store, ProgressBar(stderr(), enabled=not quiet) as bar:
        report = ledger.check(
            paths,
            store,
            config.settings,
            since=since.date().isoformat() if since else None,
            sources=sources,
            articles=articles,
            claims=budget,
            progress=bar,
        )
    report_errors(report.errors)
    require_articles(report.articles, report.errors)
    started = time.perf_counter()
    write_report(report, fmt, output, show_kinds, limit)
    if verbose:
        show_timings(report, config, started)
    sys.exit(report.exit_code(config.settings.fail_on))
