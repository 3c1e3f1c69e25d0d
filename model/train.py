"""Train, evaluate, save and promote a model: `python -m model.train`.

The parser, `main(argv)` and the worker `run_training` are separate so tests can drive each.
The held-out split is by topic (a stable hash of the topic name, see `dataset.holdout_split`):
a model trained without the held-out topics is scored on them and saved beside the shipped
model (which is trained on every row), so the next training run can score both on the same
held-out rows and refuse a new model that does worse.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from sklearn.model_selection import GroupKFold

from . import dataset, metrics, persistence
from .pipeline import DEFAULT_SETTINGS, build_pipeline

HOLDOUT_MODEL_FILE = "holdout_model.joblib"
CONFUSION_PNG = "confusion_matrix.png"
EXIT_REFUSED = 3
CV_FOLDS = 5


@dataclass
class TrainOptions:
    """Everything one training run needs; the CLI fills it from the command line."""

    models_dir: Path
    data: list[Path] = field(default_factory=dataset.default_sentence_files)
    evidence_path: Path = dataset.EVIDENCE_PATH
    with_feedback: bool = False
    database_url: str | None = None
    force: bool = False
    cv_folds: int = CV_FOLDS
    settings: dict = field(default_factory=dict)


@dataclass
class TrainResult:
    """What a run produced: the saved directory, whether it was promoted, and its figures."""

    model_dir: Path
    promoted: bool
    metrics: dict
    message: str = ""


def default_models_dir() -> Path:
    """`models/` in the repository, or CLAIMLENS_MODELS_DIR."""
    return Path(os.environ.get("CLAIMLENS_MODELS_DIR", dataset.REPO_ROOT / "models"))


def default_database_url() -> str:
    """The database the service writes feedback to (the one rule lives in storage.settings)."""
    from storage import database_url_from_environment

    return database_url_from_environment()


def _normal(text: str) -> str:
    return " ".join(text.split()).lower()


def merge_feedback(curated: list[dict], feedback: list[dict]) -> tuple[list[dict], dict]:
    """Feedback rows that may join the training data, and counts for the report.

    Curated data wins: a feedback row whose text matches a curated row with another label is
    dropped and counted as a disagreement; one that repeats a curated row adds nothing.
    """
    curated_labels = {_normal(row["text"]): row["label"] for row in curated}
    usable, seen = [], set()
    stats = {"received": len(feedback), "used": 0, "disagreed": 0, "duplicates": 0}
    for row in feedback:
        text, label = (row.get("text") or "").strip(), (row.get("label") or "").strip().lower()
        key = _normal(text)
        if not text or label not in {"none", "supported", "overstated", "unsupported"}:
            continue
        if key in curated_labels:
            if curated_labels[key] != label:
                stats["disagreed"] += 1
            else:
                stats["duplicates"] += 1
            continue
        if key in seen:
            stats["duplicates"] += 1
            continue
        seen.add(key)
        topic = (row.get("topic") or "").strip().lower() or "feedback"
        usable.append({"text": text, "label": label, "topic": topic, "style": row.get("style", "")})
    stats["used"] = len(usable)
    return usable, stats


def _fit(rows: list[dict], options: TrainOptions):
    pipeline = build_pipeline(options.evidence_path, **options.settings)
    return pipeline.fit([r["text"] for r in rows], [r["label"] for r in rows])


def grouped_cv(rows: list[dict], options: TrainOptions) -> dict:
    """Cross-validation grouped by topic: no topic is in both the train and test fold."""
    texts = np.array([r["text"] for r in rows], dtype=object)
    labels = np.array([r["label"] for r in rows], dtype=object)
    topics = np.array([r["topic"] for r in rows], dtype=object)
    predicted = np.empty(len(rows), dtype=object)
    folds = min(options.cv_folds, len(set(topics)))
    for train_index, test_index in GroupKFold(n_splits=folds).split(texts, labels, topics):
        pipeline = build_pipeline(options.evidence_path, **options.settings)
        pipeline.fit(list(texts[train_index]), labels[train_index])
        predicted[test_index] = pipeline.predict(list(texts[test_index]))
    return metrics.classification_figures(list(labels), list(predicted))


def _current_holdout_score(models_dir: Path, held_out: list[dict], log) -> float | None:
    """The promoted model's held-out macro-F1 on these rows, or None when it cannot be scored."""
    current = persistence.resolve_current(models_dir)
    if current is None or not held_out:
        return None
    try:
        meta = persistence.read_metadata(current)
        if meta.get("format", 1) != persistence.MODEL_FORMAT:
            log(f"current model {current.name} is in an older model format; not compared")
            return None
        path = current / HOLDOUT_MODEL_FILE
        if not path.is_file() or persistence.sha256_of(path) != meta.get("holdout_sha256"):
            log(f"current model {current.name} has no verifiable held-out model; not compared")
            return None
        import joblib

        holdout_model = joblib.load(path)
        predicted = holdout_model.predict([r["text"] for r in held_out])
    except Exception as error:  # an unreadable old model must not block training
        log(f"current model {current.name} could not be scored ({error}); not compared")
        return None
    return metrics.classification_figures([r["label"] for r in held_out], list(predicted))[
        "macro_f1"
    ]


