"""How two figures compare: of one kind and unit (`comparable`), agreeing up to their written
precision and comparators (`agree`), the words near a figure that say what it counts
(`context`), and counts a name qualifies. The number rule (number.py), the place rule and the
facts of a story (facts.py) compare figures with these."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from claimcheck import lexicon
from claimcheck.model import Claim, Quantity
from claimcheck.normalise import content_key, key, words

# Where a number's clause ends, for the words that tie it to what it counts.
CLAUSE_BREAK = re.compile(r"[;:()]|,\s|\s(?:while|whereas|but|and|which|who)\s", re.IGNORECASE)


def near_words(
    quote: str, text: str, width: int, breaks: re.Pattern[str] = CLAUSE_BREAK
) -> tuple[str, ...]:
    """The words within `width` words of `text` in `quote`, inside its clause (`breaks` ends
    a clause); none when `text` is not in `quote`."""
    at = quote.find(text)
    if at < 0:
        return ()
    before = breaks.split(quote[:at])[-1]
    after = breaks.split(quote[at + len(text) :], maxsplit=1)[0]
    return (*words(before)[-width:], *words(after)[:width])


@lru_cache(maxsize=256)
def context(quote: str, text: str, unit: str, width: int = 6) -> frozenset[str]:
    """Content words near a number (its `text` and `unit`) and inside its clause. Cached, on
    strings that hash quicker than a Quantity: the judge weighs each number against every number
    of the other claim."""
    number_words = lexicon.table("number_words")
    counted = [_same_as(unit)] if unit.islower() else []  # "cases", not "%"
    near = (*near_words(quote, text, width), *counted)
    # Stems cut shorter here, so that "recovered" meets "recoveries" and "died" meets "deaths".
    # Content words (content_key gives them a key) that are not figures.
    return frozenset(
        k[:5]
        for w in near
        if not w[0].isdigit() and w not in number_words and (k := content_key(w))
    )


def name_qualified(q: Quantity) -> bool:
    """A count qualified by a name ("two Republican senators", "four Reno dispensaries") counts
    a group that the name picks out, which another count of the story may not be of."""
    return any(w[:1].isupper() for w in q.text.split()[1:]) and q.kind != "money"


def comparable(x: Quantity, y: Quantity) -> bool:
    """Numbers of one kind whose units, where both are written, are the same; a figure with
    decimals and a whole one are of one kind when they count the same thing ("133.62 crore",
    "125 crore")."""
    plain = {x.kind, y.kind} == {"count", "decimal"} and x.unit and x.unit == y.unit
    if x.kind != y.kind and not plain:
        return False
    return not (x.unit and y.unit and key(_same_as(x.unit)) != key(_same_as(y.unit)))


def _same_as(unit: str) -> str:
    """The word a counted unit is filed under ("fatalities" as "deaths", "critics" as "reviews")."""
    return lexicon.table("unit_synonyms").get(unit, unit)


def agree(x: Quantity, y: Quantity) -> bool:
    """Two plain figures agree when the coarser is the finer one rounded ("17 million" and
    "17.2 million", not "17.5 million"); otherwise the intervals their comparators allow must
    meet."""
    if x.low == x.high and y.low == y.high:
        # Half-way is not rounding: "55,000" is not "50,000" written to the ten thousand.
        gap = abs(x.value - y.value)
        return gap == 0 or gap < max(x.precision, y.precision) / 2 * (1 - 1e-9)
    (x_low, x_high), (y_low, y_high) = _rounded(x), _rounded(y)
    return x_low <= y_high and y_low <= x_high


def _rounded(q: Quantity) -> tuple[float, float]:
    """A round plain figure stands for what rounds to it ("7,100" for 7,050 to 7,150); a figure
    written to the unit ("35") and a bound ("over 800 million") stand for themselves."""
    if q.low == q.high and q.precision > 1:
        return q.value - q.precision / 2, q.value + q.precision / 2
    return q.low, q.high


def apart(xs: Sequence[Quantity], ys: Sequence[Quantity], *, written_unit: bool = False) -> bool:
    """Whether two claims give figures of one kind (each, with `written_unit`, with its unit
    written: "$1 million", "$500,000") and none of them agree: they speak of other amounts, or
    give one amount differently."""
    pairs = [
        (x, y)
        for x in xs
        for y in ys
        if ((x.unit and y.unit) or not written_unit) and comparable(x, y)
    ]
    return bool(pairs) and not any(agree(x, y) for x, y in pairs)


# What stands between a part and the whole it is of: "four of five charges", "12 of the 15".
OF_WHOLE = re.compile(r"\s+of\s+(?:the\s+)?")


def whole_of_part(claim: Claim, q: Quantity) -> bool:
    """Whether a figure of the claim is the whole that the part right before it is of: the five
    of "guilty on four of five charges" are all there were, not how many were found ("fallen
    to 400,000 ... from a peak of 1.6 million" holds no part of a whole)."""
    quote = claim.quote
    at = quote.find(q.text)
    for p in claim.quantities:
        start = quote.find(p.text)
        end = start + len(p.text)
        if p.kind == "part" and start >= 0 and end < at and OF_WHOLE.fullmatch(quote, end, at):
            return True
    return False


def own_figure(claim: Claim, q: Quantity) -> bool:
    """Whether a figure of the claim counts a thing of its own, worth comparing with another
    claim's: not a count qualified by a name ("the state's two Republican senators", a group)
    nor the whole of a part ("four of five charges")."""
    return not name_qualified(q) and not whole_of_part(claim, q)
