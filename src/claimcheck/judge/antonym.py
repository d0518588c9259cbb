"""The antonym rule: opposite predicates from the antonym lexicon, the rest aligned
(docs/rules/antonym.md)."""

from __future__ import annotations

from functools import cache

from claimcheck import lexicon
from claimcheck.judge.base import (
    Candidate,
    Found,
    Side,
    aligned,
    other_subject,
    same_event,
    word_for,
)
from claimcheck.model import Conflict
from claimcheck.normalise import key


@cache
def _antonym_keys(extra: tuple[tuple[str, str], ...]) -> dict[str, frozenset[str]]:
    opposite: dict[str, set[str]] = {}
    for x, y in (*lexicon.pairs("antonyms"), *extra):
        kx, ky = key(x), key(y)
        opposite.setdefault(kx, set()).add(ky)
        opposite.setdefault(ky, set()).add(kx)
    return {k: frozenset(v) for k, v in opposite.items()}


def rule(a: Side, b: Side, rare: frozenset[str] | None, extra: object) -> Found:
    if a.claim.negated != b.claim.negated:
        return None  # "was not accepted" and "was rejected" agree
    table = _antonym_keys(tuple(extra) if isinstance(extra, tuple) else ())
    # Most words have no antonym: only those that have one are looked at, and most pairs have
    # none, so the same-event test comes after.
    opposed = table.keys() & (a.features.content - b.features.content)
    if not opposed or not same_event(a, b):
        return None
    best: Candidate | None = None
    only_b = b.features.content - a.features.content
    for ka in sorted(opposed):
        for kb in sorted(table[ka] & only_b):
            if other_subject(a, ka, b) or other_subject(b, kb, a):
                continue
            strength = aligned(a, b, drop=frozenset({ka, kb}))
            if best is None or strength > best.strength:
                wa, wb = word_for(a, ka), word_for(b, kb)
                best = Candidate(
                    Conflict("antonym", {a.label: wa, b.label: wb}),
                    f'Opposite predicates for the same event: "{wa}" against "{wb}".',
                    strength,
                )
    return best
