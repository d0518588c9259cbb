"""The contradictions `claimcheck compare` reports on real news, for reading by hand.

    python benchmarks/findings.py              # the first 200 Multi-News clusters
    python benchmarks/findings.py --clusters 50

Multi-News has no labels: each cluster holds 2 to 9 articles from different outlets on one
event. This compares each cluster on its own, prints every contradiction with the quotes on each
side, and ends with the count, so that a change to a rule can be read for the false alarms it
adds or removes.
"""

from __future__ import annotations

import argparse
import itertools
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from claimcheck import compare
from claimcheck.kinds import Kind
from claimcheck.load import from_text
from corpus import DatasetMissing, multinews_documents


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--clusters", type=int, default=200, help="clusters to compare")
    args = parser.parse_args()
    found = read = 0
    try:
        clusters = itertools.groupby(multinews_documents(), key=lambda doc: doc[0])
        for name, documents in itertools.islice(clusters, args.clusters):
            read += 1
            articles = [
                from_text(text, path=f"{name}/{n}.txt", article_id=f"{name}/{n}")
                for _, n, text in documents
            ]
            for finding in compare(articles).findings:
                if finding.kind is not Kind.CONTRADICTION:
                    continue
                found += 1
                print(f"{name} [{finding.score:.2f}] {finding.explanation}")
                for member in finding.members:
                    quote = " ".join(member.claim.quote.split())
                    print(f"    {member.claim.article_id}: {quote[:200]}")
    except DatasetMissing as error:
        sys.exit(f"skipped: {error}")
    print(f"{found} contradictions in {read} clusters")


if __name__ == "__main__":
    main()
