"""Feedback in PostgreSQL (psycopg 3), for a service run as several processes or machines.

Each request borrows a pooled connection in autocommit mode; the upsert is one statement, so it is
atomic, and PostgreSQL's default synchronous commit makes it durable before add_feedback returns.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import psycopg
from psycopg import pq

from . import schema
from .base import SELECT_ROWS_SQL, UPSERT_SQL, FeedbackStore
from .errors import StoreError
from .pool import ConnectionPool

T = TypeVar("T")

MAX_CONNECTIONS = 8
CONNECT_TIMEOUT_S = 10
# Any fixed number: every ClaimLens process takes this lock to migrate, so only one does at a time.
MIGRATION_LOCK_ID = 0x436C61696D4C656E  # "ClaimLen"


def _qmark_to_format(sql: str) -> str:
    """The portable SQL uses "?" placeholders; psycopg wants "%s"."""
    return sql.replace("?", "%s")


class PostgresStore(FeedbackStore):
    dialect = "postgresql"
    driver_error = psycopg.Error

    def __init__(self, database_url: str, *, schema_target: int = schema.LATEST_VERSION):
        """Connect to `database_url` and bring its schema up to `schema_target`."""
        self.database_url = database_url
        self._pool = ConnectionPool(self._connect, max_size=MAX_CONNECTIONS, is_reusable=_is_idle)
        try:
            self._migrate(schema_target)
        except psycopg.Error as error:
            self._pool.close()
            raise StoreError(f"Cannot use the PostgreSQL database: {error}".strip()) from error

    def _connect(self) -> psycopg.Connection:
        return psycopg.connect(
            self.database_url,
            autocommit=True,
            connect_timeout=CONNECT_TIMEOUT_S,
            application_name="claimlens",
        )

    def _migrate(self, target_version: int) -> None:
        with self._pool.connection() as conn, conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK_ID,))
            schema.migrate(conn, "postgresql", target_version)

    def _upsert(self, params: tuple) -> int:
        return self._with_connection(
            lambda conn: conn.execute(_qmark_to_format(UPSERT_SQL), params).fetchone()[0]
        )

    def _select_rows(self) -> list[tuple]:
        return self._with_connection(lambda conn: conn.execute(SELECT_ROWS_SQL).fetchall())

    def _with_connection(self, work: Callable[[psycopg.Connection], T]) -> T:
        """Run `work` on a pooled connection, once more on a fresh one if that one was dead.

        Idle pooled connections die silently when the server restarts, and that shows only on
        use. The retry can count a report twice in one rare case: the connection breaks after
        the server committed but before the answer arrived. Counting twice beats losing it.
        """
        for attempt in (1, 2):
            with self._pool.connection() as conn:
                try:
                    return work(conn)
                except psycopg.OperationalError:
                    if attempt == 2 or not conn.broken:
                        raise
            self._pool.discard_idle()  # they were opened before the same restart
        raise AssertionError("unreachable")

    def _schema_version(self) -> int:
        with self._pool.connection() as conn:
            return schema.recorded_version(conn)

    def close(self) -> None:
        self._pool.close()


def _is_idle(conn: psycopg.Connection) -> bool:
    """Reuse only a healthy connection that is not left inside a transaction."""
    return not conn.closed and conn.info.transaction_status == pq.TransactionStatus.IDLE
