"""Extraction throughput and peak memory of `claimcheck.extract` on one core.

Run from the repository root:

    python3 benchmarks/extract.py                      # 1,000 Multi-News articles
    python3 benchmarks/extract.py --articles 5000 --corpus demo
    python3 benchmarks/extract.py --compare-libraries  # also time pysbd and dateparser
    python3 benchmarks/extract.py --hostile            # pathological texts at growing sizes

It builds N in-memory articles (see corpus.py), calls `claimcheck.extract` once as a warm-up
(lexicons and regular expressions load lazily), then times `extract(article)` over all of them with
`time.perf_counter` and reports articles, sentences and claims per second. A second, separate pass
runs under `tracemalloc` (which slows Python down, so it is never timed) for the peak memory that
extraction allocates while holding every claim; `ru_maxrss` is the process high-water mark.
The target from the issue is at least 200 articles per second on one core.

`--hostile` times `from_text` plus `extract` on texts built to be slow (a run of dots, "A A A
...", one long line of mixed prose with no sentence end) at 10x steps of size: the time per
megabyte should stay flat (linear time), where it grew with the size before issue 19.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Sequence

import claimcheck
import corpus
from claimcheck import Article
from claimcheck.extract import segment

TARGET = 200.0  # articles per second
DATELINES = ("December 25, 2025, Thursday", "June 16, 2001", "Mar 3 2019, 10:45 am")
UNPARSEABLE = ("December 50, 2022, Thursday", "Dec 33, 2020")


def mib(n: float) -> str:
    return f"{n / 2**20:,.1f} MiB"


def max_rss() -> float:
    """The process's peak resident set in bytes (Linux reports KiB, macOS bytes)."""
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return float(rss if sys.platform == "darwin" else rss * 1024)


def timed_extract(articles: Sequence[Article]) -> tuple[float, int]:
    """Seconds to extract every article, and the number of claims."""
    start = time.perf_counter()
    claims = [claimcheck.extract(a) for a in articles]
    return time.perf_counter() - start, sum(len(c) for c in claims)


def traced_peak(articles: Sequence[Article]) -> int:
    """Peak bytes allocated while extracting every article and keeping the claims."""
    tracemalloc.start()
    claims = [claimcheck.extract(a) for a in articles]
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    del claims
    return peak


def fresh_seconds(setup: str, code: str) -> float:
    """Seconds `code` takes after `setup` in a fresh interpreter (start-up not counted)."""
    timed = f"{setup}; import time; t = time.perf_counter(); {code}; print(time.perf_counter() - t)"
    run = subprocess.run([sys.executable, "-c", timed], capture_output=True, text=True, check=True)
    return float(run.stdout)


HOSTILE = {
    "run of dots": ".",
    '"A " repeated': "A ",
    "one line, no sentence end": "the 3 ministers said, and Bush’s “aide” (NATO) rose 5% on "
    "6 April 2008 while ",
}


