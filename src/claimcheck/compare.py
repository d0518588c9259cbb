"""The whole job: load, extract, align, judge, and turn aligned groups into findings."""

from __future__ import annotations

import gc
import os
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar, overload

from claimcheck.align import judged_pairs, with_fact_conflicts
from claimcheck.copies import Sketch, originals
from claimcheck.errors import LoadError
from claimcheck.extract import extract
from claimcheck.facts import fact_pairs, facts_of, sheet
from claimcheck.findings import findings_of
from claimcheck.grouping import Alignment, grouped
from claimcheck.load import Reading, load
from claimcheck.match import Groups, Index, Scores
from claimcheck.model import (
    Article,
    Claim,
    ClaimType,
    FactRow,
    Finding,
    Report,
    Settings,
    Story,
)
from claimcheck.normalise import Features, features
from claimcheck.stances import stance_pairs
from claimcheck.stories import group, one_story, prints
from claimcheck.timing import Progress, Stages, Step


@dataclass(frozen=True, slots=True)
class StoryResult:
    """What comparing one story's articles found: its claims, findings, fact sheet and copies."""

    claims: tuple[Claim, ...]
    findings: tuple[Finding, ...]
    facts: tuple[FactRow, ...]
    copies: tuple[tuple[str, str], ...]
    timings: tuple[tuple[str, float], ...]


# What compare() and prepare() take: one path, or paths and articles already loaded.
Inputs = str | os.PathLike[str] | Iterable[str | Path | Article]
T = TypeVar("T")


