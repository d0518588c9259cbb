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
