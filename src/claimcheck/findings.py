"""Findings: aligned groups and the disputes between them turned into contradiction,
agreement and single-source findings, each with its explanation and a stable id."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from claimcheck.align import Edge
from claimcheck.grouping import Alignment
from claimcheck.judge import Judgement
from claimcheck.match import Groups
from claimcheck.model import Claim, Conflict, Finding, Kind, Member, Relation, Settings
from claimcheck.normalise import Features


@dataclass(slots=True)
class _Dispute:
    """Groups of claims on two sides of one conflict, each group with its value on the slot."""

    judgement: Judgement
    sides: list[list[tuple[int, str]]]
    sources: tuple[str, str]  # the sources of the two claims judged

    @property
    def slot(self) -> str:
        return self.judgement.conflict.slot if self.judgement.conflict else ""


def findings_of(
    claims: Sequence[Claim],
    feats: Sequence[Features],
    alignment: Alignment,
    settings: Settings,
) -> list[Finding]:
    """The findings of a story: a contradiction per dispute, an agreement per group of two
    sources or more (the main groups, then the second ones), a single-source finding per claim
    that stands alone."""
    edges, groups = alignment.edges, alignment.groups
    best: dict[int, float] = {}
    for edge in edges:
        for k in (edge.i, edge.j):
            best[k] = max(best.get(k, 0.0), edge.judgement.similarity)
    members = {groups.find(g[0]): g for g in groups.groups()}
    # Each claim's pairs aligned on one stance alone, and why: an agreement of them says so.
    stances: dict[int, list[tuple[int, str]]] = {}
    for edge in edges:
        if edge.judgement.on_stance:
            why = edge.judgement.explanation
            stances.setdefault(edge.i, []).append((edge.j, why))
            stances.setdefault(edge.j, []).append((edge.i, why))

    def both(dispute: _Dispute) -> bool:
        return _one_source_both(dispute, members, claims, feats)

    # A pair of groups whose sources give both values is no dispute, nor does it join one
    # ("requested $5.7 billion for the wall" / "divert $3.6 billion to the wall", NYT giving
    # both, beside "$3.5 billion" / "$3.6 billion" from military construction).
    disputes = [d for d in _disputes(edges, groups, claims, both) if not both(d)]
    findings = [_contradiction(d, members, claims, feats, best) for d in disputes]
    disputed = {g for dispute in disputes for side in dispute.sides for g, _ in side}

    def agreement(group: list[int]) -> bool:
        sources = {claims[k].article_id for k in group}
        if len(sources) < max(settings.min_sources, 2):
            return False
        score = min(best.get(k, 0.0) for k in group)
        why = f"{len(sources)} sources say the same thing; no date, number or polarity conflicts."
        inside = set(group)
        stance = next((w for k in group for o, w in stances.get(k, ()) if o in inside), "")
        if stance:  # "Both deny one hostile stance toward Russia (“enemy” / “adversary”)."
            why = f"{why} {stance}"
        findings.append(_finding(Kind.AGREEMENT, group, claims, feats, best, why, score, None))
        return True

    # A claim in a second group (a further fact of its sentence, which another source states
    # in a sentence of its own) is no longer a single source.
    agreeing = {k for group in alignment.second if agreement(group) for k in group}
    for root, group in members.items():
        if root in disputed or agreement(group):
            continue
        if len(group) == 1 and group[0] not in agreeing:
            why = "Only one source says this; no other source has a matching claim."
            findings.append(
                _finding(Kind.SINGLE_SOURCE, group, claims, feats, best, why, 1.0, None)
            )
    order = {Kind.CONTRADICTION: 0, Kind.AGREEMENT: 1, Kind.SINGLE_SOURCE: 2}
    first: dict[str, int] = {}
    for number, claim in enumerate(claims):
        first.setdefault(claim.article_id, number)
    findings.sort(key=lambda f: (order[f.kind], -len(f.sources), _position(f, first)))
    return findings


def _disputes(
    edges: list[Edge],
    groups: Groups,
    claims: Sequence[Claim],
    both: Callable[[_Dispute], bool],
) -> list[_Dispute]:
    """The groups on each side of each conflict, in the order the contradictions were judged;
    a pair of groups that is `both` on its own is left out."""
    # (group, slot) -> its dispute and side: a group may be in one dispute per slot, so that a
    # polarity conflict does not hide a number conflict over the same claims.
    used: dict[tuple[int, str], tuple[_Dispute, int]] = {}
    disputes: list[_Dispute] = []
    for edge in edges:
        conflict = edge.judgement.conflict
        if edge.judgement.relation is not Relation.CONTRADICTION or conflict is None:
            continue
        gi, gj = (groups.find(edge.i), conflict.slot), (groups.find(edge.j), conflict.slot)
        if gi in used and gj in used:
            continue
        pair = _Dispute(
            edge.judgement,
            [[(gi[0], conflict.values["a"])], [(gj[0], conflict.values["b"])]],
            (claims[edge.i].article_id, claims[edge.j].article_id),
        )
        if both(pair):
            continue
        if gi in used or gj in used:
            # A further group opposed to one side of an existing dispute joins its other side.
            known, new = (gi, gj) if gi in used else (gj, gi)
            dispute, side = used[known]
            label = conflict.values["b" if known == gi else "a"]
            dispute.sides[1 - side].append((new[0], label))
            used[new] = (dispute, 1 - side)
            continue
        dispute = pair
        disputes.append(dispute)
        used[gi], used[gj] = (dispute, 0), (dispute, 1)
    return disputes


def _contradiction(
    dispute: _Dispute,
    members: dict[int, list[int]],
    claims: Sequence[Claim],
    feats: Sequence[Features],
    best: dict[int, float],
) -> Finding:
    """A dispute's finding: every claim of its groups, each source's values."""
    labels: dict[str, list[str]] = {}
    for labelled in dispute.sides:
        for g, label in labelled:
            for k in members[g]:
                # One source may stand on both sides ("police suspected foul play" and "no
                # foul play was suspected" in one article): each of its values is shown once.
                seen = labels.setdefault(claims[k].article_id, [])
                if label not in seen:
                    seen.append(label)
    values = {source: " and ".join(found) for source, found in labels.items()}
    group = [k for side in dispute.sides for g, _ in side for k in members[g]]
    conflict = Conflict(dispute.slot, values)
    left, right = dispute.sources
    also = tuple(
        Conflict(c.slot, {left: c.values["a"], right: c.values["b"]})
        for c, _ in dispute.judgement.also
    )
    why = _explain(dispute.judgement.explanation, conflict)
    why += "".join(f" Also: {more}" for _, more in dispute.judgement.also)
    return _finding(
        Kind.CONTRADICTION,
        group,
        claims,
        feats,
        best,
        why,
        dispute.judgement.similarity,
        conflict,
        also,
    )


def _one_source_both(
    dispute: _Dispute,
    members: dict[int, list[int]],
    claims: Sequence[Claim],
    feats: Sequence[Features],
) -> bool:
    """Whether a date or figure dispute has no side of its own: the sources that state a date (or
    figure) on one side all state one on the other side too. A source giving both is a sign of
    two events or two things ("ran on the 2000 ticket", "lost the primary in 2006"), not of a
    conflict. A source gives the other side's date as well when a claim of its own, sharing
    ALSO_WORDS words with a claim of that side, states that claim's date. On any slot, sources
    that all stand on both sides dispute nothing with each other."""
    members_of = [
        {claims[k].article_id for g, _ in side for k in members[g]} for side in dispute.sides
    ]
    if members_of[0] == members_of[1]:
        return True
    if dispute.slot not in ("date", "number"):
        return False

    def states(claim: Claim) -> bool:
        if dispute.slot == "date":
            return any(not d.inherited for d in claim.dates)
        return bool(claim.quantities)

    stating = [
        [k for g, _ in side for k in members[g] if states(claims[k])] for side in dispute.sides
    ]
    sides = [{claims[k].article_id for k in side} for side in stating]
    if dispute.slot == "date":
        for n in (0, 1):
            sides[1 - n] |= _also_dating(stating[1 - n], sides[n] - sides[1 - n], claims, feats)
    return all(sides) and (sides[0] <= sides[1] or sides[1] <= sides[0])


ALSO_WORDS = 2


def _also_dating(
    side: list[int], sources: set[str], claims: Sequence[Claim], feats: Sequence[Features]
) -> set[str]:
    """Those of `sources` that, in a claim of their own sharing ALSO_WORDS content words with a
    claim of `side`, state the one date that claim states (2000; "before 2018" only so)."""
    dated = []  # the side's claims that state one date: "joined in 2009 and quit this month"
    for k in side:  # does not tell which date goes with which act
        theirs = {d.shown for d in claims[k].dates if not d.inherited}
        if len(theirs) == 1:
            dated.append((k, theirs))
    found = set()
    for n, claim in enumerate(claims):
        if claim.article_id not in sources or claim.article_id in found:
            continue
        own = {d.shown for d in claim.dates if not d.inherited}
        for k, theirs in dated if own else ():
            near = len(feats[n].content & feats[k].content - feats[n].actors) >= ALSO_WORDS
            if near and theirs <= own:
                found.add(claim.article_id)
                break
    return found


def _explain(why: str, conflict: Conflict) -> str:
    """The rule's reason, then who says what: "... overtures-artificial: 2008-04-06; ..."."""
    sides: dict[str, list[str]] = {}
    for source, value in conflict.values.items():
        sides.setdefault(value, []).append(source)
    if len(conflict.values) <= 2 and len(sides) == 2:
        return why
    said = "; ".join(f"{', '.join(sources)}: {value}" for value, sources in sides.items())
    return f"{why.split(':')[0].rstrip('.')}. {said}."


