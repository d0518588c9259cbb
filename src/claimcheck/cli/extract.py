"""`claimcheck extract`: the atomic claims of articles, with slots and provenance."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from claimcheck.cli.options import input_options, output_options
from claimcheck.cli.shared import (
    closed_stdout_tolerated,
    demo_paths,
    emit,
    format_for,
    report_errors,
    report_notes,
    require_articles,
    screen_only,
    stdout,
    translate_errors,
)
from claimcheck.extract import iter_claims
from claimcheck.kinds import ClaimType
from claimcheck.load import Reading, load, thin_pages
from claimcheck.output import claims_csv, claims_json, claims_jsonl


@click.command()
@click.argument("paths", nargs=-1)
@output_options(["table", "json", "jsonl", "csv"], "table")
@click.option(
    "--all", "show_all", is_flag=True, help="Also list questions, headlines and calls to action."
)
@input_options
@translate_errors
def extract(
    paths: tuple[str, ...], fmt: str, output: Path | None, show_all: bool, reading: Reading
) -> None:
    """Extract atomic claims, with slots and provenance, from articles.

    PATHS are files, directories (searched recursively) or '-' for stdin; with none, the
    built-in demo corpus is used. Formats: .txt, .md, .html, .json, .jsonl.

    \b
    Examples:
      claimcheck extract article.txt
      claimcheck extract articles/ --format jsonl -o claims.jsonl
      cat story.md | claimcheck extract - --stdin-format markdown
    """
    fmt = format_for(fmt, output, "table", ["json", "jsonl", "csv"])
    articles, errors = load(paths or demo_paths(), reading=reading)
    report_errors(errors)
    report_notes(thin_pages(articles))
    require_articles(articles, errors)
    claims = (c for c in iter_claims(articles) if show_all or c.type is ClaimType.CLAIM)
    if fmt == "table":
        if output is not None:
            raise screen_only(fmt, output, ["json", "jsonl", "csv"])
        from claimcheck.report.terminal import claims_table

        with closed_stdout_tolerated():
            stdout().print(claims_table(claims))
    else:
        # JSON Lines and CSV rows are written as each claim is made: the claims are never all held.
        if fmt == "json":
            emit(claims_json(articles, claims), output)
        else:
            emit(claims_csv(claims) if fmt == "csv" else claims_jsonl(claims), output)
    sys.exit(2 if errors else 0)
