"""The whole job: load, extract, align, judge, and turn aligned groups into findings."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import overload

from claimcheck.copies import originals
from claimcheck.errors import LoadError
from claimcheck.extract import extract
from claimcheck.facts import Fact, about, consistent, core, fact_pairs, facts_of, sheet, written
from claimcheck.judge import Judgement, core_polarity, judge, params
from claimcheck.load import Reading, load
from claimcheck.match import Groups, Index, overlap, similarity
from claimcheck.model import (
    Article,
    Claim,
    ClaimType,
    Conflict,
    FactRow,
    Finding,
    Kind,
    Member,
    Relation,
    Report,
    Settings,
    Story,
)
from claimcheck.normalise import Features, features
from claimcheck.stories import cluster, one_story
from claimcheck.timing import Progress, Stages, Step


@dataclass(slots=True)
class _Dispute:
    """Groups of claims on two sides of one conflict, each group with its value on the slot."""

    judgement: Judgement
    sides: list[list[tuple[int, str]]]
    sources: tuple[str, str] = ("a", "b")  # the sources of the two claims judged

    @property
    def slot(self) -> str:
        return self.judgement.conflict.slot if self.judgement.conflict else ""


@dataclass(frozen=True, slots=True)
class Edge:
    """A judged candidate pair of claims (indices into the claim list)."""

    i: int
    j: int
    judgement: Judgement


@dataclass(frozen=True, slots=True)
class StoryResult:
    """What comparing one story's articles found: its claims, findings, fact sheet and copies."""

    claims: tuple[Claim, ...]
    findings: tuple[Finding, ...]
    facts: tuple[FactRow, ...]
    copies: tuple[tuple[str, str], ...]
    timings: tuple[tuple[str, float], ...]


def compare(
    inputs: str | os.PathLike[str] | Iterable[str | Path | Article],
    settings: Settings | None = None,
    *,
    progress: Progress | None = None,
    reading: Reading | None = None,
    one_story: bool = False,
    jobs: int = 1,
    scheduler: str | None = None,
) -> Report:
    """Cross-reference the articles at `inputs` (a path, or paths and loaded articles), story by
    story, the files read as `reading` says: `one_story` compares them all as one, `jobs`
    processes compare stories side by side, or a Dask `scheduler` address runs them on that
    cluster."""
    settings = settings or Settings()
    stages = Stages(progress)
    items: list[str | Path | Article] = (
        [Path(inputs)] if isinstance(inputs, str | os.PathLike) else list(inputs)
    )
    articles = [a for a in items if isinstance(a, Article)]
    with stages.stage("load"):
        loaded, errors = (
            load([p for p in items if not isinstance(p, Article)], reading=reading)
            if len(articles) < len(items)
            else ([], [])
        )
    articles = [a for a in (*articles, *loaded) if a.id not in settings.ignore_sources]
    with stages.stage("stories"):
        stories = stories_of(articles, one=one_story)
    if len(stories) == 1:  # the stages of the one story are shown as they run
        results: list[StoryResult | str] = [compare_story(articles, settings, stages=stages)]
    else:
        results = run_stories(stories, articles, settings, stages, jobs=jobs, scheduler=scheduler)
    done = [r for r in results if isinstance(r, StoryResult)]
    failed = [
        LoadError(f"story {story.id} ({story.label}): comparison failed: {result}")
        for story, result in zip(stories, results, strict=True)
        if isinstance(result, str)
    ]
    return Report(
        tuple(articles),
        tuple(c for r in done for c in r.claims),
        tuple(f for r in done for f in r.findings),
        settings,
        (*errors, *failed),
        timings=_timings(stages.timings, [r.timings for r in done]),
        copies=tuple(c for r in done for c in r.copies),
        facts=tuple(f for r in done for f in r.facts),
        stories=tuple(stories),
    )


def stories_of(articles: Sequence[Article], *, one: bool = False) -> list[Story]:
    """The stories of `articles`, or all of them as one story."""
    return one_story(articles) if one or len(articles) < 2 else cluster(articles)


