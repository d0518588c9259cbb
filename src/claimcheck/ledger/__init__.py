"""The claim ledger: articles indexed once, with their claims, facts and stem postings, in a
database (a SQLite file, or PostgreSQL for a team), so that a new article or a draft can be
checked against everything already reported without extracting it all again.

`index` stores articles (an unchanged one is skipped by its content hash; a changed one replaces
its earlier version, and the claims that came and went are kept as history). `check` finds the
stored articles that share rare content stems with the new ones, in the database, and runs
compare's own matcher and judge over them and the new articles: its findings are those that
involve a new article.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from claimcheck.compare import claims_of, judge_claims, own_claims
from claimcheck.copies import originals
from claimcheck.errors import LoadError
from claimcheck.facts import facts_of
from claimcheck.ledger.store import DEFAULT, Entry, Ledger
from claimcheck.load import load
from claimcheck.model import Article, Claim, Report
from claimcheck.normalise import features
from claimcheck.settings import Settings
from claimcheck.timing import Progress, Stages

__all__ = ["DEFAULT", "Indexed", "Ledger", "check", "index"]

# Stored articles compared with the new ones, at most: those sharing the most rare stems, as
# many as have CLAIMS claims between them. Judging grows with the claims compared (some 15
# candidate pairs a claim): at 600 a check of one article stays under a second on 10,000
# stored Multi-News articles (benchmarks/ledger.py), where 1,000 took up to 1.3 s.
ARTICLES = 20
CLAIMS = 600


@dataclass(slots=True)
class Indexed:
    """What one `index` run did: the sources added, replaced and left unchanged."""

    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    claims: int = 0  # claims stored by this run
    errors: tuple[LoadError, ...] = ()  # the inputs that could not be loaded

    @property
    def exit_code(self) -> int:
        return 2 if self.errors else 0


def digest(article: Article) -> str:
    """The content hash of an article as loaded: its text, body ranges and metadata."""
    data = {**article.to_dict(with_text=True), "body": [list(r) for r in article.body]}
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()


def now() -> str:
    return datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")


def index(
    inputs: Iterable[str | Path | Article],
    ledger: Ledger,
    settings: Settings | None = None,
    *,
    progress: Progress | None = None,
) -> Indexed:
    """Store the articles at `inputs` in `ledger`, each in a transaction of its own."""
    settings = settings or Settings()
    articles, errors = _articles(inputs, settings)
    done = Indexed(errors=errors)
    with Stages(progress).stage("index", len(articles)) as step:
        for article in articles:
            key = digest(article)
            if ledger.digest(article.id) == key:
                done.unchanged.append(article.id)
                step()
                continue
            entry = _entry(article, key, settings)
            outcome = ledger.store(entry, now())
            {"added": done.added, "replaced": done.replaced, "unchanged": done.unchanged}[
                outcome
            ].append(article.id)
            done.claims += len(entry.claims) if outcome != "unchanged" else 0
            step()
    return done


def _entry(article: Article, key: str, settings: Settings) -> Entry:
    claims = claims_of(article, settings)
    feats = [features(c.text, c.actors) for c in claims]
    facts = [fact for n, c in enumerate(claims) for fact in facts_of(n, c, feats[n])]
    stems = frozenset(s for f in feats for s in f.content)  # as _stems() has them
    return Entry(article, key, claims, facts, stems)


def check(
    inputs: Iterable[str | Path | Article],
    ledger: Ledger,
    settings: Settings | None = None,
    *,
    since: str | None = None,
    sources: Sequence[str] = (),
    articles: int = ARTICLES,
    claims: int = CLAIMS,
    progress: Progress | None = None,
) -> Report:
    """Compare the articles at `inputs` with the stored articles that cover the same story
    (published on or after `since`, among `sources` when given): the `articles` that share the
    most rare words with them, no more than have `claims` claims. The findings involving them."""
    settings = settings or Settings()
    stages = Stages(progress)
    with stages.stage("load"):
        new, errors = _articles(inputs, settings)
    with stages.stage("extract", len(new)) as step:
        fresh: dict[str, list[Claim]] = {}
        for article in new:
            fresh[article.id] = claims_of(article, settings)
            step()
    with stages.stage("ledger"):
        stems = {s for own in fresh.values() for c in own for s in _stems(c)}
        numbers = ledger.candidates(
            stems, exclude=fresh, since=since, sources=sources, limit=articles, claims=claims
        )
        stored = ledger.articles(sorted(numbers))
    known = {a.id: said for a, said in stored}
    # In the order compare would read them from one folder: its grouping is greedy, and ties
    # are broken by the claims' order, so this order gives the findings compare gives.
    everything = sorted([a for a, _ in stored] + new, key=lambda a: (a.path, a.id))
    found = own_claims(
        everything, originals(everything), lambda a: fresh[a.id] if a.id in fresh else known[a.id]
    )
    findings, facts = judge_claims(found, settings, stages=stages)
    mine = {c.id for c in found if c.article_id in fresh}
    return Report(
        tuple(everything),
        tuple(found),
        tuple(f for f in findings if any(m.claim.article_id in fresh for m in f.members)),
        settings,
        errors,
        timings=tuple(stages.timings),
        facts=tuple(row for row in facts if mine.intersection(row.claims)),
    )


def _stems(claim: Claim) -> frozenset[str]:
    """The content stems of a claim, as compare's index posts them."""
    return features(claim.text, claim.actors).content


def _articles(
    inputs: Iterable[str | Path | Article], settings: Settings
) -> tuple[list[Article], tuple[LoadError, ...]]:
    items = list(inputs)
    given = [a for a in items if isinstance(a, Article)]
    loaded, errors = load([p for p in items if not isinstance(p, Article)])
    kept = [a for a in (*given, *loaded) if a.id not in settings.ignore_sources]
    return kept, tuple(errors)
