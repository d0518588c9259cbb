"""Benchmark corpora: N in-memory articles, built deterministically, each with a unique id.

Three sources:

* ``multinews``: real articles from ``../shared/datasets/multinews/validation.jsonl`` (250 clusters,
  690 documents), taken cluster by cluster. The first pass is verbatim; when N exceeds the number
  of documents, each later pass uses perturbed copies so that no two articles are identical. The
  copies join their original's story, so past 690 articles the stories grow, not their number:
  the worst case, a day on which every outlet reprints every story many times over.
* ``monthly``: the same articles and copies, each pass dated a month after the one before
  (MONTH days; the first pass on START), so that every pass is news of another month: the 250
  stories recur, and the number of stories grows with N, as in a month or a year of coverage.
* ``demo``: perturbed copies of the five demo articles in ``data/putin-nato-2001/``.

A perturbed copy swaps frequent proper nouns for other surnames, shifts years, rescales other
numbers, swaps "A and B" coordinations and shuffles some sentences within their paragraph, all
driven by a seeded ``random.Random``. This module is imported by ``extract.py`` and ``compare.py``;
it is not meant to be run on its own.
"""

from __future__ import annotations

import datetime
import json
import random
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from claimcheck import Article
from claimcheck.load import from_text

REPO = Path(__file__).resolve().parents[1]
DATASETS = REPO.parent / "shared" / "datasets"
MULTINEWS = DATASETS / "multinews" / "validation.jsonl"
DEMO = REPO / "data" / "putin-nato-2001"
CORPORA = ("multinews", "monthly", "demo", "mixed")
START = datetime.date(2018, 1, 1)  # the date of the first pass of the monthly corpus
MONTH = 30  # days between two passes of the monthly corpus

# fmt: off
SURNAMES = (
    "Alvarez", "Brennan", "Castillo", "Dubois", "Eriksen", "Fischer", "Garcia", "Haddad",
    "Ivanova", "Jensen", "Kowalski", "Lindqvist", "Moreau", "Nakamura", "Okafor", "Petrov",
    "Quinn", "Rossi", "Schmidt", "Tanaka", "Ulrich", "Varga", "Weber", "Yilmaz", "Zhang",
)
# fmt: on
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
# A capitalised word after a lower-case word: a name rather than the start of a sentence (days
# and months excluded).
PROPER = re.compile(rf"(?<=[a-z,;] )(?!(?:\w+day|{MONTHS})\b)[A-Z][a-z]{{3,}}\b")
NUMBER = re.compile(r"(?<![\d.,])\d+(?![\d.,]\d)")
PAIR = re.compile(r"\b([A-Z][\w-]+) and ([A-Z][\w-]+)\b")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")


class DatasetMissing(RuntimeError):
    """The shared datasets folder, or a file inside it, is not there."""


def perturb(text: str, rng: random.Random) -> str:
    """A deterministic variant of `text`: other names, numbers, years and sentence order."""
    names = [w for w, _ in Counter(PROPER.findall(text)).most_common(6)]
    swap = dict(zip(names, rng.sample(SURNAMES, len(names)), strict=True))
    if swap:
        pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, swap)) + r")\b")
        text = pattern.sub(lambda m: swap[m.group(0)], text)
    shift = rng.choice((-7, -3, -1, 1, 2, 5))
    text = NUMBER.sub(lambda m: _number(m.group(0), shift, rng), text)
    text = PAIR.sub(lambda m: f"{m[2]} and {m[1]}" if rng.random() < 0.5 else m[0], text)
    return "\n".join(_shuffle(line, rng) for line in text.split("\n"))


def _number(digits: str, shift: int, rng: random.Random) -> str:
    value = int(digits)
    if len(digits) == 4 and 1900 <= value <= 2099:
        return str(value + shift)  # a year: the same shift throughout one copy
    if rng.random() < 0.5:
        return digits
    if value <= 31:  # perhaps a day of the month: keep it a valid one
        return str(rng.randint(1, 28))
    return str(max(1, round(value * rng.choice((0.5, 0.8, 1.25, 2.0)))))


def _shuffle(line: str, rng: random.Random) -> str:
    sentences = SENTENCE_END.split(line)
    if len(sentences) > 2 and rng.random() < 0.3:
        rng.shuffle(sentences)
    return " ".join(sentences)


def multinews_documents() -> Iterator[tuple[str, int, str]]:
    """(cluster id, index in cluster, text) of every Multi-News document, in file order."""
    if not MULTINEWS.is_file():
        raise DatasetMissing(
            f"{MULTINEWS} not found: the Multi-News benchmark needs ../shared/datasets "
            "beside the repository (use --corpus demo to run without it)"
        )
    with MULTINEWS.open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            for k, doc in enumerate(row["documents"]):
                if doc.strip():
                    yield row["cluster_id"], k, doc


def multinews(n: int, *, seed: int = 0, dated: bool = False) -> list[Article]:
    """`n` Multi-News articles: all documents verbatim, then perturbed copies, pass by pass;
    `dated`, each pass a month after the one before."""
    docs = list(multinews_documents())
    articles = []
    for number in range(n):
        rounds, index = divmod(number, len(docs))
        cluster, k, text = docs[index]
        if rounds:
            text = perturb(text, random.Random(f"{seed}:{rounds}:{index}"))
        name = f"mn{number:06d}-{cluster}-{k}"
        day = START + datetime.timedelta(days=MONTH * rounds)
        meta = {"date": day.isoformat()} if dated else None
        articles.append(from_text(text, path=f"multinews/{name}.txt", article_id=name, meta=meta))
    return articles


def demo(n: int, *, seed: int = 0) -> list[Article]:
    """`n` perturbed copies of the demo articles, cycling through the five files."""
    files = sorted(DEMO.glob("*.txt"))
    if not files:
        raise DatasetMissing(f"no demo articles in {DEMO}")
    texts = [(f.stem, f.read_text(encoding="utf-8")) for f in files]
    articles = []
    for number in range(n):
        stem, text = texts[number % len(texts)]
        name = f"demo{number:05d}-{stem}"
        copy = perturb(text, random.Random(f"{seed}:{number}"))
        articles.append(from_text(copy, path=f"demo/{name}.txt", article_id=name))
    return articles


def build(kind: str, n: int, *, seed: int = 0) -> list[Article]:
    """`n` articles of corpus `kind` (multinews, monthly, demo, or mixed: half of multinews and
    half of demo)."""
    if kind in ("multinews", "monthly"):
        return multinews(n, seed=seed, dated=kind == "monthly")
    if kind == "demo":
        return demo(n, seed=seed)
    if kind == "mixed":
        return multinews(n - n // 2, seed=seed) + demo(n // 2, seed=seed)
    raise ValueError(f"unknown corpus {kind!r}; expected one of {', '.join(CORPORA)}")


def markdown_table(header: list[str], rows: list[list[str]]) -> str:
    """A markdown table with padded columns (shared by the benchmark scripts)."""
    table = [header, *rows]
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    lines = [
        "| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |"
        for row in table
    ]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)