def run_stories(
    stories: Sequence[Story],
    articles: Sequence[Article],
    settings: Settings,
    stages: Stages,
    *,
    jobs: int,
    scheduler: str | None,
) -> list[StoryResult | str]:
    """Each story's result, or why it failed, in the order of `stories`."""
    from claimcheck.parallel import run

    by_id = {a.id: a for a in articles}
    inputs = [tuple(by_id[k] for k in story.articles) for story in stories]
    results: list[StoryResult | str] = [""] * len(stories)
    with stages.stage("compare", len(stories)) as step:
        for number, result in run(inputs, settings, jobs=jobs, scheduler=scheduler):
            results[number] = result
            step()
    return results


def _timings(
    own: Sequence[tuple[str, float]], stories: Sequence[Sequence[tuple[str, float]]]
) -> tuple[tuple[str, float], ...]:
    """This run's stage timings with the stages of the stories compared elsewhere summed into
    them, in place of the wall time of comparing them ("compare"): seconds of work, not of the
    clock, when stories ran side by side."""
    total: dict[str, float] = {}
    mine = [t for t in own if t[0] != "compare" or not stories]
    for stage, seconds in (*mine, *(t for timings in stories for t in timings)):
        total[stage] = total.get(stage, 0.0) + seconds
    return tuple(total.items())


def compare_story(
    articles: Sequence[Article], settings: Settings, *, stages: Stages | None = None
) -> StoryResult:
    """Compare the articles of one story: its claims, findings, fact sheet and copies. A pure
    function of its arguments, so that any process (or Dask worker) may run it."""
    stages = stages or Stages()
    copy_of = originals(articles)
    with stages.stage("extract", len(articles)) as step:
        claims = own_claims(articles, copy_of, lambda a: claims_of(a, settings), step)
    findings, facts = judge_claims(claims, settings, stages=stages)
    return StoryResult(
        tuple(claims),
        tuple(findings),
        tuple(facts),
        tuple(copy_of.items()),
        tuple(stages.timings),
    )


def claims_of(article: Article, settings: Settings) -> list[Claim]:
    """The claims of one article that compare aligns and judges."""
    return [c for c in extract(article, settings) if c.type is ClaimType.CLAIM]


def own_claims(
    articles: Sequence[Article],
    copy_of: dict[str, str],
    claims: Callable[[Article], list[Claim]],
    step: Callable[[], None] | None = None,
) -> list[Claim]:
    """The claims of every article in order, a copy's (copies.originals) without those its
    original states. `step` is called after each article."""
    found: list[Claim] = []
    said: dict[str, set[str]] = {}  # the claims of each original, to leave out of its copies
    for article in articles:
        own = claims(article)
        original = copy_of.get(article.id)
        if original is None:
            said[article.id] = {c.text for c in own}
        else:  # one voice with its original: only what the copy changed is compared
            own = [c for c in own if c.text not in said[original]]
        found += own
        if step is not None:
            step()
    return found


def judge_claims(
    claims: Sequence[Claim], settings: Settings, *, stages: Stages | None = None
) -> tuple[list[Finding], list[FactRow]]:
    """Align claims across sources and judge every group; the findings and the fact sheet.
    `stages` gets progress and timings."""
    stages = stages or Stages()
    if len({c.article_id for c in claims}) < 2:
        # One source aligns with nobody: every claim stands alone, and its features, which
        # hold ten times its text, are made one at a time and let go (a 10 MB article peaked at
        # 1.1 GiB holding them all).
        with stages.stage("align"):
            alone = Groups([c.article_id for c in claims])
        with stages.stage("judge"):
            return _findings(claims, _OneAtATime(claims), [], alone, settings), []
    # Progress counts real work: claims searched for candidates, then candidate pairs judged.
    with stages.stage("align", max(len(claims), 1)) as step:
        feats = [features(c.text, c.actors) for c in claims]
        index = Index.build(feats, [c.article_id for c in claims])
        candidates = index.pairs(settings.candidates, step)
    with stages.stage("judge", max(len(candidates), 1)) as step:
        return _judge(claims, feats, index, settings, candidates, step)


