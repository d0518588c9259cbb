"""Typed numbers of a clause: counts, money, percentages, fractions and multipliers as intervals,
with comparators and written precision; years, days, scores and identifiers left out."""

from __future__ import annotations

import math
import re
import sys
from collections.abc import Iterator
from functools import cache

from claimcheck import lexicon
from claimcheck.extract import scan
from claimcheck.extract.dates import MONTH, may_name_month
from claimcheck.model import Quantity
from claimcheck.normalise import fold

# A capitalised word (not a month) right before a number makes the number part of a name.
NAMED = re.compile(
    r"(?<=[\w,;] )(?!(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b)"
    r"(?-i:[A-Z][\w'’-]*) ?$",
    re.IGNORECASE,
)

# A day and a month without a year ("April 7", "7 April"): its digits are not quantities.
DAY = r"\d{1,2}(?:st|nd|rd|th)?"

DAY_MONTH = re.compile(
    rf"\b(?:{DAY}(?:\s*(?:,|and|&|to|[-–])\s*{DAY})*\s*,?\s+(?:of\s+)?{MONTH}"
    rf"|{MONTH}\s+{DAY}(?:\s*(?:,|and|&|to|[-–])\s*{DAY})*)\b",
    re.IGNORECASE,
)

# Ranges and results written with a dash: seasons ("2018-19"), scores ("2-0"), spans ("1994-1995").
# The look-behind after the first digit lets the engine skip to a digit.
DASHED = re.compile(r"\d(?<!\w.)\d*(?:\s?[-–]\s?\d+)+\b")

NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"

SCALE = r"thousand|million|billion|trillion|bn|m|k"

MIXED = re.compile(r" \d+/\d+\b")

LABEL_AFTER = re.compile(r"\s*(?:a\.m\.|p\.m\.|am\b|pm\b|o'clock|block\b)", re.IGNORECASE)

PARTITIVE = frozenset({"of", "in", "out"})

# What a number in a list or a name follows ("No. 3", "chapter 3", "flight 17").
# A title of a work named by a number ("the film 1917") is a name too.
NUMBERED = re.compile(
    r"(?:no\.|#|number|article|section|chapter|page|p\.|pp\.|route|flight"
    r"|film|movie|album|novel|book|song|single|episode|season)\s*$",
    re.IGNORECASE,
)

# A figure joined by a hyphen to what it measures ("64-page", "two-week"); an age ("3-year-old")
# describes a person, who may be any of several in a story, and is left out.
HYPHEN_UNIT = re.compile(r"[-‑]([A-Za-z]+)\b(?![-‑](?:\d|old\b))")

WORD_BREAK = re.compile(r"[\s-]+")  # between the words of a number ("twenty-one", "a third")

CURRENCY = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₽": "RUB"}

CURRENCY_SIGN = r"(?:(?-i:US|AU?|CA?|HK|NZ|S|R)\$|[$€£¥₽])"

# Dollar signs with a country prefix ("US$1 billion", "A$20").
DOLLARS = {
    "us": "USD",
    "a": "AUD",
    "au": "AUD",
    "c": "CAD",
    "ca": "CAD",
    "hk": "HKD",
    "nz": "NZD",
    "s": "SGD",
    "r": "BRL",
}


@cache
def _quantity_pattern() -> re.Pattern[str]:
    words = lexicon.table("number_words")
    plain = sorted(
        (w for w, v in words.items() if v.split("\t")[1] in ("count", "fraction", "multiplier")),
        key=len,
        reverse=True,
    )
    word_number = "|".join(re.escape(w) for w in plain)
    comparators = "|".join(
        re.escape(c).replace(r"\ ", r"\s+")
        for c in sorted(lexicon.table("comparators"), key=len, reverse=True)
    )
    return re.compile(
        # The look-behind makes the engine skip positions inside words at once.
        rf"(?<![\w.,])(?:(?P<cmp>{comparators})\s+)?"
        rf"(?P<cur>{CURRENCY_SIGN})?\s?"
        rf"(?:(?P<num>{NUMBER})|\b(?P<word>(?:(?:{word_number})[\s-]){{0,2}}(?:{word_number})|an?(?=\s+(?:third|quarter|half|fifth|tenth|dozen)\b)(?:\s+(?:third|quarter|half|fifth|tenth|dozen)))\b)"
        # A quotation may close between a figure and its scale: "asking for $5.6” billion".
        rf"(?:(?:\s?|[”\"’]\s(?=(?:thousand|million|billion|trillion)\b))(?P<scale>{SCALE})\b)?"
        rf"(?P<pct>\s?(?:%|percent\b|per\s+cent\b))?"
        rf"(?:\s+(?P<unit>[A-Za-z][\w-]*))?",
        re.IGNORECASE,
    )


