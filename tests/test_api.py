"""The public Python API (claimcheck/__init__.py): the stages, the records, settings checks."""

from __future__ import annotations

import atexit
import dataclasses
import gc
import inspect
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import claimcheck
from claimcheck import cli
from claimcheck.baseline import Baseline, apply
from claimcheck.config import KEYS
from claimcheck.errors import LoadError
from claimcheck.report import FORMATS
from claimcheck.settings import KNOBS

from .conftest import DEMO, ROOT


def test_every_public_name_exists() -> None:
    assert [name for name in claimcheck.__all__ if not hasattr(claimcheck, name)] == []


@pytest.mark.parametrize("path", [str(DEMO), DEMO, "data/putin-nato-2001"])
def test_load_takes_one_path_as_a_path(path: str | Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # load("some/dir") iterated the string's characters and globbed "/" (issue 15).
    monkeypatch.chdir(ROOT)
    articles, errors = claimcheck.load(path)
    assert (len(articles), errors) == (5, [])
    assert [a.id for a in articles] == [a.id for a in claimcheck.load([path])[0]]


def test_load_takes_many_paths_and_reports_each_bad_one() -> None:
    articles, errors = claimcheck.load([DEMO, "no/such/file.txt"])
    assert len(articles) == 5
    assert [str(e) for e in errors] == ["no/such/file.txt: no such file or directory"]


@pytest.mark.parametrize(
    "first",
    ["import claimcheck.extract.numbers", "from claimcheck import extract, compare, load"],
)
def test_stage_modules_and_their_functions_do_not_shadow_each_other(first: str) -> None:
    # __init__.py rebound `extract` to the function: claimcheck.extract.numbers failed (issue 15).
    # A fresh interpreter each time, as the order of the imports is what is tested.
    script = f"""{first}
import claimcheck.extract.numbers
from claimcheck import compare, extract, load
import claimcheck
articles, errors = load({str(DEMO)!r})
assert len(extract(articles[0])) == len(claimcheck.extract.extract(articles[0]))
assert claimcheck.extract.numbers.__name__ == "claimcheck.extract.numbers"
assert compare(articles).to_dict() == claimcheck.compare.compare(articles).to_dict()
print("ok")
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert (done.returncode, done.stdout, done.stderr) == (0, "ok\n", "")


def test_a_stage_has_its_function_signature() -> None:
    assert inspect.signature(claimcheck.load) == inspect.signature(claimcheck.load.load)
    assert list(inspect.signature(claimcheck.compare).parameters) == [
        "inputs",
        "settings",
        "progress",
        "reading",
        "one_story",
        "jobs",
        "scheduler",
    ]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("threshold", 7, "Settings.threshold: expected a number from 0 to 1, got 7"),
        ("threshold", -0.1, "Settings.threshold: expected a number from 0 to 1"),
        ("threshold", "0.5", "Settings.threshold: expected a number from 0 to 1"),
        ("threshold", True, "Settings.threshold: expected a number"),
        ("fail_on", "sometimes", "Settings.fail_on: expected one of never, contradiction,"),
        ("min_sources", 1, "Settings.min_sources: expected a whole number of at least 2"),
        ("min_sources", 2.5, "Settings.min_sources: expected a whole number"),
        ("candidates", 0, "Settings.candidates: expected a whole number of at least 1"),
        ("cohesion", 1.5, "Settings.cohesion: expected a number from 0 to 1, got 1.5"),
        ("max_postings", 0, "Settings.max_postings: expected a whole number of at least 1"),
        ("fitted", {"equivalent": 0.5}, "Settings.fitted: expected a Fitted record"),
        ("aliases", (("Big Blue",),), "Settings.aliases: expected a tuple of (str, str) pairs"),
        ("aliases", {"Big Blue": "IBM"}, "Settings.aliases: expected a tuple"),
        ("antonyms", [("up", "down")], "Settings.antonyms: expected a tuple"),
        ("ignore_sources", "wire", "Settings.ignore_sources: expected a tuple of strings"),
        ("ignore_sources", (1,), "Settings.ignore_sources: expected a tuple of strings"),
    ],
)
def test_settings_name_the_field_with_a_bad_value(field: str, value: Any, message: str) -> None:
    # Settings(threshold=7, fail_on="sometimes") was accepted; exit_code then raised KeyError.
    with pytest.raises(ValueError, match=f"^{re.escape(message)}"):
        claimcheck.Settings(**{field: value})
    with pytest.raises(ValueError, match=f"^{re.escape(message)}"):
        dataclasses.replace(claimcheck.Settings(), **{field: value})


def test_fitted_thresholds_name_the_one_out_of_range() -> None:
    with pytest.raises(ValueError, match=r"^date_align: expected a number from 0 to 1, got 2"):
        dataclasses.replace(claimcheck.Fitted.shipped(), date_align=2)


def test_every_settings_field_is_checked_and_set_from_a_file_or_the_command_line() -> None:
    names = [f.name for f in dataclasses.fields(claimcheck.Settings)]
    assert list(KNOBS) == names  # each field has its checks and its words
    assert [KEYS[k][0] for k in KEYS if k != "paths"] == names
    compare = cli.main.commands["compare"]
    options = {o for p in compare.params for o in p.opts}
    assert {f"--{n.replace('_', '-')}" for n, k in KNOBS.items() if k.option} <= options
    assert {"--threshold", "--fail-on", "--min-sources", "--candidates"} <= options


def test_settings_in_range_are_kept_as_given() -> None:
    settings = claimcheck.Settings(
        threshold=1,
        fail_on="single-source",
        min_sources=3,
        aliases=(("Big Blue", "IBM"),),
        antonyms=(("approved", "shelved"),),
        ignore_sources=("wire",),
        candidates=1,
    )
    assert (settings.threshold, settings.min_sources, settings.candidates) == (1, 3, 1)


def test_a_bad_setting_in_the_cli_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "claimcheck.toml").write_text('fail-on = "sometimes"\n')
    done = subprocess.run(
        [sys.executable, "-m", "claimcheck", "compare", str(DEMO)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert done.returncode == 2
    assert done.stderr == (
        f'error: {tmp_path / "claimcheck.toml"}:1: key "fail-on": expected one of never, '
        "contradiction, single-source, got 'sometimes'\n"
    )


@pytest.fixture(scope="module")
def demo_report() -> claimcheck.Report:
    return claimcheck.compare(DEMO)


def round_trip(report: claimcheck.Report) -> None:
    data = json.loads(json.dumps(report.to_dict()))  # as a file holds it
    again = claimcheck.Report.from_dict(data)
    assert again.to_dict() == report.to_dict() == data


def test_a_report_reads_back_from_its_json(demo_report: claimcheck.Report) -> None:
    round_trip(demo_report)


def test_a_report_reads_back_with_errors_and_baseline(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"text": ')
    (tmp_path / "empty").mkdir()
    report = claimcheck.compare([DEMO, broken, "no/such: file.txt", tmp_path / "empty"])
    known = report.findings[0].id
    report = apply(report, Baseline(str(tmp_path / "b.json"), (known, "gone")))
    paths = {e.path: e for e in report.errors}
    assert set(paths) == {"no/such: file.txt", str(tmp_path / "empty"), str(broken)}
    round_trip(report)
    again = claimcheck.Report.from_dict(report.to_dict())
    assert (again.known, again.stale) == (frozenset({known}), ("gone",))
    read = {e.path: e for e in again.errors}
    assert read[str(broken)].reason == paths[str(broken)].reason
    # A path holding ": " is read up to the first one; its line reads the same all the same.
    assert read["no/such"].reason == "file.txt: no such file or directory"


def test_report_errors_are_load_errors_and_json_keeps_their_lines(tmp_path: Path) -> None:
    report = claimcheck.compare([DEMO, tmp_path / "missing.txt"])
    (error,) = report.errors
    assert isinstance(error, LoadError)
    assert (error.path, error.reason) == (
        str(tmp_path / "missing.txt"),
        "no such file or directory",
    )
    assert report.to_dict()["errors"] == [f"{tmp_path / 'missing.txt'}: no such file or directory"]
    assert report.exit_code("never") == 2


@pytest.fixture
def threshold() -> Iterator[tuple[int, int, int]]:
    """The collector's thresholds before the test, put back after it."""
    before = gc.get_threshold()
    yield before
    gc.set_threshold(*before)
    atexit.unregister(gc.freeze)


def test_in_process_use_leaves_the_collector_alone(
    threshold: tuple[int, int, int], tmp_path: Path
) -> None:
    claimcheck.compare(DEMO)
    with pytest.raises(SystemExit) as ended:
        cli.main(["compare", str(DEMO), "--format", "json", "-o", str(tmp_path / "r.json")])
    assert ended.value.code == 0
    assert gc.get_threshold() == threshold


def test_the_command_tunes_the_collector(
    threshold: tuple[int, int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    from claimcheck.__main__ import main

    monkeypatch.setattr(sys, "argv", ["claimcheck", "--version"])
    with pytest.raises(SystemExit):
        main()
    assert gc.get_threshold() == (50_000, 20, 100) != threshold


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_every_format_shows_a_load_error_as_its_line(fmt: str) -> None:
    report = claimcheck.compare([DEMO, "no/such/file.txt"])
    assert isinstance(report.errors[0], LoadError)
    assert "no/such/file.txt: no such file or directory" in FORMATS[fmt](report)
