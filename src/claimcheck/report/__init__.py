"""Reports rendered from one canonical dictionary: `contract.to_dict(report)` is the JSON contract.

Each format is a module with a `render(report) -> str` function; `FORMATS` maps names to them,
and `pieces` writes a report in parts where its format can.
The terminal view is in `terminal.py` and draws on a rich console instead of returning text.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import cast

from claimcheck.model import Report
from claimcheck.report.contract import SCHEMA, summary, to_dict

Render = Callable[[Report], str]


class Formats(Mapping[str, Render]):
    """Format names and their `render` functions. A format's module (html's brings jinja2) is
    imported when its renderer is first asked for, so commands that write no report, such as
    `claimcheck pairs`, start without them."""

    def __init__(self, *names: str) -> None:
        self.names = names

    def __getitem__(self, name: str) -> Render:
        if name not in self.names:
            raise KeyError(name)
        return cast(Render, importlib.import_module(f"claimcheck.report.{name}").render)

    def __iter__(self) -> Iterator[str]:
        return iter(self.names)

    def __len__(self) -> int:
        return len(self.names)


FORMATS: Mapping[str, Render] = Formats(
    "json", "jsonl", "markdown", "csv", "html", "sarif", "github", "junit"
)


def pieces(name: str, report: Report) -> Iterable[str]:
    """The report in format `name` as pieces of text to write in order. A format whose module
    has `pieces` (json) writes as it goes, never holding its whole text: a 10 MB article's JSON
    report is some 120 MB of text."""
    render = FORMATS[name]
    stream = getattr(importlib.import_module(f"claimcheck.report.{name}"), "pieces", None)
    return stream(report) if stream is not None else [render(report)]


__all__ = ["FORMATS", "SCHEMA", "pieces", "summary", "to_dict"]
