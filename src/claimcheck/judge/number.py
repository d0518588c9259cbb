"""The number rule: figures of one kind and unit, anchored by their neighbouring words, whose
intervals do not meet (docs/rules/number.md)."""

from __future__ import annotations

from claimcheck.judge import figures
from claimcheck.judge.base import Candidate, Found, Side, aligned, same_event
from claimcheck.model import Conflict, Quantity
from claimcheck.normalise import key, text_keys


def rule(a: Side, b: Side, rare: frozenset[str] | None, _: object) -> Found:
    """Each number of the shorter claim against the same-typed number of the other claim with
    the most shared neighbouring words; a conflict only when their ranges do not meet and no
    consistent number is nearly as well anchored."""
    if not a.claim.quantities or not b.claim.quantities or not same_event(a, b):
        return None
    short, long = (a, b) if a.features.size <= b.features.size else (b, a)
    for q in short.claim.quantities:
        if not figures.own_figure(short.claim, q):
            continue  # "two Republican senators" / "three Republican state senators"
        candidates = [
            x
            for x in long.claim.quantities
            if figures.comparable(q, x) and figures.own_figure(long.claim, x)
        ]
        if not candidates:
            continue
        anchors = [(_shared_context(short, q, long, x), x) for x in candidates]
        best_score, best = max(anchors, key=lambda item: item[0])
        if best_score == 0:
            continue  # no shared neighbouring word ties the two numbers to one quantity
        near = min(best_score - 1, best_score / 2)
        if any(figures.agree(q, x) and score >= near for score, x in anchors):
            continue
        if _matched_elsewhere(short, q, long, best, best_score):
            continue
        values = {short.label: q.text, long.label: best.text}
        quantities = (*a.claim.quantities, *b.claim.quantities)
        number_keys = frozenset(
            k for n in quantities for k in text_keys(n.text) if k != key(n.unit)
        )
        return Candidate(
            Conflict("number", values),
            f'Same quantity, different numbers: "{values["a"]}" against "{values["b"]}" '
            "(their ranges, rounding and comparators allowed for, do not meet).",
            aligned(a, b, drop=number_keys, contained=True),  # only for a conflict found
        )
    return None


def _matched_elsewhere(a: Side, qa: Quantity, b: Side, qb: Quantity, score: int) -> bool:
    """True when another number of `a` agrees with `qb`, both plain figures (no comparator opens
    their range), anchored at least as well as `qa` is: `qb` is that number's counterpart, and
    `qa` another quantity ("$3 million in sales" on both sides, and "an estimated $30 million"
    to come on one)."""
    if qb.low != qb.high:
        return False
    return any(
        other is not qa
        and other.low == other.high
        and figures.comparable(other, qb)
        and figures.agree(other, qb)
        and _shared_context(a, other, b, qb) >= score
        for other in a.claim.quantities
    )


def _shared_context(a: Side, qa: Quantity, b: Side, qb: Quantity) -> int:
    """How many content words the two numbers have around them in common; names, which tie
    to the whole sentence rather than to one number, and other numbers do not count."""
    names = {n[:5] for n in a.features.actors | b.features.actors}
    near_a = figures.context(a.claim.quote, qa.text, qa.unit)
    near_b = figures.context(b.claim.quote, qb.text, qb.unit)
    return len((near_a & near_b) - names)
