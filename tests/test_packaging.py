"""What installing claimcheck brings: its run-time dependencies, the test tools only on request."""

from __future__ import annotations

import re
import tomllib

from .conftest import ROOT

PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def _names(requirements: list[str]) -> set[str]:
    return {re.split(r"[\s<>=!~\[;]", r, maxsplit=1)[0].lower() for r in requirements}


def test_test_tools_are_not_run_time_dependencies() -> None:
    # pytest was installed with every `pip install claimcheck-cli` (issue 19).
    run_time = _names(PROJECT["dependencies"])
    assert not run_time & {"pytest", "hypothesis", "jsonschema", "ruff", "mypy"}
    assert {"pytest", "hypothesis"} <= _names(PROJECT["optional-dependencies"]["test"])


def test_lxml_is_new_enough_to_have_the_html_clean_extra() -> None:
    # justext (through trafilatura) asks for lxml[html_clean]; lxml before 5.2 has no such extra
    # and pip warned on every clean install (issue 19). lxml_html_clean is what the extra brings.
    pins = {r.split(">=")[0]: r.split(">=")[1].split(",")[0] for r in PROJECT["dependencies"]}
    assert tuple(int(n) for n in pins["lxml"].split(".")[:2]) >= (5, 2)
    assert "lxml_html_clean" in pins
