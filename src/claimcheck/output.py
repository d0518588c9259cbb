"""Writing results: whole files or nothing, and claim exports built from `Claim.to_dict()`."""

from __future__ import annotations

import codecs
import errno
import io
import itertools
import os
import re
import secrets
import stat
import sys
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO, TextIO

from claimcheck import jsonio
from claimcheck.errors import ClaimcheckError, LoadError
from claimcheck.model import Article, Claim
from claimcheck.report.contract import attribution_text

CLAIM_COLUMNS = (
    "id",
    "source",
    "path",
    "line",
    "column",
    "start",
    "end",
    "type",
    "text",
    "quote",
    "actors",
    "dates",
    "quantities",
    "negated",
    "negation_cue",
    "modality",
    "hedges",
    "attribution",
    "certain",
)


# What a terminal would obey rather than show: C0 controls but tab and line feed, DEL, C1 controls
# (0x9b starts an escape sequence too), bidirectional overrides and isolates, lone surrogates.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def visible(text: str) -> str:
    """`text` with each control character shown as an escape ("\\x1b", "\\u202e") instead of
    sent to the terminal as it is."""
    return CONTROL.sub(_escape, text) if CONTROL.search(text) else text


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def utf8_stdout() -> None:
    """Make stdout UTF-8 whatever the locale (LC_ALL=C, a Windows pipe), with what UTF-8 cannot
    hold (a lone surrogate, a file name's undecodable byte) written as "?": never a crash on
    write, never bytes that are not UTF-8."""
    if isinstance(sys.stdout, io.TextIOWrapper):
        sys.stdout.reconfigure(encoding="utf-8", errors="replace")


def silence_stdout() -> None:
    """Send what is still written to stdout nowhere: its reader has gone (`| head`)."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


@contextmanager
def atomic_file(path: str | Path) -> Iterator[TextIO]:
    """A UTF-8 text stream for `path`. A regular file, or a new one, is replaced whole and only
    if the block completes without error; a symbolic link is followed and its target replaced. A
    character device or FIFO (/dev/null, a named pipe) and the file that is already this
    process's stdout or stderr (/dev/stdout) are written through, as a shell redirection would."""
    name = str(path)
    try:
        through = _written_through(name)
        if through is not None:
            with open(through, "w", encoding="utf-8", newline="", errors="replace") as stream:
                yield stream
            return
        with _replacing(Path(os.path.realpath(name))) as stream:
            yield stream
    except OSError as error:
        raise ClaimcheckError(f"cannot write output: {error.strerror}", path=name) from error


def _written_through(path: str) -> str | int | None:
    """What to open to write `path` in place (see atomic_file): the path, or a copy of the
    descriptor of stdout or stderr (so that `>> log` still appends); None for a file to replace.
    Other kinds of file are refused."""
    try:
        found = os.stat(path)
    except FileNotFoundError:
        return None  # a new file, or a link to one
    if stat.S_ISREG(found.st_mode):
        fd = next((fd for fd in (1, 2) if _same_file(found, fd)), None)
        return None if fd is None else os.dup(fd)
    if stat.S_ISCHR(found.st_mode) or stat.S_ISFIFO(found.st_mode):
        return path
    if stat.S_ISDIR(found.st_mode):
        raise ClaimcheckError("cannot write output: a directory", path=path)
    raise ClaimcheckError(  # a block device, a socket
        "cannot write output: not a regular file, character device or FIFO", path=path
    )


def _same_file(found: os.stat_result, fd: int) -> bool:
    try:
        return os.path.samestat(found, os.fstat(fd))
    except OSError:  # closed
        return False


