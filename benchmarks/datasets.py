"""Readers for the labeled public datasets in ../shared/datasets, as (id, a, b, label, part) rows.

Every dataset is cut into two halves by a stable hash of its grouping key: `fit` (what
benchmarks/fit.py tunes on) and `held` (what benchmarks/accuracy.py reports on).
"""

from __future__ import annotations

import csv
import itertools
import json
import random
import re
import sys
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATASETS = ROOT.parent / "shared" / "datasets"
DIGIT = re.compile(r"\d")


@dataclass(frozen=True, slots=True)
class Row:
    id: str
    a: str
    b: str
    label: str  # equivalent / not (MRPC), contradiction / other (SICK, VitaminC, ECB+)
    part: str  # fit or held
    tag: str = ""  # a subset marker, such as "digit" for VitaminC claims with a digit


def part_of(key: str) -> str:
    return "fit" if zlib.crc32(key.encode()) % 2 == 0 else "held"


def require(name: str) -> Path:
    path = DATASETS / name
    if not path.exists():
        sys.exit(f"skipped: {path} not found (benchmarks read ../shared/datasets beside the repo)")
    return path


def mrpc() -> Iterator[Row]:
    with require("mrpc/train.tsv").open(encoding="utf-8-sig") as stream:
        for record in csv.DictReader(stream, delimiter="\t", quoting=csv.QUOTE_NONE):
            key = f"{record['#1 ID']}-{record['#2 ID']}"
            label = "equivalent" if record["Quality"] == "1" else "other"
            yield Row(key, record["#1 String"], record["#2 String"], label, part_of(key))


def sick() -> Iterator[Row]:
    with require("sick/train.tsv").open(encoding="utf-8") as stream:
        names = ["pair_ID", "sentence_A", "sentence_B", "relatedness_score", "entailment_judgment"]
        for record in csv.DictReader(stream, names, delimiter="\t", quoting=csv.QUOTE_NONE):
            if record["pair_ID"] == "pair_ID":
                continue
            label = "contradiction" if record["entailment_judgment"] == "CONTRADICTION" else "other"
            key = record["pair_ID"]
            yield Row(key, record["sentence_A"], record["sentence_B"], label, part_of(key))


def vitaminc() -> Iterator[Row]:
    """REFUTES and SUPPORTS rows (claim against evidence); NOT ENOUGH INFO is left out."""
    with require("vitaminc_real/dev.jsonl").open(encoding="utf-8") as stream:
        for line in stream:
            record = json.loads(line)
            if record["label"] not in ("REFUTES", "SUPPORTS"):
                continue
            label = "contradiction" if record["label"] == "REFUTES" else "other"
            tag = "digit" if DIGIT.search(record["claim"]) else ""
            yield Row(
                record["unique_id"],
                record["evidence"],
                record["claim"],
                label,
                part_of(record["case_id"]),
                tag,
            )


def ecbplus(limit: int = 20000, seed: int = 7) -> Iterator[Row]:
    """Sentence pairs from two documents of one topic about different events (label: other).

    Documents of a topic are paired across clusters; from each document pair, sentence pairs
    that share at least two content words are kept (the pairs a matcher would consider), and a
    seeded sample of `limit` of them is returned.
    """
    docs: dict[int, list[dict[str, object]]] = {}
    with require("ecbplus/docs.jsonl").open(encoding="utf-8") as stream:
        for line in stream:
            record = json.loads(line)
            docs.setdefault(record["topic"], []).append(record)
    rows = []
    for topic, items in sorted(docs.items()):
        for x, y in itertools.combinations(items, 2):
            if x["cluster_id"] == y["cluster_id"]:
                continue
            for i, a in enumerate(_sentences(x)):
                for j, b in enumerate(_sentences(y)):
                    if len(_words(a) & _words(b)) >= 2:
                        key = f"{x['doc_name']}:{i}|{y['doc_name']}:{j}"
                        rows.append(Row(key, a, b, "other", part_of(str(topic))))
    random.Random(seed).shuffle(rows)
    yield from sorted(rows[:limit], key=lambda r: r.id)


def _sentences(doc: dict[str, object]) -> list[str]:
    sentences = doc["sentences"]
    assert isinstance(sentences, list)
    return [s for s in sentences[1:] if isinstance(s, str) and len(s.split()) >= 4]


STOP = frozenset(
    "the a an of to in on at for and or but is was were are be by with from as that it".split()
)


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]+", text.lower()) if w not in STOP and len(w) > 2}