class _OneAtATime(Sequence[Features]):
    """The claims' features, made each time one is asked for and not kept."""

    def __init__(self, claims: Sequence[Claim]) -> None:
        self.claims = claims

    def __len__(self) -> int:
        return len(self.claims)

    @overload
    def __getitem__(self, n: int) -> Features: ...

    @overload
    def __getitem__(self, n: slice) -> Sequence[Features]: ...

    def __getitem__(self, n: int | slice) -> Features | Sequence[Features]:
        if isinstance(n, slice):
            return [features(c.text, c.actors) for c in self.claims[n]]
        return features(self.claims[n].text, self.claims[n].actors)


def _judge(
    claims: Sequence[Claim],
    feats: list[Features],
    index: Index,
    settings: Settings,
    candidates: list[tuple[int, int]],
    step: Step,
) -> tuple[list[Finding], list[FactRow]]:
    facts = [fact for n, c in enumerate(claims) for fact in facts_of(n, c, feats[n])]
    pairs = fact_pairs(facts, [c.article_id for c in claims])
    telling = index.telling()
    edges = _edges(claims, feats, telling, index.rare(), settings, candidates, step)
    conflicts = [(facts[i], facts[j]) for i, j, c in pairs if c]
    edges = _with_fact_conflicts(edges, conflicts, claims, feats)
    groups = Groups([c.article_id for c in claims])
    opposed: dict[int, set[int]] = {}
    for edge in edges:
        if edge.judgement.relation is Relation.CONTRADICTION:
            opposed.setdefault(edge.i, set()).add(edge.j)
            opposed.setdefault(edge.j, set()).add(edge.i)
    scores = {(e.i, e.j): e.judgement.similarity for e in edges}  # i < j

    def cohesion(x: int, y: int) -> float:
        pair = (x, y) if x < y else (y, x)
        if pair not in scores:
            score = similarity(feats[x], feats[y])
            if score < settings.threshold and core(
                claims[x], feats[x], claims[y], feats[y], telling, score
            ):
                score = settings.threshold  # one fact's core scores as an aligned pair does
            scores[pair] = score
        return scores[pair]

    def holds(x: int, y: int) -> bool:
        return consistent(claims[x], feats[x], claims[y], feats[y])

    floor = settings.threshold * COHESION
    for edge in edges:
        if (
            edge.judgement.relation is Relation.EQUIVALENT
            and edge.judgement.similarity >= settings.threshold
        ):
            groups.join(
                edge.i, edge.j, apart=opposed, cohesion=cohesion, floor=floor, together=holds
            )
    return _findings(claims, feats, edges, groups, settings), sheet(facts, pairs, claims)


# Two groups merge only when their claims score, on average against each other, this share of the
# alignment threshold or more: a strong pair does not pull in a claim that matches just one of
# its members loosely. Set by reading the agreements of 200 Multi-News stories, which have no
# labels: at 0.75 the members it keeps out were mostly loose ("It's all over the place" beside
# a quote about phone calls), and the agreements it split stayed as smaller ones; at 1.0 it kept
# out true members, which the matcher scores low against longer paraphrases.
COHESION = 0.75

# Candidates sharing less than this of their content words (synonyms counted) are not scored: on
# the candidates of 200 Multi-News articles none of them scored above 0.12, under the score
# (0.22 by default) that a pair without a shared actor needs to be judged; about half of them.
MIN_OVERLAP = 0.2
STEP = 250  # candidate pairs judged between two progress reports


