"""Baselines: known findings are reported but do not fail a run; new and stale ones are listed."""

from __future__ import annotations

import json
import shutil
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner, Result

from claimcheck import baseline
from claimcheck.cli import main
from claimcheck.errors import BaselineError
from claimcheck.kinds import Kind
from claimcheck.model import Report

from .conftest import DEMO, article

# Dates Yeltsin's overture 1993 where another demo article says 1991: one new contradiction.
NEW_CLAIM = "Boris Yeltsin proposed a strategic reset with the West in 1993.\n"
EDITED = "transcripts-reveal-nato-overtures-ukraine-artificial.txt"


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture
def corpus(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the demo corpus and a baseline written from it."""
    folder = tmp_path / "demo"
    shutil.copytree(DEMO, folder)
    written = tmp_path / "baseline.json"
    result = run("compare", folder, "--write-baseline", written, "--fail-on", "contradiction")
    assert result.exit_code == 0, result.output
    assert f"to baseline {written}" in result.stderr
    return folder, written


def report_json(*args: str | Path) -> tuple[int, dict]:
    result = run("compare", *args, "--format", "json", "-q")
    return result.exit_code, json.loads(result.stdout)


def test_baseline_file_records_every_finding(corpus: tuple[Path, Path]) -> None:
    folder, written = corpus
    data = json.loads(written.read_text(encoding="utf-8"))
    assert data["schema"] == "claimcheck.baseline/1"
    assert data["tool"]["name"] == "claimcheck"
    ids = [f["id"] for f in data["findings"]]
    assert ids == sorted(ids)
    _, report = report_json(folder)
    assert set(ids) == {f["id"] for f in report["findings"]}
    first = data["findings"][0]
    assert set(first) == {"id", "kind", "topic", "sources", "claims"}
    assert all(set(c) == {"source", "text"} for c in first["claims"])


def test_unchanged_corpus_passes_with_baseline(corpus: tuple[Path, Path]) -> None:
    folder, written = corpus
    assert report_json(folder, "--fail-on", "contradiction")[0] == 1
    code, data = report_json(folder, "--baseline", written, "--fail-on", "contradiction")
    assert code == 0
    assert all(f["baselined"] for f in data["findings"])
    assert data["summary"]["baseline"] == {
        "path": str(written),
        "known": len(data["findings"]),
        "new": 0,
        "stale": [],
    }


def test_new_contradiction_fails_and_is_the_only_new_one(corpus: tuple[Path, Path]) -> None:
    folder, written = corpus
    with (folder / EDITED).open("a", encoding="utf-8") as stream:
        stream.write("\n" + NEW_CLAIM)
    code, data = report_json(folder, "--baseline", written, "--fail-on", "contradiction")
    assert code == 1
    new = [f for f in data["findings"] if f["kind"] == "contradiction" and not f["baselined"]]
    assert len(new) == 1
    assert new[0]["conflict"]["slot"] == "date"
    assert {c["source"] for c in new[0]["claims"]} == {"tried-twice", "overtures-artificial"}
    assert any("1993" in c["quote"] for c in new[0]["claims"])
    old = [f for f in data["findings"] if f["kind"] == "contradiction" and f["baselined"]]
    assert len(old) == 3


def test_stale_entries_are_listed(corpus: tuple[Path, Path]) -> None:
    folder, written = corpus
    with (folder / EDITED).open("a", encoding="utf-8") as stream:
        stream.write("\n" + NEW_CLAIM)
    # The 1991 sentence was single-source; now it is one side of the new contradiction.
    _, data = report_json(folder, "--baseline", written)
    stale = data["summary"]["baseline"]["stale"]
    assert len(stale) == 1 and stale[0].startswith("si-")
    recorded = {f["id"]: f for f in json.loads(written.read_text())["findings"]}
    assert "Yeltsin" in recorded[stale[0]]["topic"]
    shown = run("compare", folder, "--baseline", written, "-q").stdout
    assert "Stale baseline entries (1):" in shown
    assert stale[0] in shown
    assert "[baseline] ✗ contradiction" in shown
    assert "1 new, 1 stale" in shown


def test_rewriting_the_baseline_prunes_stale_entries(corpus: tuple[Path, Path]) -> None:
    folder, written = corpus
    (folder / EDITED).write_text(
        (folder / EDITED).read_text(encoding="utf-8") + "\n" + NEW_CLAIM, encoding="utf-8"
    )
    assert run("compare", folder, "--write-baseline", written, "-q").exit_code == 0
    code, data = report_json(folder, "--baseline", written, "--fail-on", "contradiction")
    assert code == 0
    assert data["summary"]["baseline"]["stale"] == []


def test_json_report_with_and_without_baseline_matches_schema(
    corpus: tuple[Path, Path],
) -> None:
    folder, written = corpus
    schema = json.loads(
        resources.files("claimcheck").joinpath("schema", "report.schema.json").read_text()
    )
    for args in ((folder,), (folder, "--baseline", written)):
        _, data = report_json(*args)
        jsonschema.validate(data, schema)
        assert ("baseline" in data["summary"]) == (len(args) > 1)
        assert all(f["baselined"] is (len(args) > 1) for f in data["findings"])


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "base.json:1: malformed baseline JSON"),
        ('{"schema": "claimcheck.report/1"}', "not a claimcheck baseline"),
        ('{"schema": "claimcheck.baseline/1", "findings": {}}', '"findings" must be a list'),
        ('{"schema": "claimcheck.baseline/1", "findings": [{"kind": "x"}]}', "findings[0]"),
        # RecursionError and ValueError were tracebacks (issue 19)
        ("[" * 100_000 + "]" * 100_000, "malformed baseline JSON: nested more than 200 levels"),
        ('{"schema": ' + "1" * 5000 + "}", "baseline JSON: a number of more than 4,300 digits"),
    ],
)
def test_malformed_baseline_is_one_line_exit_2(tmp_path: Path, content: str, message: str) -> None:
    bad = tmp_path / "base.json"
    bad.write_text(content, encoding="utf-8")
    result = run("compare", DEMO, "--baseline", bad, "-q")
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and message in lines[0]
    assert str(bad) in lines[0]


def test_missing_baseline_and_unwritable_baseline(tmp_path: Path) -> None:
    missing = run("compare", DEMO, "--baseline", tmp_path / "none.json")
    assert missing.exit_code == 2
    assert "cannot read baseline: No such file or directory" in missing.stderr
    unwritable = run("compare", DEMO, "--write-baseline", tmp_path / "no" / "dir.json", "-q")
    assert unwritable.exit_code == 2
    assert unwritable.stderr.startswith("error: ") and len(unwritable.stderr.splitlines()) == 1


def _two_sources() -> Report:
    import claimcheck

    text = "The new Danube bridge in Novi Sad opened to traffic in March {} after four years."
    a, b = article(text.format(2019), "a"), article(text.format(2021), "b")
    return claimcheck.compare([a, b])


def test_library_apply_and_exit_code(tmp_path: Path) -> None:
    report = _two_sources()
    (finding,) = [f for f in report.findings if f.kind is Kind.CONTRADICTION]
    assert report.exit_code("contradiction") == 1
    path = tmp_path / "b.json"
    baseline.save(report, path)
    loaded = baseline.load(path)
    assert finding.id in loaded.ids
    known = baseline.apply(report, loaded)
    assert known.is_known(finding) and known.exit_code("contradiction") == 0
    assert known.triggering("contradiction") == []
    other = baseline.apply(report, baseline.Baseline("x.json", ("co-0000000000",)))
    assert other.exit_code("contradiction") == 1
    assert other.stale == ("co-0000000000",)


def test_library_load_raises_baseline_error_with_path(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    path.write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(BaselineError) as caught:
        baseline.load(path)
    assert caught.value.path == str(path)
