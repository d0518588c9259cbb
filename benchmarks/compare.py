"""Wall time, peak memory and growth of `claimcheck.compare` as the corpus grows.

Run from the repository root:

    python3 benchmarks/compare.py                  # 10, 100 and 1,000 Multi-News articles
    python3 benchmarks/compare.py --full           # also 10,000 and 100,000 (slow)
    python3 benchmarks/compare.py --corpus multinews --sizes 10000   # copies pile into stories
    python3 benchmarks/compare.py --sizes 50,500 --corpus demo --trace-max 0

Each size runs in a fresh interpreter (this script with --child N), so that `ru_maxrss` is the peak
of that size alone. The child builds N in-memory articles (corpus.py; "load" below), warms
claimcheck up on one demo article, then times one `claimcheck.compare(articles)` call with
`time.perf_counter`, split into extraction and align+judge from `Report.timings`. "load" is the time
to build the in-memory articles with `claimcheck.load.from_text`. A second, untimed run under
`tracemalloc` gives the peak allocated by compare (sizes up to --trace-max only: tracemalloc is
slow). The growth exponent is the least-squares slope of log(time) against log(n). Runner cli2 runs
the command a user would (`claimcheck compare corpus.jsonl --format json -o report.json --jobs 2
--max-file-size ...`, the articles written to JSON Lines first) and times it whole, start-up
included. The default corpus is corpus.py's "monthly": past the 690 real articles, each pass of
perturbed copies is dated a month later, so the stories grow in number with the corpus; "multinews"
leaves the copies undated, and they pile into the 250 stories, whose candidate pairs then grow with
the square of the corpus. Targets (issue 17): 1,000 articles in 8 s or less, 10,000 in 60 s or less
with --jobs 2 quicker than --jobs 1 by 1.7 times, 100,000 in 12 minutes or less, growth exponent 1.1
or less.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import claimcheck
import corpus
from claimcheck.match import Index
from claimcheck.normalise import features
from claimcheck.parallel import default_jobs

TARGET_SECONDS = 8.0  # for 1,000 articles (issue 17)
RSS_UNIT = 1 if sys.platform == "darwin" else 1024  # ru_maxrss is in bytes there, KiB on Linux


def child(n: int, kind: str, seed: int, trace: bool, runner: str) -> dict[str, Any]:
    """Measure one size in this process with one runner (jobs1, jobs2, dask, or jsonl2: what
    `--format jsonl` does on two processes) and return the figures."""
    start = time.perf_counter()
    articles = corpus.build(kind, n, seed=seed)
    load = time.perf_counter() - start
    claimcheck.compare(corpus.demo(1, seed=-1))  # lexicons, models and regexes load lazily
    if runner.startswith("jsonl"):
        return {"n": n, "load": load, "runner": runner, **streamed(articles, runner)}
    if runner.startswith("cli"):
        jobs = int(runner.removeprefix("cli"))
        return {"n": n, "load": load, "runner": runner, **command_line(articles, jobs)}
    cluster = None
    options: dict[str, Any] = {"jobs": 1}
    if runner == "dask":  # two single-threaded worker processes on this machine
        from distributed import LocalCluster

        cluster = LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None)
        options = {"scheduler": cluster.scheduler_address}
    elif runner.startswith("jobs"):
        options = {"jobs": int(runner.removeprefix("jobs"))}
    start = time.perf_counter()
    report = claimcheck.compare(articles, **options)
    total = time.perf_counter() - start
    if cluster is not None:
        cluster.close()
    trace = trace and runner == "jobs1"
    figures = {**stage_seconds(report.timings), **peaks()}
    count = candidate_pairs(report)
    peak = None
    if trace:
        del report  # free the timed run's report before measuring again
        tracemalloc.start()
        report = claimcheck.compare(articles)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return {
        "n": n,
        "claims": len(report.claims),
        "pairs": count,
        "findings": len(report.findings),
        "contradictions": sum(1 for f in report.findings if f.kind.value == "contradiction"),
        "load": load,
        "total": total,
        "stories": len(report.stories),
        "runner": runner,
        "peak": peak,
        **figures,
    }


def streamed(articles: list[claimcheck.Article], runner: str) -> dict[str, Any]:
    """Time what `claimcheck compare --format jsonl` does with `articles` (the CLI's own
    Streamed): each story's line made where the story was compared (Plan.finished), spooled,
    then written in story order (to the null device)."""
    from claimcheck.cli.compare import Streamed
    from claimcheck.compare import prepare
    from claimcheck.output import in_order

    jobs = int(runner.removeprefix("jsonl"))
    start = time.perf_counter()
    plan = prepare(articles, jobs=jobs)
    stream = Streamed(plan, None, "never")
    with open(os.devnull, "w", encoding="utf-8") as sink:
        digests = plan.finished(stream.digester("jsonl"), jobs=jobs)
        sink.writelines(in_order(stream.lines(digests)))
    total = time.perf_counter() - start
    counts = stream.counts
    return {
        "claims": counts["claims"],
        "pairs": None,  # the claims are gone: not counted again
        "findings": counts["agreements"] + counts["contradictions"] + counts["single_source"],
        "contradictions": counts["contradictions"],
        "total": total,
        "stories": len(plan.stories),
        "peak": None,
        **stage_seconds(plan.timings(stream.timings)),
        **peaks(),
    }


# Runs the command given and prints its exit code and the peak of its largest process: a process
# this small, because a child's peak starts at that of the process that spawned it.
LAUNCH = (
    "import json, resource, subprocess, sys; code = subprocess.run(sys.argv[1:]).returncode; "
    "print(json.dumps([code, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss]))"
)


def command_line(articles: list[claimcheck.Article], jobs: int) -> dict[str, Any]:
    """Time what a user runs: `claimcheck compare corpus.jsonl --format json -o report.json
    --jobs N --max-file-size ...` in a fresh process (started from LAUNCH, in a folder of its
    own, so that no configuration file applies), the articles written to JSON Lines first
    (untimed). The time is the command's whole run: the interpreter starting, the lexicons and
    models loading, reading, grouping, comparing and writing the report. Its peak memory is
    that of its largest process, the command or one of its workers."""
    with tempfile.TemporaryDirectory() as folder:
        source, out = Path(folder, "corpus.jsonl"), Path(folder, "report.json")
        with source.open("w", encoding="utf-8") as lines:
            for a in articles:
                lines.write(json.dumps({"id": a.id, "text": a.text, "date": a.date}) + "\n")
        size = str(source.stat().st_size + 1)
        command = [sys.executable, "-m", "claimcheck", "compare", str(source), "--format", "json"]
        command += ["-o", str(out), "--jobs", str(jobs), "-q", "--max-file-size", size]
        start = time.perf_counter()
        run = subprocess.run(
            [sys.executable, "-c", LAUNCH, *command], capture_output=True, text=True, cwd=folder
        )
        total = time.perf_counter() - start
        code, peak = json.loads(run.stdout.splitlines()[-1])
        if code != 0:
            raise RuntimeError(f"claimcheck compare failed ({code}): {run.stderr}")
        with out.open(encoding="utf-8") as written:
            report = json.load(written)
    summary = report["summary"]
    return {
        "claims": summary["claims"],
        "pairs": None,
        "findings": summary["agreements"] + summary["contradictions"] + summary["single_source"],
        "contradictions": summary["contradictions"],
        "total": total,
        "stories": len(report["stories"]),
        "peak": None,
        "extract": None,  # the command's stages are its own: not reported here
        "judge": None,
        "rss": peak * RSS_UNIT,
        "worker_rss": None,
    }


def stage_seconds(timings: Sequence[tuple[str, float]]) -> dict[str, float]:
    """Extraction, and alignment with judging, from a report's (stage, seconds) pairs."""
    stages = dict(timings)
    extract = stages.get("extract", 0.0)
    return {
        "extract": extract,
        "judge": sum(v for k, v in stages.items() if k not in ("load", "extract")),
    }


