"""claimcheck pairs: order, passthrough, error rows, streaming."""

from __future__ import annotations

import json
import tracemalloc
from collections.abc import Iterator

import pytest
from click.testing import CliRunner

from claimcheck.cli import main
from claimcheck.extract import claim_of
from claimcheck.judge import judge
from claimcheck.kinds import Relation
from claimcheck.model import Conflict, PairResult
from claimcheck.pairs import judge_lines, judge_texts

ROWS = [
    {"id": "n", "a": "Revenue was $4.2 billion.", "b": "Revenue was $3.1 billion.", "sheet": "Q3"},
    {"id": 7, "a": "The court ordered a retrial.", "b": "The court did not order a retrial."},
    {"id": "p", "a": "Sales rose in May.", "b": "In May, sales rose."},
]


def test_rows_keep_order_and_extra_fields() -> None:
    out = list(judge_lines(json.dumps(r) for r in ROWS))
    assert [r["id"] for r in out] == ["n", 7, "p"]
    assert [r["relation"] for r in out] == ["contradiction", "contradiction", "equivalent"]
    assert out[0]["sheet"] == "Q3"
    assert out[0]["conflict"] == {
        "slot": "number",
        "values": {"a": "$4.2 billion", "b": "$3.1 billion"},
    }
    assert 0 <= out[2]["similarity"] <= 1


def test_malformed_rows_become_error_rows() -> None:
    lines = [
        '{"id": 1, "a": "x", "b": "y"}',
        "not json",
        '{"id": 3, "a": "only a"}',
        "[1, 2]",
        "",
        b"\xff\xfe\n",
        '{"id": 6, "a": "x", "b": "y"}',
    ]
    out = list(judge_lines(lines))
    assert [r["relation"] for r in out] == [
        "unrelated",
        "error",
        "error",
        "error",
        "error",
        "unrelated",
    ]
    assert out[1]["error"].startswith("line 2: malformed JSON")
    assert out[2] == {
        "id": 3,
        "similarity": None,
        "relation": "error",
        "conflict": None,
        "explanation": None,
        "error": 'line 3: field "b" is missing',
    }
    assert out[4]["error"] == "line 6: not UTF-8 text (byte 0xff at offset 0)"  # as load() says
    assert out[1]["id"] is None  # unknown for a line that is not JSON
    bad_type = next(judge_lines(['{"id": 9, "a": 1, "b": "x"}']))
    assert bad_type["error"] == 'line 1: field "a" is not text'


@pytest.mark.parametrize(
    ("line", "error"),
    [
        ("[" * 100_000 + "]" * 100_000, "line 1: malformed JSON: nested more than 200 levels deep"),
        ('{"a": "x", "b": "y", "n": ' + "[" * 300 + "]" * 300 + "}", "nested more than 200"),
        ('{"a": "x", "b": "y", "n": ' + "1" * 5000 + "}", "a number of more than 4,300 digits"),
        ('{"id": NaN, "a": "x", "b": "y"}', "line 1: malformed JSON: NaN is not a JSON value"),
        ('{"id": 1e999, "a": "x", "b": "y"}', "malformed JSON: number 1e999 is out of range"),
    ],
)
def test_rows_json_cannot_hold_become_error_rows_and_the_stream_goes_on(
    line: str, error: str
) -> None:
    # RecursionError and ValueError ended the stream; NaN or 1e999 passed through (issue 19).
    first, second = judge_lines([line, '{"id": 2, "a": "x", "b": "y"}'])
    assert first["relation"] == "error" and error in first["error"]
    assert second["id"] == 2 and second["relation"] == "unrelated"


def test_a_huge_figure_is_judged_not_raised() -> None:
    # A figure of 309+ digits raised OverflowError and aborted `claimcheck pairs` (issue 19).
    huge = "1" + "0" * 320
    lines = [
        json.dumps({"id": 1, "a": f"Sales were {huge} units.", "b": "Sales were 5 units."}),
        json.dumps({"id": 2, "a": f"Sales were {huge} units.", "b": f"Sales were {huge} units."}),
    ]
    first, second = judge_lines(lines)
    assert first["relation"] == "contradiction" and first["conflict"]["slot"] == "number"
    assert second["relation"] == "equivalent"


def test_an_impossible_iso_date_is_no_date() -> None:
    # "2001-02-30" raised ValueError in the judge (issue 19).
    row = judge_texts(
        "The treaty was signed on 2001-02-30.", "The treaty was signed on 2001-03-05."
    )
    assert row.relation is Relation.EQUIVALENT
    assert row.conflict is None


def test_lone_surrogates_in_rows_are_written_as_replacement_characters(tmp_path) -> None:
    # "\ud800" in a row crashed the write (issue 19).
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": "\\ud800", "a": "Sales rose \\udcff.", "b": "Sales fell."}\n')
    for fmt in ("jsonl", "csv", "table"):
        result = CliRunner().invoke(main, ["pairs", str(source), "--format", fmt])
        assert result.exit_code == 0, result.output
        assert "\ufffd" in result.output