def quantities(text: str, skip: list[tuple[int, int]]) -> list[Quantity]:
    """Typed numbers of a clause as intervals; years, dates and identifiers are left out."""
    found: list[Quantity] = []
    if not scan.may_hold_number(text):
        return found
    words = lexicon.table("number_words")
    comparators = lexicon.table("comparators")
    skip = [*skip, *_day_months(text)]
    for m in _number_matches(text):
        g = m.groupdict()  # read once: a group looked up by name costs a call each time
        start, number_end = m.span("num") if g["num"] else m.span("word")
        if (skip and any(s <= start < e for s, e in skip)) or _is_identifier(
            text, g, start, number_end
        ):
            continue
        parsed = _value(g, words)
        if parsed is None:
            continue
        value, kind, precision = parsed
        written_unit = g["unit"]
        unit = (written_unit or "").lower()
        if (
            kind == "count"
            and g["word"]
            and g["word"].lower() == "one"
            and (unit in ("of", "") or text[max(0, m.start() - 3) : m.start()].lower() == "no ")
        ):
            continue  # "one of", "one" as pronoun, "no one"
        if kind == "multiplier" and g["word"] == "Once":
            continue  # "Once the vote was in", "Once Upon a Time": not a count of times
        if kind == "fraction" and _lone(g["word"]) and unit not in ("of", "the"):
            continue  # "the fourth quarter", "third fight": an ordinal, not a share
        end = m.end("unit") if unit else m.end()
        if unit in PARTITIVE and kind == "count" and not g["scale"]:
            kind = "part"  # "six of those arrested", "one in six": a share, not a total
        if unit in lexicon.words("stopwords") or unit in words or not unit.isalpha():
            unit, end = "", m.start("unit") if written_unit else m.end()
        hyphened = not unit and kind == "count" and HYPHEN_UNIT.match(text, number_end)
        if hyphened:  # "a 64-page complaint": 64 pages; "one-sided", "one-on-one": no figure
            unit, end = hyphened.group(1).lower(), hyphened.end()
            if unit in lexicon.words("stopwords") or unit in words or (value == 1 and g["word"]):
                continue  # "one-on-one", "one-half", "one-sided"
        currency = lexicon.table("currency_words")
        if g["cur"] or unit in currency:
            kind, unit = "money", _currency(g["cur"] or "") or currency.get(unit, unit)
        elif g["pct"]:
            kind, unit = "percent", "%"
        elif written_unit and unit and not hyphened and not written_unit[0].isupper():
            unit = _counted(text, end, unit)  # not "Four Reno dispensaries": a name
        if kind == "count" and unit == "times":
            kind, unit = "multiplier", ""  # "three times" as "thrice"
        comparator = comparators.get(_norm(g["cmp"]))
        if kind == "multiplier" and comparator is None:
            comparator = "rounded_down"  # "three times the limit" is said of 3.2 times as well
        low, high = _interval(value, precision, comparator)
        span_text = text[m.start() : end].strip()
        found.append(Quantity(span_text, kind, value, low, high, unit, precision))
    return found


def _currency(sign: str) -> str:
    """The currency of a sign, "US$" and "$" as USD, "A$" as AUD."""
    if len(sign) > 1:
        return DOLLARS.get(sign[:-1].lower(), "USD")
    return CURRENCY.get(sign, "")


def _lone(word: str | None) -> bool:
    """A number word standing alone, without "a" or a count before it."""
    return bool(word) and len(WORD_BREAK.split(str(word))) == 1


FOLLOWING = re.compile(r"\s+([a-z]+)")


