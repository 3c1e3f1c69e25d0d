"""The feedback schema as an ordered list of forward migrations, one SQL text per dialect.

A database records every migration it has applied in `schema_version`; opening a store applies
the ones it lacks, in order, inside one locked transaction, so two processes starting together
migrate once. Never edit a released migration: add the next one.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from .errors import StoreError
from .validation import LABELS

_LABEL_LIST = ", ".join(f"'{label}'" for label in LABELS)


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    sqlite: tuple[str, ...]
    postgresql: tuple[str, ...]

    def statements(self, dialect: str) -> tuple[str, ...]:
        """The SQL statements of this migration for `dialect` ("sqlite" or "postgresql")."""
        return getattr(self, dialect)


SCHEMA_VERSION_TABLE = {
    "sqlite": (
        "CREATE TABLE IF NOT EXISTS schema_version ("
        " version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at REAL NOT NULL)"
    ),
    "postgresql": (
        "CREATE TABLE IF NOT EXISTS schema_version ("
        " version INTEGER PRIMARY KEY, description TEXT NOT NULL,"
        " applied_at DOUBLE PRECISION NOT NULL)"
    ),
}


def _feedback_table(id_column: str, time_type: str, count_type: str) -> str:
    return f"""
        CREATE TABLE feedback (
            id {id_column},
            dedup_key TEXT NOT NULL UNIQUE,
            sentence TEXT NOT NULL CHECK (length(sentence) BETWEEN 1 AND 2000),
            label TEXT NOT NULL CHECK (label IN ({_LABEL_LIST})),
            predicted TEXT CHECK (predicted IS NULL OR predicted IN ({_LABEL_LIST})),
            url TEXT,
            comment TEXT,
            model_version TEXT,
            first_received_at {time_type} NOT NULL,
            last_received_at {time_type} NOT NULL,
            count {count_type} NOT NULL DEFAULT 1 CHECK (count >= 1)
        )"""


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        version=1,
        description="feedback reports, one row per distinct report with a repeat count",
        sqlite=(_feedback_table("INTEGER PRIMARY KEY AUTOINCREMENT", "REAL", "INTEGER"),),
        postgresql=(
            _feedback_table(
                "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY", "DOUBLE PRECISION", "BIGINT"
            ),
        ),
    ),
    Migration(
        version=2,
        description="index reports by label, for per-label counts and exports",
        sqlite=("CREATE INDEX feedback_label_idx ON feedback (label)",),
        postgresql=("CREATE INDEX feedback_label_idx ON feedback (label)",),
    ),
)

LATEST_VERSION = MIGRATIONS[-1].version


def pending(current_version: int, target_version: int = LATEST_VERSION) -> list[Migration]:
    """Migrations after `current_version` up to `target_version`, in the order to apply them."""
    return [m for m in MIGRATIONS if current_version < m.version <= target_version]


def recorded_version(conn) -> int:
    """The newest schema version recorded in the database (0 for a new one)."""
    return conn.execute("SELECT COALESCE(MAX(version), 0) FROM schema_version").fetchone()[0]


def migrate(conn, dialect: str, target_version: int, database: str = "The database") -> None:
    """Bring the database up to `target_version` inside the caller's transaction and lock.

    Refuses a database whose schema is newer than this code knows. `database` names it in that
    error ("The database /path/feedback.db").
    """
    conn.execute(SCHEMA_VERSION_TABLE[dialect])
    current = recorded_version(conn)
    if current > LATEST_VERSION:
        raise StoreError(
            f"{database} has schema version {current}, newer than the "
            f"{LATEST_VERSION} this ClaimLens knows; upgrade ClaimLens."
        )
    mark = "?" if dialect == "sqlite" else "%s"
    for migration in pending(current, target_version):
        for sql in migration.statements(dialect):
            conn.execute(sql)
        conn.execute(
            f"INSERT INTO schema_version (version, description, applied_at)"
            f" VALUES ({mark}, {mark}, {mark})",
            (migration.version, migration.description, time.time()),
        )