def test_judge_texts_is_the_library_entry_point() -> None:
    result = judge_texts("Sales rose 5%.", "Sales fell 5%.")
    assert isinstance(result, PairResult)
    assert result.relation is Relation.CONTRADICTION
    assert result.conflict == Conflict("antonym", {"a": "rose", "b": "fell"})
    assert result.to_dict() == {
        "similarity": result.similarity,
        "relation": "contradiction",
        "conflict": {"slot": "antonym", "values": {"a": "rose", "b": "fell"}},
        "explanation": result.explanation,
    }


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Sales may have risen about 5% in 2023.", "Sales reportedly fell 5% in 2023."),
        ("Is the court likely to order a retrial?", "The court did not order a retrial."),
        ("Acme Wins Appeal", "Acme could lose the appeal, analysts say."),
        ("We think the vote was delayed.", "The vote was possibly held on 3 May 2021."),
    ],
)
def test_pairs_judge_as_full_claims_would(a: str, b: str) -> None:
    """pairs leaves out what the judge never reads (type, modality, hedges); judging the full
    claims must give the same result."""
    judgement = judge(claim_of(a, "a"), claim_of(b, "b"))
    assert judge_texts(a, b) == PairResult(
        round(judgement.similarity, 4),
        judgement.relation,
        judgement.conflict,
        judgement.explanation,
    )


def test_streaming_memory_stays_flat() -> None:
    def rows(n: int) -> Iterator[str]:
        for i in range(n):
            yield json.dumps(
                {"id": i, "a": f"Sales rose {i % 90} percent in May.", "b": "Sales rose in May."}
            )

    def peak(n: int) -> int:
        tracemalloc.start()
        for _ in judge_lines(rows(n)):
            pass
        _, top = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        return top

    peak(50)  # warm the caches
    small, large = peak(200), peak(2000)
    assert large < small * 2 + 200_000  # ten times the rows, not ten times the memory


def test_cli_jsonl_csv_and_file_output(tmp_path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in ROWS) + "oops\n")
    runner = CliRunner()
    result = runner.invoke(main, ["pairs", str(source)])
    assert result.exit_code == 0
    lines = [json.loads(x) for x in result.output.splitlines()]
    assert [r["relation"] for r in lines] == [
        "contradiction",
        "contradiction",
        "equivalent",
        "error",
    ]
    target = tmp_path / "out.csv"
    result = runner.invoke(main, ["pairs", str(source), "--format", "csv", "-o", str(target)])
    assert result.exit_code == 0 and result.output == ""
    header, first, *_ = target.read_text().splitlines()
    assert header.startswith("id,similarity,relation,conflict_slot")
    assert first.startswith("n,") and ",contradiction,number," in first


def test_the_fitted_table_of_a_configuration_file_reaches_pairs(tmp_path) -> None:
    # The match score from which pairs calls two texts the same claim is a fitted threshold,
    # not compare's --threshold; a configuration file can raise it, and config --show says so.
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in ROWS))
    config = tmp_path / "claimcheck.toml"
    config.write_text("fitted = { equivalent = 0.98 }\n")
    runner = CliRunner()
    default = runner.invoke(main, ["pairs", str(source)])
    raised = runner.invoke(main, ["pairs", str(source), "--config", str(config)])
    before = [json.loads(x)["relation"] for x in default.output.splitlines()]
    after = [json.loads(x)["relation"] for x in raised.output.splitlines()]
    assert before[2] == "equivalent" and after[2] == "related"
    assert before[:2] == after[:2]
    shown = runner.invoke(main, ["config", "--show", "--format", "json", "--config", str(config)])
    fitted = json.loads(shown.output)["settings"]["fitted"]
    assert fitted["value"]["equivalent"] == 0.98 and fitted["source"] == str(config)


def test_cli_reads_stdin_and_fails_only_when_input_unreadable(tmp_path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["pairs"], input=json.dumps(ROWS[1]) + "\n")
    assert json.loads(result.output)["relation"] == "contradiction"
    missing = tmp_path / "missing.jsonl"
    result = runner.invoke(main, ["pairs", str(missing)])
    assert result.exit_code == 2
    assert result.output.strip() == f"error: {missing}: no such file or directory"


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "empty file"),
        (b"\n \r\n\t\n", "empty file"),
        (b"\xef\xbb\xbf\n\n", "empty file"),
        (b"\x7fELF\x02\x01\x00\x00\n", "binary file"),
    ],
)
def test_cli_refuses_empty_and_binary_input_in_one_line(tmp_path, content, problem) -> None:
    source = tmp_path / "pairs.jsonl"
    source.write_bytes(content)
    result = CliRunner().invoke(main, ["pairs", str(source), "--format", "csv"])
    assert result.exit_code == 2
    assert result.output.startswith(f"error: {source}: {problem}")
    assert len(result.output.splitlines()) == 1  # nothing else, not even the CSV header


def test_leading_blank_lines_keep_the_line_numbers(tmp_path) -> None:
    source = tmp_path / "pairs.jsonl"
    source.write_bytes(b'\xef\xbb\xbf\n\n{"a": 1}\n{"a": "x", "b": "y"}\n')
    result = CliRunner().invoke(main, ["pairs", str(source)])
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert rows[0]["error"] == 'line 3: field "a" is not text'
    assert [r["id"] for r in rows] == [3, 4]  # an id missing is the line number