@contextmanager
def _replacing(target: Path) -> Iterator[TextIO]:
    """A stream whose text replaces `target` when the block completes. It goes to an unnamed file
    in the same folder (O_TMPFILE, on Linux), linked into place at the end, so that no kill, not
    even SIGKILL, leaves a file behind; elsewhere, to a hidden temporary file renamed into place
    and removed on any error (the CLI turns SIGINT and SIGTERM into one)."""
    mode = _mode_for(target)
    handle, temporary = _unnamed(target)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="", errors="replace") as stream:
            yield stream
            stream.flush()
            if temporary is None:
                os.fchmod(handle, mode)
                _link(handle, target)
        if temporary is not None:
            os.chmod(temporary, mode)  # by name: Windows has no fchmod before Python 3.13
            os.replace(temporary, target)
    finally:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)


def _unnamed(target: Path) -> tuple[int, str | None]:
    """An open file for writing in the folder of `target`, and its name: None for an unnamed
    (O_TMPFILE) file, which is made only where /proc can link it into place later."""
    unnamed = getattr(os, "O_TMPFILE", 0)
    if unnamed and os.path.isdir(PROC_FD):
        try:
            return os.open(target.parent, unnamed | os.O_WRONLY | os.O_CLOEXEC, 0o600), None
        except OSError:  # a file system without O_TMPFILE; mkstemp names any real problem
            pass
    return tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)


PROC_FD = "/proc/self/fd"


