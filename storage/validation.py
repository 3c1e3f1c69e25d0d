"""Check and normalise one feedback report before it reaches a database.

The HTTP layer validates too, but the store is used by other callers (the export and retraining
commands, scripts), so it refuses bad data itself rather than trusting every caller.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass

LABELS = ("none", "supported", "overstated", "unsupported")
MAX_SENTENCE_CHARS = 2000
MAX_URL_CHARS = 2048
MAX_COMMENT_CHARS = 2000
MAX_MODEL_VERSION_CHARS = 200


class InvalidFeedback(ValueError):
    """A report the store refuses; the message says which field and why."""


@dataclass(frozen=True)
class FeedbackReport:
    """One validated report, ready to store. `dedup_key` identifies repeats of the same report."""

    sentence: str
    label: str
    predicted: str | None
    url: str | None
    comment: str | None
    model_version: str | None
    received_at: float
    dedup_key: str


def normalise_sentence(sentence: str) -> str:
    """NFC form with runs of whitespace collapsed, so copies of one sentence compare equal."""
    return " ".join(unicodedata.normalize("NFC", sentence).split())


def _optional_text(name: str, value, limit: int) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise InvalidFeedback(f"'{name}' must be a string.")
    _refuse_nul(name, value)
    value = value.strip()
    if len(value) > limit:
        raise InvalidFeedback(f"'{name}' is too long; at most {limit} characters.")
    # An empty optional field means the same as an absent one, so repeats still match.
    return value or None


def _refuse_nul(name: str, value: str) -> None:
    # PostgreSQL cannot store NUL in text; refuse it on every backend so both behave the same.
    if "\x00" in value:
        raise InvalidFeedback(f"'{name}' must not contain NUL characters.")


def _dedup_key(sentence: str, label: str, predicted: str | None, url: str | None) -> str:
    # A hash of the identifying fields gives one fixed-size unique column that treats a missing
    # `predicted` or `url` as a value (a UNIQUE constraint over nullable columns would not).
    parts = (sentence, label, predicted or "", url or "")
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def validate_report(
    *,
    sentence,
    label,
    predicted=None,
    url=None,
    comment=None,
    model_version=None,
    received_at,
) -> FeedbackReport:
    """Return the normalised report, or raise InvalidFeedback naming the first bad field."""
    if not isinstance(sentence, str):
        raise InvalidFeedback("'sentence' must be a string.")
    _refuse_nul("sentence", sentence)
    sentence = normalise_sentence(sentence)
    if not 1 <= len(sentence) <= MAX_SENTENCE_CHARS:
        raise InvalidFeedback(f"'sentence' must be 1 to {MAX_SENTENCE_CHARS} characters.")
    if label not in LABELS:
        raise InvalidFeedback(f"'label' must be one of {', '.join(LABELS)}.")
    if predicted is not None and predicted not in LABELS:
        raise InvalidFeedback(f"'predicted' must be one of {', '.join(LABELS)}.")
    url = _optional_text("url", url, MAX_URL_CHARS)
    comment = _optional_text("comment", comment, MAX_COMMENT_CHARS)
    model_version = _optional_text("model_version", model_version, MAX_MODEL_VERSION_CHARS)
    if isinstance(received_at, bool) or not isinstance(received_at, int | float):
        raise InvalidFeedback("'received_at' must be a Unix time in seconds.")
    return FeedbackReport(
        sentence=sentence,
        label=label,
        predicted=predicted,
        url=url,
        comment=comment,
        model_version=model_version,
        received_at=float(received_at),
        dedup_key=_dedup_key(sentence, label, predicted, url),
    )
