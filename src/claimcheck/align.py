"""Alignment: candidate pairs judged, with the pairs that share one fact's core and the
conflicts of facts their sentences did not align on, in the order groups form in."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

from claimcheck.cores import CORE_WORDS, core
from claimcheck.facts import Fact, about, written
from claimcheck.judge import Judgement, core_polarity, figures, judge
from claimcheck.match import Scores, overlap, repeats
from claimcheck.model import Claim, Conflict, Relation, Settings
from claimcheck.normalise import Features, key, text_keys, words
from claimcheck.stances import Stance, nouns_of, one_stance
from claimcheck.timing import Step


@dataclass(frozen=True, slots=True)
class Edge:
    """A judged candidate pair of claims (indices into the claim list)."""

    i: int
    j: int
    judgement: Judgement


def edge_order(edge: Edge) -> tuple[float, float, int, int]:
    """The order groups form in: the best-scored pairs first; of pairs scored alike (two claims
    that share one fact's core with a third), the closer first; ties in claim order."""
    return -edge.judgement.similarity, -edge.judgement.strength, edge.i, edge.j


STEP = 250  # candidate pairs judged between two progress reports
# What a judgement reads of a claim: all but where it stands (its id, source, file and span).
SAID = tuple(
    f.name for f in dataclasses.fields(Claim) if f.name not in ("id", "article_id", "path", "span")
)


def judged_pairs(
    claims: Sequence[Claim],
    feats: list[Features],
    telling: frozenset[str],
    rare: frozenset[str],
    settings: Settings,
    candidates: list[tuple[int, int]],
    step: Step,
    *,
    scores: Scores | None = None,
) -> list[Edge]:
    """Judged candidate pairs. Scores and gates are computed as they were fitted, on unweighted
    words; the corpus's word frequencies choose the candidates and the telling words. `step` is
    told of every STEP pairs judged; `scores` are the claims' match scores, made anew if None."""
    scores = scores or Scores(feats)
    # Near-copies repeat claims in many sources: each pair of claims that say alike is judged
    # once (what a judgement reads of a claim leaves out where it stands), and kept only when
    # one of them is repeated.
    same, repeated = repeats([tuple(getattr(c, f) for f in SAID) for c in claims])
    known: dict[tuple[int, int], Judgement | None] = {}
    edges = []
    for n, (i, j) in enumerate(candidates, 1):
        if n % STEP == 0:
            step(STEP)
        pair = (same[i], same[j])
        if pair in known:
            judgement = known[pair]
        else:
            judgement = _judged(claims, feats, i, j, telling, rare, settings, scores)
            if repeated[i] or repeated[j]:
                known[pair] = judgement
        if judgement is not None:
            edges.append(Edge(i, j, judgement))
    edges.sort(key=edge_order)
    return edges


def _judged(
    claims: Sequence[Claim],
    feats: list[Features],
    i: int,
    j: int,
    telling: frozenset[str],
    rare: frozenset[str],
    settings: Settings,
    scores: Scores,
) -> Judgement | None:
    """The judgement of candidate pair i, j when it aligns or contradicts, else None."""
    related = settings.fitted.related  # a lower --threshold still aligns what reaches it
    actors = feats[i].actors & feats[j].actors
    if not actors and overlap(feats[i], feats[j]) < settings.min_overlap:
        return None  # not worth scoring: it could not reach the cut below
    score = scores(i, j)
    # Too far apart to judge, unless they share one fact's core: "The Arizona Legislature
    # passed a bill last week allowing ..." / "The state legislature passed the bill, known
    # as SB 1062, last week."
    shared: frozenset[str] | None = None
    if score < min(related, settings.threshold) and not actors:
        shared = core(claims[i], feats[i], claims[j], feats[j], telling, score)
        if not shared:
            return None
    judgement = judge(
        claims[i],
        claims[j],
        fa=feats[i],
        fb=feats[j],
        rare=rare,
        score=score,
        extra_antonyms=settings.antonyms,
        fitted=settings.fitted,
        equivalent=settings.threshold,
    )
    if _chance_figures(judgement, settings.fitted.figure_min_score):
        return None
    if judgement.relation in (Relation.RELATED, Relation.UNRELATED):
        if shared is None:  # not yet asked above
            shared = core(claims[i], feats[i], claims[j], feats[j], telling, score)
        if shared:
            judgement = _on_core(claims, feats, i, j, shared, rare, score, settings)
        elif stance := one_stance(claims[i], claims[j]):
            judgement = _same_stance(claims[i], claims[j], stance, score, settings)
    elif (
        judgement.relation is Relation.EQUIVALENT and claims[i].quantities and claims[j].quantities
    ):  # one fact's figure given otherwise is no agreement (_core_figures)
        judgement = _figures_on_core(claims, feats, i, j, telling, judgement)
    if judgement.relation in (Relation.EQUIVALENT, Relation.CONTRADICTION):
        return judgement
    return None


def with_fact_conflicts(
    edges: list[Edge],
    conflicts: list[tuple[Fact, Fact]],
    claims: Sequence[Claim],
    feats: list[Features],
    *,
    scores: Scores | None = None,
) -> list[Edge]:
    """The judged pairs with the conflicts of facts that their sentences did not align on: a
    figure or date of the same thing, given differently by two sources ("50,000 pages of
    printed emails" / "55,000 pages of Clinton's emails"). Such a conflict replaces an agreement
    of the same two claims. `scores` are the claims' match scores, made anew if None."""
    scores = scores or Scores(feats)
    found: dict[tuple[int, int], Edge] = {}
    for x, y in conflicts:
        if x.claim > y.claim:
            x, y = y, x
        why = {
            "number": "Same figure of one fact, different values",
            "date": "Same date of one fact, different values",
            "day": "Same day of one fact, different weekdays",
            "role": "Same office held at the time, different ranks",
            "place": "Same person or thing, placed in different towns",
        }[x.slot]
        conflict = Conflict("date" if x.slot == "day" else x.slot, {"a": x.value, "b": y.value})
        shared = ", ".join(written(sorted(about(x, y)), claims[x.claim].text))
        explanation = f"{why} ({shared}): one side has {x.value}, the other {y.value}."
        score = scores(x.claim, y.claim)
        judgement = Judgement(Relation.CONTRADICTION, score, conflict, explanation, 1.0)
        found.setdefault((x.claim, y.claim), Edge(x.claim, y.claim, judgement))
    if not found:
        return edges
    kept = [
        e
        for e in edges
        if (e.i, e.j) not in found or e.judgement.relation is Relation.CONTRADICTION
    ]
    known = {(e.i, e.j) for e in kept}
    kept += [edge for pair, edge in found.items() if pair not in known]
    kept.sort(key=edge_order)
    return kept


def _on_core(
    claims: Sequence[Claim],
    feats: list[Features],
    i: int,
    j: int,
    shared: frozenset[str],
    rare: frozenset[str],
    score: float,
    settings: Settings,
) -> Judgement:
    """Two claims that share one fact's core: a polarity conflict when one asserts it and the
    other denies it ("passed a bill last week allowing ..." / "did not pass the bill last
    week"), else the same fact."""
    if claims[i].negated != claims[j].negated:
        gate = settings.fitted.polarity_align
        denied = core_polarity(claims[i], feats[i], claims[j], feats[j], rare, score, gate)
        if denied:
            return denied
    closeness = _closeness(shared, feats[i], feats[j])
    return _core_figures(
        claims[i], feats[i], claims[j], feats[j], shared, score, closeness
    ) or _same_fact(shared, settings, closeness)


def _closeness(shared: frozenset[str], fa: Features, fb: Features) -> float:
    """The share of the shorter claim's words that a shared core makes up."""
    return len(shared) / max(min(fa.size, fb.size), 1)


def _figures_on_core(
    claims: Sequence[Claim],
    feats: list[Features],
    i: int,
    j: int,
    telling: frozenset[str],
    judgement: Judgement,
) -> Judgement:
    """An equivalent pair, or the number conflict of the fact's core they share."""
    score = judgement.similarity
    shared = core(claims[i], feats[i], claims[j], feats[j], telling, score)
    closeness = _closeness(shared, feats[i], feats[j])
    found = shared and _core_figures(
        claims[i], feats[i], claims[j], feats[j], shared, score, closeness
    )
    return found or judgement


def _core_figures(
    a: Claim,
    fa: Features,
    b: Claim,
    fb: Features,
    shared: frozenset[str],
    score: float,
    closeness: float,
) -> Judgement | None:
    """A number conflict of two claims that share one fact's core and give one figure each of
    one kind and written unit, that do not agree: "unlock money from the military construction
    budget, to the tune of $3.5 billion" / "divert $3.6 billion from military construction
    projects". A claim with two such figures may give them of other things."""
    pairs = [
        (x, y)
        for x in a.quantities
        for y in b.quantities
        if x.unit
        and y.unit
        and figures.own_figure(a, x)
        and figures.own_figure(b, y)
        and figures.comparable(x, y)
    ]
    if len(pairs) != 1 or figures.agree(*pairs[0]):
        return None  # "six students" and "Pally, 19,": an age has no unit to compare
    x, y = pairs[0]
    # The fact is what the two share besides the figures' words ("billion") and the names,
    # which tie to the whole sentence: CORE_WORDS - 1 words ("Trump requested $5.7 billion for
    # the wall" and "divert $3.6 billion from military construction projects to the wall" share
    # "construction" and "wall"; "the ad, to air in Miami, West Palm Beach and Fort Myers, is
    # costing $1 million" and "reserved $500,000 of airtime in Fort Myers, West Palm Beach and
    # Miami" share the places).
    named = {key(w) for claim in (a, b) for actor in claim.actors for w in words(actor)}
    figured = {k for q in (*a.quantities, *b.quantities) for k in text_keys(q.text)}
    rest = shared - named - figured
    if len(rest) < CORE_WORDS - 1:
        return None
    values = {"a": x.text, "b": y.text}
    fact = ", ".join(written(sorted(rest), a.text))
    why = f"Same fact, different figures ({fact}): one side has {x.text}, the other {y.text}."
    return Judgement(Relation.CONTRADICTION, score, Conflict("number", values), why, closeness)


def _same_fact(shared: frozenset[str], settings: Settings, closeness: float) -> Judgement:
    """An aligned pair the sentence score missed: the two claims share one fact's core. They
    score the threshold; `closeness` (the share of the shorter claim the core makes up) orders
    such pairs, so that a claim joins the one that states its fact most nearly."""
    words = ", ".join(sorted(shared))
    why = f"Both state the same fact (shared telling words: {words}) with nothing in conflict."
    return Judgement(Relation.EQUIVALENT, settings.threshold, None, why, closeness, on_core=True)


def _same_stance(a: Claim, b: Claim, stance: Stance, score: float, settings: Settings) -> Judgement:
    """Two claims that take one stance toward one party ("was not an enemy" / "rather than an
    adversary"). They share too few words to stand in one group with the claims either is
    aligned with, and form a second group of their own (grouping.py)."""
    toward, kind, denied = stance
    said = "deny" if denied else "take"
    nouns = f"“{nouns_of(a, kind)}” / “{nouns_of(b, kind)}”"
    why = f"Both {said} one {kind} stance toward {toward} ({nouns})."
    return Judgement(
        Relation.EQUIVALENT, settings.threshold, None, why, score, on_core=True, on_stance=True
    )


def _chance_figures(judgement: Judgement, least: float) -> bool:
    """A number or date conflict between claims that barely match. Across articles each claim
    meets many candidates, so two figures with a shared neighbouring word meet by chance far
    more often than in one pair; compare asks such conflicts for the match score `least` too."""
    conflict = judgement.conflict
    figures = conflict is not None and conflict.slot in ("number", "date")
    settled = judgement.strength >= 1.0  # the same name beside the same telling word
    return figures and not settled and judgement.similarity < least
