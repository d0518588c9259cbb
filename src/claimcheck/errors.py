"""The few exceptions the library raises; the CLI turns each into one line on stderr."""

from __future__ import annotations


class ClaimcheckError(Exception):
    """Base class: a problem with input or configuration that the user can fix."""

    def __init__(self, reason: str, *, path: str | None = None, line: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.path = path
        self.line = line

    def __str__(self) -> str:
        where = self.path or ""
        if where and self.line is not None:
            where = f"{where}:{self.line}"
        return f"{where}: {self.reason}" if where else self.reason


class LoadError(ClaimcheckError):
    """An input file that cannot be read as an article."""


class ConfigError(ClaimcheckError):
    """A configuration file, key or value that is not valid."""


class BaselineError(ClaimcheckError):
    """A baseline file that cannot be read or is not a claimcheck baseline."""
