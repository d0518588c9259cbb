"""`claimcheck pairs`: judge sentence pairs read as JSON Lines, streaming."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from claimcheck.cli.options import effective, output_options
from claimcheck.cli.shared import (
    closed_stdout_tolerated,
    format_for,
    screen_only,
    stdout,
    translate_errors,
)
from claimcheck.output import atomic_file, read_lines, write_rows
from claimcheck.pairs import judge_lines


@click.command()
@click.argument("source", default="-", required=False)
@output_options(["jsonl", "csv", "table"], "jsonl")
@click.option(
    "--config",
    "config_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Read aliases and antonyms from FILE instead of the configuration file found upward.",
)
@translate_errors
def pairs(source: str, fmt: str, output: Path | None, config_file: Path | None) -> None:
    """Judge sentence pairs: JSON Lines rows {"id": ..., "a": "...", "b": "..."} from SOURCE or '-'.

    Each output row, in input order, has id, similarity (0-1), relation (equivalent,
    contradiction, related, unrelated or error), conflict and explanation; other input fields
    pass through. A malformed row becomes an error row and the run goes on.

    \b
    Examples:
      claimcheck pairs pairs.jsonl
      echo '{"id": 1, "a": "Sales rose 5%.", "b": "Sales fell 5%."}' | claimcheck pairs
      claimcheck pairs pairs.jsonl --format csv -o judged.csv
    """
    rows = judge_lines(read_lines(source), effective(config_file, ()).settings)
    fmt = format_for(fmt, output, "jsonl", ["csv"])
    if fmt == "table":
        if output is not None:
            raise screen_only(fmt, output, ["jsonl", "csv"])
        from claimcheck.report.terminal import pairs_table

        with closed_stdout_tolerated():
            stdout().print(pairs_table(rows))
        return
    if output is None:
        with closed_stdout_tolerated():
            write_rows(rows, sys.stdout, fmt)
        return
    with atomic_file(output) as stream:
        write_rows(rows, stream, fmt)