def _edges(
    claims: Sequence[Claim],
    feats: list[Features],
    telling: frozenset[str],
    rare: frozenset[str],
    settings: Settings,
    candidates: list[tuple[int, int]],
    step: Step,
) -> list[Edge]:
    """Judged candidate pairs. Scores and gates are computed as they were fitted, on unweighted
    words; the corpus's word frequencies choose the candidates and the telling words. `step` is
    told of every STEP pairs judged."""
    related = params()["related"]  # a lower --threshold still aligns what reaches it
    edges = []
    for n, (i, j) in enumerate(candidates, 1):
        if n % STEP == 0:
            step(STEP)
        actors = feats[i].actors & feats[j].actors
        if not actors and overlap(feats[i], feats[j]) < MIN_OVERLAP:
            continue  # not worth scoring: it could not reach the cut below
        score = similarity(feats[i], feats[j])
        # Too far apart to judge, unless they share one fact's core: "The Arizona Legislature
        # passed a bill last week allowing ..." / "The state legislature passed the bill, known
        # as SB 1062, last week."
        if (
            score < min(related, settings.threshold)
            and not actors
            and not core(claims[i], feats[i], claims[j], feats[j], telling, score)
        ):
            continue
        judgement = judge(
            claims[i],
            claims[j],
            fa=feats[i],
            fb=feats[j],
            rare=rare,
            score=score,
            extra_antonyms=settings.antonyms,
            equivalent=settings.threshold,
        )
        if _chance_figures(judgement):
            continue
        if judgement.relation in (Relation.RELATED, Relation.UNRELATED):
            shared = core(claims[i], feats[i], claims[j], feats[j], telling, score)
            # One fact's core, asserted on one side and denied on the other, is a polarity
            # conflict ("passed a bill last week allowing ..." / "did not pass the bill last
            # week"); else the same fact.
            denied = (
                shared
                and claims[i].negated != claims[j].negated
                and core_polarity(claims[i], feats[i], claims[j], feats[j], rare, score)
            )
            if denied:
                judgement = denied
            elif shared:
                closeness = len(shared) / max(min(feats[i].size, feats[j].size), 1)
                judgement = _same_fact(shared, settings, closeness)
        if judgement.relation in (Relation.EQUIVALENT, Relation.CONTRADICTION):
            edges.append(Edge(i, j, judgement))
    edges.sort(key=edge_order)
    return edges


def edge_order(edge: Edge) -> tuple[float, float, int, int]:
    """The order groups form in: the best-scored pairs first; of pairs scored alike (two claims
    that share one fact's core with a third), the closer first; ties in claim order."""
    return -edge.judgement.similarity, -edge.judgement.strength, edge.i, edge.j


def _with_fact_conflicts(
    edges: list[Edge],
    conflicts: list[tuple[Fact, Fact]],
    claims: Sequence[Claim],
    feats: list[Features],
) -> list[Edge]:
    """The judged pairs with the conflicts of facts that their sentences did not align on: a
    figure or date of the same thing, given differently by two sources ("50,000 pages of
    printed emails" / "55,000 pages of Clinton's emails"). Such a conflict replaces an agreement
    of the same two claims."""
    found: dict[tuple[int, int], Edge] = {}
    for x, y in conflicts:
        if x.claim > y.claim:
            x, y = y, x
        why = {
            "number": "Same figure of one fact, different values",
            "date": "Same date of one fact, different values",
            "day": "Same day of one fact, different weekdays",
            "role": "Same office held at the time, different ranks",
        }[x.slot]
        conflict = Conflict("date" if x.slot == "day" else x.slot, {"a": x.value, "b": y.value})
        shared = ", ".join(written(sorted(about(x, y)), claims[x.claim].text))
        explanation = f"{why} ({shared}): one side has {x.value}, the other {y.value}."
        score = similarity(feats[x.claim], feats[y.claim])
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


