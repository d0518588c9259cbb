"""The actor and attribution rule: the same act by another actor, or the same statement
credited to someone else (docs/rules/actor.md)."""

from __future__ import annotations

import re

from claimcheck.judge.base import Candidate, Found, Side, aligned, referred, scene, word_for
from claimcheck.model import Claim, Conflict
from claimcheck.normalise import Features, coverage, dice, features, key


def rule(a: Side, b: Side, rare: frozenset[str] | None, _: object) -> Found:
    who_a, who_b = _speaker(a.claim), _speaker(b.claim)
    if who_a and who_b and who_a != who_b and a.claim.negated == b.claim.negated:
        said_a, said_b = _said(a.claim), _said(b.claim)
        low, high = coverage(said_a, said_b)
        return Candidate(
            Conflict("attribution", {a.label: who_a, b.label: who_b}),
            f"The same statement is credited to different people: {who_a} against {who_b}.",
            dice(low, high),
        )
    if not a.features.actors & b.features.actors or a.claim.negated != b.claim.negated:
        return None  # most pairs share no name: tested before the names on one side only
    # Only names written in the claims count: a pronoun read as one person in one article and
    # as another in the next is a guess, not a conflict.
    # A name the other side writes as a common word ("the Republican Senate caucus" and "the
    # Republican senate caucus") is no other actor either.
    only_a = a.features.actors - b.features.actors - b.features.content - referred(a.claim)
    only_b = b.features.actors - a.features.actors - a.features.content - referred(b.claim)
    if not (only_a and only_b):
        return None
    if len(only_a) != 1 or len(only_b) != 1 or not (_leads(a, only_a) and _leads(b, only_b)):
        return None  # the differing name must be who acts: the first name of each claim
    if only_a <= scene(a.claim) or only_b <= scene(b.claim):
        return None  # "Nurses in Dunmore marched", "Contacted by Salon, he denied": no actor
    wa, wb = word_for(a, next(iter(only_a))), word_for(b, next(iter(only_b)))
    return Candidate(
        Conflict("actor", {a.label: wa, b.label: wb}),
        f"The same act with a different actor: {wa} against {wb}.",
        aligned(a, b, drop=only_a | only_b),
    )


def _said(claim: Claim) -> Features:
    """What a claim reports someone as saying: its words after the speech verb."""
    cue = claim.attribution.cue if claim.attribution else ""
    found = re.search(rf"\b{re.escape(cue)}\b", claim.quote, re.IGNORECASE) if cue else None
    return features(claim.quote[found.end() :] if found else claim.quote)


def _leads(side: Side, names: frozenset[str]) -> bool:
    """The first name in the claim is one of `names`."""
    first = next((k for k in map(key, side.features.words) if k in side.features.actors), None)
    return first in names


def _speaker(claim: Claim) -> str | None:
    """The person or body a claim is credited to, when it is a recognised name."""
    attribution = claim.attribution
    if attribution is None or attribution.cue == "according to":
        return None
    source, quote = attribution.source, claim.quote
    named = source in claim.actors and source in quote
    # The pattern is made only for a quote that holds the possessive (patterns made anew for
    # every claim would crowd the regex cache).
    owned = named and (f"{source}'s" in quote or f"{source}’s" in quote)
    if owned and re.search(rf"\b{re.escape(source)}['’]s\b", quote):
        return None  # "Mr. Strzok's lawyer said": the lawyer speaks, not Strzok
    return source if named else None
