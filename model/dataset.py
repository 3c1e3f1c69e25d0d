"""Reading labelled sentences, fingerprinting them, and splitting them by topic."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

from . import LABELS

REPO_ROOT = Path(__file__).resolve().parent.parent
TRAINING_DIR = REPO_ROOT / "training_data"
SENTENCES_DIR = TRAINING_DIR / "sentences"
EVIDENCE_PATH = TRAINING_DIR / "evidence.csv"
SEED_EVAL_PATH = TRAINING_DIR / "seed_eval.csv"
HOLDOUT_PERCENT = 20


def default_sentence_files() -> list[Path]:
    """The curated sentence files, in a fixed order."""
    return sorted(SENTENCES_DIR.glob("*.csv"))


def read_rows(paths) -> list[dict]:
    """Rows {text, label, topic, style} from CSV files; bad labels and empty texts are skipped.

    An exact repeat of an earlier (text, label) is dropped so it does not weigh twice.
    """
    rows: list[dict] = []
    seen: set[tuple[str, str]] = set()
    for path in paths:
        with open(path, newline="", encoding="utf-8") as handle:
            for raw in csv.DictReader(handle):
                text = (raw.get("text") or "").strip()
                label = (raw.get("label") or "").strip().lower()
                if not text or label not in LABELS or (text, label) in seen:
                    continue
                seen.add((text, label))
                rows.append(
                    {
                        "text": text,
                        "label": label,
                        "topic": (raw.get("topic") or "").strip().lower() or "unknown",
                        "style": (raw.get("style") or "").strip().lower(),
                    }
                )
    return rows


def fingerprint(rows: list[dict]) -> str:
    """SHA-256 over the training rows (text, label, topic) in order."""
    digest = hashlib.sha256()
    for row in rows:
        digest.update(f"{row['text']}\t{row['label']}\t{row['topic']}\n".encode())
    return digest.hexdigest()


def is_holdout_topic(topic: str) -> bool:
    """Whether a topic belongs to the held-out split.

    Decided by a hash of the topic name, so the split stays the same when rows are added and a
    new model can be compared with the current one on the same topics.
    """
    value = int(hashlib.sha256(topic.strip().lower().encode()).hexdigest()[:8], 16)
    return value % 100 < HOLDOUT_PERCENT


def holdout_split(rows: list[dict]) -> tuple[list[dict], list[dict]]:
    """(train rows, held-out rows), grouped by topic: no topic is on both sides."""
    train = [row for row in rows if not is_holdout_topic(row["topic"])]
    held_out = [row for row in rows if is_holdout_topic(row["topic"])]
    return train, held_out


def label_counts(rows: list[dict]) -> dict:
    """How many rows carry each label."""
    counts = dict.fromkeys(LABELS, 0)
    for row in rows:
        counts[row["label"]] += 1
    return counts
