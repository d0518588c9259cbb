"""Writing results: whole files or nothing, and claim exports built from `Claim.to_dict()`."""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from claimcheck.errors import ClaimcheckError
from claimcheck.model import Article, Claim
from claimcheck.report.terminal import attribution_text

CLAIM_COLUMNS = (
    "id",
    "source",
    "path",
    "line",
    "column",
    "start",
    "end",
    "type",
    "text",
    "quote",
    "actors",
    "dates",
    "quantities",
    "negated",
    "negation_cue",
    "modality",
    "hedges",
    "attribution",
    "certain",
)


def write_atomic(path: str | Path, text: str) -> None:
    """Write `text` to `path` through a temporary file in the same folder, then rename it."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise ClaimcheckError(f"cannot write output: {error.strerror}", path=str(path)) from error
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
        os.replace(temporary, target)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise ClaimcheckError(f"cannot write output: {error.strerror}", path=str(path)) from error


def claims_json(articles: Sequence[Article], claims: Sequence[Claim]) -> str:
    data = {
        "schema": "claimcheck.claims/1",
        "sources": [a.to_dict() for a in articles],
        "claims": [c.to_dict() for c in claims],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def claims_jsonl(claims: Sequence[Claim]) -> str:
    return "".join(json.dumps(c.to_dict(), ensure_ascii=False) + "\n" for c in claims)


def claims_csv(claims: Sequence[Claim]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(
        buffer, fieldnames=CLAIM_COLUMNS, extrasaction="ignore", lineterminator="\n"
    )
    writer.writeheader()
    for claim in claims:
        row = claim.to_dict()
        row["actors"] = "; ".join(claim.actors)
        row["dates"] = "; ".join(d.iso + (" (context)" if d.inherited else "") for d in claim.dates)
        row["quantities"] = "; ".join(q.text for q in claim.quantities)
        row["hedges"] = "; ".join(claim.hedges)
        row["attribution"] = attribution_text(claim)
        writer.writerow(row)
    return buffer.getvalue()
