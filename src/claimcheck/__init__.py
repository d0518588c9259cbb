"""claimcheck: cross-reference what several articles say about the same event."""

from __future__ import annotations

from typing import TYPE_CHECKING

# First of all: in the claimcheck command, Ctrl-C while the modules below load ends it quietly.
from claimcheck import interrupts  # noqa: F401
from claimcheck.compare import compare
from claimcheck.errors import BaselineError, ClaimcheckError, ConfigError, LoadError
from claimcheck.extract import extract, extract_all
from claimcheck.load import Reading, load
from claimcheck.model import (
    Article,
    Attribution,
    Claim,
    ClaimType,
    Conflict,
    DateRef,
    Finding,
    Kind,
    Member,
    Quantity,
    Relation,
    Report,
    Settings,
    Span,
)
from claimcheck.pairs import judge_texts

if TYPE_CHECKING:
    __version__: str


def __getattr__(name: str) -> str:
    """`__version__`, read from the installed package's metadata when first asked for (reading
    it costs more than some commands take to start)."""
    if name != "__version__":
        raise AttributeError(f"module 'claimcheck' has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        found = version("claimcheck-cli")
    except PackageNotFoundError:  # running from a source tree without installing
        found = "0.0.0"
    globals()["__version__"] = found
    return found


def build() -> str:
    """Which build is installed: the hot path's modules compiled with mypyc, or all pure Python
    (setup.py). Both give the same results; the compiled one is faster."""
    from importlib.machinery import EXTENSION_SUFFIXES

    from claimcheck import match

    compiled = match.__file__ is not None and match.__file__.endswith(tuple(EXTENSION_SUFFIXES))
    return "compiled with mypyc" if compiled else "pure Python"


__all__ = [
    "Article",
    "Attribution",
    "BaselineError",
    "Claim",
    "ClaimType",
    "ClaimcheckError",
    "ConfigError",
    "Conflict",
    "DateRef",
    "Finding",
    "Kind",
    "LoadError",
    "Member",
    "Quantity",
    "Reading",
    "Relation",
    "Report",
    "Settings",
    "Span",
    "__version__",
    "build",
    "compare",
    "extract",
    "extract_all",
    "judge_texts",
    "load",
]
