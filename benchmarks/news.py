"""Real-news accuracy: `claimcheck compare` on BASIL events against hand-written gold.

    python benchmarks/news.py              # every event that has gold in benchmarks/gold/basil/
    python benchmarks/news.py --show       # also every contradiction and missed fact, per event
    python benchmarks/news.py --event e71d # the events whose uuid starts so
    python benchmarks/news.py --gold benchmarks/gold/heldout  # the held-out events

Each BASIL event (../shared/datasets/basil/) is one story told by three outlets. The gold
(benchmarks/gold/README.md) marks, by short verbatim markers, the factual conflicts between the
outlets, central agreements and tempting false alarms. Each event's three articles are written as
plain text files (title, date, paragraphs), compared as a user would, and the findings are scored:

- a conflict is found when one contradiction finding holds claims from the sentences of two of
  its markers (a conflicting row of the fact sheet is also a contradiction finding);
- an agreement is found when one agreement finding holds claims from two of its markers' sentences;
- a false alarm is a contradiction that holds no gold conflict (the gold lists every conflict),
  and a trap is hit when one contradiction finding holds its marked sentences;
- a wrong agreement is an agreement finding that holds both sides of a gold conflict (two
  sources its `same` groups do not put on one side).
"""

from __future__ import annotations

import argparse
import ast
import json
import re
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from claimcheck import compare
from claimcheck.kinds import Kind
from claimcheck.model import Finding, Report

ROOT = Path(__file__).resolve().parents[1]
BASIL = ROOT.parent / "shared" / "datasets" / "basil" / "articles"
GOLD = ROOT / "benchmarks" / "gold" / "basil"


@dataclass(slots=True)
class Event:
    """One BASIL event: its gold and, per source, the text written and its sentences' ranges."""

    uuid: str
    gold: dict[str, list[dict[str, object]]]
    texts: dict[str, str] = field(default_factory=dict)
    sentences: dict[str, list[tuple[int, int]]] = field(default_factory=dict)

    def sentence(self, source: str, marker: str) -> tuple[int, int]:
        """The range of the sentence (or title) of `source` that holds `marker`."""
        pattern = r"\s+".join(map(re.escape, marker.split()))
        found = re.search(pattern, self.texts[source])
        if found is None:
            raise SystemExit(f"{self.uuid}: {source} marker not in the article: {marker!r}")
        for start, end in self.sentences[source]:
            if start <= found.start() < end:
                return start, end
        raise SystemExit(f"{self.uuid}: {source} marker outside every sentence: {marker!r}")


def paragraphs(record: dict[str, object]) -> list[list[str]]:
    body = record["body-paragraphs"]
    parsed = ast.literal_eval(body) if isinstance(body, str) else body
    return [[str(s) for s in p] for p in parsed if p]


def read_event(uuid: str, gold: dict[str, list[dict[str, object]]]) -> Event:
    """The event's articles as a user would save them: title, date, then the paragraphs."""
    event = Event(uuid, gold)
    for path in sorted(BASIL.glob(f"*/{uuid}_*.json")):
        record = json.loads(path.read_text("utf-8"))
        source = str(record["source"]).lower()
        text, ranges = "", []
        for block in [[str(record["title"])], [str(record["date"])], *paragraphs(record)]:
            if text:
                text += "\n\n"
            for n, sentence in enumerate(block):
                text += " " if n else ""
                ranges.append((len(text), len(text) + len(sentence)))
                text += sentence
        event.texts[source] = text + "\n"
        event.sentences[source] = ranges
    return event


def events(gold_dir: Path, prefix: str) -> Iterator[Event]:
    for path in sorted(gold_dir.glob(f"{prefix}*.json")):
        gold = json.loads(path.read_text("utf-8"))
        yield read_event(gold["event"], gold)


def covers(finding: Finding, source: str, where: tuple[int, int]) -> bool:
    """Whether one of the finding's claims comes from the sentence at `where` of `source`."""
    return any(
        m.claim.article_id == source
        and m.claim.span.start < where[1]
        and where[0] < m.claim.span.end
        for m in finding.members
    )


def holds(
    finding: Finding, event: Event, markers: dict[str, str], same: list[list[str]] | None = None
) -> bool:
    """Whether the finding holds the marked sentences of at least two sources; with `same` (a
    conflict's groups of sources that give one value), of two sources that disagree."""
    hit = [s for s, m in markers.items() if covers(finding, s, event.sentence(s, m))]
    side = {source: n for n, group in enumerate(same or []) for source in group}
    return len({side.get(source, source) for source in hit}) >= 2