def _counted(text: str, end: int, unit: str) -> str:
    """What a figure counts: the first plural among the words after it ("977 active cases",
    "500 coronavirus cases"), else the word right after it."""
    if _plural(unit):
        return unit
    at = end
    for _ in range(2):
        found = FOLLOWING.match(text, at)
        if found is None or found.group(1) in lexicon.words("stopwords"):
            break
        if _plural(found.group(1)):
            return found.group(1)
        at = found.end()
    return unit


def _plural(word: str) -> bool:
    return word.endswith("s") and not word.endswith(("ss", "us", "is"))


HUGE = sys.float_info.max  # what a figure of more digits than a float holds is taken as
HUGE_EXPONENT = sys.float_info.max_10_exp


@cache
def _number_lead() -> re.Pattern[str]:
    """A comparator or currency sign right before a number."""
    comparators = "|".join(
        re.escape(c).replace(r"\ ", r"\s+")
        for c in sorted(lexicon.table("comparators"), key=len, reverse=True)
    )
    return re.compile(
        rf"(?<![\w.,])(?:(?:{comparators})\s+)?(?:{CURRENCY_SIGN}\s?)?$", re.IGNORECASE
    )


def _number_matches(text: str) -> Iterator[re.Match[str]]:
    """Matches of the full quantity pattern, tried only where a number can start: scanning
    every position with the full pattern costs several times more."""
    pattern = _quantity_pattern()
    done = 0
    for start in scan.starts(text):
        if start < done:
            continue
        # A comparator or currency sign ends in a space or the sign itself; anything else before
        # the number leaves the search nothing to find but an empty match at `start`.
        match = pattern.match(text, _lead(text, start, done))
        if match and match.end() > start:
            done = match.end()
            yield match


@cache
def _comparator_ends() -> tuple[str, ...]:
    """The last word of each comparator ("than" of "more than"), lower case."""
    return tuple(sorted({c.split()[-1] for c in lexicon.table("comparators")}))


def _lead(text: str, start: int, done: int) -> int:
    """Where the quantity pattern is tried for a number at `start`: at a comparator or currency
    sign right before it ("more than 5", "$ 5"), else at the number itself."""
    if not start or not (text[start - 1].isspace() or text[start - 1] in CURRENCY):
        return start
    lower = max(done, start - 30)
    if text[start - 1] == " ":
        # After a space, only a comparator or a currency sign ending the last word before it can
        # start a match: without one, the search below finds just the empty match at `start`. A
        # word that is not ASCII might match a comparator case-insensitively ("K", "ſ").
        last = text[lower:start].rsplit(None, 1)[-1:]
        if not last:
            return start  # only spaces since `lower`
        word = last[0]
        if (
            word[-1] not in CURRENCY
            and word.isascii()
            and not word.lower().endswith(_comparator_ends())
        ):
            return start
    before = _number_lead().search(text, lower, start)
    return before.start() if before else start


def _day_months(text: str) -> list[tuple[int, int]]:
    """Spans whose digits are days, seasons or scores rather than quantities."""
    if not scan.DIGIT.search(text):
        return []  # both forms have digits
    spans: list[tuple[int, int]] = []
    if "-" in text or "–" in text:
        spans += [(d.start(), d.end()) for d in DASHED.finditer(text)]
    if may_name_month(text):
        spans += [(d.start(), d.end()) for d in DAY_MONTH.finditer(text)]
    return spans


def _norm(phrase: str | None) -> str:
    return " ".join(phrase.lower().split()) if phrase else ""


def _is_identifier(text: str, g: dict[str, str | None], start: int, end: int) -> bool:
    """Numbers glued to letters or hyphens ("COVID-19", "F-16", "G7"), list markers, times; `g`
    holds the match's groups and the number itself spans `start` to `end`."""
    before = text[max(0, start - 1) : start]
    after = text[end : end + 1]
    if g["num"]:
        if before.isalpha() or (before and before in "-/") or (after.isalpha() and not g["scale"]):
            return True
        if after == "/" and text[end + 1 : end + 2].isdigit():
            return True  # a rating such as 6/10
        if MIXED.match(text, end):
            return True  # "3 1/2 quarters": a mixed fraction, left out whole
        if LABEL_AFTER.match(text, end):
            return True  # a time ("11 a.m.") or an address ("the 3000 block")
        if not g["cmp"] and not g["cur"] and _named(text, start):
            return True  # part of a name: "Category 3", "Resident Evil 5", "Chapter 3"
        if (after == ":" and text[end + 1 : end + 2].isdigit()) or (
            before == ":" and text[start - 2 : start - 1].isdigit()
        ):
            return True  # a time of day
        if NUMBERED.search(text[max(0, start - 10) : start]):
            return True
    # A figure joined to a word is a measure ("64-page") or part of a phrase ("10-to-1").
    return after == "-" and text[end + 1 : end + 2].isalpha() and not HYPHEN_UNIT.match(text, end)


