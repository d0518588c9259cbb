"""Where stories are compared: on a pool of local processes, or on a Dask distributed cluster.

Each task is a batch of stories and runs `compare.compare_story` on each, then, when the caller
asks (compare.Plan.finished), turns each story's report into what the caller needs (its text in
the format being written); results come back as they finish, numbered by story, so the caller
puts them back in order and the report is the same byte for byte whichever ran them. A story
whose comparison raises is reported by its number with the reason, and the other stories go on.
"""

from __future__ import annotations

import copyreg
import dataclasses
import heapq
import multiprocessing
import operator
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from typing import Any, TypeVar

from claimcheck import model
from claimcheck.compare import Finishing, StoryResult, Work, compare_story, kept
from claimcheck.copies import Sketch
from claimcheck.errors import ClaimcheckError
from claimcheck.model import Article, Report
from claimcheck.settings import Settings


def _rebuilt(kind: type[Any], values: tuple[Any, ...]) -> Any:
    return kind(*values)


def _reduced(record: Any) -> tuple[Any, ...]:
    """A record as its class and field values, so that pickle rebuilds it through its
    constructor: the compiled build's frozen records cannot be unpickled by setting fields."""
    kind = type(record)
    return _rebuilt, (kind, _VALUES[kind](record))


def _values_of(kind: type[Any]) -> Callable[[Any], tuple[Any, ...]]:
    """A function from a record of `kind` to its field values, in order. Made once per class:
    dataclasses.fields() on every record took two fifths of the time results took to pickle."""
    names = [f.name for f in dataclasses.fields(kind)]
    if len(names) == 1:  # attrgetter of one name gives the value, not a tuple of it
        return lambda record: (getattr(record, names[0]),)
    return operator.attrgetter(*names)


_VALUES: dict[type[Any], Callable[[Any], tuple[Any, ...]]] = {}


# The records that travel to and from workers: articles and settings out, claims and findings
# back: model's records and Settings, which model imports from settings.py. Registered when this
# module is imported, as a worker does to run compare_batch.
for _kind in vars(model).values():
    if (
        isinstance(_kind, type)
        and dataclasses.is_dataclass(_kind)
        and _kind.__module__ in (model.__name__, Settings.__module__)
    ):
        _VALUES[_kind] = _values_of(_kind)
        copyreg.pickle(_kind, _reduced)

TASKS_PER_JOB = 4  # batches per process at least: enough to even out stories of different sizes
# Characters of article text a batch holds, about: there are at least as many batches as
# the corpus holds of these. A batch's results come back at once, so this bounds what is in
# flight, not the corpus.
BATCH_TEXT = 2_000_000

Outcome = StoryResult | str  # a story's result, or why it failed


def default_jobs() -> int:
    """All the cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def compare_batch(
    stories: Sequence[Sequence[Article]],
    settings: Settings,
    sketches: Sequence[Sequence[Sketch] | None] | None = None,
    finishing: Finishing | None = None,
    finish: Callable[[int, Report], Any] | None = None,
) -> list[Any]:
    """Each story compared, or the reason its comparison failed; `sketches`, the copy sketches
    of each story's articles, when already made; with `finishing`, the batch's stories, what
    `finish` makes of each story's report here (compare.Plan.finished)."""
    out: list[Any] = []
    with kept() as keep:
        for k, (articles, sketched) in enumerate(
            zip(stories, sketches or [None] * len(stories), strict=True)
        ):
            outcome: Outcome
            try:
                outcome = compare_story(articles, settings, sketches=sketched)
            except Exception as error:  # one story's failure is reported; it never loses others
                outcome = f"{type(error).__name__}: {error}"
            if finishing is not None and finish is not None:
                out.append(finishing(k, articles, settings, outcome, finish))
            else:
                out.append(outcome)
            keep()
    return out