def markers_of(item: dict[str, object]) -> dict[str, str]:
    markers = item["markers"]
    assert isinstance(markers, dict)
    return markers


@dataclass(slots=True)
class Score:
    conflicts: int = 0
    conflicts_found: int = 0
    agreements: int = 0
    agreements_found: int = 0
    traps: int = 0
    traps_hit: int = 0
    false_alarms: int = 0
    contradictions: int = 0
    wrong_agreements: int = 0


def score(event: Event, report: Report, score: Score, show: bool) -> None:
    contradictions = [f for f in report.findings if f.kind is Kind.CONTRADICTION]
    agreements = [f for f in report.findings if f.kind is Kind.AGREEMENT]
    score.contradictions += len(contradictions)
    true: set[str] = set()
    for item in event.gold["conflicts"]:
        markers = markers_of(item)
        score.conflicts += 1
        same = item.get("same")  # sources that give one value: no conflict between them
        assert same is None or isinstance(same, list)
        hits = [f for f in contradictions if holds(f, event, markers, same)]
        true.update(f.id for f in hits)
        found = bool(hits)
        score.conflicts_found += found
        wrong = [f for f in agreements if holds(f, event, markers, same)]
        score.wrong_agreements += len(wrong)
        if show:
            print(f"  conflict {'FOUND' if found else 'missed'}: {item['fact']}")
            for f in wrong:
                print(f"    WRONG AGREEMENT {f.id}: {f.topic}")
    found = [
        any(holds(f, event, markers_of(i)) for f in agreements) for i in event.gold["agreements"]
    ]
    hit = [any(holds(f, event, markers_of(i)) for f in contradictions) for i in event.gold["traps"]]
    score.agreements += len(found)
    score.agreements_found += sum(found)
    score.traps += len(hit)
    score.traps_hit += sum(hit)
    if show:
        for item, ok in zip(event.gold["agreements"], found, strict=True):
            if not ok:
                print(f"  agreement missed: {item['fact']}")
        for item, ok in zip(event.gold["traps"], hit, strict=True):
            if ok:
                print(f"  trap hit: {item['fact']}")
    score.false_alarms += sum(1 for f in contradictions if f.id not in true)
    if show:
        for f in contradictions:
            mark = "true" if f.id in true else "FALSE"
            slot = f.conflict.slot if f.conflict else ""
            print(f"  {mark} contradiction [{slot}]: {f.explanation}")
            for m in f.members:
                print(f"      {m.claim.article_id}: {' '.join(m.claim.quote.split())[:160]}")


def run(gold_dir: Path, prefix: str, show: bool) -> Score:
    total = Score()
    for event in events(gold_dir, prefix):
        with tempfile.TemporaryDirectory() as folder:
            paths = []
            for source, text in sorted(event.texts.items()):
                path = Path(folder) / f"{source}.txt"
                path.write_text(text, "utf-8")
                paths.append(path)
            report = compare(paths)
        if show:
            print(f"{event.uuid[:8]} {event.gold.get('main_event', '')}")
        score(event, report, total, show)
    return total


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--event", default="", help="only the events whose uuid starts so")
    parser.add_argument("--show", action="store_true", help="print findings per event")
    parser.add_argument("--gold", type=Path, default=GOLD, help=f"gold folder (default {GOLD})")
    args = parser.parse_args()
    if not BASIL.is_dir():
        sys.exit(f"skipped: {BASIL} is missing")
    n = sum(1 for _ in args.gold.glob(f"{args.event}*.json"))
    if not n:
        sys.exit(f"no gold in {args.gold} matching {args.event!r}")
    s = run(args.gold, args.event, args.show)
    pct = lambda a, b: f"{a}/{b} ({100 * a / b:.0f}%)" if b else "0/0"  # noqa: E731
    print(f"events                      {n}")
    print(f"conflicts found             {pct(s.conflicts_found, s.conflicts)}   target >= 70%")
    print(f"central agreements found    {pct(s.agreements_found, s.agreements)}   target >= 70%")
    alarms = f"{s.false_alarms} ({s.false_alarms / n:.2f} per event)"
    print(f"false alarms                {alarms}   target <= 0.20 per event")
    print(f"traps hit                   {s.traps_hit} of {s.traps}")
    print(f"contradictions per event    {s.contradictions / n:.2f}   target <= 2")
    print(f"wrong agreements            {s.wrong_agreements}")


if __name__ == "__main__":
    main()
