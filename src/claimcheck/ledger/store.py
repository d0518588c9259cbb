"""The ledger's database: every query it runs, on SQLite or PostgreSQL (opened by engine.py).

SQLAlchemy Core writes the SQL for both engines. On SQLite the file is in WAL mode with a busy
timeout, and every write transaction begins IMMEDIATE, so that two writers queue for the lock
instead of failing (engine.py); on PostgreSQL an article's row is locked while it is replaced,
and two processes adding one new source at once meet at its unique key (the second then finds
it).
"""

from __future__ import annotations

import math
import os
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, delete, func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from claimcheck.errors import LedgerError
from claimcheck.facts import Fact
from claimcheck.ledger import schema
from claimcheck.ledger.codec import dump_body, dump_claim, load_article, load_claim
from claimcheck.ledger.engine import open_engine
from claimcheck.ledger.schema import ARTICLES, CLAIMS, FACTS, HISTORY, TERMS
from claimcheck.model import Article, Claim

DEFAULT = "claimcheck.db"
ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True, slots=True)
class Entry:
    """An article to store: the article, its claims, their facts and content stems."""

    article: Article
    digest: str
    claims: Sequence[Claim]
    facts: Sequence[Fact]
    stems: frozenset[str]


class Ledger:
    """An open ledger. `target` is a file path (SQLite) or a postgresql:// URL."""

    def __init__(self, target: str, *, create: bool = False) -> None:
        self.name = target
        self.engine = open_engine(target, create=create)
        self.sqlite = self.engine.dialect.name == "sqlite"
        if not self.sqlite:  # as given, without its password
            self.name = make_url(target).render_as_string(hide_password=True)
        try:
            with self.errors():
                self._migrate()
        except BaseException:
            self.engine.dispose()
            raise

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *_: object) -> None:
        self.engine.dispose()

    @contextmanager
    def errors(self) -> Iterator[None]:
        """A database error as a LedgerError naming the ledger and the problem in one line."""
        try:
            yield
        except SQLAlchemyError as error:
            cause = str(getattr(error, "orig", None) or error).strip().splitlines()
            reason = cause[0] if cause else type(error).__name__
            raise LedgerError(reason, path=self.name) from error

    @contextmanager
    def writing(self) -> Iterator[Connection]:
        """A write transaction: committed whole when the block ends, rolled back on any error."""
        with self.engine.connect() as conn:
            conn.execution_options(write=True)
            with conn.begin():
                yield conn

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        with self.engine.connect() as conn, conn.begin():
            yield conn

    def _migrate(self) -> None:
        with self.reading() as conn:
            found = schema.version(conn)
            if found == 0 and conn.dialect.has_table(conn, "articles"):
                raise LedgerError(
                    "holds an articles table but is no claimcheck ledger", path=self.name
                )
        schema.refuse_newer(found)
        if found == schema.LATEST:
            return
        with self.writing() as conn:
            if not self.sqlite:  # two processes creating one ledger: one at a time
                conn.execute(text("SELECT pg_advisory_xact_lock(1718513)"))
            schema.migrate(conn)

    def digest(self, source: str) -> str | None:
        """The content hash of the stored version of `source`, if any."""
        with self.errors(), self.reading() as conn:
            found = conn.execute(select(ARTICLES.c.hash).where(ARTICLES.c.source == source))
            return found.scalar()

    def store(self, entry: Entry, at: str) -> str:
        """Add or replace one article in one transaction: added, replaced or unchanged."""
        with self.errors():
            try:
                return self._store(entry, at)
            except IntegrityError:
                # Another process added this source since we looked: look again.
                return self._store(entry, at)

    def _store(self, entry: Entry, at: str) -> str:
        article = entry.article
        with self.writing() as conn:
            row = conn.execute(
                select(ARTICLES.c.id, ARTICLES.c.hash, ARTICLES.c.version)
                .where(ARTICLES.c.source == article.id)
                .with_for_update()
            ).first()
            if row is not None and row.hash == entry.digest:
                return "unchanged"
            values = _article_values(entry, at)
            if row is None:
                version = 1
                inserted = ARTICLES.insert().values(**values, version=version)
                number = int(conn.execute(inserted.returning(ARTICLES.c.id)).scalar_one())
                changes = [("indexed", article.title or article.path)]
            else:
                number, version = row.id, row.version + 1
                before = [load_claim(d).text for d in _claim_data(conn, number)]
                _drop_rows(conn, number)
                conn.execute(
                    ARTICLES.update()
                    .where(ARTICLES.c.id == number)
                    .values(**values, version=version)
                )
                changes = _changes(before, [c.text for c in entry.claims])
            _insert_rows(conn, number, entry)
            if changes:
                conn.execute(
                    HISTORY.insert(),
                    [
                        {"source": article.id, "version": version, "at": at, "change": c, "text": t}
                        for c, t in changes
                    ],
                )
            return "added" if row is None else "replaced"

    def forget(self, source: str) -> int:
        """Remove a source, its claims, facts, postings and history; how many claims it had."""
        with self.errors(), self.writing() as conn:
            number = conn.execute(select(ARTICLES.c.id).where(ARTICLES.c.source == source)).scalar()
            if number is None:
                raise LedgerError(f"no source {source!r} in the ledger", path=self.name)
            claims = len(_claim_data(conn, number))
            _drop_rows(conn, number)
            conn.execute(delete(HISTORY).where(HISTORY.c.source == source))
            conn.execute(delete(ARTICLES).where(ARTICLES.c.id == number))
            return claims

    def candidates(
        self,
        stems: Iterable[str],
        *,
        exclude: Iterable[str] = (),
        since: str | None = None,
        sources: Sequence[str] = (),
        limit: int = 20,
        claims: int = 1000,
        rare: int = 256,
        most: int = 200,
    ) -> list[int]:
        """The ids of the stored articles sharing the most rare stems with `stems`, best first:
        `limit` of them at most, with `claims` claims at most between them.

        Stems found in more than `most` articles say nothing of one story and are left out; of
        the others, the `rare` rarest are looked up, each weighted by its inverse document
        frequency, as compare's own index weights them (match.Index)."""
        wanted = sorted(set(stems))
        if not wanted:
            return []
        skip = sorted(set(exclude))
        with self.errors(), self.reading() as conn:
            total = conn.execute(select(func.count()).select_from(ARTICLES)).scalar() or 0
            counts = _frequencies(conn, wanted, skip)
            idf = {s: math.log((1 + total) / (1 + n)) + 1 for s, n in counts.items() if n <= most}
            chosen = sorted(idf, key=lambda s: (-idf[s], s))[:rare]
            query = (
                select(TERMS.c.article, TERMS.c.stem)
                .join(ARTICLES, ARTICLES.c.id == TERMS.c.article)
                .where(TERMS.c.stem.in_(chosen), ARTICLES.c.source.not_in(skip))
            )
            if since:
                query = query.where(ARTICLES.c.published >= since)
            if sources:
                query = query.where(ARTICLES.c.source.in_(sorted(set(sources))))
            scores: dict[int, float] = defaultdict(float)
            shared: Counter[int] = Counter()
            for article, stem in conn.execute(query) if chosen else ():
                scores[article] += idf[stem]
                shared[article] += 1
        kept = [a for a in scores if shared[a] >= MIN_SHARED]
        return self._within(sorted(kept, key=lambda a: (-scores[a], a))[:limit], claims)

    def _within(self, ranked: list[int], budget: int) -> list[int]:
        """The best-ranked articles whose claims add up to `budget` at most (the first always):
        judging costs about as much per claim as compare's, whatever the ledger's size."""
        with self.reading() as conn:
            query = select(CLAIMS.c.article, func.count()).where(CLAIMS.c.article.in_(ranked))
            counts = {n: count for n, count in conn.execute(query.group_by(CLAIMS.c.article))}
        chosen: list[int] = []
        total = 0
        for number in ranked:
            total += counts.get(number, 0)
            if chosen and total > budget:
                break
            chosen.append(number)
        return chosen

    def articles(self, numbers: Sequence[int]) -> list[tuple[Article, list[Claim]]]:
        """The stored articles with these ids and their claims, in the order of `numbers`."""
        if not numbers:
            return []
        with self.errors(), self.reading() as conn:
            found = conn.execute(ARTICLES.select().where(ARTICLES.c.id.in_(numbers)))
            rows = {r.id: r for r in found}
            claims: dict[int, list[Claim]] = defaultdict(list)
            for row in conn.execute(
                select(CLAIMS.c.article, CLAIMS.c.data)
                .where(CLAIMS.c.article.in_(numbers))
                .order_by(CLAIMS.c.article, CLAIMS.c.n)
            ):
                claims[row.article].append(load_claim(row.data))
        return [(load_article(rows[n]), claims[n]) for n in numbers if n in rows]

    def sources(self) -> list[dict[str, Any]]:
        """Every stored source: its date, outlet, title, version and how many claims it has."""
        counts = (
            select(CLAIMS.c.article, func.count().label("claims"))
            .group_by(CLAIMS.c.article)
            .subquery()
        )
        query = (
            select(
                ARTICLES.c.source,
                ARTICLES.c.published,
                func.coalesce(counts.c.claims, 0).label("claims"),
                ARTICLES.c.version,
                ARTICLES.c.indexed_at,
                ARTICLES.c.outlet,
                ARTICLES.c.title,
            )
            .outerjoin(counts, counts.c.article == ARTICLES.c.id)
            .order_by(ARTICLES.c.published, ARTICLES.c.source)
        )
        with self.errors(), self.reading() as conn:
            return [dict(row._mapping) for row in conn.execute(query)]

    def history(
        self, *, since: str | None = None, sources: Sequence[str] = ()
    ) -> list[dict[str, Any]]:
        """Claims that came and went, and articles first indexed, oldest first."""
        query = select(
            HISTORY.c.at, HISTORY.c.source, HISTORY.c.version, HISTORY.c.change, HISTORY.c.text
        ).order_by(HISTORY.c.id)
        if since:
            query = query.where(HISTORY.c.at >= since)
        if sources:
            query = query.where(HISTORY.c.source.in_(sorted(set(sources))))
        with self.errors(), self.reading() as conn:
            return [dict(row._mapping) for row in conn.execute(query)]

    def stats(self) -> dict[str, Any]:
        """What the ledger holds: counts, the dates it covers and its size on disk."""
        with self.errors(), self.reading() as conn:

            def count(table: Any) -> int:
                return int(conn.execute(select(func.count()).select_from(table)).scalar() or 0)

            dates = conn.execute(
                select(ARTICLES.c.published, func.count())
                .group_by(ARTICLES.c.published)
                .order_by(ARTICLES.c.published)
            ).all()
            return {
                "ledger": self.name,
                "engine": self.engine.dialect.name,
                "schema": schema.version(conn),
                "articles": count(ARTICLES),
                "claims": count(CLAIMS),
                "facts": count(FACTS),
                "postings": count(TERMS),
                "changes": count(HISTORY),
                "bytes": self._size(conn),
                "dates": [{"date": d, "articles": int(n)} for d, n in dates],
            }

    def _size(self, conn: Connection) -> int:
        if self.sqlite:
            path = self.engine.url.database or ""
            return sum(os.path.getsize(p) for p in (path, f"{path}-wal") if os.path.exists(p))
        sizes = " + ".join(
            f"pg_total_relation_size('{t.name}')" for t in schema.METADATA.sorted_tables
        )
        return int(conn.execute(text(f"SELECT {sizes}")).scalar() or 0)