def batches(stories: Sequence[Sequence[Article]], jobs: int) -> list[list[int]]:
    """Story numbers in batches of about equal work, the most work first: TASKS_PER_JOB
    batches a job, or more, of about BATCH_TEXT characters each. A story's work is the length of its
    articles' texts, which its claims and candidate pairs grow with: three hundred pages of a
    few lines each are less work than sixty articles."""
    work = [sum(len(a.text) for a in story) for story in stories]
    order = sorted(range(len(stories)), key=lambda n: (-work[n], n))
    wanted = max(max(jobs, 1) * TASKS_PER_JOB, -(-sum(work) // BATCH_TEXT))
    count = min(len(stories), wanted)
    load = [(0, b) for b in range(count)]  # a heap of (work, batch): the lightest on top
    out: list[list[int]] = [[] for _ in range(count)]
    for n in order:  # each story to the lightest batch so far
        weight, k = load[0]
        out[k].append(n)
        heapq.heapreplace(load, (weight + work[n], k))
    return [b for b in out if b]


def run(work: Work, *, jobs: int = 1, scheduler: str | None = None) -> Iterator[tuple[int, Any]]:
    """(story number, outcome) pairs as stories finish, an outcome what compare_batch() gives:
    on a Dask cluster at `scheduler`, in this process for one job, or else on a pool of `jobs`
    processes."""
    if scheduler:
        yield from _dask(work, scheduler)
    elif jobs <= 1:
        for n in range(len(work.stories)):
            yield n, compare_batch(*work.batch([n]))[0]
    else:
        yield from _pool(work, jobs)


In = TypeVar("In")
Out = TypeVar("Out")


def mapper(jobs: int) -> Callable[[Callable[[In], Out], Iterable[In]], Iterator[Out]]:
    """A map() over a pool of `jobs` processes, results in order, for work done item by item
    (the prints of articles that stories are grouped by); the builtin map() for one job."""
    if jobs <= 1:
        return map

    def mapped(function: Callable[[In], Out], items: Iterable[In]) -> Iterator[Out]:
        work = list(items)
        chunk = max(1, len(work) // (jobs * TASKS_PER_JOB))
        with ProcessPoolExecutor(max_workers=jobs, mp_context=_context()) as pool:
            return iter(list(pool.map(function, work, chunksize=chunk)))

    return mapped


def _context() -> multiprocessing.context.BaseContext:
    """Forked workers start with this process's lexicons, models and compiled patterns loaded;
    started afresh, each would load them again, which costs more than a small story."""
    fork = "fork" in multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if fork else "spawn")


# The finish of the run whose pool is open (_pool), which forked workers inherit.
_FINISH: list[Callable[[int, Report], Any]] = []


class _Inherited:
    """Stands in a batch for the finish a forked worker inherited (_FINISH): a finish may hold
    a large baseline, which would otherwise be pickled into every batch."""

    def __call__(self, number: int, report: Report) -> Any:
        return _FINISH[-1](number, report)


def _pool(work: Work, jobs: int) -> Iterator[tuple[int, Any]]:
    context = _context()
    if work.finish is None or context.get_start_method() != "fork":
        yield from _pooled(work, jobs, context)
        return
    _FINISH.append(work.finish)  # before the pool forks its workers, at its first task
    try:
        yield from _pooled(dataclasses.replace(work, finish=_Inherited()), jobs, context)
    finally:
        _FINISH.pop()


def _pooled(
    work: Work, jobs: int, context: multiprocessing.context.BaseContext
) -> Iterator[tuple[int, Any]]:
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        futures: dict[Future[list[Any]], list[int]] = {
            pool.submit(compare_batch, *work.batch(batch)): batch
            for batch in batches(work.stories, jobs)
        }
        for future in as_completed(futures):
            numbers = futures.pop(future)  # its results are let go once yielded
            try:
                outcomes = future.result()
            except Exception as error:  # a worker died (killed, out of memory): its stories fail
                outcomes = [f"worker failed: {type(error).__name__}: {error}"] * len(numbers)
            del future  # the batch's results are held by `outcomes` alone, and let go below
            yield from zip(numbers, outcomes, strict=True)
            del outcomes


def _dask(work: Work, address: str) -> Iterator[tuple[int, Any]]:
    try:
        from distributed import Client
        from distributed import as_completed as finished
    except ImportError as error:
        raise ClaimcheckError(
            f"--scheduler {address}: Dask is not installed (pip install 'claimcheck-cli[dask]')"
        ) from error
    try:
        client = Client(address, timeout=10, set_as_default=False)
    except (OSError, TimeoutError) as error:
        raise ClaimcheckError(f"cannot reach the Dask scheduler at {address}: {error}") from error
    with client, client.as_current():
        workers = max(len(client.scheduler_info().get("workers", {})), 1)
        tasks = batches(work.stories, workers)
        if work.finish is not None:  # sent to each worker once, not in every task
            shared = client.scatter(work.finish, broadcast=True, hash=False)
            work = dataclasses.replace(work, finish=shared)
        futures = [
            client.submit(compare_batch, *work.batch(b), pure=False, retries=1) for b in tasks
        ]
        pending = finished(futures)
        numbered = {future.key: batch for future, batch in zip(futures, tasks, strict=True)}
        del futures  # as_completed holds each future until it is yielded, and no longer
        for future in pending:
            numbers = numbered.pop(future.key)
            try:
                outcomes = future.result()
            except Exception as error:  # retried once already: its stories fail, others go on
                outcomes = [f"task failed: {type(error).__name__}: {error}"] * len(numbers)
            del future  # the cluster lets the batch's results go
            yield from zip(numbers, outcomes, strict=True)
            del outcomes
