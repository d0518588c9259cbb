"""Where a number may start in a text: cheap scans that spare the full quantity pattern the
positions where no number can be (numbers.quantities). Speed only: what they find is what
trying the pattern everywhere would find."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache, lru_cache

from claimcheck import lexicon
from claimcheck.extract.slots import CASE_TWINS, words_of

DIGIT = re.compile(r"[0-9]")
DIGITS = re.compile(r"[0-9][0-9,.]*")  # a number in digits: a digit, digits, commas, points

FRACTIONS = frozenset("third quarter half fifth tenth dozen".split())


def may_hold_number(text: str) -> bool:
    """A cheap first look: a digit, or a number word among the text's words."""
    if DIGIT.search(text):
        return True
    return not lexicon.table("number_words").keys().isdisjoint(words_of(text))


@lru_cache(maxsize=128)  # room for the full list and every number word alone, with and without "a"
def _start_pattern(numbers: tuple[str, ...], fractions: bool) -> re.Pattern[str]:
    """Where a number may start, words being runs of ASCII letters: a number in digits, or a
    whole word that is one of `numbers` or, with `fractions`, "a"/"an" before a fraction
    ("5million": "5", "million")."""
    words = sorted(numbers, key=len, reverse=True)
    if fractions:
        words.append(rf"an?(?=[^A-Za-z0-9]*(?:{'|'.join(sorted(FRACTIONS))})(?![A-Za-z]))")
    if not words:
        return DIGITS
    return re.compile(
        rf"[0-9][0-9,.]*|(?<![A-Za-z])(?=[A-Za-z])(?:{'|'.join(words)})(?![A-Za-z])",
        re.IGNORECASE | re.ASCII,
    )


@cache
def _all_starts() -> re.Pattern[str]:
    """Where any number may start (the tuple of all number words built and hashed once)."""
    return _start_pattern(tuple(lexicon.table("number_words")), True)


def starts(text: str) -> Iterable[int]:
    """Where a number may start: a digit, a number word, or "a"/"an" before a fraction."""
    pattern = None
    # The pattern's words are runs of ASCII letters, and so are those of words_of() in a text with
    # no character that lower-cases to an ASCII letter ("K", the Kelvin sign): only the number
    # words among them can start a number, and most texts have none or one, for which a pattern
    # with just that word is several times quicker to run; in ASCII text without a fraction,
    # quicker still to look up.
    if text.isascii() or not CASE_TWINS.search(text):
        lexed = words_of(text)
        present = lexicon.table("number_words").keys() & lexed
        fractions = not FRACTIONS.isdisjoint(lexed)
        if not fractions and text.isascii():
            return _looked_up_starts(text, present)
        if len(present) < 2:
            pattern = _start_pattern(tuple(present), fractions)
    return (found.start() for found in (pattern or _all_starts()).finditer(text))


LOWER_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz")


def _looked_up_starts(text: str, numbers: set[str]) -> list[int]:
    """Where a number starts in ASCII text, as _start_pattern(numbers) finds it: a figure, or one
    of `numbers` written as a whole word in any case (the first letter of a run of letters)."""
    starts = [found.start() for found in DIGITS.finditer(text)]
    if not numbers:
        return starts
    lowered = text.lower()  # as long as the text: ASCII
    for word in numbers:
        at = lowered.find(word)
        while at >= 0:
            end = at + len(word)
            if (
                lowered[at - 1 : at] not in LOWER_LETTERS
                and lowered[end : end + 1] not in LOWER_LETTERS
            ):
                starts.append(at)
            at = lowered.find(word, end)
    return sorted(starts)
