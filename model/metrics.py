"""Classification figures (per-class P/R/F1, macro-F1, confusion matrix) and their text form."""

from __future__ import annotations

import numpy as np
from sklearn.metrics import confusion_matrix, precision_recall_fscore_support

from . import LABELS


def classification_figures(y_true, y_pred, labels=LABELS) -> dict:
    """Per-class precision/recall/F1/support, macro-F1, accuracy and the confusion matrix."""
    labels = list(labels)
    precision, recall, f1, support = precision_recall_fscore_support(
        y_true, y_pred, labels=labels, zero_division=0
    )
    present = [i for i, n in enumerate(support) if n > 0]
    matrix = confusion_matrix(y_true, y_pred, labels=labels)
    return {
        "labels": labels,
        "per_class": {
            label: {
                "precision": round(float(precision[i]), 4),
                "recall": round(float(recall[i]), 4),
                "f1": round(float(f1[i]), 4),
                "support": int(support[i]),
            }
            for i, label in enumerate(labels)
        },
        # Macro over the labels that occur in y_true, so a subset without `none` is fair.
        "macro_f1": round(float(np.mean([f1[i] for i in present])) if present else 0.0, 4),
        "accuracy": round(float(np.mean(np.asarray(y_true) == np.asarray(y_pred))), 4)
        if len(y_true)
        else 0.0,
        "confusion_matrix": matrix.tolist(),
        "n": int(len(y_true)),
    }


def calibration_figures(y_true, y_pred, confidence, bins: int = 10) -> dict:
    """How well the confidence of each prediction matches how often such predictions are right.

    Expected calibration error: predictions are put in `bins` equal-width bins of confidence,
    and the gap between accuracy and mean confidence in each bin is averaged, weighted by the
    bin's share of predictions. 0 is perfect; a model that says 0.8 and is right 70% of the
    time scores about 0.1.
    """
    confidence = np.asarray(confidence, dtype=float)
    correct = np.asarray(y_true) == np.asarray(y_pred)
    if not len(confidence):
        return {"ece": 0.0, "mean_confidence": 0.0, "accuracy": 0.0}
    which = np.minimum((confidence * bins).astype(int), bins - 1)
    gap = 0.0
    for b in np.unique(which):
        members = which == b
        gap += members.mean() * abs(correct[members].mean() - confidence[members].mean())
    return {
        "ece": round(float(gap), 4),
        "mean_confidence": round(float(confidence.mean()), 4),
        "accuracy": round(float(correct.mean()), 4),
    }


def format_figures(title: str, figures: dict) -> str:
    """A plain-text block: per-class table, macro-F1 and the confusion matrix (rows = true)."""
    labels = figures["labels"]
    width = max(len(label) for label in labels) + 2
    lines = [f"== {title} (n={figures['n']})"]
    lines.append(f"{'':{width}}{'precision':>10}{'recall':>10}{'f1':>10}{'support':>10}")
    for label in labels:
        stats = figures["per_class"][label]
        lines.append(
            f"{label:{width}}{stats['precision']:>10.3f}{stats['recall']:>10.3f}"
            f"{stats['f1']:>10.3f}{stats['support']:>10d}"
        )
    lines.append(f"macro-F1 {figures['macro_f1']:.3f}   accuracy {figures['accuracy']:.3f}")
    lines.append("confusion matrix (rows = true, columns = predicted):")
    lines.append(f"{'':{width}}" + "".join(f"{label[:11]:>12}" for label in labels))
    for label, row in zip(labels, figures["confusion_matrix"], strict=True):
        lines.append(f"{label:{width}}" + "".join(f"{n:>12d}" for n in row))
    calibration = figures.get("calibration")
    if calibration:
        lines.append(
            f"calibration: expected calibration error {calibration['ece']:.3f} "
            f"(mean confidence {calibration['mean_confidence']:.3f}, "
            f"accuracy {calibration['accuracy']:.3f})"
        )
    return "\n".join(lines)


def save_confusion_png(figures: dict, path, title: str) -> None:
    """Draw the confusion matrix as a PNG (matplotlib, Agg backend: no display needed)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    labels = figures["labels"]
    matrix = np.asarray(figures["confusion_matrix"])
    fig, ax = plt.subplots(figsize=(5.5, 4.8), dpi=100)
    ax.imshow(matrix, cmap="Blues")
    ax.set_xticks(range(len(labels)), labels, rotation=30, ha="right")
    ax.set_yticks(range(len(labels)), labels)
    ax.set_xlabel("predicted")
    ax.set_ylabel("true")
    ax.set_title(f"{title}\nmacro-F1 {figures['macro_f1']:.3f}", fontsize=10)
    peak = matrix.max() if matrix.size else 0
    for (i, j), n in np.ndenumerate(matrix):
        color = "white" if peak and n > peak / 2 else "black"
        ax.text(j, i, str(n), ha="center", va="center", color=color)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
