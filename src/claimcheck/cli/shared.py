"""What every command shares: library errors as one line on stderr, the consoles, and writing a
report or its rows to stdout or to -o FILE."""

from __future__ import annotations

import functools
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from claimcheck.config import Config
from claimcheck.errors import ClaimcheckError
from claimcheck.model import Report
from claimcheck.output import atomic_file, silence_stdout, visible
from claimcheck.report import FORMATS, pieces

if TYPE_CHECKING:
    from rich.console import Console

# rich (claimcheck.report.terminal, claimcheck.progress) is imported where a command draws on
# the terminal: `claimcheck pairs` writing JSON Lines starts faster without it.

F = TypeVar("F", bound=Callable[..., Any])


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


def translate_errors(command: F) -> F:
    """Turn library errors into one-line messages and exit code 2, once, at the boundary."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except ClaimcheckError as error:
            raise CliError(str(error)) from error

    return wrapper  # type: ignore[return-value]


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


def report_errors(errors: Sequence[object]) -> None:
    for error in errors:
        click.echo(f"error: {visible(str(error))}", err=True)


def report_notes(notes: Sequence[str], quiet: bool = False) -> None:
    """Warnings that do not stop the run, one line each on stderr."""
    if not quiet:
        for note in notes:
            click.echo(f"warning: {visible(note)}", err=True)


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
    from claimcheck.compare import uncollected

    with uncollected():  # the collector would walk every record of the report again and again
        if fmt == "terminal":
            from claimcheck.report.terminal import show

            kinds = show_kinds or ("contradiction", "agreement")
            with closed_stdout_tolerated():
                show(report, stdout(), show_kinds=kinds, limit=limit)
        else:
            emit(pieces(fmt, report), output)


def show_timings(report: Report, config: Config, started: float) -> None:
    """-v: the configuration file and each stage's time, the report's since `started`."""
    from claimcheck.progress import timing_lines

    timings = (*report.timings, ("report", time.perf_counter() - started))
    for line in [f"config   {config.file or '(none)'}", *timing_lines(timings)]:
        click.echo(line, err=True)
