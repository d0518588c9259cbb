"""The command line: exit codes, formats, error lines, atomic output."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimcheck import match
from claimcheck.cli import main

from .conftest import DEMO, STORIES


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(main, list(args), input=input)


def test_compare_without_paths_runs_the_demo() -> None:
    result = run("compare")
    assert result.exit_code == 0
    assert "CONTRADICTION" in result.output
    assert "does not record any direct response" in result.output
    assert "\x1b[" not in result.output  # no colour when not a terminal


def test_compare_fail_on_contradiction_exits_1() -> None:
    assert run("compare", "--fail-on", "contradiction", "--format", "json").exit_code == 1
    assert run("compare", "--fail-on", "never", "--format", "json").exit_code == 0


def test_json_on_stdout_and_same_in_file(tmp_path: Path) -> None:
    printed = run("compare", str(DEMO), "--format", "json")
    target = tmp_path / "report.json"
    written = run("compare", str(DEMO), "--format", "json", "-o", str(target))
    assert written.output == ""
    assert json.loads(target.read_text()) == json.loads(printed.output)


def test_markdown_and_csv(tmp_path: Path) -> None:
    markdown = run("compare", str(DEMO), "--format", "markdown").output
    assert markdown.startswith("# claimcheck report")
    assert "## Contradictions" in markdown
    csv_text = run("compare", str(DEMO), "--format", "csv").output
    assert csv_text.splitlines()[0].startswith("finding,kind,topic,slot,value,source")


def test_bad_file_is_one_line_and_good_files_still_count(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01")
    result = run(
        "compare",
        str(bad),
        str(STORIES / "ruling-a.txt"),
        str(STORIES / "ruling-b.txt"),
        "--format",
        "json",
    )
    assert result.exit_code == 2
    lines = result.output.splitlines()
    assert f"error: {bad}: binary file, not text" in lines
    report = json.loads("\n".join(line for line in lines if not line.startswith("error:")))
    assert report["summary"]["sources"] == 2
    assert report["summary"]["contradictions"] >= 1
    assert "Traceback" not in result.output
    target = tmp_path / "report.csv"
    run("compare", str(bad), str(STORIES / "ruling-a.txt"), "-o", str(target))
    rows = list(csv.DictReader(target.read_text().splitlines()))
    assert rows[-1]["kind"] == "error"
    assert rows[-1]["explanation"] == f"{bad}: binary file, not text"
    assert all(row["kind"] != "error" for row in rows[:-1])


def test_unknown_option_is_one_line_exit_2() -> None:
    result = run("compare", "--bogus-option")
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        "error: No such option '--bogus-option'. (see 'claimcheck compare --help')"
    ]


@pytest.mark.parametrize("epoch", ["abc", "²", "99999999999999"])
def test_a_bad_source_date_epoch_is_one_line_exit_2(
    epoch: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    target = tmp_path / "report.xml"
    result = run("compare", str(STORIES), "--format", "junit", "--output", str(target))
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        f"error: SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, not {epoch!r}"
    ]
    assert not target.exists()


def test_missing_file_only() -> None:
    result = run("extract", "no-such-file.txt")
    assert result.exit_code == 2
    assert "error: no-such-file.txt: no such file or directory" in result.output


def test_output_written_whole_or_not_at_all(tmp_path: Path) -> None:
    target = tmp_path / "claims.jsonl"
    target.write_text("previous\n")
    result = run(
        "extract",
        str(STORIES / "ruling-a.txt"),
        "--format",
        "jsonl",
        "-o",
        str(tmp_path / "no-such-dir" / "x.jsonl"),
    )
    assert result.exit_code == 2 and "cannot write output" in result.output
    assert target.read_text() == "previous\n"
    assert list(tmp_path.iterdir()) == [target]


def test_extract_formats(tmp_path: Path) -> None:
    jsonl = run("extract", str(STORIES / "ruling-b.txt"), "--format", "jsonl").output
    rows = [json.loads(x) for x in jsonl.splitlines()]
    negated = [r for r in rows if r["negated"]]
    assert negated and negated[0]["negation_cue"] == "not"
    data = json.loads(run("extract", str(STORIES / "ruling-b.txt"), "--format", "json").output)
    assert data["schema"] == "claimcheck.claims/1" and data["claims"] == rows
    csv_text = run("extract", str(STORIES / "ruling-b.txt"), "--format", "csv").output
    assert csv_text.splitlines()[0].startswith("id,source,path,line")
    table = run("extract", str(STORIES / "ruling-b.txt")).output
    assert "did not order" in table


def test_extract_reads_stdin() -> None:
    result = run(
        "extract", "-", "--format", "jsonl", input="The dam opened in 2019. It cost $2 billion."
    )
    rows = [json.loads(x) for x in result.output.splitlines()]
    assert [r["source"] for r in rows] == ["stdin", "stdin"]
    assert rows[1]["quantities"][0]["kind"] == "money"
    empty = run("extract", "-", input="")
    assert empty.exit_code == 2 and empty.output.strip() == "error: stdin: empty file"


def test_version_names_the_build() -> None:
    result = run("--version")
    assert result.exit_code == 0 and result.output.startswith("claimcheck, version ")
    compiled = not str(match.__file__).endswith(".py")
    assert result.output.endswith("(compiled with mypyc)\n" if compiled else "(pure Python)\n")


def test_bare_command_prints_help() -> None:
    result = run()
    assert result.exit_code == 0
    assert result.output.startswith("Usage: claimcheck")
    assert "error:" not in result.output


def test_output_file_keeps_normal_permissions(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    previous = os.umask(0o022)
    try:
        assert run("compare", str(DEMO), "-o", str(target)).exit_code == 0
    finally:
        os.umask(previous)
    assert target.stat().st_mode & 0o777 == 0o644
    target.chmod(0o640)
    run("compare", str(DEMO), "-o", str(target))
    assert target.stat().st_mode & 0o777 == 0o640  # an existing file keeps its mode


def test_format_follows_output_suffix(tmp_path: Path) -> None:
    for name, check in (
        ("r.json", '"schema"'),
        ("r.md", "# claimcheck report"),
        ("r.sarif", "2.1.0"),
    ):
        assert run("compare", str(DEMO), "-o", str(tmp_path / name)).exit_code == 0
        assert check in (tmp_path / name).read_text()
    assert (
        run("extract", str(STORIES / "ruling-a.txt"), "-o", str(tmp_path / "c.jsonl")).exit_code
        == 0
    )
    assert json.loads((tmp_path / "c.jsonl").read_text().splitlines()[0])["source"] == "ruling-a"


def test_closed_pipe_keeps_the_report_exit_code() -> None:
    command = [sys.executable, "-m", "claimcheck", "compare", str(DEMO)]
    for extra, code in (([], 0), (["--fail-on", "contradiction"], 1)):
        with subprocess.Popen(
            [*command, *extra], stdout=subprocess.PIPE, stderr=subprocess.PIPE
        ) as process:
            assert process.stdout is not None and process.stderr is not None
            process.stdout.readline()
            process.stdout.close()  # the reader stops early, as `| head -1` does
            assert process.wait(timeout=120) == code
            assert b"Traceback" not in process.stderr.read()


@pytest.mark.parametrize(
    "environment",
    [
        {"LC_ALL": "C"},  # Python's UTF-8 mode, whose stdout wrote undecodable bytes back
        {"LC_ALL": "C", "PYTHONCOERCECLOCALE": "0", "PYTHONUTF8": "0"},  # an ASCII stdout
    ],
)
def test_stdout_is_valid_utf8_under_any_locale(tmp_path: Path, environment: dict) -> None:
    # Under LC_ALL=C, stdout got invalid UTF-8 with exit 0, or a UnicodeEncodeError (issue 19).
    (tmp_path / "café.json").write_text(
        '{"title": "Café", "text": "Sales rose 5% in \\udcff March at the café."}'
    )
    (tmp_path / os.fsdecode(b"bad\xff.txt")).write_text("The river flooded in 2001.")
    for fmt in ("jsonl", "csv", "table"):
        done = subprocess.run(
            [sys.executable, "-m", "claimcheck", "extract", str(tmp_path), "--format", fmt],
            capture_output=True,
            env={**os.environ, **environment},
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        text = done.stdout.decode("utf-8")  # strict: raises on bytes that are not UTF-8
        assert "café" in text and "\ufffd" in text
        assert ("bad\\udcff" if fmt == "table" else "bad?.txt") in text  # shown, not sent


def test_an_abort_click_sees_is_one_line_and_130() -> None:
    # click turns a KeyboardInterrupt it catches into Abort (outside the command's own handler).
    @main.command("boom", hidden=True)
    def boom() -> None:
        raise KeyboardInterrupt

    try:
        result = run("boom")
    finally:
        main.commands.pop("boom")  # type: ignore[attr-defined]
    assert result.exit_code == 130
    assert result.output.strip().splitlines()[-1] == "interrupted"
    assert "Traceback" not in result.output


def test_compare_reads_stdin_in_the_format_given(tmp_path: Path) -> None:
    other = tmp_path / "b.md"
    other.write_text("# Dam\n\nThe dam opened on Friday, officials said.\n")
    story = "# Dam\n\nThe dam opened on Monday, officials said.\n"
    result = run(
        "compare", "-", str(other), "--stdin-format", "markdown", "--format", "json", input=story
    )
    report = json.loads(result.stdout)
    titles = {s["id"]: s["title"] for s in report["sources"]}
    assert titles == {"stdin": "Dam", "b": "Dam"}  # the heading mark is Markdown, not text
    as_text = run("compare", "-", str(other), "--format", "json", input=story)
    assert {s["id"]: s["title"] for s in json.loads(as_text.stdout)["sources"]}["stdin"] == "# Dam"


@pytest.mark.parametrize(
    ("command", "name", "suffixes"),
    [
        ("compare", "report.txt", ".csv, .htm, .html, .json, .jsonl, .md, .sarif, .xml"),
        ("extract", "claims.txt", ".csv, .json, .jsonl"),
    ],
)
def test_output_file_with_no_format_says_which_suffixes_pick_one(
    tmp_path: Path, command: str, name: str, suffixes: str
) -> None:
    result = run(command, "-o", str(tmp_path / name))
    assert result.exit_code == 2
    assert f"{name} names no format" in result.stderr
    assert result.stderr.rstrip().endswith(f"end the file name in {suffixes}")
    assert not (tmp_path / name).exists()


def test_github_error_annotations_name_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "fine"}\n{"text": \n')
    result = run("compare", str(DEMO), str(bad), "--format", "github")
    errors = [line for line in result.stdout.splitlines() if line.startswith("::error")]
    assert errors == [
        f"::error file={bad},line=2,title=claimcheck input::{bad}:2: malformed JSON: "
        "Expecting value at column 10"
    ]


def test_input_options_are_checked(tmp_path: Path) -> None:
    assert "unknown encoding 'nope'" in run("compare", "--encoding", "nope").stderr
    assert "not a size such as 20M" in run("extract", "--max-file-size", "lots").stderr
    result = run("compare", str(DEMO), "--max-file-size", "2K", "--format", "json")
    assert result.exit_code == 2 and "larger than the 2 KB limit" in result.stderr
