"""The command line: parse options, call the library, write the result, exit. Nothing else.

Exit codes: 0 nothing reaches --fail-on; 1 findings reach it; 2 usage, configuration or input error;
130 interrupted (Ctrl-C), 143 terminated (SIGTERM).
"""

from __future__ import annotations

import codecs
import datetime
import functools
import re
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from claimcheck import baseline, interrupts, jsonio
from claimcheck.baseline import Baseline
from claimcheck.compare import compare as run_compare
from claimcheck.config import Config
from claimcheck.config import resolve as resolve_config
from claimcheck.errors import ClaimcheckError
from claimcheck.extract import iter_claims
from claimcheck.load import MAX_FILE_SIZE, STDIN_FORMATS, Reading, load, size_words, thin_pages
from claimcheck.model import FAIL_LEVELS, ClaimType, Report, Settings
from claimcheck.output import (
    atomic_file,
    claims_csv,
    claims_json,
    claims_jsonl,
    read_lines,
    silence_stdout,
    utf8_stdout,
    visible,
    write_rows,
)
from claimcheck.pairs import judge_lines
from claimcheck.parallel import default_jobs
from claimcheck.report import FORMATS, pieces

if TYPE_CHECKING:
    from rich.console import Console

# rich (claimcheck.report.terminal, claimcheck.progress) is imported where a command draws on
# the terminal: `claimcheck pairs` writing JSON Lines starts faster without it.

F = TypeVar("F", bound=Callable[..., Any])
DEFAULTS = Settings()
SUFFIXES = {
    ".json": "json",
    ".jsonl": "jsonl",
    ".csv": "csv",
    ".md": "markdown",
    ".html": "html",
    ".htm": "html",
    ".sarif": "sarif",
    ".xml": "junit",
}
EXIT_CODES = """\b
Exit codes:
  0    nothing reaches --fail-on
  1    findings reach --fail-on (those in a --baseline file never do)
  2    usage, configuration or input error
  130  interrupted (Ctrl-C); 143 when terminated (SIGTERM)"""


class CliError(click.ClickException):
    """A library error shown as one line on stderr, exit code 2."""

    exit_code = 2

    def show(self, file: Any = None) -> None:
        click.echo(f"error: {visible(self.format_message())}", err=True)


def demo_paths() -> list[str]:
    """The built-in demo corpus shipped with the package."""
    return [str(resources.files("claimcheck").joinpath("demo"))]


def stderr() -> Console:
    from rich.console import Console

    return Console(stderr=True)


def stdout() -> Console:
    """A console on stdout whose reader may stop early (`| head`)."""
    from claimcheck.report.terminal import StdoutConsole

    return StdoutConsole()


def show_version(ctx: click.Context, _: click.Parameter, value: bool) -> None:
    """-V/--version, as click.version_option prints it; the version is looked up only here."""
    if not value or ctx.resilient_parsing:
        return
    from claimcheck import __version__, build

    click.echo(f"claimcheck, version {__version__} ({build()})")
    ctx.exit()


def report_errors(errors: Sequence[object]) -> None:
    for error in errors:
        click.echo(f"error: {visible(str(error))}", err=True)


def require_articles(articles: Sequence[object], errors: Sequence[object]) -> None:
    """Stop with exit 2 when nothing could be read; each bad input has had its own line."""
    if not articles:
        if errors:
            sys.exit(2)
        raise CliError("no article files found")


@contextmanager
def closed_stdout_tolerated() -> Iterator[None]:
    """A reader that stops early (`| head`) is not an error: the exit code stays the report's."""
    try:
        yield
        sys.stdout.flush()
    except BrokenPipeError:
        silence_stdout()


def format_for(fmt: str, output: Path | None, default: str, choices: Sequence[str]) -> str:
    """The --format given, or else the one -o FILE's suffix names (report.json -> json)."""
    if output is None or fmt != default:
        return fmt
    guess = SUFFIXES.get(output.suffix.lower(), "")
    return guess if guess in choices else fmt


