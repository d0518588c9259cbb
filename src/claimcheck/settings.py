"""The settings record: every tuning knob, each field checked on construction, and the --fail-on
levels."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import Any

from claimcheck.kinds import Kind

FAIL_LEVELS = {
    "never": (),
    "contradiction": (Kind.CONTRADICTION,),
    "single-source": (Kind.CONTRADICTION, Kind.SINGLE_SOURCE),
}


@dataclass(frozen=True, slots=True)
class Settings:
    """Every tuning knob in one place; the CLI and configuration files fill it in.

    Each field is checked on construction: a value out of range raises ValueError naming it."""

    threshold: float = 0.22  # minimum match score to align two claims of different sources
    min_sources: int = 2  # sources needed for an agreement
    fail_on: str = "never"  # contradiction, single-source or never
    aliases: tuple[tuple[str, str], ...] = ()  # extra (alias, canonical entity)
    antonyms: tuple[tuple[str, str], ...] = ()  # extra antonym pairs
    ignore_sources: tuple[str, ...] = ()
    candidates: int = 10  # candidates scored per claim

    def __post_init__(self) -> None:
        for name, check in SETTINGS_CHECKS.items():
            try:
                check(getattr(self, name))
            except ValueError as error:
                raise ValueError(f"Settings.{name}: {error}") from None

    def to_dict(self) -> dict[str, Any]:
        return {f.name: _plain(getattr(self, f.name)) for f in fields(self)}


def _plain(value: Any) -> Any:
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return value


def _fraction(value: object) -> float:
    """A number from 0 to 1 (not a bool); ValueError otherwise."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
        raise ValueError(f"expected a number from 0 to 1, got {value!r}")
    return float(value)


def _at_least(low: int) -> Callable[[object], int]:
    """The check of a whole number of at least `low`."""

    def check(value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < low:
            raise ValueError(f"expected a whole number of at least {low}, got {value!r}")
        return value

    return check


def _fail_level(value: object) -> str:
    """One of the `--fail-on` levels; ValueError otherwise."""
    if not isinstance(value, str) or value not in FAIL_LEVELS:
        raise ValueError(f"expected one of {', '.join(FAIL_LEVELS)}, got {value!r}")
    return value


def _texts(value: object) -> None:
    if not isinstance(value, tuple) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"expected a tuple of strings, got {value!r}")


def _text_pairs(value: object) -> None:
    if not isinstance(value, tuple) or not all(
        isinstance(p, tuple) and len(p) == 2 and all(isinstance(w, str) for w in p) for p in value
    ):
        raise ValueError(f"expected a tuple of (str, str) pairs, got {value!r}")


SETTINGS_CHECKS: dict[str, Callable[[Any], object]] = {
    "threshold": _fraction,
    "min_sources": _at_least(2),
    "fail_on": _fail_level,
    "aliases": _text_pairs,
    "antonyms": _text_pairs,
    "ignore_sources": _texts,
    "candidates": _at_least(1),
}
