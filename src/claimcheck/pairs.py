"""Judge sentence or claim pairs directly, with the same extraction, matcher and judge as compare.

Rows stream through one at a time, so memory stays flat however long the input is; a malformed
row becomes an error row and the run goes on.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache, partial
from typing import Any

from claimcheck import jsonio
from claimcheck.errors import undecodable
from claimcheck.extract import claim_of
from claimcheck.judge import judge
from claimcheck.model import Claim, PairResult
from claimcheck.normalise import Features, features
from claimcheck.settings import Settings

RESULT_FIELDS = ("id", "similarity", "relation", "conflict", "explanation")
_NOT_PASSED = frozenset({"a", "b", *RESULT_FIELDS})  # input fields that do not pass through


def judge_texts(a: str, b: str, settings: Settings | None = None) -> PairResult:
    """The relation of two texts: similarity, relation, conflict and a plain-words explanation."""
    return _Judge.of(settings or Settings())(a, b)


class _Judge:
    """Judges pairs of texts under one set of settings, keeping the claim and features of the
    texts it met last: spreadsheets of pairs repeat texts. judge_lines() makes one for a whole
    input; a cache shared by all settings would hash the settings at every text looked up."""

    def __init__(self, settings: Settings) -> None:
        self.antonyms = settings.antonyms
        self.fitted = settings.fitted
        self.prepared = lru_cache(maxsize=4096)(partial(_prepare, settings=settings))

    @staticmethod
    @lru_cache(maxsize=8)
    def of(settings: Settings) -> _Judge:
        return _Judge(settings)

    def __call__(self, a: str, b: str) -> PairResult:
        (ca, fa), (cb, fb) = self.prepared(a), self.prepared(b)
        judgement = judge(ca, cb, fa=fa, fb=fb, extra_antonyms=self.antonyms, fitted=self.fitted)
        return PairResult(
            round(judgement.similarity, 4),
            judgement.relation,
            judgement.conflict,
            judgement.explanation,
        )


def _prepare(text: str, settings: Settings) -> tuple[Claim, Features]:
    """A text's claim and features. The claim goes only to the judge, so what the judge never
    reads is not worked out."""
    claim = claim_of(text, "text", settings, marks=False)
    return claim, features(claim.text, claim.actors)


def _row(row: Any, number: int, judge_pair: _Judge) -> dict[str, Any]:
    """One output row for one input row; fields other than `a` and `b` pass through untouched."""
    if not isinstance(row, dict):
        return error_row(None, number, "row is not a JSON object")
    missing = [k for k in ("a", "b") if not isinstance(row.get(k), str)]
    problem = "is not text" if missing and missing[0] in row else "is missing"
    row_id = row.get("id", number)
    extra = {k: v for k, v in row.items() if k not in _NOT_PASSED}
    if missing:
        return {**error_row(row_id, number, f'field "{missing[0]}" {problem}'), **extra}
    return {"id": row_id, **judge_pair(row["a"], row["b"]).to_dict(), **extra}


def error_row(row_id: Any, number: int, message: str) -> dict[str, Any]:
    """An output row for an input row that cannot be judged; `id` is null when unknown."""
    return {
        "id": row_id,
        "similarity": None,
        "relation": "error",
        "conflict": None,
        "explanation": None,
        "error": f"line {number}: {message}",
    }


def judge_lines(
    lines: Iterable[str | bytes], settings: Settings | None = None
) -> Iterator[dict[str, Any]]:
    """Judge JSON Lines input lazily, in input order; blank lines are skipped."""
    judge_pair = _Judge.of(settings or Settings())
    for number, raw in enumerate(lines, 1):
        try:
            line = raw.decode("utf-8") if isinstance(raw, bytes) else raw
        except UnicodeDecodeError as error:
            yield error_row(None, number, undecodable(error))
            continue
        if not line.strip():
            continue
        try:
            row = jsonio.loads(line)
        except jsonio.JSONProblem as error:
            yield error_row(None, number, error.reason)
            continue
        yield _row(row, number, judge_pair)
