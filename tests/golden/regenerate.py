"""Write the golden reports of the demo corpus, one file per format, into this folder.

    python tests/golden/regenerate.py

tests/test_golden.py renders the same reports and compares them with these files: run this
when a change to a format is meant, and review the diff before committing it. The demo's
articles are copied to a scratch folder and named relative to it, so that no path of this
machine or checkout shows; what varies from run to run (the HTML page's and the JUnit report's
time, the version) is pinned or replaced by a placeholder.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from click.testing import CliRunner

import claimcheck
from claimcheck.cli import main

HERE = Path(__file__).resolve().parent
DEMO = HERE.parent.parent / "data" / "putin-nato-2001"
# Golden file name -> the compare command's arguments; the terminal view at a fixed width.
REPORTS = {
    "demo.json": ["--format", "json"],
    "demo.md": ["--format", "markdown"],
    "demo.csv": ["--format", "csv"],
    "demo.html": ["--format", "html"],
    "demo.sarif": ["--format", "sarif"],
    "demo.junit.xml": ["--format", "junit"],
    "demo.github.txt": ["--format", "github"],
    "demo.terminal.txt": ["--format", "terminal", "--show", "contradiction", "--show", "agreement"],
}
TIMESTAMP = re.compile(r'timestamp="[^"]*"')


@contextmanager
def demo_copy() -> Iterator[Path]:
    """A scratch folder holding the demo articles in `demo/`, made the working directory."""
    before = Path.cwd()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder).resolve()
        shutil.copytree(DEMO, root / "demo")
        try:
            os.chdir(root)
            yield root
        finally:
            os.chdir(before)


def render(args: list[str], root: Path) -> str:
    """One report of `demo/`, with what varies between machines and runs replaced."""
    env = {"COLUMNS": "100", "SOURCE_DATE_EPOCH": "0", "NO_COLOR": "1", "TERM": "dumb"}
    result = CliRunner().invoke(main, ["compare", "demo", "-q", *args], env=env)
    if result.exit_code != 0:
        raise RuntimeError(f"compare {' '.join(args)} exited {result.exit_code}: {result.output}")
    text = result.stdout
    for absolute in (root.as_uri(), str(root)):
        text = text.replace(absolute, "<scratch>")
    text = text.replace(claimcheck.__version__, "<version>")
    return TIMESTAMP.sub('timestamp="<time>"', text)


def render_all() -> dict[str, str]:
    """Every golden report, by file name."""
    with demo_copy() as root:
        return {name: render(args, root) for name, args in REPORTS.items()}


def write() -> None:
    """Replace the golden files with the reports as they are rendered now."""
    for name, text in render_all().items():
        (HERE / name).write_text(text, encoding="utf-8", newline="")
        print(f"wrote tests/golden/{name}", file=sys.stderr)


if __name__ == "__main__":
    write()