# A stored article is a candidate when it shares this many of the rare stems looked up.
MIN_SHARED = 3


def _frequencies(conn: Connection, stems: list[str], skip: list[str]) -> Counter[str]:
    """How many stored articles have each of `stems`, those of the `skip` sources left out (a
    checked article's earlier version would make its own words look rare)."""
    counts: Counter[str] = Counter()
    query = select(TERMS.c.stem, func.count()).where(TERMS.c.stem.in_(stems))
    for stem, n in conn.execute(query.group_by(TERMS.c.stem)):
        counts[stem] = n
    if skip:
        own = select(TERMS.c.stem).join(ARTICLES, ARTICLES.c.id == TERMS.c.article)
        own = own.where(TERMS.c.stem.in_(stems), ARTICLES.c.source.in_(skip))
        counts.subtract(conn.execute(own).scalars())
    return +counts  # stems no other article has are dropped


def _article_values(entry: Entry, at: str) -> dict[str, Any]:
    article = entry.article
    day = article.date if article.date and ISO_DAY.match(article.date) else at
    return {
        "source": article.id,
        "path": article.path,
        "title": article.title,
        "date": article.date,
        "author": article.author,
        "outlet": article.outlet,
        "url": article.url,
        "format": article.format,
        "body": dump_body(article),
        "text": article.text,
        "hash": entry.digest,
        "published": day[:10],
        "indexed_at": at,
    }


