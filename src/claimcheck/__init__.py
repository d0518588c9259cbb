"""claimcheck: cross-reference what several articles say about the same event.

The public surface is `__all__`: the stages `load`, `extract` and `compare`, `judge_texts`, and
the records they return. Each stage is its module, callable as the module's main function
(`claimcheck.compare(paths)` calls `claimcheck.compare.compare`), so that `claimcheck.extract`
is at once the function users call and the package `claimcheck.extract.numbers` lives in; see
docs/python.md.
"""

from __future__ import annotations

import inspect
import sys
from collections.abc import Callable, Iterable
from types import ModuleType
from typing import TYPE_CHECKING, Any

# First of all: in the claimcheck command, Ctrl-C while the modules below load ends it quietly.
from claimcheck import interrupts  # noqa: F401
from claimcheck.errors import BaselineError, ClaimcheckError, ConfigError, LoadError
from claimcheck.extract import extract_all as _extract_all
from claimcheck.kinds import ClaimType, Kind, Relation
from claimcheck.load import Reading
from claimcheck.model import (
    Article,
    Attribution,
    Claim,
    Conflict,
    DateRef,
    FactRow,
    Finding,
    Member,
    PairResult,
    Quantity,
    Report,
    Span,
)
from claimcheck.pairs import judge_texts as _judge_texts
from claimcheck.settings import Fitted, Settings

if TYPE_CHECKING:  # what a type checker sees: the functions the stage modules stand for
    from claimcheck.compare import compare
    from claimcheck.extract import extract
    from claimcheck.load import load
else:
    from claimcheck import compare, extract, load


class Stage(ModuleType):
    """A pipeline stage's module that is also its main function, the one named like it:
    calling the module calls the function, and its submodules stay reachable as attributes."""

    @property
    def function(self) -> Callable[..., Any]:
        """The module's main function: `claimcheck.load.load` for `claimcheck.load`."""
        found: Callable[..., Any] = getattr(self, self.__name__.rpartition(".")[2])
        return found

    @property
    def __signature__(self) -> inspect.Signature:
        return inspect.signature(self.function)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self.function(*args, **kwargs)


# Python's documented way to give a module behaviour of its own: assigning its class.
for _module in (compare, extract, load):
    sys.modules[_module.__name__].__class__ = Stage
del _module

if TYPE_CHECKING:
    __version__: str


# The two functions below are defined here, in pure Python, so that their docstrings survive the
# compiled build (mypyc drops them); the modules they call do the work.


def extract_all(articles: Iterable[Article], settings: Settings | None = None) -> list[Claim]:
    """The claims of every article, in article order, questions and headlines included
    (`claim.type`); `claimcheck.extract(article)` does one article."""
    return _extract_all(articles, settings)


def judge_texts(a: str, b: str, settings: Settings | None = None) -> PairResult:
    """How text `b` relates to text `a`, judged as `compare` judges two claims: similarity,
    relation, the conflicting slot if any, and a plain-words explanation (one row of
    `claimcheck pairs`)."""
    return _judge_texts(a, b, settings)


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
    "FactRow",
    "Finding",
    "Fitted",
    "Kind",
    "LoadError",
    "Member",
    "PairResult",
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
