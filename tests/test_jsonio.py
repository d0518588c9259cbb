"""Strict JSON in and out: one worded reason for every way a document fails, standard JSON out."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

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


# Any JSON value, keys of every kind json.dumps accepts, strings with quotes, escapes, line
# separators and lone surrogates.
JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.tuples(inner, inner)
        | st.dictionaries(
            st.text()
            | st.integers()
            | st.floats(allow_nan=False, allow_infinity=False)
            | st.booleans()
            | st.none(),
            inner,
            max_size=4,
        )
    ),
    max_leaves=30,
)


@given(JSON_VALUES, st.sampled_from([None, 0, 2, 4]), st.sampled_from([1, 16, 1 << 16]))
def test_pieces_are_the_text_json_dumps_gives_to_the_byte(
    data: object, indent: int | None, size: int
) -> None:
    expected = json.dumps(data, indent=indent, ensure_ascii=False, allow_nan=False)
    assert "".join(jsonio.pieces(data, indent=indent, size=size)) == expected


def _streamed(data: object) -> object:
    """`data` with each of its arrays a jsonio.Stream of the same items, made when written."""
    if isinstance(data, dict):
        return {k: _streamed(v) for k, v in data.items()}
    if isinstance(data, (list, tuple)):
        items = [_streamed(v) for v in data]
        return jsonio.Stream(len(items), lambda: iter(items))
    return data


@given(JSON_VALUES, st.sampled_from([None, 0, 2, 4]), st.sampled_from([1, 1 << 16]))
def test_streams_are_written_as_the_arrays_they_yield(
    data: object, indent: int | None, size: int
) -> None:
    expected = json.dumps(data, indent=indent, ensure_ascii=False, allow_nan=False)
    assert "".join(jsonio.pieces(_streamed(data), indent=indent, size=size)) == expected


@given(
    st.lists(JSON_VALUES, min_size=1, max_size=6),
    st.sampled_from([None, 0, 2, 4]),
    st.integers(1, 5),
    st.integers(1, 40),
)
def test_raw_text_made_at_its_level_stands_for_the_values(
    items: list[object], indent: int | None, stories: int, chunk: int
) -> None:
    # report/json.Spool: each story's items written alone, at the depth they stand at, joined
    # as pieces() joins them; their texts put in the document later, read back in chunks.
    between = ", " if indent is None else ",\n" + " " * (2 * indent)
    texts = [
        between.join("".join(jsonio.pieces(v, indent=indent, level=2)) for v in items[k::stories])
        for k in range(min(stories, len(items)))
    ]
    raws = [jsonio.Raw([t[i : i + chunk] for i in range(0, len(t), chunk)]) for t in texts]
    document = {"a": 1, "findings": jsonio.Stream(len(raws), lambda: iter(raws))}
    order = [v for k in range(len(texts)) for v in items[k::stories]]
    expected = json.dumps({"a": 1, "findings": order}, indent=indent, ensure_ascii=False)
    assert "".join(jsonio.pieces(document, indent=indent, size=16)) == expected


def test_a_stream_is_made_item_by_item_as_it_is_written() -> None:
    made: list[int] = []

    def items() -> Iterator[int]:
        for n in range(100):
            made.append(n)
            yield n

    def never() -> Iterator[int]:
        raise AssertionError("an empty stream is not asked for its items")

    written = jsonio.pieces({"a": jsonio.Stream(100, items), "b": jsonio.Stream(0, never)}, size=1)
    assert next(written) == '{"a": [0, ' and made == [0, 1]  # the next item, to know one is left
    assert "".join(written) == ", ".join(map(str, range(1, 100))) + '], "b": []}'
    assert made == list(range(100))


def test_streams_made_as_others_are_written_are_no_circular_references() -> None:
    # Each Stream is made by the one around it as it is written, and held by nothing else: a
    # freed one's id is soon another's.
    def pairs() -> Iterator[jsonio.Stream]:
        for _ in range(3):
            yield jsonio.Stream(2, lambda: iter([1, 2]))

    def rows() -> Iterator[jsonio.Stream]:
        for _ in range(3):
            yield jsonio.Stream(3, pairs)

    expected = json.dumps({"x": [[[1, 2]] * 3] * 3}, indent=2)
    assert "".join(jsonio.pieces({"x": jsonio.Stream(3, rows)}, indent=2)) == expected


def _holding_itself() -> list[object]:
    data: list[object] = [1]
    data.append({"a": data})
    return data


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ([1, float("nan")], ValueError),
        ({"a": float("inf")}, ValueError),
        ([object()], TypeError),
        ({(1, 2): 3}, TypeError),
        (_holding_itself(), ValueError),
    ],
)
def test_pieces_refuse_what_json_dumps_refuses(data: object, error: type[Exception]) -> None:
    with pytest.raises(error):
        list(jsonio.pieces(data, indent=2))
    with pytest.raises(error):
        json.dumps(data, indent=2, allow_nan=False)