def peaks() -> dict[str, int]:
    """The peak resident memory of this process and of its largest child so far, in bytes."""
    return {
        "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * RSS_UNIT,
        "worker_rss": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * RSS_UNIT,
    }


def candidate_pairs(report: claimcheck.Report) -> int:
    """The candidate pairs compare considered within each story, counted again outside the
    timed run (the compiled build's classes cannot be wrapped)."""
    story_of = {k: s.id for s in report.stories for k in s.articles}
    claims: dict[str, list[claimcheck.Claim]] = {}
    for claim in report.claims:
        claims.setdefault(story_of.get(claim.article_id, ""), []).append(claim)
    count = 0
    for found in claims.values():
        index = Index.build(
            [features(c.text, c.actors) for c in found], [c.article_id for c in found]
        )
        count += len(index.pairs(report.settings.candidates))
    return count


def slope(xs: Sequence[float], ys: Sequence[float]) -> float:
    """Least-squares slope of log(y) against log(x)."""
    lx, ly = [math.log(x) for x in xs], [math.log(y) for y in ys]
    mx, my = sum(lx) / len(lx), sum(ly) / len(ly)
    den = sum((x - mx) ** 2 for x in lx)
    return sum((x - mx) * (y - my) for x, y in zip(lx, ly, strict=True)) / den if den else math.nan


def seconds(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f} s"


def mib(value: float | None) -> str:
    return "—" if value is None else f"{value / 2**20:,.0f} MiB"