def run_training(options: TrainOptions, log=print) -> TrainResult:
    """Train, evaluate, save under `models_dir/<version>/` and promote unless it does worse."""
    started = time.monotonic()
    curated = dataset.read_rows(options.data)
    if not curated:
        raise ValueError(f"no labelled rows in {[str(p) for p in options.data]}")
    log(f"read {len(curated)} curated rows from {len(options.data)} file(s)")
    feedback_rows, feedback_stats = [], None
    if options.with_feedback:
        from .feedback import feedback_rows as load_feedback

        url = options.database_url or default_database_url()
        feedback_rows, feedback_stats = merge_feedback(curated, load_feedback(url))
        log(
            f"feedback: {feedback_stats['used']} row(s) used, {feedback_stats['disagreed']} "
            f"disagreed with curated labels and were dropped, "
            f"{feedback_stats['duplicates']} repeated curated or earlier rows"
        )
    rows = curated + feedback_rows
    train_rows, held_out = dataset.holdout_split(curated)
    train_rows = train_rows + feedback_rows

    figures: dict = {}
    if options.cv_folds >= 2:
        log(f"grouped cross-validation ({options.cv_folds} folds by topic)...")
        figures["grouped_cv"] = grouped_cv(rows, options)
        log(metrics.format_figures("grouped CV by topic", figures["grouped_cv"]))

    log(f"held-out split: {len(train_rows)} train rows, {len(held_out)} held-out rows...")
    holdout_model = _fit(train_rows, options)
    if held_out:
        predicted = holdout_model.predict([r["text"] for r in held_out])
        figures["held_out"] = metrics.classification_figures(
            [r["label"] for r in held_out], list(predicted)
        )
        log(metrics.format_figures("held-out topics", figures["held_out"]))

    log(f"training the final model on all {len(rows)} rows...")
    fit_started = time.monotonic()
    final_model = _fit(rows, options)
    fit_seconds = time.monotonic() - fit_started

    candidate = figures.get("held_out", {}).get("macro_f1")
    current = _current_holdout_score(options.models_dir, held_out, log)
    refused = candidate is not None and current is not None and candidate < current
    metadata = {
        "data_fingerprint": dataset.fingerprint(rows),
        "data_files": [str(p) for p in options.data],
        "n_rows": len(rows),
        "label_counts": dataset.label_counts(rows),
        "feedback": feedback_stats,
        "settings": {**DEFAULT_SETTINGS, **options.settings},
        "metrics": {
            **figures,
            "held_out_macro_f1": candidate,
            "grouped_cv_macro_f1": figures.get("grouped_cv", {}).get("macro_f1"),
            "current_held_out_macro_f1": current,
            "fit_seconds": round(fit_seconds, 2),
            "training_seconds": round(time.monotonic() - started, 2),
        },
    }
    version = persistence.new_version()
    model_dir = options.models_dir / version
    model_dir.mkdir(parents=True)
    holdout_path = model_dir / HOLDOUT_MODEL_FILE
    persistence.dump_atomically(holdout_model, holdout_path)
    metadata["holdout_sha256"] = persistence.sha256_of(holdout_path)
    persistence.save_model(final_model, metadata, options.models_dir, version, exist_ok=True)
    split = "held_out" if "held_out" in figures else "grouped_cv"
    if split in figures:
        title = f"ClaimLens {version}: " + ("held-out topics" if split == "held_out" else "CV")
        metrics.save_confusion_png(figures[split], model_dir / CONFUSION_PNG, title)

    if refused and not options.force:
        message = (
            f"refused: held-out macro-F1 {candidate:.3f} is below the current model's "
            f"{current:.3f} on the same held-out topics; {version} saved but not promoted "
            "(use --force to promote anyway)"
        )
        log(message)
        return TrainResult(model_dir, False, metadata["metrics"], message)
    persistence.promote(options.models_dir, version)
    message = f"promoted {version} ({model_dir})"
    if refused:
        message += f" despite held-out macro-F1 {candidate:.3f} < current {current:.3f} (--force)"
    log(message)
    return TrainResult(model_dir, True, metadata["metrics"], message)


def train_default(models_dir) -> Path:
    """Train from training_data/ with default settings, save and promote; return the directory.

    Used by the service on first start and by tests, so it skips cross-validation (seconds).
    """
    options = TrainOptions(models_dir=Path(models_dir), cv_folds=0, force=True)
    return run_training(options, log=lambda message: None).model_dir


def build_parser() -> argparse.ArgumentParser:
    """The command-line interface of `python -m model.train`."""
    parser = argparse.ArgumentParser(
        prog="python -m model.train",
        description="Train the claim classifier, print its evaluation, save and promote it.",
    )
    parser.add_argument(
        "--data",
        nargs="+",
        type=Path,
        metavar="PATH",
        help="sentence CSV files (text,label,topic,style); default: training_data/sentences/*.csv",
    )
    parser.add_argument(
        "--with-feedback", action="store_true", help="also train on stored user feedback"
    )
    parser.add_argument(
        "--database-url", help="feedback store (default: CLAIMLENS_DATABASE_URL or instance/)"
    )
    parser.add_argument(
        "--out", type=Path, help="models directory (default: CLAIMLENS_MODELS_DIR or models/)"
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="promote even when the held-out macro-F1 is below the current model's",
    )
    parser.add_argument(
        "--cv-folds",
        type=int,
        default=CV_FOLDS,
        help="grouped cross-validation folds (0 skips it)",
    )
    return parser


def main(argv=None) -> int:
    """Run the CLI; returns the exit status (0 promoted, 3 refused, 1 error)."""
    args = build_parser().parse_args(argv)
    options = TrainOptions(
        models_dir=args.out or default_models_dir(),
        with_feedback=args.with_feedback,
        database_url=args.database_url,
        force=args.force,
        cv_folds=args.cv_folds,
    )
    if args.data:
        missing = [str(p) for p in args.data if not p.is_file()]
        if missing:
            print(f"error: no such data file: {', '.join(missing)}", file=sys.stderr)
            return 1
        options.data = list(args.data)
    try:
        result = run_training(options)
    except (ValueError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0 if result.promoted else EXIT_REFUSED


if __name__ == "__main__":
    sys.exit(main())