def _claim_data(conn: Connection, number: int) -> list[str]:
    query = select(CLAIMS.c.data).where(CLAIMS.c.article == number).order_by(CLAIMS.c.n)
    return list(conn.execute(query).scalars())


def _drop_rows(conn: Connection, number: int) -> None:
    """Remove an article's claims, facts and postings (the article row stays)."""
    for table in (CLAIMS, FACTS, TERMS):
        conn.execute(delete(table).where(table.c.article == number))


def _insert_rows(conn: Connection, number: int, entry: Entry) -> None:
    if entry.claims:
        conn.execute(
            CLAIMS.insert(),
            [
                {"article": number, "n": n, "data": dump_claim(c)}
                for n, c in enumerate(entry.claims)
            ],
        )
    if entry.facts:
        conn.execute(
            FACTS.insert(),
            [
                {
                    "article": number,
                    "n": f.claim,
                    "slot": f.slot,
                    "value": f.value,
                    "about": " ".join(sorted(f.context)),
                }
                for f in entry.facts
            ],
        )
    if entry.stems:
        conn.execute(TERMS.insert(), [{"stem": s, "article": number} for s in sorted(entry.stems)])


def _changes(before: Sequence[str], after: Sequence[str]) -> list[tuple[str, str]]:
    """The claims that went (in the earlier version only) and came (in the new one only)."""
    old, new = Counter(before), Counter(after)
    gone = [("removed", t) for t in dict.fromkeys(before) if new[t] < old[t]]
    came = [("added", t) for t in dict.fromkeys(after) if old[t] < new[t]]
    return gone + came
