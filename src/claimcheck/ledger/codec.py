"""Articles and claims as the ledger stores them: JSON text that reads back into equal records.

`Claim.to_dict()` is the report's shape (an unbounded interval end is null, a date has its ISO
form besides its parts); the ledger keeps every field as the record holds it instead, so that a
stored claim is the claim `extract` made, field for field.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from claimcheck.kinds import ClaimType
from claimcheck.model import Article, Attribution, Claim, DateRef, Quantity, Span


def dump_claim(claim: Claim) -> str:
    """A claim as JSON text (infinite interval ends written as JSON's Infinity extension)."""
    data = asdict(claim)
    data["type"] = claim.type.value
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def load_claim(text: str) -> Claim:
    """The claim `dump_claim` wrote."""
    data: dict[str, Any] = json.loads(text)
    attribution = data["attribution"]
    return Claim(
        id=data["id"],
        article_id=data["article_id"],
        path=data["path"],
        text=data["text"],
        quote=data["quote"],
        span=Span(**data["span"]),
        type=ClaimType(data["type"]),
        actors=tuple(data["actors"]),
        dates=tuple(DateRef(**d) for d in data["dates"]),
        quantities=tuple(Quantity(**q) for q in data["quantities"]),
        negated=data["negated"],
        negation_cue=data["negation_cue"],
        modality=data["modality"],
        hedges=tuple(data["hedges"]),
        attribution=Attribution(**attribution) if attribution else None,
        resolved=tuple((t, e) for t, e in data["resolved"]),
        certain=data["certain"],
    )


def dump_body(article: Article) -> str:
    """An article's body ranges as JSON text."""
    return json.dumps([list(r) for r in article.body])


def load_article(row: Any) -> Article:
    """An article from its row of the articles table."""
    return Article(
        id=row.source,
        path=row.path,
        text=row.text,
        title=row.title,
        date=row.date,
        author=row.author,
        outlet=row.outlet,
        url=row.url,
        format=row.format,
        body=tuple((int(a), int(b)) for a, b in json.loads(row.body)),
    )
