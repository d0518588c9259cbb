"""JSON in and out, strictly: every way a document can fail to parse becomes one worded reason, and
what is written is standard JSON (no NaN or Infinity) that any parser reads back.

Article files, `pairs` rows and baselines are read with `loads`; every JSON output is built with
`dumps` or `ENCODER`.
"""

from __future__ import annotations

import json
import math
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from claimcheck.errors import json_problem

_string = json.encoder.encode_basestring  # the C encoder's, with ensure_ascii=False

# Deeper documents are refused: the decoder itself would stop near the interpreter's recursion
# limit, and a value passed through to the output must still be encodable there.
MAX_DEPTH = 200

# A lone surrogate ("\ud800") cannot be encoded as UTF-8; json.loads has joined the valid pairs.
SURROGATE = re.compile(r"[\ud800-\udfff]")
SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")

ENCODER = json.JSONEncoder(ensure_ascii=False, allow_nan=False)


class JSONProblem(ValueError):
    """A document that is not the strict JSON claimcheck reads; `line` is 1-based when known."""

    def __init__(self, reason: str, line: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.line = line


def dumps(data: Any, *, indent: int | None = None) -> str:
    """`data` as standard JSON text, non-ASCII characters as themselves."""
    return json.dumps(data, indent=indent, ensure_ascii=False, allow_nan=False)


class Stream:
    """An array that pieces() writes item by item, asking `items()` for them when it gets
    there: a report's million findings then take their JSON shape one at a time, not all at
    once (the shape of them all added 42% to the peak at 10,000 articles). `count` is the
    number of items that `items()` yields."""

    __slots__ = ("count", "items")

    def __init__(self, count: int, items: Callable[[], Iterator[Any]]) -> None:
        self.count = count
        self.items = items

    def __len__(self) -> int:
        return self.count

    def __iter__(self) -> Iterator[Any]:
        return self.items()


class Raw:
    """JSON text that pieces() writes as it is, chunk by chunk, in place of a value or of several
    items of an array: what earlier pieces() calls with the same `indent` and the `level` of
    this place wrote, their items joined as pieces() joins them (report/json.py spools a story's
    findings so, and writes them once every story is in)."""

    __slots__ = ("chunks",)

    def __init__(self, chunks: Iterable[str]) -> None:
        self.chunks = chunks


_FIRST = object()  # pieces(): no item of the innermost open array or object written yet
_END = object()  # pieces(): no item left


def pieces(
    data: Any, *, indent: int | None = None, level: int = 0, size: int = 1 << 16
) -> Iterator[str]:
    """The text `dumps` gives, in pieces of about `size` characters, so that a large document is
    written without its whole text in memory (a Stream is written as the array it yields, a Raw
    as its text). With `indent`, `level` is the depth at which `data` stands in a document
    around it: its lines are indented as they are there. The
    standard library's incremental encoder nests a generator per level, and every piece of text
    passes up through each: a report of 3,000 articles took 2.2 s to encode. Here one loop walks
    a stack of the open arrays and objects (1.3 s, and a third of that compiled); the text is
    the same to the byte (tests/test_jsonio.py)."""
    step = None if indent is None else " " * indent
    comma = ", " if step is None else ","
    out: list[str] = []
    held = 0
    # Each open array or object: its items left, whether it is an object, what goes between
    # two of its items, and what closes it.
    stack: list[tuple[Iterator[Any], bool, str, str]] = []
    inside: list[Any] = []  # themselves: a value that holds itself has no JSON text
    # And the indentation of the innermost open array or object's items.
    newline = "\n" + (step or "") * level
    value = data
    while True:
        if isinstance(value, (dict, list, tuple, Stream)):
            braces = "{}" if isinstance(value, dict) else "[]"
            if not value:  # a Stream by its count
                out.append(braces)
            else:
                # Held, not only their ids: a Stream's items need not keep it alive, and a
                # Stream made while another is open could be given a freed one's id.
                if any(opened is value for opened in inside):
                    raise ValueError("Circular reference detected")
                inside.append(value)
                items = iter(value.items() if isinstance(value, dict) else value)
                if step is None:
                    out.append(braces[0])
                    stack.append((items, braces == "{}", comma, braces[1]))
                else:
                    closing = newline + braces[1]
                    newline += step
                    out.append(braces[0] + newline)
                    stack.append((items, braces == "{}", comma + newline, closing))
                value = _FIRST
        elif isinstance(value, Raw):
            for chunk in value.chunks:
                out.append(chunk)
                held += len(chunk)
                if held >= size:
                    yield "".join(out)
                    out, held = [], 0
        else:
            text = _scalar(value)
            out.append(text)
            held += len(text)
        while stack:  # the next value, closing the arrays and objects it ends
            items, is_object, between, closing = stack[-1]
            item: Any = next(items, _END)
            if item is _END:
                stack.pop()
                inside.pop()
                out.append(closing)
                if step is not None:
                    newline = newline[: len(newline) - len(step)]
                value = None
                continue
            if value is not _FIRST:
                out.append(between)
            if is_object:
                key, value = item
                out.append(_key(key) + ": ")
            else:
                value = item
            break
        else:
            break
        if held >= size:
            yield "".join(out)
            out, held = [], 0
    if out:
        yield "".join(out)


def _scalar(value: Any) -> str:
    """A string, number, boolean or null as JSON, as json.dumps writes it."""
    if isinstance(value, str):
        return _string(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"Out of range float values are not JSON compliant: {value!r}")
        return float.__repr__(value)
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def _key(key: Any) -> str:
    """An object's key as JSON: json.dumps writes a number, boolean or null key as a string."""
    if isinstance(key, str):
        return _string(key)
    if key is None or isinstance(key, (int, float)):
        return _string(_scalar(key))
    raise TypeError(f"keys must be str, int, float, bool or None, not {type(key).__name__}")


def loads(text: str, what: str = "JSON") -> Any:
    """Parse `text` as standard JSON. A lone surrogate in a string becomes U+FFFD (one character
    for one, so offsets into the string hold); NaN, Infinity, numbers out of range, integers
    longer than Python converts and nesting deeper than MAX_DEPTH raise JSONProblem."""
    try:
        data = _DECODER.decode(text)
    except json.JSONDecodeError as error:
        raise JSONProblem(json_problem(error, what), error.lineno) from error
    except RecursionError as error:
        raise JSONProblem(f"malformed {what}: nested more than {MAX_DEPTH} levels deep") from error
    except JSONProblem as error:
        raise JSONProblem(f"malformed {what}: {error.reason}") from error
    except ValueError as error:  # an integer of more digits than int() converts
        limit = sys.get_int_max_str_digits()
        raise JSONProblem(f"malformed {what}: a number of more than {limit:,} digits") from error
    if text.count("[") + text.count("{") > MAX_DEPTH and _depth(data) > MAX_DEPTH:
        raise JSONProblem(f"malformed {what}: nested more than {MAX_DEPTH} levels deep")
    return _without_surrogates(data) if SURROGATE_ESCAPE.search(text) else data


def _constant(name: str) -> Any:
    """NaN, Infinity and -Infinity, which json.loads accepts but JSON does not have."""
    raise JSONProblem(f"{name} is not a JSON value")


def _float(text: str) -> float:
    """A number with a fraction or exponent that a float holds (1e999 does not)."""
    value = float(text)
    if not math.isfinite(value):
        raise JSONProblem(f"number {text[:20]}{'…' if len(text) > 20 else ''} is out of range")
    return value


def _depth(data: Any) -> int:
    """How deeply arrays and objects nest in `data` (a scalar is 0), without recursion."""
    deepest = 0
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            value = list(value.values())
        if isinstance(value, list):
            deepest = max(deepest, depth)
            if deepest > MAX_DEPTH:
                break
            stack.extend((child, depth + 1) for child in value)
    return deepest


def _without_surrogates(data: Any) -> Any:
    """`data` (nested at most MAX_DEPTH deep) with every lone surrogate in its strings, keys
    too, replaced by U+FFFD."""
    if isinstance(data, str):
        return SURROGATE.sub("\ufffd", data)
    if isinstance(data, list):
        return [_without_surrogates(v) for v in data]
    if isinstance(data, dict):
        return {_without_surrogates(k): _without_surrogates(v) for k, v in data.items()}
    return data


_DECODER = json.JSONDecoder(parse_constant=_constant, parse_float=_float)
