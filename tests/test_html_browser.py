"""The HTML report in headless Chromium: its filters run, counts change, a screenshot is kept.

Needs Debian's `chromium` package (/usr/bin/chromium); `.ci/run` installs it when it can, and these
tests skip without it. The screenshot is written to the test's temporary folder, which pytest
keeps for the last three runs: /tmp/pytest-of-$USER/pytest-current/test_screenshot_is_saved0/
report.png. No test writes into the source tree.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

import claimcheck
from claimcheck.model import Report
from claimcheck.report import FORMATS

from .conftest import DEMO, page_counts

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]
SHOWN = re.compile(r'<span id="shown-count"[^>]*>(\d+) of (\d+) findings shown</span>')

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="headless Chromium is not installed (/usr/bin/chromium, Debian package 'chromium')",
)


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Report]:
    report = claimcheck.compare([DEMO])
    path = tmp_path_factory.mktemp("html") / "report.html"
    path.write_text(FORMATS["html"](report), encoding="utf-8")
    return path, report


def chromium(tmp_path: Path, url: str, *args: str) -> str:
    """Run headless Chromium on `url` with a throwaway profile; its standard output."""
    command = [str(CHROMIUM), *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", *args, url]
    done = subprocess.run(command, capture_output=True, text=True, timeout=180, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def shown(dom: str) -> tuple[int, int]:
    """(shown, total) from the page's shown-count after its script ran."""
    assert 'data-filters="ready"' in dom, "the filter script did not finish"
    match = SHOWN.search(dom)
    assert match, "no shown-count in the page"
    return int(match[1]), int(match[2])


def test_every_finding_is_shown_by_default(page: tuple[Path, Report], tmp_path: Path) -> None:
    path, report = page
    dom = chromium(tmp_path, path.as_uri(), "--dump-dom")
    assert shown(dom) == (len(report.findings), len(report.findings))


def test_kind_filter_in_the_address_changes_the_count(
    page: tuple[Path, Report], tmp_path: Path
) -> None:
    path, report = page
    dom = chromium(tmp_path, path.as_uri() + "#kind=contradiction", "--dump-dom")
    assert shown(dom) == (report.count(claimcheck.Kind.CONTRADICTION), len(report.findings))
    hidden_agreements = re.findall(r'<article class="card finding agreement"[^>]*hidden', dom)
    assert len(hidden_agreements) == report.count(claimcheck.Kind.AGREEMENT)


def test_source_filter_in_the_address_changes_the_count(
    page: tuple[Path, Report], tmp_path: Path
) -> None:
    path, report = page
    source = report.articles[0].id
    dom = chromium(tmp_path, f"{path.as_uri()}#source={source}", "--dump-dom")
    expected = sum(1 for f in report.findings if source in f.sources)
    assert 0 < expected < len(report.findings)
    assert shown(dom) == (expected, len(report.findings))


def test_screenshot_is_saved(page: tuple[Path, Report], tmp_path: Path) -> None:
    path, _ = page
    screenshot = tmp_path / "report.png"
    chromium(tmp_path, path.as_uri(), f"--screenshot={screenshot}", "--window-size=1280,2000")
    data = screenshot.read_bytes()
    assert data.startswith(b"\x89PNG") and len(data) > 20_000


def test_the_fact_sheet_renders_with_each_source_value(tmp_path: Path) -> None:
    report = claimcheck.compare(page_counts())
    path = tmp_path / "facts.html"
    path.write_text(FORMATS["html"](report), encoding="utf-8")
    dom = chromium(tmp_path, path.as_uri(), "--dump-dom")
    row = re.search(r'<tr class="conflict">(.*?)</tr>', dom, re.DOTALL)
    assert row, "no conflicting row in the fact sheet"
    cells = re.findall(r"<td>(.*?)</td>", row[1], re.DOTALL)
    assert cells[1:] == ["number: emails, pages", "55,000 pages", "50,000 pages"]


def test_a_line_link_opens_the_source_text_at_that_line(
    page: tuple[Path, Report], tmp_path: Path
) -> None:
    path, _ = page
    dom = chromium(tmp_path, path.as_uri() + "#source-5-L14", "--dump-dom")
    assert re.search(r'<details class="text" id="source-5" open="">', dom)
    assert not re.search(r'<details class="text" id="source-1" open', dom)