def _link(handle: int, target: Path) -> None:
    """Give the unnamed file open as `handle` the name `target`, replacing any file there: a new
    name at once, an existing one by a link under a hidden name renamed over it."""
    source = f"{PROC_FD}/{handle}"
    # With a folder descriptor, os.link calls linkat(), which follows the /proc link to the file.
    folder = os.open(target.parent, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        try:
            os.link(source, target.name, dst_dir_fd=folder)
            return
        except FileExistsError:
            pass
        hidden = _link_hidden(source, target.name, folder)
        try:
            os.replace(hidden, target.name, src_dir_fd=folder, dst_dir_fd=folder)
        except BaseException:
            os.unlink(hidden, dir_fd=folder)
            raise
    finally:
        os.close(folder)


def _link_hidden(source: str, name: str, folder: int) -> str:
    """A new hidden name in `folder` linked to `source`."""
    for _ in range(100):
        hidden = f".{name}.{secrets.token_hex(4)}.tmp"
        try:
            os.link(source, hidden, dst_dir_fd=folder)
            return hidden
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary name", name)


def _mode_for(target: Path) -> int:
    """The file's current permissions, or what a newly created file would get."""
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def in_order(texts: Iterable[tuple[int, str]]) -> Iterator[str]:
    """The `texts`, numbered and come in any order, in the order of their numbers. Each is
    spooled to a temporary file as it comes, so that only where it lies is held; they are
    read back once the last has come."""
    with tempfile.TemporaryFile() as spool:
        places: dict[int, tuple[int, int]] = {}
        for number, text in texts:
            data = text.encode("utf-8", "surrogatepass")
            places[number] = (spool.tell(), len(data))
            spool.write(data)
        for number in sorted(places):
            start, size = places[number]
            spool.seek(start)
            yield spool.read(size).decode("utf-8", "surrogatepass")


def write_atomic(path: str | Path, text: str) -> None:
    """Write `text` to `path` whole, or leave `path` as it was."""
    with atomic_file(path) as stream:
        stream.write(text)


def claims_json(articles: Sequence[Article], claims: Iterable[Claim]) -> str:
    data = {
        "schema": "claimcheck.claims/1",
        "sources": [a.to_dict() for a in articles],
        "claims": [c.to_dict() for c in claims],
    }
    return jsonio.dumps(data, indent=2) + "\n"


def claims_jsonl(claims: Iterable[Claim]) -> Iterator[str]:
    """One JSON line per claim, made as it is written: the whole output is never held at once."""
    encode = jsonio.ENCODER.encode
    for claim in claims:
        yield encode(claim.to_dict()) + "\n"


def claims_csv(claims: Iterable[Claim]) -> Iterator[str]:
    """The header, then one CSV row per claim, made as it is written."""
    yield csv_row(CLAIM_COLUMNS)
    for claim in claims:
        row = claim.to_dict()
        row["actors"] = "; ".join(claim.actors)
        row["dates"] = "; ".join(d.iso + (" (context)" if d.inherited else "") for d in claim.dates)
        row["quantities"] = "; ".join(q.text for q in claim.quantities)
        row["hedges"] = "; ".join(claim.hedges)
        row["attribution"] = attribution_text(claim)
        yield csv_row(row.get(column) for column in CLAIM_COLUMNS)


# A cell that a spreadsheet would run as a formula: prefixed with a single quote (OWASP).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NEEDS_QUOTES = re.compile('[",\r\n]')


def csv_row(cells: Iterable[object]) -> str:
    """One CSV record ending in a line feed, as csv.writer writes it (None as an empty cell)
    except that a text cell holding a bare carriage return is quoted too, and one that opens like
    a formula is prefixed with a single quote."""
    return ",".join(csv_cell(cell) for cell in cells) + "\n"


def csv_cell(cell: object) -> str:
    if cell is None:
        return ""
    if not isinstance(cell, str):
        return str(cell)
    if cell.startswith(FORMULA_START):
        cell = "'" + cell
    if NEEDS_QUOTES.search(cell):
        return '"' + cell.replace('"', '""') + '"'
    return cell


PAIR_COLUMNS = (
    "id",
    "similarity",
    "relation",
    "conflict_slot",
    "conflict_values",
    "explanation",
    "error",
    "extra",
)


def read_lines(source: str) -> Iterator[bytes]:
    """Raw lines of a file or of stdin ('-'), one at a time, without a leading BOM. An empty
    source (or one of blank lines only) or a binary one is refused here, before any line is read
    by the caller."""
    if source == "-":
        stream = sys.stdin.buffer
    else:
        try:
            stream = open(source, "rb")  # noqa: SIM115 - closed by _streamed, after streaming
        except OSError as error:
            reason = (error.strerror or "cannot read file").lower()
            raise LoadError(reason, path=source) from error
    first = stream.readline().removeprefix(codecs.BOM_UTF8)
    blank = 0  # lines of whitespace before the first with text: a source of only those is empty
    while first and not first.strip():
        blank += 1
        first = stream.readline()
    problem = "empty file" if not first else "binary file, not text" if b"\0" in first else None
    if problem is not None:
        _close(stream)
        raise LoadError(problem, path=source)
    return _streamed(blank, first, stream)


def _streamed(blank: int, first: bytes, stream: BinaryIO) -> Iterator[bytes]:
    """The lines again, the blank ones first read given back so that line numbers hold."""
    try:
        yield from itertools.repeat(b"\n", blank)
        yield first
        yield from stream
    finally:
        _close(stream)


def _close(stream: BinaryIO) -> None:
    if stream is not sys.stdin.buffer:
        stream.close()


def write_rows(rows: Iterable[dict[str, Any]], stream: TextIO, fmt: str) -> None:
    """Stream judged pair rows as JSON Lines or CSV (other fields in one JSON column)."""
    if fmt == "jsonl":
        encode = jsonio.ENCODER.encode  # what jsonio.dumps would build anew for every row
        for row in rows:
            stream.write(encode(row) + "\n")
        return
    stream.write(csv_row(PAIR_COLUMNS))
    known = {"id", "similarity", "relation", "conflict", "explanation", "error"}
    for row in rows:
        conflict = row.get("conflict") or {}
        extra = {k: v for k, v in row.items() if k not in known}
        cells = (
            row.get("id"),
            row.get("similarity"),
            row.get("relation"),
            conflict.get("slot", ""),
            jsonio.dumps(conflict["values"]) if conflict else "",
            row.get("explanation") or "",
            row.get("error", ""),
            jsonio.dumps(extra) if extra else "",
        )
        stream.write(csv_row(cells))
