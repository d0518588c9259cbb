"""Strict JSON in and out: one worded reason for every way a document fails, standard JSON out."""

from __future__ import annotations

import json

import pytest

from claimcheck import jsonio


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("[" * 100_000 + "]" * 100_000, "malformed JSON: nested more than 200 levels deep"),
        ("[" * 201 + "]" * 201, "malformed JSON: nested more than 200 levels deep"),
        ("1" * 5000, "malformed JSON: a number of more than 4,300 digits"),
        ("[NaN]", "malformed JSON: NaN is not a JSON value"),
        ('{"a": -Infinity}', "malformed JSON: -Infinity is not a JSON value"),
        ("[1e999]", "malformed JSON: number 1e999 is out of range"),
        ('{"a": 1', "malformed JSON: Expecting ',' delimiter at column 8"),
    ],
)
def test_every_failure_is_one_reason(text: str, reason: str) -> None:
    # RecursionError and ValueError escaped json.loads as tracebacks (issue 19).
    with pytest.raises(jsonio.JSONProblem) as caught:
        jsonio.loads(text)
    assert caught.value.reason == reason


def test_nesting_up_to_the_limit_and_wide_documents_are_read() -> None:
    deep = "[" * 200 + "]" * 200
    assert jsonio.loads(deep) == json.loads(deep)
    wide = json.dumps([[i] for i in range(1000)])  # many brackets, little depth
    assert jsonio.loads(wide) == json.loads(wide)


def test_lone_surrogates_become_replacement_characters_one_for_one() -> None:
    data = jsonio.loads('{"t\\ud800": ["a\\udcffb", "\\ud83d\\ude00"]}')
    assert data == {"t\ufffd": ["a\ufffdb", "😀"]}  # a valid pair stays one character
    assert len(data["t\ufffd"][0]) == 3  # offsets into the text hold


def test_the_line_of_a_syntax_error_is_kept() -> None:
    with pytest.raises(jsonio.JSONProblem) as caught:
        jsonio.loads('{\n"a": 1,\n}', "baseline JSON")
    assert caught.value.line == 3
    assert caught.value.reason.startswith("malformed baseline JSON: ")


def test_output_is_standard_json() -> None:
    assert jsonio.dumps({"a": "é", "b": [1.5, None]}) == '{"a": "é", "b": [1.5, null]}'
    for value in (float("inf"), float("nan")):
        with pytest.raises(ValueError):
            jsonio.dumps([value])
        with pytest.raises(ValueError):
            jsonio.ENCODER.encode([value])


@pytest.mark.parametrize("size", [1, 7, 1 << 16])
def test_pieces_join_to_the_text_dumps_gives(size: int) -> None:
    data = {"a": [1, 2.5, None, True], "b": {"é": "“quoted”"}, "c": list(range(50))}
    found = list(jsonio.pieces(data, indent=2, size=size))
    assert "".join(found) == jsonio.dumps(data, indent=2)
    assert (len(found) > 1) == (size < 100)  # pieces of about `size` characters
