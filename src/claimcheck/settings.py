"""The settings record: every tuning knob, each field checked on construction, and the --fail-on
levels.

Each field says, in its metadata (`knob`), what it means, how a value is checked, how a
configuration file gives it and whether the command line does: the configuration file's keys
(config.py), the shared command-line options (cli/options.py) and the keys table of
docs/configuration.md (docs/gen_cli.py) are made from these fields, as black's `Mode` drives its
options.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, fields, replace
from functools import cache
from importlib import resources
from typing import Any, NamedTuple

from claimcheck.kinds import Kind

FAIL_LEVELS = {
    "never": (),
    "contradiction": (Kind.CONTRADICTION,),
    "single-source": (Kind.CONTRADICTION, Kind.SINGLE_SOURCE),
}


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


def strings(value: Any) -> tuple[str, ...]:
    """A configuration file's list of strings."""
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"expected a list of strings, got {value!r}")
    return tuple(value)


def _aliases(value: Any) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise ValueError(f'expected a table of "alias" = "entity", got {value!r}')
    return tuple(value.items())


def _pairs(value: Any) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, list) or not all(
        isinstance(p, list) and len(p) == 2 and all(isinstance(w, str) for w in p) for p in value
    ):
        raise ValueError(f'expected a list of ["word", "opposite"] pairs, got {value!r}')
    return tuple((a, b) for a, b in value)


@dataclass(frozen=True, slots=True)
class Fitted:
    """The judge's thresholds, fitted offline on labeled pairs (benchmarks/fit.py) and shipped
    in params/judge_params.json; a configuration's `fitted` table overrides any of them."""

    equivalent: float  # match score from which `pairs` calls two texts the same claim
    related: float  # match score from which two claims are judged at all
    figure_min_score: float  # match score a number or date conflict needs across articles
    date_align: float  # the gates: how well the rest of two claims aligns, for each rule
    number_align: float
    polarity_align: float
    antonym_align: float
    actor_align: float

    def __post_init__(self) -> None:
        for name, value in asdict(self).items():
            try:
                _fraction(value)
            except ValueError as error:
                raise ValueError(f"{name}: {error}") from None

    @staticmethod
    @cache
    def shipped() -> Fitted:
        """The thresholds shipped with claimcheck."""
        path = resources.files("claimcheck").joinpath("params", "judge_params.json")
        return Fitted(**json.loads(path.read_text("utf-8"))["thresholds"])


def _fitted(value: object) -> None:
    if not isinstance(value, Fitted):
        raise ValueError(f"expected a Fitted record, got {value!r}")


def _fitted_table(value: Any) -> Fitted:
    """A configuration file's `fitted` table, over the shipped thresholds."""
    names = {f.name for f in fields(Fitted)}
    if not isinstance(value, dict) or not set(value) <= names:
        raise ValueError(f"expected a table of some of {', '.join(sorted(names))}, got {value!r}")
    return replace(Fitted.shipped(), **value)


class Knob(NamedTuple):
    """What a Settings field is, for those who set it."""

    meaning: str  # a line for the keys table of docs/configuration.md
    check: Callable[[Any], object]  # raises ValueError for a value the field cannot hold
    # A configuration file's value made the field's value (a list made a tuple); None when
    # the file gives the value itself, which the check returns.
    reader: Callable[[Any], Any] | None = None
    option: str = ""  # --help text of its command-line option; "" for none
    low: float | None = None  # the option's bounds, or its choices
    high: float | None = None
    choices: tuple[str, ...] = ()
    shown: str = ""  # the default as docs/configuration.md shows it, when not the value

    def read(self, value: Any) -> Any:
        """A configuration file's value as the field's; ValueError when it cannot be one."""
        return self.check(value) if self.reader is None else self.reader(value)


def knob(default: Any, about: Knob) -> Any:
    return field(default=default, metadata={"knob": about})