def _same_fact(shared: frozenset[str], settings: Settings, closeness: float) -> Judgement:
    """An aligned pair the sentence score missed: the two claims share one fact's core. They
    score the threshold; `closeness` (the share of the shorter claim the core makes up) orders
    such pairs, so that a claim joins the one that states its fact most nearly."""
    words = ", ".join(sorted(shared))
    why = f"Both state the same fact (shared telling words: {words}) with nothing in conflict."
    return Judgement(Relation.EQUIVALENT, settings.threshold, None, why, closeness)


def _chance_figures(judgement: Judgement) -> bool:
    """A number or date conflict between claims that barely match. Across articles each claim
    meets many candidates, so two figures with a shared neighbouring word meet by chance far
    more often than in one pair; compare asks such conflicts for a minimal match score too."""
    conflict = judgement.conflict
    figures = conflict is not None and conflict.slot in ("number", "date")
    settled = judgement.strength >= 1.0  # the same name beside the same telling word
    return figures and not settled and judgement.similarity < params()["figure_min_score"]


def _findings(
    claims: Sequence[Claim],
    feats: Sequence[Features],
    edges: list[Edge],
    groups: Groups,
    settings: Settings,
) -> list[Finding]:
    findings: list[Finding] = []
    best: dict[int, float] = {}
    for edge in edges:
        for k in (edge.i, edge.j):
            best[k] = max(best.get(k, 0.0), edge.judgement.similarity)
    members = {groups.find(g[0]): g for g in groups.groups()}
    # (group, slot) -> its dispute and side: a group may be in one dispute per slot, so that a
    # polarity conflict does not hide a number conflict over the same claims.
    used: dict[tuple[int, str], tuple[_Dispute, int]] = {}
    disputes: list[_Dispute] = []
    for edge in edges:
        if edge.judgement.relation is not Relation.CONTRADICTION or edge.judgement.conflict is None:
            continue
        slot = edge.judgement.conflict.slot
        gi, gj = (groups.find(edge.i), slot), (groups.find(edge.j), slot)
        if gi in used and gj in used:
            continue
        if gi in used or gj in used:
            # A further group opposed to one side of an existing dispute joins its other side.
            known, new = (gi, gj) if gi in used else (gj, gi)
            dispute, side = used[known]
            label = edge.judgement.conflict.values["b" if known == gi else "a"]
            dispute.sides[1 - side].append((new[0], label))
            used[new] = (dispute, 1 - side)
            continue
        dispute = _Dispute(
            edge.judgement,
            [
                [(gi[0], edge.judgement.conflict.values["a"])],
                [(gj[0], edge.judgement.conflict.values["b"])],
            ],
            (claims[edge.i].article_id, claims[edge.j].article_id),
        )
        disputes.append(dispute)
        used[gi], used[gj] = (dispute, 0), (dispute, 1)
    disputes = [d for d in disputes if not _one_source_both(d, members, claims, feats)]
    for dispute in disputes:
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
        findings.append(
            _finding(
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
        )
    disputed = {g for dispute in disputes for side in dispute.sides for g, _ in side}
    for root, group in members.items():
        if root in disputed:
            continue
        sources = {claims[k].article_id for k in group}
        if len(sources) >= max(settings.min_sources, 2):
            score = min(best.get(k, 0.0) for k in group)
            why = (
                f"{len(sources)} sources say the same thing; no date, number or polarity conflicts."
            )
            findings.append(_finding(Kind.AGREEMENT, group, claims, feats, best, why, score, None))
        elif len(group) == 1:
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
    ALSO_WORDS words with a claim of that side, states that claim's date."""
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
    found = set()
    for n, claim in enumerate(claims):
        if claim.article_id not in sources or claim.article_id in found:
            continue
        own = {d.shown for d in claim.dates if not d.inherited}
        for k in side if own else ():
            theirs = {d.shown for d in claims[k].dates if not d.inherited}
            if len(theirs) != 1:
                continue  # "joined in 2009 and quit this month": which date goes with which act
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
    for k in sorted(ordered, key=lambda k: (claims[k].article_id, feats[k].text)):
        digest.update(f"\0{claims[k].article_id}\0{feats[k].text}".encode())
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
