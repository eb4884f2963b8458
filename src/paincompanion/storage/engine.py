"""The SQLAlchemy engine: one connection, durable PRAGMAs, explicit BEGIN IMMEDIATE."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path
from typing import Any

from sqlalchemy import URL, Engine, create_engine, event
from sqlalchemy.pool import StaticPool

from .cipher import sqlcipher
from .probe import APPLICATION_ID  # noqa: F401 - re-exported


def apply_pragmas(con: sqlite3.Connection) -> None:
    """Settings from storage-safety.md §1.8, applied on every connection."""
    cur = con.cursor()
    for pragma in (
        "trusted_schema=OFF",
        "foreign_keys=ON",
        "cell_size_check=ON",
        "secure_delete=ON",
        "journal_mode=WAL",
        "synchronous=FULL",
        "busy_timeout=5000",
    ):
        cur.execute(f"PRAGMA {pragma}")
    if sys.platform == "darwin":
        cur.execute("PRAGMA fullfsync=ON")
        cur.execute("PRAGMA checkpoint_fullfsync=ON")
    cur.close()


def make_engine(path: Path | str, key: bytes | None = None) -> Engine:
    """An engine with a single shared connection (the app serialises access itself).

    With a `key` (the raw master key) the database is encrypted: SQLAlchemy's `sqlite+pysqlcipher` dialect
    keys the connection (`PRAGMA key = "x'...'"`, no key derivation). The one connection lives as long as
    the engine, so keying happens once.
    """
    url: str | URL
    if key is not None:
        sqlcipher()  # SQLCipher's settings pinned before the dialect keys the connection
        url = URL.create("sqlite+pysqlcipher", password=f"x'{key.hex()}'", database=str(path))
    else:
        url = "sqlite://" if str(path) == ":memory:" else f"sqlite:///{path}"
    engine = create_engine(
        url,
        poolclass=StaticPool,
        connect_args={"check_same_thread": False},
        hide_parameters=True,
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_con: Any, _record: Any) -> None:
        dbapi_con.isolation_level = None  # we emit BEGIN ourselves
        if key is not None:
            dbapi_con.execute("PRAGMA cipher_log_level = NONE")
        apply_pragmas(dbapi_con)

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine
