"""The few exceptions the library raises; the CLI turns each into one line on stderr."""

from __future__ import annotations

import json


class ClaimcheckError(Exception):
    """Base class: a problem with input or configuration that the user can fix."""

    def __init__(self, reason: str, *, path: str | None = None, line: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.path = path
        self.line = line

    def __str__(self) -> str:
        where = "stdin" if self.path == "-" else self.path or ""
        if where and self.line is not None:
            where = f"{where}:{self.line}"
        return f"{where}: {self.reason}" if where else self.reason


class LoadError(ClaimcheckError):
    """An input file that cannot be read as an article."""


class ConfigError(ClaimcheckError):
    """A configuration file, key or value that is not valid."""


class BaselineError(ClaimcheckError):
    """A baseline file that cannot be read or is not a claimcheck baseline."""


class LedgerError(ClaimcheckError):
    """A ledger that cannot be opened, read or written, or that a newer claimcheck wrote."""


def json_problem(error: json.JSONDecodeError, what: str = "JSON") -> str:
    """A JSON decoding error in words: "malformed JSON: Expecting value at column 7". Some of the
    decoder's messages end in "at" already ("Unterminated string starting at")."""
    return f"malformed {what}: {error.msg.removesuffix(' at')} at column {error.colno}"


def undecodable(error: UnicodeDecodeError, skipped: int = 0) -> str:
    """Bytes that are not UTF-8 in words: the first bad byte and its 0-based offset, counting
    the `skipped` bytes (a byte-order mark) the decoder was not given."""
    bad = error.object[error.start]
    return f"not UTF-8 text (byte 0x{bad:02x} at offset {error.start + skipped})"
