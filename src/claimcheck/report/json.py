"""The JSON report: the machine contract (schema claimcheck.report/2).

`claimcheck compare --format json` writes it through a Spool: each story's fact rows, story
entry and findings are turned into JSON text where the story was compared (sections(), called
by report/digest.py) and its claims let go, and the document is put together in story order
once the last is in. The text is render()'s, to the byte; a day of coverage never holds more
than a few stories' findings.
"""

from __future__ import annotations

import codecs
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from functools import partial
from typing import BinaryIO

from claimcheck import jsonio
from claimcheck.model import Report
from claimcheck.report.contract import (
    baseline_summary,
    document,
    parts,
    summary,
    to_dict,
)

INDENT = 2
LEVEL = 2  # an item of the document's arrays stands in the document's object, then in its array
BETWEEN = "," + "\n" + " " * (INDENT * LEVEL)  # what pieces() puts between two items
SECTIONS = ("facts", "stories", "findings")  # the arrays that contract.parts() gives, in order
CHUNK = 1 << 20  # bytes of spooled text read back at a time


def render(report: Report) -> str:
    return "".join(pieces(report))


def pieces(report: Report) -> Iterator[str]:
    """The JSON report in pieces of text, written as they come (report.pieces)."""
    yield from jsonio.pieces(to_dict(report, streamed=True), indent=INDENT)
    yield "\n"


def sections(story: Report) -> tuple[str, ...]:
    """The JSON text of the fact rows, story entry and findings of a story's report alone, its
    baseline applied (compare.Plan.report), each section's items joined as pieces() joins the
    items of an array: what Spool.add() takes. A worker makes them (report/digest.py)."""
    return tuple(
        BETWEEN.join("".join(jsonio.pieces(item, indent=INDENT, level=LEVEL)) for item in items)
        for items in parts(story)
    )


class Spool:
    """The JSON report of a run, taken story by story (add()) in any order: each story's items,
    as JSON text, are written to `file` (a temporary file open for reading and writing bytes),
    and only where they lie, each source's claims and the baseline's count are held until
    pieces() writes the document."""

    def __init__(self, file: BinaryIO) -> None:
        self.file = file
        self.places: dict[str, dict[int, tuple[int, int]]] = {name: {} for name in SECTIONS}
        self.claims: Counter[str] = Counter()  # of each source
        self.findings = 0
        self.known = 0  # findings the baseline holds

    def add(
        self,
        number: int,
        texts: Sequence[str],
        claims: Mapping[str, int],
        findings: int,
        known: int,
    ) -> None:
        """Story `number`'s `texts` (sections()), the `claims` of each of its sources, and how
        many `findings` it has, `known` of them to the baseline."""
        for name, text in zip(SECTIONS, texts, strict=True):
            if text:
                self.places[name][number] = (
                    self.file.tell(),
                    self.file.write(text.encode("utf-8", "surrogatepass")),
                )
        self.claims.update(claims)
        self.findings += findings
        self.known += known

    def pieces(
        self, shell: Report, counts: Mapping[str, int], stale: Sequence[str] = ()
    ) -> Iterator[str]:
        """The document: the sources, settings, copies, errors and baseline path of `shell` (a
        report without claims or findings) around what add() took, the summary's `counts`
        summed over the stories (contract.summary) and the baseline's `stale` entries."""
        totals = {key: counts.get(key, 0) for key in summary(shell)}
        totals["sources"] = len(shell.articles)
        facts, entries, findings = (
            jsonio.Stream(len(self.places[name]), partial(self._texts, self.places[name]))
            for name in SECTIONS
        )
        data = document(
            shell,
            self.claims,
            facts=facts,
            entries=entries,
            findings=findings,
            totals={
                **totals,
                **baseline_summary(shell.baseline, self.known, self.findings, stale),
            },
        )
        yield from jsonio.pieces(data, indent=INDENT)
        yield "\n"

    def _texts(self, places: dict[int, tuple[int, int]]) -> Iterator[jsonio.Raw]:
        """The text of each story's items of one section, in story order."""
        for number in sorted(places):
            yield jsonio.Raw(self._read(*places[number]))

    def _read(self, start: int, size: int) -> Iterator[str]:
        """The spooled text at `start`, CHUNK bytes at a time."""
        decode = codecs.getincrementaldecoder("utf-8")("surrogatepass").decode
        self.file.seek(start)
        while size > 0:
            data = self.file.read(min(size, CHUNK))
            if not data:
                raise OSError(f"the report's temporary file ended {size:,} bytes early")
            size -= len(data)
            yield decode(data, final=size <= 0)