def _named(text: str, start: int) -> bool:
    """A capitalised word (not a month) right before the number at `start`."""
    lower = max(0, start - 40)
    # NAMED ends in one run of word characters, apostrophes and hyphens that opens with a capital
    # A-Z, followed by at most a space (or a final line break): the last word before the number.
    last = text[lower:start].rsplit(None, 1)[-1:]
    if not last or not "A" <= last[0][0] <= "Z":
        return False
    return bool(NAMED.search(text, lower, start))


def _value(g: dict[str, str | None], words: dict[str, str]) -> tuple[float, str, float] | None:
    """The number's value, kind and written precision (the size of its last written digit),
    from the groups `g` of its match. A figure beyond any float (309 digits or more) is held as
    the largest one, so that it still differs from smaller figures; its text keeps what was
    written."""
    scale = 1.0
    written_scale, num = g["scale"], g["num"]
    if written_scale:
        scale = float(words[fold(written_scale)].split("\t")[0])
    if num:
        digits = num.replace(",", "")
        value = min(float(digits), HUGE)
        decimals = len(digits.split(".")[1]) if "." in digits else 0
        # "17 million" is written to the million and "1,300" to the hundred, but "280" and
        # "280 million" read as exact: trailing zeros round only figures of four digits or more.
        rounded = not decimals and not written_scale and value >= 1000
        precision = _trailing_precision(digits) if rounded else 10.0**-decimals
        kind = "decimal" if decimals and not written_scale else "count"
        return min(value * scale, HUGE), kind, min(precision * scale, HUGE)
    tokens = WORD_BREAK.split(fold(g["word"] or ""))  # the pattern ignores case: "mİllİon"
    total, kind, fraction, article = 0.0, "count", None, False
    for token in tokens:
        if token in ("a", "an"):
            total, article = total or 1.0, True
            continue
        if article and total == 1.0 and words[token].endswith("count"):
            total = 0.0  # "a dozen" is twelve, "a hundred" a hundred
        value_text, token_kind = words[token].split("\t")
        value = float(value_text)
        if token_kind == "fraction":
            fraction = value
        elif token_kind == "multiplier":
            return value, "multiplier", 1.0
        elif value == 100 and total:
            total *= 100
        else:
            total += value
    if fraction is not None:
        return (total or 1.0) * fraction, "fraction", 0.0
    return total * scale, kind, scale if written_scale else 1.0


def _trailing_precision(digits: str) -> float:
    """ "17" is written to the unit; "1300" to the hundred; "2,000,000" to the million."""
    stripped = digits.rstrip("0")
    zeros = min(len(digits) - len(stripped), HUGE_EXPONENT)
    return 10.0**zeros if stripped else 1.0


def _interval(value: float, precision: float, comparator: str | None) -> tuple[float, float]:
    """The values a figure allows: itself, or what its comparator opens up."""
    if comparator == "approx":
        spread = max(abs(value) * 0.1, precision / 2)
        return value - spread, value + spread
    if comparator == "near_below":  # "almost a dozen", "nearly 300": close below the figure
        return value - max(abs(value) * 0.1, precision / 2), value
    if comparator == "near_above":  # "just over 50": close above it
        return value, value + max(abs(value) * 0.1, precision / 2)
    if comparator == "above":  # "more than 23 million": strictly above the figure
        return value * (1 + 1e-9) + 1e-9, math.inf
    if comparator == "rounded_down":  # what rounds down to the figure: [3, 4) for "three"
        return value, value + 1 - 1e-9
    if comparator == "atleast":
        return value, math.inf
    if comparator == "below":
        return -math.inf, value * (1 - 1e-9) - 1e-9
    if comparator == "atmost":
        return -math.inf, value
    return value, value
