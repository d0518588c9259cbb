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
from collections.abc import Iterator
from typing import Any

from claimcheck.errors import json_problem

# Deeper documents are refused: the decoder itself would stop near the interpreter's recursion
# limit, and a value passed through to the output must still be encodable there.
MAX_DEPTH = 200

# A lone surrogate ("\ud800") cannot be encoded as UTF-8; json.loads has joined the valid pairs.
SURROGATE = re.compile("[\ud800-\udfff]")
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


def pieces(data: Any, *, indent: int | None = None, size: int = 1 << 16) -> Iterator[str]:
    """The text `dumps` gives, in pieces of about `size` characters, so that a large document is
    written without its whole text in memory."""
    encoder = json.JSONEncoder(indent=indent, ensure_ascii=False, allow_nan=False)
    buffer: list[str] = []
    held = 0
    for chunk in encoder.iterencode(data):
        buffer.append(chunk)
        held += len(chunk)
        if held >= size:
            yield "".join(buffer)
            buffer, held = [], 0
    if buffer:
        yield "".join(buffer)


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
