"""claimcheck: cross-reference what several articles say about the same event."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from claimcheck.compare import compare
from claimcheck.errors import BaselineError, ClaimcheckError, ConfigError, LoadError
from claimcheck.extract import extract, extract_all
from claimcheck.load import load
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

try:
    __version__ = version("claimcheck-cli")
except PackageNotFoundError:  # running from a source tree without installing
    __version__ = "0.0.0"

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
    "Relation",
    "Report",
    "Settings",
    "Span",
    "__version__",
    "compare",
    "extract",
    "extract_all",
    "judge_texts",
    "load",
]
