"""The claim ledger at scale: index N articles (rate, database size), then check new ones.

Run from the repository root:

    python3 benchmarks/ledger.py                       # SQLite: 1,000 then 10,000 articles
    python3 benchmarks/ledger.py --db postgresql://claimcheck@127.0.0.1:55432/bench
    python3 benchmarks/ledger.py --sizes 100,1000 --checks 3

The corpus is corpus.multinews: the 690 real Multi-News documents, then perturbed copies of
them. The ledger is filled in steps (the first size, then up to the next), each step one
`claimcheck.ledger.index` call timed with `time.perf_counter` (extraction included: that is what
`claimcheck index` does). After each step the same --checks articles, numbered past the largest
size so that none is stored, are checked one at a time with `claimcheck.ledger.check` in this
process; the figures are the median and the slowest of those calls. One check first, untimed,
loads the lexicons and models. Database size: the SQLite file with its WAL, or the ledger's
tables on PostgreSQL (`claimcheck ledger stats`). Target from the issue: a check in <= 1 s at
10,000 articles, growing far slower than the ledger.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import corpus
from claimcheck import Settings
from claimcheck.ledger import Ledger, check, index


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="ledger to fill (default: a new SQLite file in a temp dir)")
    parser.add_argument("--sizes", default="1000,10000", help="ledger sizes, ascending")
    parser.add_argument("--checks", type=int, default=5, help="new articles checked per size")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory() as folder:
        target = args.db or str(Path(folder) / "ledger.db")
        run(target, sizes, args.checks)


def run(target: str, sizes: list[int], checks: int) -> None:
    articles = corpus.multinews(sizes[-1] + checks)
    new = articles[sizes[-1] :]
    settings = Settings()
    rows = []
    with Ledger(target, create=True) as ledger:
        check(new[:1], ledger, settings)  # warm-up: lexicons, models, regexes
        stored = 0
        for size in sizes:
            start = time.perf_counter()
            done = index(articles[stored:size], ledger, settings)
            seconds = time.perf_counter() - start
            rate = (size - stored) / seconds
            stored = size
            stats = ledger.stats()
            times, compared, contradictions = [], [], 0
            for article in new:
                start = time.perf_counter()
                report = check([article], ledger, settings)
                times.append(time.perf_counter() - start)
                compared.append(len(report.articles) - 1)
                contradictions += sum(1 for f in report.findings if f.kind.value == "contradiction")
            rows.append(
                [
                    f"{size:,}",
                    f"{stats['claims']:,}",
                    f"{rate:,.0f}/s",
                    f"{stats['bytes'] / 2**20:,.0f} MiB",
                    f"{statistics.median(times):.2f} s",
                    f"{max(times):.2f} s",
                    f"{statistics.mean(compared):.0f}",
                    str(contradictions),
                ]
            )
            print(f"{size}: {done.claims} claims added in {seconds:.1f} s", flush=True)
    print(f"\nledger: {ledger.engine.dialect.name}; {checks} new articles checked per size\n")
    header = ["articles", "claims", "index rate", "size", "check median", "check max",
              "stored compared", "contradictions"]  # fmt: skip
    print(corpus.markdown_table(header, rows))


if __name__ == "__main__":
    main()
