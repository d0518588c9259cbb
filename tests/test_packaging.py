"""What installing claimcheck brings: its run-time dependencies, the test tools only on request."""

from __future__ import annotations

import inspect
import pydoc
import re
import tomllib
from types import FunctionType

import pytest

import claimcheck

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


def public(kind: type) -> list[str]:
    return [name for name in claimcheck.__all__ if isinstance(getattr(claimcheck, name), kind)]


def test_public_records_and_functions_are_documented() -> None:
    undocumented = [
        name
        for name in public(type) + public(FunctionType)
        if not inspect.getdoc(getattr(claimcheck, name))
    ]
    assert undocumented == []


@pytest.mark.skipif(
    claimcheck.build() != "compiled with mypyc", reason="only mypyc drops docstrings"
)
def test_the_compiled_build_keeps_docstrings_and_signatures() -> None:
    # The compiled build shipped Claim.__doc__ == "" (issue 15): the records and the façade stay
    # pure Python (setup.py).
    shown = pydoc.render_doc(claimcheck.Claim, renderer=pydoc.plaintext)
    assert "One atomic, decontextualised proposition with typed slots" in shown
    shown = pydoc.render_doc(claimcheck.Settings, renderer=pydoc.plaintext)
    assert "Each field is checked on construction" in shown
    for name in ("compare", "load", "judge_texts", "extract_all"):
        assert inspect.getdoc(getattr(claimcheck, name)), name
    # extract/__init__.py is compiled (its orchestration is on the hot path): the stage keeps
    # its signature, not its docstring.
    for name in ("compare", "extract", "load", "judge_texts", "extract_all"):
        assert inspect.signature(getattr(claimcheck, name)).parameters, name