@dataclass(frozen=True, slots=True)
class Settings:
    """Every tuning knob in one place; the CLI and configuration files fill it in.

    Each field is checked on construction: a value out of range raises ValueError naming it."""

    threshold: float = knob(
        0.22,
        Knob(
            "match score (0-1) for two claims to be aligned",
            _fraction,
            option="Minimum match score for two claims to be aligned as the same claim",
            low=0,
            high=1,
        ),
    )
    min_sources: int = knob(
        2,
        Knob(
            "sources needed for an agreement (2 or more)",
            _at_least(2),
            option="Sources needed for an agreement",
            low=2,
        ),
    )
    fail_on: str = knob(
        "never",
        Knob(
            "`never`, `contradiction` or `single-source`",
            _fail_level,
            option="Exit 1 when new findings of this kind (or worse) are found",
            choices=tuple(FAIL_LEVELS),
            shown="`never`",
        ),
    )
    aliases: tuple[tuple[str, str], ...] = knob(
        (),
        Knob(
            'table of extra names for entities, `"alias" = "canonical entity"`',
            _text_pairs,
            _aliases,
        ),
    )
    antonyms: tuple[tuple[str, str], ...] = knob(
        (),
        Knob(
            'extra `["word", "opposite"]` pairs (single words, compared by stem) the judge '
            "treats as contradicting",
            _text_pairs,
            _pairs,
        ),
    )
    ignore_sources: tuple[str, ...] = knob(
        (),
        Knob(
            "source ids (file stems, or the manifest's ids) to leave out",
            _texts,
            strings,
        ),
    )
    candidates: int = knob(
        10,
        Knob(
            "claims of other sources scored against each claim (those sharing the most rare "
            "words; 1 or more): more finds more pairs and takes longer",
            _at_least(1),
            option="Claims of other sources scored against each claim, those sharing the most rare "
            "words: more finds more, and takes longer",
            low=1,
        ),
    )
    max_postings: int = knob(
        200,
        Knob(
            "claims a word may occur in and still choose candidates (a commoner word tells "
            "nothing about which claims match)",
            _at_least(1),
        ),
    )
    # On the candidates of 200 Multi-News articles, none of those sharing less than 0.2 of their
    # content words (synonyms counted) scored above 0.12, under the default threshold; they are
    # about half of all candidates.
    min_overlap: float = knob(
        0.2,
        Knob(
            "share of content words (0-1) two candidates without a shared name must share to "
            "be scored",
            _fraction,
        ),
    )
    # Set by reading the agreements of 200 Multi-News stories, which have no labels: at 0.75 the
    # members it keeps out were mostly loose ("It's all over the place" beside a quote about
    # phone calls), and the agreements it split stayed as smaller ones; at 1.0 it kept out true
    # members, which the matcher scores low against longer paraphrases.
    cohesion: float = knob(
        0.75,
        Knob(
            "share of the threshold (0-1) two groups' claims must score on average against "
            "each other to merge into one",
            _fraction,
        ),
    )
    # The second-group bars were set on the 24 BASIL tuning events, with a reader's labels of
    # every agreement: with no second groups, 64 of 96 central agreements found and 69.8% of
    # agreements right; with these bars, 68 and 69.4%; with lower ones (0.3 and 0.45), 68 and
    # 67.4%: the extra pairs were mostly the same names on another fact ("Moscow felt
    # marginalized" / "membership was unacceptable to Moscow").
    second_score: float = knob(
        0.5,
        Knob(
            "match score (0-1) a pair needs to form a second group on a further fact of a sentence",
            _fraction,
        ),
    )
    second_closeness: float = knob(
        0.55,
        Knob(
            "share (0-1) of the shorter claim that a shared fact's core must make up to form a "
            "second group",
            _fraction,
        ),
    )
    fitted: Fitted = knob(  # noqa: RUF009 (a frozen record, shared safely)
        Fitted.shipped(),
        Knob(
            "table of the judge's fitted thresholds (`equivalent`, `related`, "
            "`figure_min_score` and each rule's gate, `date_align` ...) to override",
            _fitted,
            _fitted_table,
            shown="params/judge_params.json",
        ),
    )

    def __post_init__(self) -> None:
        for name, about in KNOBS.items():
            try:
                about.check(getattr(self, name))
            except ValueError as error:
                raise ValueError(f"Settings.{name}: {error}") from None

    def to_dict(self) -> dict[str, Any]:
        return {f.name: _plain(getattr(self, f.name)) for f in fields(self)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Settings:
        """The record `to_dict` gave; fields it lacks (a report of an older version) default."""
        values = {k: _tuples(v) for k, v in data.items() if k != "fitted"}
        if "fitted" in data:
            values["fitted"] = _fitted_table(data["fitted"])
        return cls(**values)


KNOBS: dict[str, Knob] = {f.name: f.metadata["knob"] for f in fields(Settings)}


def _plain(value: Any) -> Any:
    if isinstance(value, Fitted):
        return asdict(value)
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return value


def _tuples(value: Any) -> Any:
    """JSON's lists as the record's tuples."""
    return tuple(_tuples(v) for v in value) if isinstance(value, list) else value
