"""Judgement of two aligned claims: equivalent, contradicting (and on which slot), or neither.

Similarity only decides whether two claims are about the same thing; a contradiction needs a
typed conflict on top: a negated predicate that the other side asserts, an antonym, numbers of
the same kind whose intervals do not meet, dates that cannot both hold, or another actor for
the same act. Each rule first checks that both claims can be about the same event.
"""

from __future__ import annotations

from claimcheck.judge import actor, antonym, date, number, place, polarity
from claimcheck.judge.base import GATES, Candidate, Judgement, Rule, Side, Slot, places
from claimcheck.judge.polarity import core_polarity, denied_keys
from claimcheck.match import similarity
from claimcheck.model import Claim, Relation
from claimcheck.normalise import Features, features
from claimcheck.settings import Fitted


def judge(
    a: Claim,
    b: Claim,
    *,
    fa: Features | None = None,
    fb: Features | None = None,
    rare: frozenset[str] | None = None,
    score: float | None = None,
    extra_antonyms: tuple[tuple[str, str], ...] = (),
    fitted: Fitted | None = None,
    equivalent: float | None = None,
) -> Judgement:
    """Judge two claims; `fa`/`fb` and `score` may be passed when already known, `rare` names the
    telling words of a corpus (all words when None), `fitted` holds the thresholds (the shipped
    ones when None), and `equivalent` overrides its match score above which two claims say the
    same thing."""
    fa = fa or features(a.text, a.actors)
    fb = fb or features(b.text, b.actors)
    score = similarity(fa, fb) if score is None else score
    fitted = fitted or Fitted.shipped()
    found = [
        candidate
        for candidate in conflicts(Side(a, fa, "a"), Side(b, fb, "b"), rare, extra_antonyms)
        if candidate.strength >= getattr(fitted, GATES[candidate.conflict.slot])
    ]
    if found:  # the first conflict, and the others on other slots ("in 2019", "$5 million")
        first = found[0]
        slots = {first.conflict.slot}
        also = []
        for other in found[1:]:
            if other.conflict.slot not in slots:
                slots.add(other.conflict.slot)
                also.append((other.conflict, other.why))
        return Judgement(
            Relation.CONTRADICTION, score, first.conflict, first.why, first.strength, tuple(also)
        )
    if score >= (fitted.equivalent if equivalent is None else equivalent):
        return Judgement(Relation.EQUIVALENT, score, None, _agreeing(score))
    if score >= fitted.related:
        return Judgement(
            Relation.RELATED, score, None, f"Related but not the same claim (score {score:.2f})."
        )
    return Judgement(Relation.UNRELATED, score, None, f"Unrelated (score {score:.2f}).")


def conflicts(
    a: Side,
    b: Side,
    rare: frozenset[str] | None = None,
    extra_antonyms: tuple[tuple[str, str], ...] = (),
) -> list[Candidate]:
    """Every typed conflict between two claims, in the order the judge considers them; the judge
    keeps the first whose alignment reaches its fitted gate (benchmarks/fit.py fits the gates)."""
    found = []
    for rule in RULES:
        candidate = rule(a, b, rare, extra_antonyms)
        if candidate is not None:
            found.append(candidate)
    return found


def _agreeing(score: float) -> str:
    return (
        f"Both say the same thing (match score {score:.2f}) "
        "with no conflicting date, number or polarity."
    )


# The rules in the order the judge tries them.
RULES: tuple[Rule, ...] = (
    date.rule,
    number.rule,
    polarity.rule,
    antonym.rule,
    actor.rule,
    place.rule,
)

__all__ = [
    "GATES",
    "RULES",
    "Judgement",
    "Rule",
    "Slot",
    "conflicts",
    "core_polarity",
    "denied_keys",
    "judge",
    "places",
]