COLUMNS: tuple[tuple[str, Callable[[dict[str, Any]], str]], ...] = (
    ("runner", lambda r: r["runner"]),
    ("articles", lambda r: f"{r['n']:,}"),
    ("stories", lambda r: f"{r['stories']:,}"),
    ("claims", lambda r: f"{r['claims']:,}"),
    ("candidate pairs", lambda r: "—" if r["pairs"] is None else f"{r['pairs']:,}"),
    ("findings (contradictions)", lambda r: f"{r['findings']:,} ({r['contradictions']:,})"),
    ("load", lambda r: seconds(r["load"])),
    ("extract", lambda r: seconds(r["extract"])),
    ("align+judge", lambda r: seconds(r["judge"])),
    ("compare total", lambda r: seconds(r["total"])),
    ("articles/s", lambda r: f"{r['n'] / r['total']:,.0f}"),
    ("tracemalloc peak", lambda r: mib(r["peak"])),
    ("max RSS", lambda r: mib(r["rss"])),
    ("largest worker RSS", lambda r: mib(r["worker_rss"]) if r["worker_rss"] else "—"),
)


def table(results: list[dict[str, Any]]) -> str:
    rows = [[cell(r) for _, cell in COLUMNS] for r in results]
    return corpus.markdown_table([name for name, _ in COLUMNS], rows)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="10,100,1000", help="comma-separated article counts")
    parser.add_argument(
        "--full", action="store_true", help="add 10,000 and 100,000 articles to --sizes"
    )
    parser.add_argument("--corpus", choices=corpus.CORPORA, default="monthly")
    parser.add_argument("--seed", type=int, default=0, help="seed of the perturbed copies")
    parser.add_argument("--trace-max", type=int, default=1000, help="largest size for tracemalloc")
    parser.add_argument(
        "--runners",
        default="jobs1,jobs2",
        help="comma-separated: jobs1, jobs2 (a pool of 2 processes), dask (a local cluster of "
        "two worker processes; needs the dask extra), jsonl2 (--format jsonl's way on a pool "
        "of 2: a line per story as it finishes), cli2 (the claimcheck command itself on a JSON "
        "Lines file, --jobs 2, writing the JSON report)",
    )
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--runner", default="jobs1", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child is not None:
        try:
            result = child(
                args.child, args.corpus, args.seed, args.child <= args.trace_max, args.runner
            )
        except corpus.DatasetMissing as error:
            print(f"skipped: {error}", file=sys.stderr)
            return 0
        print(json.dumps(result))
        return 0
    asked = {int(s) for s in args.sizes.split(",") if s.strip()}
    sizes = sorted(asked | ({10000, 100000} if args.full else set()))
    shared = ["--corpus", args.corpus, "--seed", str(args.seed), "--trace-max", str(args.trace_max)]
    results = []
    runs = [(n, r) for r in args.runners.split(",") if r.strip() for n in sizes]
    for n, runner in runs:
        command = [sys.executable, __file__, "--child", str(n), "--runner", runner, *shared]
        run = subprocess.run(command, capture_output=True, text=True)
        if run.returncode != 0:
            print(run.stderr, file=sys.stderr, end="")
            return run.returncode
        if not run.stdout.strip():  # the child skipped: the corpus is not available
            print(run.stderr, file=sys.stderr, end="")
            return 0
        results.append(json.loads(run.stdout))
        print(f"{runner} {n:,} articles: {results[-1]['total']:.2f} s", file=sys.stderr)
    print(
        f"claimcheck {claimcheck.__version__} ({claimcheck.build()}) compare, {args.corpus} "
        f"corpus, Python {sys.version.split()[0]}, load average {os.getloadavg()[0]:.2f}\n"
    )
    print(table(results))
    speedups(results)
    # Growth is read off one runner, and the target off what `claimcheck compare` runs by
    # default: a process per core (jobs2 on two cores), or the first runner given.
    usual = f"jobs{default_jobs()}"
    runner = usual if any(r["runner"] == usual for r in results) else runs[0][1]
    results = [r for r in results if r["runner"] == runner]
    if len(results) >= 2:
        ns = [r["n"] for r in results]
        kinds = (("compare", "total"), ("extract", "extract"), ("align+judge", "judge"))
        growth = [
            f"{name} {slope(ns, [r[key] for r in results]):.2f}"
            for name, key in kinds
            if all(r[key] is not None for r in results)  # cli2 times the command as a whole
        ]
        print(f"\ngrowth exponent (slope of log time vs log n): {', '.join(growth)}")
        if len(results) >= 3:
            last = results[-2:]
            local = slope([r["n"] for r in last], [r["total"] for r in last])
            print(f"between the two largest sizes: compare {local:.2f}")
    thousand = next((r for r in results if r["n"] == 1000), None)
    if thousand:
        verdict = "met" if thousand["total"] <= TARGET_SECONDS else "MISSED"
        print(
            f"target: 1,000 articles in {TARGET_SECONDS:.0f} s or less: {verdict} "
            f"({thousand['total']:.1f} s, {runner})"
        )
    return 0


def speedups(results: list[dict[str, Any]]) -> None:
    """How much quicker each runner is than jobs1, size by size."""
    base = {r["n"]: r["total"] for r in results if r["runner"] == "jobs1"}
    for r in results:
        if r["runner"] != "jobs1" and r["n"] in base:
            print(f"{r['runner']} on {r['n']:,}: {base[r['n']] / r['total']:.2f}x jobs1")


if __name__ == "__main__":
    sys.exit(main())
