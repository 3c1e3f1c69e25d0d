"""Feedback in an embedded SQLite file: the default, needs no server.

Durability: WAL journal with synchronous=FULL, so a write is on disk before add_feedback returns
and survives the process being killed (or the machine losing power). Writers from several threads
or processes queue on SQLite's lock for up to BUSY_TIMEOUT_MS instead of failing.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from . import schema
from .base import SELECT_ROWS_SQL, UPSERT_SQL, FeedbackStore
from .errors import StoreError
from .pool import ConnectionPool

BUSY_TIMEOUT_MS = 15_000
MAX_CONNECTIONS = 4  # SQLite runs one writer at a time; more connections only add waiting.
MEMORY = ":memory:"


def path_from_url(database_url: str) -> str:
    """`sqlite:///relative/file`, `sqlite:////absolute/file` or `sqlite:///:memory:` -> path."""
    prefix = "sqlite:///"
    if not database_url.startswith(prefix) or database_url == prefix:
        raise StoreError(
            f"Not a SQLite URL: {database_url!r}; use sqlite:////absolute/path/claimlens.sqlite3"
        )
    return database_url[len(prefix) :]


class SQLiteStore(FeedbackStore):
    dialect = "sqlite"
    driver_error = sqlite3.Error

    def __init__(self, database_url: str, *, schema_target: int = schema.LATEST_VERSION):
        """Open (creating if needed) the file and bring its schema up to `schema_target`."""
        self.path = path_from_url(database_url)
        in_memory = self.path == MEMORY
        if not in_memory:
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        # One in-memory database exists per connection, so it must be a single shared one.
        self._pool = ConnectionPool(
            self._connect,
            max_size=1 if in_memory else MAX_CONNECTIONS,
            is_reusable=lambda conn: not conn.in_transaction,
        )
        try:
            self._migrate(schema_target)
        except sqlite3.Error as error:
            self._pool.close()
            raise StoreError(f"Cannot open the SQLite database {self.path}: {error}") from error

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(
            self.path,
            timeout=BUSY_TIMEOUT_MS / 1000,
            isolation_level=None,  # transactions are opened explicitly below
            check_same_thread=False,  # the pool hands a connection to one thread at a time
        )
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if self.path != MEMORY:
            conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        return conn

    def _migrate(self, target_version: int) -> None:
        with self._pool.connection() as conn, _immediate_transaction(conn):
            schema.migrate(conn, "sqlite", target_version, f"The database {self.path}")

    def _upsert(self, params: tuple) -> int:
        with self._pool.connection() as conn:
            with _immediate_transaction(conn):
                # fetchall runs the statement to completion before COMMIT.
                rows = conn.execute(UPSERT_SQL, params).fetchall()
        return rows[0][0]

    def _select_rows(self) -> list[tuple]:
        with self._pool.connection() as conn:
            return conn.execute(SELECT_ROWS_SQL).fetchall()

    def _schema_version(self) -> int:
        with self._pool.connection() as conn:
            return schema.recorded_version(conn)

    def close(self) -> None:
        self._pool.close()


@contextmanager
def _immediate_transaction(conn: sqlite3.Connection) -> Iterator[None]:
    # IMMEDIATE takes the write lock up front, so a busy database means waiting (busy_timeout),
    # never the deadlock of two readers that both try to upgrade to writers.
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
