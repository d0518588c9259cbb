"""Opening a ledger's database: a SQLite file in WAL mode whose writers queue for the lock, or a
database URL (postgresql:// goes through psycopg)."""

from __future__ import annotations

import os
import sqlite3
import time
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError

from claimcheck.errors import LedgerError

BUSY_SECONDS = 60  # how long a writer waits for another's lock on SQLite


def open_engine(target: str, *, create: bool) -> Engine:
    """An engine for a SQLite file or a database URL (postgresql:// goes through psycopg)."""
    if "://" not in target:
        if not create and not os.path.exists(target):
            raise LedgerError("no such ledger (claimcheck index creates one)", path=target)
        url = make_url("sqlite://").set(database=target)
    else:
        try:
            url = make_url(target)
        except ArgumentError as error:
            raise LedgerError(f"not a database URL: {error}", path=target) from error
        if url.drivername in ("postgresql", "postgres"):
            url = url.set(drivername="postgresql+psycopg")
    try:
        engine = create_engine(url)
    except (NoSuchModuleError, ImportError) as error:
        raise LedgerError(
            f"cannot use this database ({error}); for PostgreSQL install claimcheck-cli[postgres]",
            path=url.render_as_string(hide_password=True),
        ) from error
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
    return engine


def _sqlite_connect(dbapi: Any, _: Any) -> None:
    dbapi.isolation_level = None  # transactions begin in _sqlite_begin, not in the driver
    cursor = dbapi.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_SECONDS * 1000}")
    _wal(cursor)
    cursor.execute("PRAGMA synchronous = NORMAL")  # safe in WAL mode; no fsync per article
    cursor.close()


def _wal(cursor: Any) -> None:
    """Put the file in WAL mode, so that readers go on while one process writes. The change
    takes the file whole, and a process that opens it as another switches it, or as the last
    one closes it, is told "database is locked" at once, whatever the busy timeout: it tries
    again, for as long as that timeout."""
    deadline = time.monotonic() + BUSY_SECONDS
    while True:
        try:
            cursor.execute("PRAGMA journal_mode = WAL").fetchall()
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _sqlite_begin(conn: Connection) -> None:
    # A writer takes the lock as it begins: one that first read and then asked to write could
    # be refused at once (SQLITE_BUSY) rather than wait its turn.
    immediate = conn.get_execution_options().get("write", False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")
