"""Reports rendered from one canonical dictionary: `contract.to_dict(report)` is the JSON contract.

Each format is a module with a `render(report) -> str` function; `FORMATS` maps names to them.
The terminal view is in `terminal.py` and draws on a rich console instead of returning text.
"""

from __future__ import annotations

from collections.abc import Callable

from claimcheck.model import Report
from claimcheck.report import csv, github, html, json, junit, markdown, sarif
from claimcheck.report.contract import SCHEMA, summary, to_dict

FORMATS: dict[str, Callable[[Report], str]] = {
    "json": json.render,
    "markdown": markdown.render,
    "csv": csv.render,
    "html": html.render,
    "sarif": sarif.render,
    "github": github.render,
    "junit": junit.render,
}

__all__ = ["FORMATS", "SCHEMA", "summary", "to_dict"]