def _position(finding: Finding, first: dict[str, int]) -> tuple[int, int]:
    """Where a finding's first claim stands: its source's order, then its offset."""
    claim = finding.members[0].claim
    return first[claim.article_id], claim.span.start


def _finding(
    kind: Kind,
    group: list[int],
    claims: Sequence[Claim],
    feats: Sequence[Features],
    best: dict[int, float],
    explanation: str,
    score: float,
    conflict: Conflict | None,
    also: tuple[Conflict, ...] = (),
) -> Finding:
    ordered = sorted(group)
    topic_claim = min((claims[k] for k in ordered), key=lambda c: (len(c.text), c.id))
    digest = hashlib.sha1(kind.value.encode())
    keyed = sorted((claims[k].article_id, feats[k].text) for k in ordered)  # features made once
    for source, text in keyed:
        digest.update(f"\0{source}\0{text}".encode())
    members = tuple(Member(claims[k], best.get(k, 1.0)) for k in ordered)
    return Finding(
        id=f"{kind.value[:2]}-{digest.hexdigest()[:10]}",
        kind=kind,
        topic=_topic(topic_claim.text),
        explanation=explanation,
        score=score,
        members=members,
        conflict=conflict,
        also=also,
    )


def _topic(text: str, width: int = 90) -> str:
    text = " ".join(text.split())
    if text.count('"') % 2:  # a clause cut out of a quotation: drop the unpaired mark
        text = text.replace('"', "")
    return text if len(text) <= width else text[: width - 1].rsplit(" ", 1)[0] + "…"