def hostile(sizes: Sequence[int]) -> None:
    """Seconds to load and extract each pathological text at each size, and seconds per MB."""
    from claimcheck.load import from_text

    rows = []
    for name, unit in HOSTILE.items():
        for size in sizes:
            text = (unit * (size // len(unit) + 1))[:size]
            start = time.perf_counter()
            claims = claimcheck.extract(from_text(text, path="hostile.txt"))
            seconds = time.perf_counter() - start
            per_mb = seconds / (size / 1e6)
            rows.append(
                [name, f"{size:,}", f"{seconds:.3f} s", f"{per_mb:.2f} s", f"{len(claims):,}"]
            )
    print(corpus.markdown_table(["text", "characters", "time", "per M chars", "claims"], rows))


def rate(count: int, seconds: float, unit: str) -> str:
    return f"{count / seconds:,.1f} {unit}/s"


def compare_libraries(articles: Sequence[Article]) -> None:
    """Time pysbd sentence splitting and dateparser against what claimcheck does itself."""
    import dateparser
    import pysbd  # type: ignore[import-untyped]

    sample = articles[: min(len(articles), 200)]
    bodies = ["\n".join(a.text[s:e] for s, e in a.body) for a in sample]
    rows: list[list[str]] = []
    for module in ("claimcheck", "pysbd", "dateparser"):
        seconds = fresh_seconds("pass", f"import {module}")
        rows.append([f"import {module} (fresh interpreter)", f"{seconds:.3f} s", ""])
    parse = f"dateparser.parse({DATELINES[0]!r})"
    seconds = fresh_seconds("import dateparser", parse)
    rows.append(["first dateparser.parse (fresh interpreter)", f"{seconds:.3f} s", ""])
    start = time.perf_counter()
    ours = sum(len(segment.sentences(a.text, a.body)) for a in sample)
    seconds = time.perf_counter() - start
    rows.append(
        ["claimcheck segment.sentences", f"{seconds:.3f} s", rate(len(sample), seconds, "art")]
    )
    splitter = pysbd.Segmenter(language="en", clean=False)
    start = time.perf_counter()
    theirs = sum(len(splitter.segment(body)) for body in bodies)
    seconds = time.perf_counter() - start
    rows.append(["pysbd Segmenter.segment", f"{seconds:.3f} s", rate(len(sample), seconds, "art")])
    settings = {"PREFER_DAY_OF_MONTH": "first", "STRICT_PARSING": False}
    for label, texts, languages in (
        ("dateparser.parse, valid dateline", DATELINES * 20, None),
        ("dateparser.parse, languages=['en']", DATELINES * 20, ["en"]),
        ("dateparser.parse, first unparseable", UNPARSEABLE[:1], None),
        ("dateparser.parse, unparseable, later", UNPARSEABLE * 3, None),
        ("dateparser.parse, unparseable, ['en']", UNPARSEABLE * 3, ["en"]),
    ):
        start = time.perf_counter()
        for text in texts:
            dateparser.parse(text, settings=settings, languages=languages)
        seconds = time.perf_counter() - start
        rows.append([label, f"{seconds / len(texts) * 1000:.2f} ms/call", ""])
    print(
        f"\nLibraries on the first {len(sample)} articles ({ours:,} sentences from claimcheck, "
        f"{theirs:,} from pysbd):\n"
    )
    print(corpus.markdown_table(["what", "time", "throughput"], rows))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=1000, help="articles (default 1000)")
    parser.add_argument("--corpus", choices=corpus.CORPORA, default="multinews")
    parser.add_argument("--seed", type=int, default=0, help="seed of the perturbed copies")
    parser.add_argument("--compare-libraries", action="store_true", help="time pysbd, dateparser")
    parser.add_argument("--hostile", action="store_true", help="time pathological texts only")
    args = parser.parse_args(argv)
    if args.hostile:
        hostile([30_000, 300_000, 3_000_000])
        return 0
    start = time.perf_counter()
    try:
        articles = corpus.build(args.corpus, args.articles, seed=args.seed)
    except corpus.DatasetMissing as error:
        print(f"skipped: {error}", file=sys.stderr)
        return 0
    load = time.perf_counter() - start
    start = time.perf_counter()
    claimcheck.extract(corpus.demo(1, seed=-1)[0])
    warm = time.perf_counter() - start
    seconds, claims = timed_extract(articles)
    sentences = sum(len(segment.sentences(a.text, a.body)) for a in articles)
    rss = max_rss()  # before tracemalloc, whose own bookkeeping would inflate it
    peak = traced_peak(articles)
    n, chars = len(articles), sum(len(a.text) for a in articles)
    print(
        f"claimcheck {claimcheck.__version__} extract: {n:,} {args.corpus} articles, "
        f"{chars / 1e6:.1f} M characters, {sentences:,} sentences, {claims:,} claims, "
        f"Python {sys.version.split()[0]}, one core\n"
    )
    rows = [
        ["build corpus (from_text)", f"{load:.2f} s", rate(n, load, "articles"), "", ""],
        ["first extract call (warm-up)", f"{warm:.3f} s", "", "", ""],
        [
            "extract",
            f"{seconds:.2f} s",
            rate(n, seconds, "articles"),
            rate(sentences, seconds, "sentences"),
            rate(claims, seconds, "claims"),
        ],
    ]
    print(corpus.markdown_table(["stage", "time", "articles", "sentences", "claims"], rows))
    print(
        f"\npeak memory: tracemalloc {mib(peak)} (extraction holding all claims), "
        f"ru_maxrss {mib(rss)} (whole process)"
    )
    verdict = "met" if n / seconds >= TARGET else "MISSED"
    print(f"target >= {TARGET:.0f} articles/s on one core: {verdict} ({n / seconds:,.1f})")
    if args.compare_libraries:
        compare_libraries(articles)
    return 0


if __name__ == "__main__":
    sys.exit(main())
