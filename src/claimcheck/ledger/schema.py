"""The ledger's tables and their versions: each version's forward migration, run in order.

A ledger records the schema version it was written with. Opening one of an older version
migrates it forward, one version at a time, in one transaction; one of a newer version (written
by a later claimcheck) is refused rather than misread.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import (
    Column,
    Connection,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    text,
)

from claimcheck.errors import LedgerError


def _articles(metadata: MetaData, *extra: Column[int]) -> Table:
    """The articles table: one row per source, its latest version, text and content hash."""
    return Table(
        "articles",
        metadata,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("source", String, nullable=False, unique=True),
        Column("path", Text, nullable=False),
        Column("title", Text),
        Column("date", Text),
        Column("author", Text),
        Column("outlet", Text),
        Column("url", Text),
        Column("format", String, nullable=False),
        Column("body", Text, nullable=False),  # JSON: the body's character ranges
        Column("text", Text, nullable=False),
        Column("hash", String(64), nullable=False),  # sha256 of the article as loaded
        Column("published", String(10), nullable=False),  # YYYY-MM-DD: --since compares it
        Column("indexed_at", String(32), nullable=False),  # ISO 8601, UTC
        *extra,
    )


def _claims(metadata: MetaData) -> Table:
    return Table(
        "claims",
        metadata,
        Column("article", Integer, ForeignKey("articles.id"), primary_key=True),
        Column("n", Integer, primary_key=True),  # the claim's place in its article
        Column("data", Text, nullable=False),  # JSON: codec.dump_claim
    )


def _terms(metadata: MetaData) -> Table:
    """The postings: which articles have a claim with each content stem."""
    return Table(
        "terms",
        metadata,
        Column("stem", String, primary_key=True),
        Column("article", Integer, ForeignKey("articles.id"), primary_key=True),
        Index("terms_article", "article"),
    )


def _meta(metadata: MetaData) -> Table:
    return Table("ledger_schema", metadata, Column("version", Integer, nullable=False))


METADATA = MetaData()
SCHEMA = _meta(METADATA)
ARTICLES = _articles(METADATA, Column("version", Integer, nullable=False, server_default="1"))
CLAIMS = _claims(METADATA)
TERMS = _terms(METADATA)
HISTORY = Table(
    "history",
    METADATA,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("source", String, nullable=False, index=True),
    Column("version", Integer, nullable=False),
    Column("at", String(32), nullable=False),
    Column("change", String(16), nullable=False),  # indexed, added or removed
    Column("text", Text, nullable=False),  # the claim that came or went; the title when indexed
)
FACTS = Table(
    "facts",
    METADATA,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article", Integer, ForeignKey("articles.id"), nullable=False, index=True),
    Column("n", Integer, nullable=False),  # the claim stating it
    Column("slot", String(16), nullable=False),  # date, number or role
    Column("value", Text, nullable=False),
    Column("about", Text, nullable=False),  # the stems around the value, space-separated
)


def _version_1(conn: Connection) -> None:
    """Articles, their claims and the stem postings."""
    first = MetaData()
    for table in (_meta(first), _articles(first), _claims(first), _terms(first)):
        table.create(conn)


def _version_2(conn: Connection) -> None:
    """Each source's version number, the history of claims that came and went, and facts."""
    conn.execute(text("ALTER TABLE articles ADD COLUMN version INTEGER NOT NULL DEFAULT 1"))
    HISTORY.create(conn)
    FACTS.create(conn)


# MIGRATIONS[k] takes a ledger from version k to version k + 1 (0: an empty database).
MIGRATIONS: tuple[Callable[[Connection], None], ...] = (_version_1, _version_2)
LATEST = len(MIGRATIONS)


def version(conn: Connection) -> int:
    """The schema version of the ledger on `conn`; 0 when it has no ledger tables yet."""
    if not conn.dialect.has_table(conn, "ledger_schema"):
        return 0
    found = conn.execute(SCHEMA.select()).scalar()
    return int(found or 0)


def refuse_newer(found: int) -> None:
    if found > LATEST:
        raise LedgerError(
            f"this ledger was written by a newer claimcheck (ledger schema {found}; this "
            f"claimcheck reads up to {LATEST}): upgrade claimcheck to use it"
        )


def migrate(conn: Connection, *, up_to: int = LATEST) -> int:
    """Bring the ledger on `conn` to version `up_to`, inside the caller's transaction; the
    version it had before."""
    found = version(conn)
    refuse_newer(found)
    for step in range(found, up_to):
        MIGRATIONS[step](conn)
        conn.execute(SCHEMA.delete())
        conn.execute(SCHEMA.insert().values(version=step + 1))
    return found
