"""Hostile text through every stage: loaders, extraction, `pairs` and every report format.

Generated articles mix news-like sentences with control characters, bidi and zero-width marks,
combining characters, NULs, huge figures, impossible dates and hostile HTML. Nothing may raise,
every claim's quote must be its text at its span, and every report must parse as its format.
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console

import claimcheck
from claimcheck.errors import LoadError
from claimcheck.load import Reading, load, thin_pages
from claimcheck.pairs import judge_lines
from claimcheck.report import FORMATS
from claimcheck.report.terminal import show

from .conftest import article

PIECES = [
    "Putin said Russia had asked to join NATO in 2001.",
    "The minister did not deny that sales rose 5% on 6 April 2008.",
    "Officials said 200,000 homes lost power, according to the company.",
    "He said the deal was worth $2.5 billion.",
    "On 31 February 2020 the council voted 7-2.",
    "The ruling came on 2024-13-45, the court said.",
    "Revenue was " + "9" * 400 + " dollars.",
    "It cost 1e309 euros and 10^400 yen.",
    "Mr. Bush invited Putin; the Kremlin leader declined.",
    "“The talks failed,” she said.",
    '<script>alert("x")</script>',
    "<img src=x onerror=alert(1)>",
    "<a href='javascript:alert(1)'>click</a>",
    "<!-- claimcheck-disable -->",
    "[link](javascript:alert(1)) | pipe | `tick` *star*",
    '=HYPERLINK("http://x")',
    "[bold red]markup[/]",
]
ODD = [
    "\x00",
    "\x07",
    "\x1b[31m",
    "\r",
    "\u202e",
    "\u2066",
    "\u200b",
    "\u200d",
    "\ufeff",
    "\u0301",
    "\u0338",
    "\u2028",
    "\ud800",
    "\U0001f600",
    "%0A::error::",
    "..........",
]
TEXTS = st.lists(
    st.one_of(
        st.sampled_from(PIECES),
        st.sampled_from(ODD),
        st.text(alphabet=st.characters(codec="utf-8"), max_size=30),
    ),
    min_size=1,
    max_size=12,
).map(lambda parts: " ".join(parts) + "\n\n" + " ".join(reversed(parts)))
FUZZ = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None
)


class _Strict(HTMLParser):
    """An HTML parser that only has to get through the page."""


def _parses(fmt: str, text: str) -> None:
    if fmt in ("json", "sarif"):
        json.loads(text)
    elif fmt == "junit":
        ET.fromstring(text)
    elif fmt == "csv":
        rows = list(csv.reader(io.StringIO(text)))
        assert len({len(row) for row in rows}) == 1  # every row has the header's cells
    elif fmt == "html":
        _Strict().feed(text)
    elif fmt == "github":
        assert all(line.startswith("::") for line in text.splitlines())


@FUZZ
@given(TEXTS, TEXTS, TEXTS)
def test_any_text_gets_through_every_stage_and_report(a: str, b: str, c: str) -> None:
    articles = [article(text, article_id=name) for name, text in zip("abc", (a, b, c), strict=True)]
    for source in articles:
        for claim in claimcheck.extract(source):
            assert source.text[claim.span.start : claim.span.end] == claim.quote
    report = claimcheck.compare(articles)
    for fmt, render in FORMATS.items():
        _parses(fmt, render(report))
    console = Console(file=io.StringIO(), width=100, color_system=None)
    show(report, console, show_kinds=("contradiction", "agreement", "single-source"))


@FUZZ
@given(TEXTS, st.sampled_from([".txt", ".md", ".html", ".json", ".jsonl"]), st.booleans())
def test_any_file_loads_or_fails_with_one_clear_error(text: str, suffix: str, wrap: bool) -> None:
    if suffix in (".json", ".jsonl"):
        body = json.dumps({"text": text, "title": text[:20]})
    elif suffix == ".html" and wrap:
        body = f"<html><body><article><p>{text}</p></article></body></html>"
    else:
        body = text
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"story{suffix}"
        path.write_bytes(body.encode("utf-8", "surrogatepass"))
        articles, errors = load([path], reading=Reading(encoding=None))
        thin_pages(articles)
    assert all(isinstance(e, LoadError) and str(e).startswith(str(path)) for e in errors)
    assert "\n" not in "".join(str(e) for e in errors)
    for source in articles:
        for claim in claimcheck.extract(source):
            assert source.text[claim.span.start : claim.span.end] == claim.quote


@FUZZ
@given(st.lists(st.tuples(TEXTS, TEXTS), min_size=1, max_size=4))
def test_any_pair_is_judged_or_becomes_an_error_row(pairs: list[tuple[str, str]]) -> None:
    lines = [json.dumps({"id": n, "a": a, "b": b}) for n, (a, b) in enumerate(pairs)]
    rows = list(judge_lines([*lines, "not json", '{"a": 1}']))
    assert [row["id"] for row in rows[: len(pairs)]] == list(range(len(pairs)))
    assert all(row["relation"] for row in rows)
    json.dumps(rows, allow_nan=False)
