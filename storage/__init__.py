"""Durable storage of reader feedback, shared by the service and the model's commands.

`open_store(database_url)` returns a FeedbackStore for `sqlite:///...` (the embedded default) or
`postgresql://...`. This package knows nothing of Flask or the service, so the `model` package
can read feedback without importing the backend.
"""

from __future__ import annotations

from .base import FEEDBACK_COLUMNS, FeedbackStore
from .errors import PoolExhausted, StoreError
from .settings import database_url_from_environment
from .validation import LABELS, MAX_SENTENCE_CHARS, InvalidFeedback

__all__ = [
    "FEEDBACK_COLUMNS",
    "LABELS",
    "MAX_SENTENCE_CHARS",
    "FeedbackStore",
    "InvalidFeedback",
    "PoolExhausted",
    "StoreError",
    "database_url_from_environment",
    "open_store",
]

POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def open_store(database_url: str) -> FeedbackStore:
    """Open the store named by `database_url`, creating or migrating its schema as needed."""
    if database_url.startswith("sqlite:"):
        from .sqlite import SQLiteStore

        return SQLiteStore(database_url)
    if database_url.startswith(POSTGRES_SCHEMES):
        # Imported here so that a SQLite-only deployment never needs psycopg.
        from .postgres import PostgresStore

        return PostgresStore(database_url)
    raise StoreError(
        f"Unsupported database URL {_redacted(database_url)!r}: use sqlite:///PATH or "
        "postgresql://USER@HOST:PORT/DBNAME."
    )


def _redacted(database_url: str) -> str:
    """The URL without any password, for messages and logs."""
    scheme, sep, rest = database_url.partition("://")
    if sep and "@" in rest:
        return f"{scheme}://***@{rest.split('@', 1)[1]}"
    return database_url
