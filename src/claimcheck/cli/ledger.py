"""`claimcheck index` stores articles in a ledger; `claimcheck ledger ...` shows what it holds and
forgets a source."""

from __future__ import annotations

import datetime
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from claimcheck import jsonio
from claimcheck.cli.options import effective, ledger_option, output_options
from claimcheck.cli.shared import (
    CliError,
    closed_stdout_tolerated,
    emit,
    format_for,
    report_errors,
    require_articles,
    stderr,
    stdout,
    translate_errors,
)


@click.command("index")
@click.argument("paths", nargs=-1, required=True)
@ledger_option("--db", "The ledger to write, created when missing")
@click.option(
    "--config",
    "config_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Read aliases and ignored sources from FILE instead of the configuration file found "
    "upward.",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary on stderr.")
@translate_errors
def index_command(
    paths: tuple[str, ...], ledger_target: str, config_file: Path | None, quiet: bool
) -> None:
    """Store articles, their claims, facts and provenance in a ledger for `claimcheck check`.

    PATHS are files, directories or '-'. An article already stored unchanged (same content
    hash) is skipped; a changed one replaces its earlier version, and the claims that came and
    went are kept (`claimcheck ledger history`). Each article is stored in a transaction of its
    own: an interrupted run leaves the ledger as it was before the article it was storing.

    \b
    Examples:
      claimcheck index published/ --db newsroom.db
      claimcheck index coverage/ --db postgresql://claims@db.example.org/claims
    """
    from claimcheck import ledger
    from claimcheck.progress import ProgressBar

    settings = effective(config_file, ()).settings
    with ledger.Ledger(ledger_target, create=True) as store:
        with ProgressBar(stderr(), enabled=not quiet) as bar:
            done = ledger.index(paths, store, settings, progress=bar)
        report_errors(done.errors)
        require_articles([*done.added, *done.replaced, *done.unchanged], done.errors)
        if not quiet:
            click.echo(
                f"{store.name}: {len(done.added)} added, {len(done.replaced)} replaced, "
                f"{len(done.unchanged)} unchanged; {done.claims} claims stored",
                err=True,
            )
    sys.exit(done.exit_code)


@click.group("ledger", cls=click.Group)
def ledger_group() -> None:
    """What a ledger holds: `stats`, `sources` and `history`; `forget SOURCE` removes one.

    \b
    Examples:
      claimcheck ledger stats --db newsroom.db
      claimcheck ledger sources --db newsroom.db --format json
      claimcheck ledger history --db newsroom.db --since 2026-11-25
      claimcheck ledger forget retracted-story --db newsroom.db
    """


def listing(title: str, rows: list[dict[str, Any]], fmt: str, output: Path | None) -> None:
    """Records as a table on the terminal, or as JSON to stdout or -o FILE."""
    from claimcheck.ledger.views import rows_table

    shown(rows, lambda: rows_table(title, rows), fmt, output)


def shown(data: object, table: Callable[[], Any], fmt: str, output: Path | None) -> None:
    """`data` as JSON to stdout or -o FILE, or `table()` on the terminal."""
    if format_for(fmt, output, "table", ["json"]) == "json":
        emit(jsonio.dumps(data, indent=2) + "\n", output)
        return
    if output is not None:
        raise CliError("--format table writes to the terminal; choose json for -o")
    with closed_stdout_tolerated():
        stdout().print(table())


@ledger_group.command("stats")
@ledger_option("--db", "The ledger to read")
@output_options(["table", "json"], "table")
@translate_errors
def ledger_stats(ledger_target: str, fmt: str, output: Path | None) -> None:
    """Counts of the ledger's articles, claims, facts, postings and changes, its size in
    bytes, and how many articles it holds per publication date."""
    from claimcheck.ledger import Ledger
    from claimcheck.ledger.views import stats_table

    with Ledger(ledger_target) as store:
        stats = store.stats()
    shown(stats, lambda: stats_table(stats), fmt, output)


@ledger_group.command("sources")
@ledger_option("--db", "The ledger to read")
@output_options(["table", "json"], "table")
@translate_errors
def ledger_sources(ledger_target: str, fmt: str, output: Path | None) -> None:
    """Every stored source, by publication date: outlet, title, version, when it was indexed
    and how many claims it has."""
    from claimcheck.ledger import Ledger

    with Ledger(ledger_target) as store:
        listing(f"Sources in {store.name}", store.sources(), fmt, output)


@ledger_group.command("history")
@ledger_option("--db", "The ledger to read")
@output_options(["table", "json"], "table")
@click.option(
    "--since",
    type=click.DateTime(["%Y-%m-%d"]),
    help="Only changes indexed on or after this day, YYYY-MM-DD.",
)
@click.option("--source", "sources", multiple=True, help="Only this source (repeat for more).")
@translate_errors
def ledger_history(
    ledger_target: str,
    fmt: str,
    output: Path | None,
    since: datetime.datetime | None,
    sources: tuple[str, ...],
) -> None:
    """What changed in the coverage: articles first indexed, and the claims that came and went
    when a changed article was indexed again, oldest first."""
    from claimcheck.ledger import Ledger

    with Ledger(ledger_target) as store:
        rows = store.history(since=since.date().isoformat() if since else None, sources=sources)
        listing(f"History of {store.name}", rows, fmt, output)


@ledger_group.command("forget")
@click.argument("source")
@ledger_option("--db", "The ledger to change")
@translate_errors
def ledger_forget(source: str, ledger_target: str) -> None:
    """Remove SOURCE from the ledger: its article, claims, facts, postings and history."""
    from claimcheck.ledger import Ledger

    with Ledger(ledger_target) as store:
        claims = store.forget(source)
        click.echo(f"{store.name}: forgot {source} and its {claims} claims", err=True)
