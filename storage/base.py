"""The one storage interface both backends implement; validation happens here, once."""

from __future__ import annotations

import time
from abc import ABC, abstractmethod
from collections.abc import Iterator
from contextlib import contextmanager

from .errors import StoreError
from .validation import validate_report

FEEDBACK_COLUMNS = (
    "id",
    "sentence",
    "label",
    "predicted",
    "url",
    "comment",
    "model_version",
    "count",
    "first_received_at",
    "last_received_at",
)

# Portable SQL, written with "?" placeholders; a backend that uses another style converts them.
UPSERT_SQL = """
    INSERT INTO feedback (dedup_key, sentence, label, predicted, url, comment, model_version,
                          first_received_at, last_received_at, count)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1)
    ON CONFLICT (dedup_key) DO UPDATE SET
        count = feedback.count + 1,
        last_received_at = excluded.last_received_at,
        comment = COALESCE(excluded.comment, feedback.comment),
        model_version = COALESCE(excluded.model_version, feedback.model_version)
    RETURNING id
"""
SELECT_ROWS_SQL = f"SELECT {', '.join(FEEDBACK_COLUMNS)} FROM feedback ORDER BY id"


class FeedbackStore(ABC):
    """Durable feedback reports. An identical report sent again is stored once with a count."""

    dialect: str
    # The database driver's own exception base class; callers only ever see StoreError.
    driver_error: type[Exception] = Exception

    def add_feedback(
        self,
        *,
        sentence: str,
        label: str,
        predicted: str | None = None,
        url: str | None = None,
        comment: str | None = None,
        model_version: str | None = None,
        received_at: float | None = None,
    ) -> int:
        """Store one report durably and return its id (the same id for a repeated report).

        Raises InvalidFeedback for a field outside its bounds. When this returns, the report is
        committed: a process killed right after still has it.
        """
        report = validate_report(
            sentence=sentence,
            label=label,
            predicted=predicted,
            url=url,
            comment=comment,
            model_version=model_version,
            received_at=time.time() if received_at is None else received_at,
        )
        params = (
            report.dedup_key,
            report.sentence,
            report.label,
            report.predicted,
            report.url,
            report.comment,
            report.model_version,
            report.received_at,
            report.received_at,
        )
        with self._as_store_errors("store the report"):
            return self._upsert(params)

    def feedback_rows(self) -> list[dict]:
        """Every stored report, oldest first, as dicts keyed by FEEDBACK_COLUMNS."""
        with self._as_store_errors("read the reports"):
            rows = self._select_rows()
        return [dict(zip(FEEDBACK_COLUMNS, row, strict=True)) for row in rows]

    def schema_version(self) -> int:
        """The highest migration applied to this database."""
        with self._as_store_errors("read the schema version"):
            return self._schema_version()

    @contextmanager
    def _as_store_errors(self, doing: str) -> Iterator[None]:
        try:
            yield
        except self.driver_error as error:
            raise StoreError(f"The {self.dialect} database could not {doing}: {error}") from error

    @abstractmethod
    def _upsert(self, params: tuple) -> int:
        """Run UPSERT_SQL with `params` in one committed transaction; return the row id."""

    @abstractmethod
    def _select_rows(self) -> list[tuple]:
        """Run SELECT_ROWS_SQL and return its rows."""

    @abstractmethod
    def _schema_version(self) -> int:
        """Read the highest version in schema_version."""

    @abstractmethod
    def close(self) -> None:
        """Release every connection; the store cannot be used afterwards."""

    def __enter__(self):
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()