def screen_only(fmt: str, output: Path, choices: Sequence[str]) -> CliError:
    """The error for -o FILE with a format that only draws on the terminal."""
    named = ", ".join(sorted(suffix for suffix, name in SUFFIXES.items() if name in choices))
    return CliError(
        f"--format {fmt} draws on the terminal and {output.name} names no format: give "
        f"--format ({', '.join(choices)}) or end the file name in {named}"
    )


SIZE = re.compile(r"(\d+(?:\.\d+)?)\s*([kmg]?)i?b?", re.IGNORECASE)


def file_size(ctx: click.Context, param: click.Parameter, value: str) -> int:
    """--max-file-size: bytes, or a number with K, M or G (binary multiples: 20M, 512K)."""
    match = SIZE.fullmatch(value.strip())
    if match is None or float(match.group(1)) <= 0:
        raise click.BadParameter(f"{value!r} is not a size such as 20M, 512K or 100000")
    scale = {"": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30}[match.group(2).lower()]
    return int(float(match.group(1)) * scale)


def encoding_name(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """--encoding: a codec Python knows, by any of its names (latin-1, cp1252, utf-16)."""
    if value is None:
        return None
    try:
        return codecs.lookup(value).name
    except LookupError:
        raise click.BadParameter(f"unknown encoding {value!r}") from None


def input_options(command: F) -> F:
    """--stdin-format, --encoding and --max-file-size, given to the command as one `reading`."""

    @functools.wraps(command)
    def wrapper(
        *args: Any, stdin_format: str | None, encoding: str | None, max_file_size: int, **kw: Any
    ) -> Any:
        reading = Reading(stdin_format, encoding, max_file_size)
        return command(*args, reading=reading, **kw)

    for decorator in (
        click.option(
            "--max-file-size",
            default=size_words(MAX_FILE_SIZE).replace(" ", "").removesuffix("B"),
            show_default=True,
            callback=file_size,
            help="Refuse an input larger than this (bytes, or with K, M or G: 512K, 50M).",
        ),
        click.option(
            "--encoding",
            callback=encoding_name,
            help="Read article files in this encoding (latin-1, cp1252, ...) instead of UTF-8 "
            "or UTF-16 with a byte-order mark.",
        ),
        click.option(
            "--stdin-format",
            type=click.Choice(STDIN_FORMATS),
            help="Format of text read from '-' (default: html when it starts like a web page, "
            "else text).",
        ),
    ):
        wrapper = decorator(wrapper)
    return wrapper  # type: ignore[return-value]


def report_notes(notes: Sequence[str], quiet: bool = False) -> None:
    """Warnings that do not stop the run, one line each on stderr."""
    if not quiet:
        for note in notes:
            click.echo(f"warning: {visible(note)}", err=True)


def output_options(formats: Sequence[str], default: str) -> Callable[[F], F]:
    """The --format and -o options every command shares."""

    def decorate(command: F) -> F:
        command = click.option(
            "-o",
            "--output",
            type=click.Path(dir_okay=False, path_type=Path),
            help="Write to FILE instead of stdout: a file is replaced whole or not at all (a "
            "link's target, the link kept); a device or FIFO, such as /dev/null, is written to.",
        )(command)
        return click.option(
            "--format",
            "fmt",
            type=click.Choice(formats),
            default=default,
            show_default=True,
            help="Output format.",
        )(command)

    return decorate


def emit(text: str | Iterable[str], output: Path | None) -> None:
    """Write a report, or its lines as they are made, to stdout or whole to -o FILE."""
    lines = [text] if isinstance(text, str) else text
    if output is None:
        with closed_stdout_tolerated():
            for line in lines:
                sys.stdout.write(line)
    else:
        with atomic_file(output) as stream:
            for line in lines:
                stream.write(line)


def translate_errors(command: F) -> F:
    """Turn library errors into one-line messages and exit code 2, once, at the boundary."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except ClaimcheckError as error:
            raise CliError(str(error)) from error

    return wrapper  # type: ignore[return-value]


class Cli(click.Group):
    """A group whose usage errors, like every other error, are one line on stderr with exit 2."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        if standalone_mode:
            utf8_stdout()
        # Ctrl-C or SIGTERM: one line and exit 130 or 143 (interrupts), in the command itself.
        with interrupts.handled(standalone_mode and interrupts.is_command()):
            return self._main(args, prog_name, complete_var, standalone_mode, **extra)

    def _main(
        self,
        args: Sequence[str] | None,
        prog_name: str | None,
        complete_var: str | None,
        standalone_mode: bool,
        **extra: Any,
    ) -> Any:
        try:
            result = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.exceptions.NoArgsIsHelpError as error:
            click.echo(error.ctx.get_help() if error.ctx else "")
            sys.exit(0)
        except click.UsageError as error:
            hint = f" (see '{error.ctx.command_path} --help')" if error.ctx else ""
            click.echo(f"error: {error.format_message()}{hint}", err=True)
            sys.exit(2)
        except click.ClickException as error:
            error.show()
            sys.exit(error.exit_code)
        except click.Abort:  # Ctrl-C where interrupts.handled() does not see it
            click.echo("interrupted", err=True)
            sys.exit(130)
        if standalone_mode:
            sys.exit(result if isinstance(result, int) else 0)
        return result


@click.group(
    name="claimcheck",
    cls=Cli,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.option(
    "-V",
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=show_version,
    help="Show the version and exit.",
)
def main() -> None:
    """Cross-reference what several articles say about the same event.

    \b
    Examples:
      claimcheck compare                      # the built-in demo corpus
      claimcheck compare articles/ --fail-on contradiction
      claimcheck extract story.txt --format jsonl
      claimcheck pairs pairs.jsonl --format csv
    """


@main.command()
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


def settings_options(command: F) -> F:
    """--config, --fail-on, --threshold, --min-sources and --candidates: unset ones come from the
    file."""
    for decorator in reversed(
        [
            click.option(
                "--config",
                "config_file",
                type=click.Path(exists=True, dir_okay=False, path_type=Path),
                help="Read settings from FILE instead of the claimcheck.toml or pyproject.toml "
                "found from here upward; options given here override the file.",
            ),
            click.option(
                "--fail-on",
                type=click.Choice(list(FAIL_LEVELS)),
                help="Exit 1 when new findings of this kind (or worse) are found "
                f"(default: {DEFAULTS.fail_on}).",
            ),
            click.option(
                "--threshold",
                type=click.FloatRange(0, 1),
                help="Minimum match score for two claims to be aligned as the same claim "
                f"(default: {DEFAULTS.threshold}).",
            ),
            click.option(
                "--min-sources",
                type=click.IntRange(2),
                help=f"Sources needed for an agreement (default: {DEFAULTS.min_sources}).",
            ),
            click.option(
                "--candidates",
                type=click.IntRange(1),
                help="Claims of other sources scored against each claim, those sharing the most "
                f"rare words: more finds more, and takes longer (default: {DEFAULTS.candidates}).",
            ),
        ]
    ):
        command = decorator(command)
    return command


def effective(config_file: Path | None, paths: tuple[str, ...], **options: Any) -> Config:
    """The configuration: these command-line values over the configuration file over defaults."""
    overrides = {key.replace("_", "-"): value for key, value in options.items()}
    return resolve_config({"paths": paths or None, **overrides}, file=config_file)


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


def view_options(command: F) -> F:
    """--show and --limit: what the terminal view of a report lists."""
    command = click.option(
        "--limit",
        type=click.IntRange(0),
        default=20,
        show_default=True,
        help="Findings listed per section in the terminal view (0: all).",
    )(command)
    return click.option(
        "--show",
        "show_kinds",
        multiple=True,
        type=click.Choice(["contradiction", "agreement", "single-source"]),
        help="Sections of the terminal view (default: contradiction and agreement).",
    )(command)


def report_format(fmt: str, output: Path | None) -> str:
    """The report format asked for, by --format or -o's suffix; terminal only on the screen."""
    fmt = format_for(fmt, output, "terminal", list(FORMATS))
    if fmt == "terminal" and output is not None:
        raise screen_only(fmt, output, list(FORMATS))
    return fmt


def write_report(
    report: Report, fmt: str, output: Path | None, show_kinds: tuple[str, ...], limit: int
) -> None:
    """The report in `fmt`, on the terminal or to stdout or -o FILE."""
    if fmt == "terminal":
        from claimcheck.report.terminal import show

        kinds = show_kinds or ("contradiction", "agreement")
        with closed_stdout_tolerated():
            show(report, stdout(), show_kinds=kinds, limit=limit)
    else:
        emit(pieces(fmt, report), output)


@main.command(epilog=EXIT_CODES)
@click.argument("paths", nargs=-1)
@output_options(["terminal", *FORMATS], "terminal")
@settings_options
@view_options
@click.option(
    "--baseline",
    "baseline_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Findings recorded in this baseline file are reported as known and do not count "
    "toward --fail-on; entries that no longer occur are listed as stale.",
)
@click.option(
    "--write-baseline",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Record every current finding in FILE as the baseline; they then count as known.",
)
@input_options
@click.option(
    "--one-story",
    is_flag=True,
    help="Compare every input as one story instead of grouping the articles into stories first.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(1),
    help="Processes comparing stories side by side (default: all cores).",
)
@click.option(
    "--scheduler",
    envvar="CLAIMCHECK_SCHEDULER",
    metavar="ADDRESS",
    help="Compare the stories on the Dask cluster at ADDRESS (tcp://HOST:8786; default: "
    "$CLAIMCHECK_SCHEDULER); needs the dask extra.",
)
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


def show_timings(report: Report, config: Config, started: float) -> None:
    """-v: the configuration file and each stage's time, the report's since `started`."""
    from claimcheck.progress import timing_lines

    timings = (*report.timings, ("report", time.perf_counter() - started))
    for line in [f"config   {config.file or '(none)'}", *timing_lines(timings)]:
        click.echo(line, err=True)


@main.command("config")
@settings_options
@click.option("--show", is_flag=True, help="Print every setting's value and where it came from.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="Output format of --show.",
)
@translate_errors
def config_command(config_file: Path | None, show: bool, fmt: str, **options: Any) -> None:
    """Show which configuration file is in use and, with --show, the effective settings.

    The file is --config FILE, or else the first claimcheck.toml, or pyproject.toml with a
    [tool.claimcheck] table, found from the working directory upward. Options given here
    override the file, as they would for compare.

    \b
    Examples:
      claimcheck config
      claimcheck config --show
      claimcheck config --show --threshold 0.7 --format json
    """
    config = effective(config_file, (), **options)
    if not show:
        click.echo(config.file or "no configuration file found; defaults apply")
    elif fmt == "json":
        click.echo(jsonio.dumps(config.to_dict(), indent=2))
    else:
        from claimcheck.report.terminal import config_table

        stdout().print(config_table(config))


@main.command()
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


def ledger_option(name: str, help_text: str) -> Callable[[F], F]:
    """The ledger to use: a SQLite file or a postgresql:// URL (also $CLAIMCHECK_LEDGER)."""
    return click.option(
        name,
        "ledger_target",
        metavar="LEDGER",
        envvar="CLAIMCHECK_LEDGER",
        default="claimcheck.db",
        show_default=True,
        help=f"{help_text}: a SQLite file, or a postgresql://user@host/db URL for a shared "
        "ledger (or set $CLAIMCHECK_LEDGER).",
    )


@main.command("index")
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


@main.command("check", epilog=EXIT_CODES)
@click.argument("paths", nargs=-1, required=True)
@ledger_option("--against", "The ledger to check against")
@output_options(["terminal", *FORMATS], "terminal")
@settings_options
@view_options
@click.option(
    "--since",
    type=click.DateTime(["%Y-%m-%d"]),
    help="Only compare with articles published (or, undated, indexed) on or after this day, "
    "YYYY-MM-DD.",
)
@click.option(
    "--source",
    "sources",
    multiple=True,
    help="Only compare with this stored source (repeat for more; see `claimcheck ledger sources`).",
)
@click.option(
    "--articles",
    type=click.IntRange(1),
    default=20,
    show_default=True,
    help="Stored articles compared at most: those sharing the most rare words with PATHS.",
)
@click.option(
    "--claims",
    "budget",
    type=click.IntRange(1),
    default=600,
    show_default=True,
    help="Stored claims compared at most, between those articles (the best one always): more "
    "finds more, and takes longer.",
)
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


@main.group("ledger", cls=click.Group)
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
