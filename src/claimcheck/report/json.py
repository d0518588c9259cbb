"""The JSON report: the machine contract (schema claimcheck.report/2).

`claimcheck compare --format json` writes it through a Spool: each story's fact rows, story
entry and findings are turned into JSON text as the story finishes and its claims let go, and
the document is put together in story order once the last is in. The text is render()'s, to
the byte; a day of coverage never holds more than a few stories' findings.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from functools import partial
from typing import BinaryIO

from claimcheck import jsonio
from claimcheck.model import Report
from claimcheck.report.contract import (
    SECTIONS,
    baseline_summary,
    claims_per_source,
    document,
    parts,
    summary,
    to_dict,
)

INDENT = 2
LEVEL = 2  # the depth of an item of the document's arrays: the document, its key, the array


def render(report: Report) -> str:
    return "".join(pieces(report))


def pieces(report: Report) -> Iterator[str]:
    """The JSON report in pieces of text, written as they come (report.pieces)."""
    yield from jsonio.pieces(to_dict(report, streamed=True), indent=INDENT)
    yield "\n"


class Spool:
    """The JSON report of a run, taken story by story (add()) in any order: each story's items
    are written to `file` (a temporary file open for reading and writing bytes) as JSON text,
    and only where they lie, the counts and each source's claims are held until pieces() writes
    the document."""

    def __init__(self, file: BinaryIO) -> None:
        self.file = file
        self.places: dict[str, dict[int, tuple[int, int]]] = {name: {} for name in SECTIONS}
        self.claims: Counter[str] = Counter()  # of each source
        self.counts: Counter[str] = Counter()  # the summary's, summed over the stories
        self.findings = 0
        self.known = 0  # findings the baseline holds

    def add(self, number: int, story: Report) -> None:
        """The report of story `number` alone, its baseline applied (compare.Plan.report)."""
        for name, items in zip(SECTIONS, parts(story), strict=True):
            if not items:
                continue
            between = "," + "\n" + " " * (INDENT * LEVEL)
            text = between.join(
                "".join(jsonio.pieces(item, indent=INDENT, level=LEVEL)) for item in items
            )
            data = text.encode("utf-8", "surrogatepass")
            self.places[name][number] = (self.file.tell(), len(data))
            self.file.write(data)
        self.claims.update(claims_per_source(story.claims))
        self.counts.update(summary(story))
        self.findings += len(story.findings)
        self.known += sum(1 for f in story.findings if story.is_known(f))

    def pieces(self, shell: Report, stale: Sequence[str] = ()) -> Iterator[str]:
        """The document: the sources, settings, copies, errors and baseline path of `shell` (a
        report without claims or findings) around what add() took, and the baseline's `stale`
        entries."""
        total = {key: self.counts[key] for key in summary(shell)}
        total["sources"] = len(shell.articles)
        sections = {
            name: jsonio.Stream(len(places), partial(self._texts, places))
            for name, places in self.places.items()
        }
        data = document(
            shell,
            self.claims,
            **sections,
            summary={
                **total,
                **baseline_summary(shell.baseline, self.known, self.findings, stale),
            },
        )
        yield from jsonio.pieces(data, indent=INDENT)
        yield "\n"

    def _texts(self, places: dict[int, tuple[int, int]]) -> Iterator[jsonio.Raw]:
        """The text of each story's items of one section, in story order."""
        for number in sorted(places):
            start, size = places[number]
            self.file.seek(start)
            yield jsonio.Raw(self.file.read(size).decode("utf-8", "surrogatepass"))
