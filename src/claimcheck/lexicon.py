"""Loads the word lists in `lexicons/`: general rules' vocabulary kept as data, not code."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources


def _lines(name: str) -> list[str]:
    text = resources.files("claimcheck").joinpath("lexicons", name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


TABLES = frozenset(
    {
        "modals",
        "places",
        "comparators",
        "months",
        "number_words",
        "irregular",
        "irregular_nouns",
        "stances",
    }
)


@cache
def words(name: str) -> frozenset[str]:
    """A one-entry-per-line list, lower-cased."""
    return frozenset(line.lower() for line in _lines(f"{name}.txt"))


@cache
def table(name: str) -> dict[str, str]:
    """A `key<TAB>value` list as a mapping from lower-cased key."""
    pairs = (line.split("\t", 1) for line in _lines(f"{name}.txt"))
    return {key.strip().lower(): value.strip() for key, value in pairs}


@cache
def pairs(name: str) -> tuple[tuple[str, str], ...]:
    """A `left<TAB>right` list as pairs, order kept."""
    return tuple(tuple(line.lower().split("\t", 1)) for line in _lines(f"{name}.txt"))  # type: ignore[misc]


def phrases(name: str) -> frozenset[str]:
    """The phrases of a list: its entries, or a table's keys."""
    return frozenset(table(name)) if name in TABLES else words(name)


@cache
def phrase_pattern(name: str) -> re.Pattern[str]:
    """One regex matching any phrase of a list on word boundaries, longest first."""
    ordered = sorted(phrases(name), key=len, reverse=True)
    alternatives = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ordered)
    return re.compile(rf"(?<![\w'’])(?:{alternatives})(?![\w'’])", re.IGNORECASE)
