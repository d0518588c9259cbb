"""The options several commands share, each set given by one decorator."""

from __future__ import annotations

import codecs
import functools
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import click

from claimcheck.cli.shared import F
from claimcheck.config import Config
from claimcheck.config import resolve as resolve_config
from claimcheck.decode import size_words
from claimcheck.load import MAX_FILE_SIZE, STDIN_FORMATS, Reading
from claimcheck.settings import KNOBS, Knob, Settings

DEFAULTS = Settings()


def stacked(*decorators: Callable[[F], F]) -> Callable[[F], F]:
    """One decorator for several, in the order they would be stacked (the order of --help)."""

    def decorate(command: F) -> F:
        for decorator in reversed(decorators):
            command = decorator(command)
        return command

    return decorate


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

    return stacked(  # type: ignore[return-value]
        click.option(
            "--stdin-format",
            type=click.Choice(STDIN_FORMATS),
            help="Format of text read from '-' (default: html when it starts like a web page, "
            "else text).",
        ),
        click.option(
            "--encoding",
            callback=encoding_name,
            help="Read article files in this encoding (latin-1, cp1252, ...) instead of UTF-8 "
            "or UTF-16 with a byte-order mark.",
        ),
        click.option(
            "--max-file-size",
            default=size_words(MAX_FILE_SIZE).replace(" ", "").removesuffix("B"),
            show_default=True,
            callback=file_size,
            help="Refuse an input larger than this (bytes, or with K, M or G: 512K, 50M).",
        ),
    )(wrapper)


def settings_options(command: F) -> F:
    """--config and an option for each Settings field that has one (--threshold, ...): unset
    ones come from the file."""
    config = click.option(
        "--config",
        "config_file",
        type=click.Path(exists=True, dir_okay=False, path_type=Path),
        help="Read settings from FILE instead of the claimcheck.toml or pyproject.toml "
        "found from here upward; options given here override the file.",
    )
    knobs = [
        click.option(
            f"--{name.replace('_', '-')}",
            type=_option_type(about, type(getattr(DEFAULTS, name))),
            help=f"{about.option} (default: {getattr(DEFAULTS, name)}).",
        )
        for name, about in KNOBS.items()
        if about.option
    ]
    return stacked(config, *knobs)(command)


def _option_type(about: Knob, kind: type) -> click.ParamType[Any]:
    if about.choices:
        return click.Choice(list(about.choices))
    if kind is float:
        return click.FloatRange(about.low, about.high)
    return click.IntRange(None if about.low is None else int(about.low))


def effective(config_file: Path | None, paths: tuple[str, ...], **options: Any) -> Config:
    """The configuration: these command-line values over the configuration file over defaults."""
    overrides = {key.replace("_", "-"): value for key, value in options.items()}
    return resolve_config({"paths": paths or None, **overrides}, file=config_file)


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