def compare(
    inputs: Inputs,
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
    plan = prepare(
        inputs, settings, progress=progress, reading=reading, one_story=one_story, jobs=jobs
    )
    return plan.whole(plan.outcomes(jobs=jobs, scheduler=scheduler))


@dataclass(frozen=True, slots=True)
class Plan:
    """A corpus loaded and grouped into stories (prepare()), to compare story by story."""

    articles: tuple[Article, ...]
    errors: tuple[LoadError, ...]  # the inputs that could not be loaded
    stories: tuple[Story, ...]
    members: tuple[tuple[Article, ...], ...]  # each story's articles
    sketches: tuple[tuple[Sketch, ...] | None, ...]  # their copy sketches, if grouping made them
    settings: Settings
    stages: Stages

    def outcomes(
        self, *, jobs: int = 1, scheduler: str | None = None
    ) -> Iterator[tuple[int, StoryResult | str]]:
        """Each story's number and result, or why its comparison failed, as stories finish:
        on `jobs` processes or the Dask cluster at `scheduler`."""
        return self._run(jobs, scheduler, None)

    def finished(
        self, finish: Callable[[int, Report], T], *, jobs: int = 1, scheduler: str | None = None
    ) -> Iterator[tuple[int, T]]:
        """Each story's number and `finish` of its number and report alone (report()), as
        stories finish: made where the story was compared, so that a worker sends back what
        the caller needs (a report's text, say) rather than every record, and the caller does
        not rebuild and render them alone while the workers wait. A story whose worker failed
        is finished here as failed."""
        for number, outcome in self._run(jobs, scheduler, finish):
            if isinstance(outcome, Finished):
                yield number, outcome.value
            else:
                yield number, finish(number, self.report(number, outcome))

    def _run(
        self, jobs: int, scheduler: str | None, finish: Callable[[int, Report], Any] | None
    ) -> Iterator[tuple[int, Any]]:
        """outcomes(), or finished() when given `finish`. One story is compared here, its
        stages shown as they run. What the caller holds is kept (kept()) before the pool
        starts, so that forked workers' collectors never walk the articles they inherit either,
        and again after each story."""
        with kept() as keep:
            keep()
            if len(self.stories) == 1:  # the story's stages shown, and timed, on their own
                alone = Stages(self.stages.progress)
                result = compare_story(self.members[0], self.settings, alone, self.sketches[0])
                if finish is None:
                    yield 0, result
                else:
                    finishing = Finishing((0,), self.stories)
                    yield 0, finishing(0, self.members[0], self.settings, result, finish)
                return
            work = Work(self.members, self.settings, self.sketches, finish, self.stories)
            for found in run_stories(work, self.stages, jobs, scheduler):
                yield found
                keep()

    def whole(self, outcomes: Iterable[tuple[int, StoryResult | str]]) -> Report:
        """The report of every story from their `outcomes` (outcomes()), in story order."""
        results: list[StoryResult | str] = [""] * len(self.stories)
        for number, result in outcomes:
            results[number] = result
        done = [r for r in results if isinstance(r, StoryResult)]
        failed = [
            failure(story, result)
            for story, result in zip(self.stories, results, strict=True)
            if isinstance(result, str)
        ]
        return Report(
            self.articles,
            tuple(c for r in done for c in r.claims),
            tuple(f for r in done for f in r.findings),
            self.settings,
            (*self.errors, *failed),
            timings=self.timings([r.timings for r in done]),
            copies=tuple(c for r in done for c in r.copies),
            facts=tuple(f for r in done for f in r.facts),
            stories=self.stories,
        )

    def timings(
        self, stories: Sequence[Sequence[tuple[str, float]]]
    ) -> tuple[tuple[str, float], ...]:
        """This run's stage timings with the `stories`' stages, compared elsewhere, summed into
        them in place of the wall time of comparing them ("compare"): seconds of work, not of
        the clock, when stories ran side by side."""
        total: dict[str, float] = {}
        mine = [t for t in self.stages.timings if t[0] != "compare" or not stories]
        for stage, seconds in (*mine, *(t for timings in stories for t in timings)):
            total[stage] = total.get(stage, 0.0) + seconds
        return tuple(total.items())

    def report(self, number: int, outcome: StoryResult | str) -> Report:
        """The report of story `number` alone (story_report())."""
        return story_report(self.stories[number], self.members[number], self.settings, outcome)


def story_report(
    story: Story, articles: Sequence[Article], settings: Settings, outcome: StoryResult | str
) -> Report:
    """The report of one story alone: its sources, claims, findings, fact sheet and copies, or
    the reason its comparison failed."""
    if isinstance(outcome, str):
        failed = (failure(story, outcome),)
        return Report(tuple(articles), (), (), settings, failed, stories=(story,))
    return Report(
        tuple(articles),
        outcome.claims,
        outcome.findings,
        settings,
        timings=outcome.timings,
        copies=outcome.copies,
        facts=outcome.facts,
        stories=(story,),
    )


def prepare(
    inputs: Inputs,
    settings: Settings | None = None,
    *,
    progress: Progress | None = None,
    reading: Reading | None = None,
    one_story: bool = False,
    jobs: int = 1,
) -> Plan:
    """Load the articles at `inputs` and group them into stories (compare()'s arguments)."""
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
        stories, sketch_of = stories_of(articles, one=one_story, jobs=jobs)
    by_id = {a.id: a for a in articles}
    members = tuple(tuple(by_id[k] for k in story.articles) for story in stories)
    sketches = tuple(
        tuple(sketch_of[k] for k in story.articles) if sketch_of else None for story in stories
    )
    return Plan(tuple(articles), tuple(errors), tuple(stories), members, sketches, settings, stages)


def failure(story: Story, reason: str) -> LoadError:
    """A story whose comparison failed, as an error of the report."""
    return LoadError(f"story {story.id} ({story.label}): comparison failed: {reason}")


PRINTS_APART = 200  # articles from which `jobs` processes make their prints side by side


def stories_of(
    articles: Sequence[Article], *, one: bool = False, jobs: int = 1
) -> tuple[list[Story], dict[str, Sketch]]:
    """The stories of `articles`, or all of them as one story, and each article's copy sketch
    when grouping made them; `jobs` processes make the articles' prints for a large corpus."""
    if one or len(articles) < 2:
        return one_story(articles), {}
    from claimcheck.parallel import mapper

    made = list(mapper(jobs if len(articles) >= PRINTS_APART else 1)(prints, articles))
    return group(articles, made), {a.id: m[0] for a, m in zip(articles, made, strict=True)}


def run_stories(
    work: Work, stages: Stages, jobs: int, scheduler: str | None
) -> Iterator[tuple[int, Any]]:
    """Each story's number and result (or what `work.finish` made of it), or why it failed, as
    stories finish."""
    from claimcheck.parallel import run

    finished = 0
    members = work.stories

    def label() -> str:
        return f"compare {finished:,}/{len(members):,} stories"

    # The bar counts articles, so that its estimate of the time left weighs a large story as
    # the work it is; the label counts stories.
    total = sum(len(m) for m in members)
    with stages.stage("compare", total, label=label) as step:
        for number, result in run(work, jobs=jobs, scheduler=scheduler):
            finished += 1
            step(len(members[number]))
            yield number, result


@dataclass(frozen=True, slots=True)
class Work:
    """The stories to compare (each its articles), with their settings and their articles'
    copy sketches; and, for Plan.finished(), what to make of each story's report where it was
    compared (`finish`) and the stories themselves (`heads`), which that report names."""

    stories: Sequence[Sequence[Article]]
    settings: Settings
    sketches: Sequence[Sequence[Sketch] | None]
    finish: Callable[[int, Report], Any] | None = None
    heads: Sequence[Story] = ()

    def batch(self, numbers: Sequence[int]) -> tuple[Any, ...]:
        """parallel.compare_batch()'s arguments for the stories `numbers`."""
        chosen = [self.stories[n] for n in numbers]
        sketches = [self.sketches[n] for n in numbers]
        if self.finish is None:
            return chosen, self.settings, sketches
        heads = [self.heads[n] for n in numbers]
        return chosen, self.settings, sketches, Finishing(tuple(numbers), heads), self.finish


@dataclass(frozen=True, slots=True)
class Finishing:
    """The stories of a batch, to finish each one's report where it was compared."""

    numbers: Sequence[int]
    heads: Sequence[Story]

    def __call__(
        self,
        k: int,
        articles: Sequence[Article],
        settings: Settings,
        outcome: StoryResult | str,
        finish: Callable[[int, Report], Any],
    ) -> Finished | str:
        """What `finish` makes of the number and report alone (story_report()) of the batch's
        `k`th story, or why that failed: the caller then finishes the story as failed
        (Plan.finished)."""
        report = story_report(self.heads[k], articles, settings, outcome)
        try:
            with uncollected():  # the story's records are not yet kept (kept()) from its sight
                return Finished(finish(self.numbers[k], report))
        except Exception as error:  # one story's failure is reported; it never loses others
            return f"{type(error).__name__}: {error}"


@dataclass(frozen=True, slots=True)
class Finished:
    """What a finish made of a story (Plan.finished), told apart from why a story failed."""

    value: Any


def compare_story(
    articles: Sequence[Article],
    settings: Settings,
    stages: Stages | None = None,
    sketches: Sequence[Sketch] | None = None,
) -> StoryResult:
    """Compare the articles of one story: its claims, findings, fact sheet and copies. A pure
    function of its arguments, so that any process (or Dask worker) may run it; `sketches`
    are the articles' copy sketches, when already made."""
    stages = stages or Stages()
    with uncollected():
        copy_of = originals(articles, sketches)
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


@contextmanager
def uncollected() -> Iterator[None]:
    """The cyclic garbage collector paused: a story makes a million small records (features,
    judgements), nearly all freed by their counts alone, and the collector's passes over them
    took a seventh of the time. A story leaves no cycles (tests/test_stories.py): a process
    that freezes what it holds after each story (kept()) would keep them for good. The CLI
    writes its reports so too: a report's JSON shape is millions of dictionaries, made and gone
    one finding at a time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextmanager
def kept() -> Iterator[Callable[[], None]]:
    """A function that puts what this process holds so far out of the cyclic collector's
    sight (gc.freeze), and back when the outermost block ends. Stories' results pile up,
    millions of records that live to the end, and each pass of the collector over the oldest
    objects walked them all again: a seventh of a worker's time. A worker forked inside a
    block inherits it and keeps freezing (its parent's objects stay frozen, its own results
    are freed by their counts). Nothing is frozen off the main thread (a Dask worker runs
    tasks on threads) or in a process that had frozen objects itself."""
    global _KEEPING
    if _KEEPING:  # an outer block, or the parent that forked this worker, unfreezes
        yield gc.freeze
        return
    if threading.current_thread() is not threading.main_thread() or gc.get_freeze_count():
        yield _nothing  # get_freeze_count() walks the frozen objects: asked once a run
        return
    _KEEPING = True
    try:
        yield gc.freeze
    finally:
        _KEEPING = False
        gc.unfreeze()


_KEEPING = False  # a kept() block is open in this process


def _nothing() -> None:
    pass


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
            return findings_of(claims, _OneAtATime(claims), Alignment([], alone, []), settings), []
    # Progress counts real work: claims searched for candidates, then candidate pairs judged.
    with stages.stage("align", max(len(claims), 1)) as step:
        feats = _features(claims)
        index = Index.build(
            feats, [c.article_id for c in claims], max_postings=settings.max_postings
        )
        candidates = sorted(set(index.pairs(settings.candidates, step)) | stance_pairs(claims))
    with stages.stage("judge", max(len(candidates), 1)) as step:
        return _judge(claims, feats, index, settings, candidates, step)


def _features(claims: Sequence[Claim]) -> list[Features]:
    """The features of every claim, made once for each text and its actors: copies and
    near-copies repeat sentences, which then share one record."""
    made: dict[tuple[str, tuple[str, ...]], Features] = {}
    for c in claims:
        if (c.text, c.actors) not in made:
            made[c.text, c.actors] = features(c.text, c.actors)
    return [made[c.text, c.actors] for c in claims]


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
    scores = Scores(feats)
    edges = judged_pairs(
        claims, feats, telling, index.rare(), settings, candidates, step, scores=scores
    )
    conflicts = [(facts[i], facts[j]) for i, j, c in pairs if c]
    edges = with_fact_conflicts(edges, conflicts, claims, feats, scores=scores)
    alignment = grouped(claims, feats, edges, telling, settings, similarity=scores)
    return findings_of(claims, feats, alignment, settings), sheet(facts, pairs, claims)
