"""Every report format of the demo, byte for byte as tests/golden/ holds it.

A change to a format is meant when these fail: regenerate with
`python tests/golden/regenerate.py` and review the diff (CONTRIBUTING.md).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from pathlib import Path

import pytest

from .golden.regenerate import HERE, REPORTS, demo_copy, render


@pytest.fixture(scope="module")
def scratch() -> Iterator[Path]:
    with demo_copy() as root:
        yield root


@pytest.mark.parametrize("name", list(REPORTS))
def test_report_matches_its_golden_file(name: str, scratch: Path) -> None:
    expected = (HERE / name).read_text(encoding="utf-8")
    got = render(REPORTS[name], scratch)
    if got != expected:
        diff = difflib.unified_diff(
            expected.splitlines(), got.splitlines(), f"golden/{name}", "now", lineterm="", n=1
        )
        shown = "\n".join(list(diff)[:40])
        pytest.fail(f"{name} differs (python tests/golden/regenerate.py if meant):\n{shown}")


def test_goldens_name_no_path_of_this_machine() -> None:
    for name in REPORTS:
        text = (HERE / name).read_text(encoding="utf-8")
        assert str(HERE.parent.parent) not in text and "/tmp/" not in text, name
