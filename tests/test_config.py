"""Configuration files: discovery, precedence, every key, clear errors, and `claimcheck config`."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import claimcheck
from claimcheck.cli import main
from claimcheck.config import KEYS, find, read, resolve
from claimcheck.errors import ConfigError
from claimcheck.kinds import Kind
from claimcheck.settings import Fitted, Settings

from .conftest import DEMO, article

FULL = """\
paths = ["articles"]
threshold = 0.6
fail-on = "contradiction"
min-sources = 3
candidates = 4
aliases = { "Big Blue" = "IBM" }
antonyms = [["approved", "shelved"]]
ignore-sources = ["tried-twice"]
max-postings = 50
min-overlap = 0.1
cohesion = 0.5
second-score = 0.6
second-closeness = 0.7
fitted = { equivalent = 0.9, date_align = 0.4 }
"""


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty project directory that is the working directory."""
    root = tmp_path / "project"
    root.mkdir()
    monkeypatch.chdir(root)
    return root


def test_no_file_means_defaults(project: Path) -> None:
    config = resolve()
    assert config.file is None
    assert config.settings == Settings()
    assert config.paths == ()
    assert set(config.provenance.values()) == {"default"}


def test_claimcheck_toml_wins_over_pyproject_in_the_same_directory(project: Path) -> None:
    (project / "pyproject.toml").write_text("[tool.claimcheck]\nthreshold = 0.7\n")
    assert find() == project / "pyproject.toml"
    (project / "claimcheck.toml").write_text("threshold = 0.8\n")
    assert find() == project / "claimcheck.toml"
    assert resolve().settings.threshold == 0.8


def test_search_goes_upward_and_skips_pyproject_without_table(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (project / "pyproject.toml").write_text("[tool.claimcheck]\nmin-sources = 4\n")
    inner = project / "sub" / "deeper"
    inner.mkdir(parents=True)
    (project / "sub" / "pyproject.toml").write_text('[project]\nname = "other"\n')
    monkeypatch.chdir(inner)
    assert find() == project / "pyproject.toml"
    config = resolve()
    assert config.settings.min_sources == 4
    assert config.provenance["min-sources"] == str(project / "pyproject.toml")


def test_every_key_reaches_settings_and_provenance(project: Path) -> None:
    (project / "claimcheck.toml").write_text(FULL)
    config = resolve()
    assert config.settings == Settings(
        threshold=0.6,
        fail_on="contradiction",
        min_sources=3,
        candidates=4,
        aliases=(("Big Blue", "IBM"),),
        antonyms=(("approved", "shelved"),),
        ignore_sources=("tried-twice",),
        max_postings=50,
        min_overlap=0.1,
        cohesion=0.5,
        second_score=0.6,
        second_closeness=0.7,
        fitted=replace(Fitted.shipped(), equivalent=0.9, date_align=0.4),
    )
    assert config.paths == ("articles",)
    assert set(config.provenance.values()) == {str(project / "claimcheck.toml")}


def test_command_line_overrides_file_overrides_defaults(project: Path) -> None:
    (project / "claimcheck.toml").write_text('threshold = 0.6\nfail-on = "contradiction"\n')
    config = resolve({"threshold": 0.4, "fail-on": None, "paths": ("x.txt",)})
    assert (config.settings.threshold, config.settings.fail_on) == (0.4, "contradiction")
    assert config.paths == ("x.txt",)
    assert config.provenance == {
        **dict.fromkeys(KEYS, "default"),
        "paths": "command line",
        "threshold": "command line",
        "fail-on": str(project / "claimcheck.toml"),
    }


def test_paths_are_relative_to_the_file(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (project / "claimcheck.toml").write_text('paths = ["articles", "/abs/x.txt"]\n')
    (project / "sub").mkdir()
    monkeypatch.chdir(project / "sub")
    assert resolve().paths == ("../articles", "/abs/x.txt")


def test_aliases_and_antonyms_take_effect(project: Path) -> None:
    (project / "claimcheck.toml").write_text(FULL)
    settings = resolve().settings
    (claim,) = claimcheck.extract(article("Big Blue said revenue rose 5 percent."), settings)
    assert claim.actors == ("IBM",)
    a = article("The city council approved the new stadium plan on Monday.", "a")
    b = article("The city council shelved the new stadium plan on Monday.", "b")
    assert claimcheck.compare([a, b]).count(Kind.CONTRADICTION) == 0
    assert claimcheck.compare([a, b], settings).count(Kind.CONTRADICTION) == 1


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("treshold = 0.5", 'claimcheck.toml:2: unknown key "treshold" (did you mean "threshold"?)'),
        ("fail_on = 'never'", 'unknown key "fail_on" (did you mean "fail-on"?)'),
        ('threshold = "high"', 'claimcheck.toml:2: key "threshold": expected a number from 0'),
        ("threshold = 1.5", 'key "threshold": expected a number from 0 to 1, got 1.5'),
        ('fail-on = "sometimes"', 'key "fail-on": expected one of never, contradiction'),
        ("min-sources = 1", 'key "min-sources": expected a whole number of at least 2'),
        ("min-sources = true", 'key "min-sources": expected a whole number'),
        ('paths = "articles"', 'key "paths": expected a list of strings'),
        ("ignore-sources = [1]", 'key "ignore-sources": expected a list of strings'),
        ('aliases = ["x"]', 'key "aliases": expected a table of "alias" = "entity"'),
        ('antonyms = [["up"]]', 'key "antonyms": expected a list of ["word", "opposite"] pairs'),
        ("threshold = ", "claimcheck.toml: not valid TOML"),
        ("fitted = { equal = 0.5 }", 'key "fitted": expected a table of some of actor_align,'),
        ("fitted = { related = 2 }", 'key "fitted": related: expected a number from 0 to 1'),
        ("cohesion = 3", 'key "cohesion": expected a number from 0 to 1, got 3'),
        # a list was a TypeError (issue 19)
        ('fail-on = ["contradiction"]', 'claimcheck.toml:2: key "fail-on": expected one of'),
    ],
)
def test_bad_keys_and_values_are_one_line_exit_2(project: Path, line: str, message: str) -> None:
    (project / "claimcheck.toml").write_text(f"# settings\n{line}\n")
    with pytest.raises(ConfigError) as caught:
        read(project / "claimcheck.toml")
    assert message in str(caught.value)
    for command in (("compare", "-q"), ("config", "--show")):
        result = run(*command)
        assert result.exit_code == 2
        assert result.stdout == ""
        assert result.stderr.startswith("error: ") and len(result.stderr.splitlines()) == 1
        assert message in result.stderr


def test_pyproject_errors_name_the_table_key_and_line(project: Path) -> None:
    (project / "pyproject.toml").write_text(
        '[project]\nname = "x"\nthreshold = 3\n\n[tool.claimcheck]\nthreshold = 3\n'
    )
    result = run("config", "--show")
    assert result.exit_code == 2
    assert 'pyproject.toml:6: key "tool.claimcheck.threshold"' in result.stderr


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("tool = 5\n", ':1: key "tool" must be a table'),
        ('tool = "x"\n', ':1: key "tool" must be a table'),
        ("[tool]\nclaimcheck = 5\n", ':2: key "tool.claimcheck" must be a table'),
    ],
)
def test_pyproject_tool_not_a_table_names_the_key(
    project: Path, content: str, message: str
) -> None:
    # `tool = 5` was a TypeError while the file was looked for (issue 19).
    pyproject = project / "pyproject.toml"
    pyproject.write_text(content)
    for command in (("config",), ("compare", "-q")):
        result = run(*command)
        assert result.exit_code == 2
        assert result.stderr.splitlines() == [f"error: {pyproject}{message}"]


def test_explicit_config_file(project: Path, tmp_path: Path) -> None:
    other = tmp_path / "ci.toml"
    other.write_text("min-sources = 5\n")
    (project / "claimcheck.toml").write_text("min-sources = 3\n")
    result = run("config", "--show", "--config", other, "--format", "json")
    data = json.loads(result.stdout)
    assert data["file"] == str(other)
    assert data["settings"]["min-sources"] == {"value": 5, "source": str(other)}
    bare = tmp_path / "pyproject.toml"
    bare.write_text('[project]\nname = "x"\n')
    assert "no [tool.claimcheck] table" in run("config", "--config", bare).stderr
    missing = run("compare", "--config", tmp_path / "missing.toml")
    assert missing.exit_code == 2 and missing.stderr.startswith("error: ")


def test_config_command_shows_values_and_sources(project: Path) -> None:
    assert "no configuration file found" in run("config").stdout
    (project / "claimcheck.toml").write_text(FULL)
    assert run("config").stdout.strip() == str(project / "claimcheck.toml")
    table = run("config", "--show", "--threshold", "0.3").stdout
    for expected in ("threshold", "0.3", "command line", "Big Blue = IBM", "approved / shelved"):
        assert expected in table
    data = json.loads(run("config", "--show", "--format", "json").stdout)
    assert data["settings"]["aliases"]["value"] == [["Big Blue", "IBM"]]
    assert data["settings"]["paths"] == {
        "value": ["articles"],
        "source": str(project / "claimcheck.toml"),
    }


def test_compare_uses_config_paths_and_settings(project: Path) -> None:
    shutil.copytree(DEMO, project / "articles")
    (project / "claimcheck.toml").write_text(FULL)
    result = run("compare", "--format", "json", "-q")
    assert result.exit_code == 1  # fail-on = "contradiction" from the file
    data = json.loads(result.stdout)
    assert data["summary"]["sources"] == 4  # tried-twice ignored
    assert data["settings"]["min_sources"] == 3
    assert data["settings"]["aliases"] == [["Big Blue", "IBM"]]
    overridden = run("compare", "--format", "json", "-q", "--fail-on", "never")
    assert overridden.exit_code == 0
    one = DEMO / "declassified-call-putin-asked-bush.txt"
    explicit = run("compare", one, "--format", "json", "-q")
    assert json.loads(explicit.stdout)["summary"]["sources"] == 1  # replaces the file's paths


def test_config_paths_work_from_a_subdirectory(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(DEMO, project / "articles")
    (project / "claimcheck.toml").write_text('paths = ["articles"]\n')
    (project / "sub").mkdir()
    monkeypatch.chdir(project / "sub")
    result = run("compare", "--format", "json", "-q")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["summary"]["sources"] == 5


def test_candidates_come_from_the_file_or_the_command_line(project: Path) -> None:
    (project / "claimcheck.toml").write_text("candidates = 3\n")
    assert resolve().settings.candidates == 3
    assert resolve({"candidates": 25}).settings.candidates == 25
    result = run("config", "--show", "--format", "json", "--candidates", "7")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["settings"]["candidates"] == {
        "value": 7,
        "source": "command line",
    }
    bad = run("compare", "--candidates", "0")
    assert bad.exit_code == 2 and "--candidates" in bad.stderr
