"""Public datasets used only to evaluate: loaders and the figure each one gives.

Each loader returns None when its files are absent, so evaluation runs wherever it can. The
rows are never used to train and never copied into the project (see shared/data/README.md).
"""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

from .dataset import REPO_ROOT, read_rows

CLAIM_LABELS = ("supported", "overstated", "unsupported")


def shared_data_dir() -> Path:
    """CLAIMLENS_SHARED_DATA, else the `shared/data` folder beside the repository."""
    return Path(os.environ.get("CLAIMLENS_SHARED_DATA", REPO_ROOT.parent / "shared" / "data"))


def realworld_dev(root: Path) -> list[dict] | None:
    """The 160 realworld-dev rows in our four labels, or None."""
    path = root / "realworld-dev" / "realworld_dev.csv"
    return read_rows([path]) if path.is_file() else None


def yu2020(root: Path) -> list[dict] | None:
    """Yu 2020 sentences as {text, claim}: claim is False for label 0, True for 1-3."""
    folder = root / "yu2020-claim-strength"
    rows = []
    for name in ("annotated_pubmed.csv", "annotated_eureka.csv"):
        path = folder / name
        if not path.is_file():
            continue
        with path.open(newline="", encoding="utf-8") as handle:
            for raw in csv.DictReader(handle):
                text = (raw.get("sentence") or "").strip()
                if text and raw.get("label", "").strip() in {"0", "1", "2", "3"}:
                    rows.append({"text": text, "claim": raw["label"].strip() != "0"})
    return rows or None


def _jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def missci(root: Path) -> list[dict] | None:
    """MISSCI as {text, kind}: kind `claim` (misrepresents a study) or `p0` (accurate finding)."""
    rows = []
    for name in ("dev.missci.jsonl", "test.missci.jsonl"):
        path = root / "missci" / name
        if not path.is_file():
            continue
        for record in _jsonl(path):
            argument = record.get("argument", {})
            claim = (argument.get("claim") or "").strip()
            premise = ((argument.get("accurate_premise_p0") or {}).get("premise") or "").strip()
            if claim:
                rows.append({"text": claim, "kind": "claim"})
            if premise:
                rows.append({"text": premise, "kind": "p0"})
    return rows or None


def insciout(root: Path) -> list[dict] | None:
    """InSciOut press-release conclusions as {text, exaggeration}: exaggerates/same/downplays."""
    rows = []
    for name in ("insciout_train.jsonl", "insciout_test.jsonl"):
        path = root / "wright2021-insciout-exaggeration" / name
        if not path.is_file():
            continue
        for record in _jsonl(path):
            text = (record.get("press_release_conclusion") or "").strip()
            if text:
                rows.append({"text": text, "exaggeration": record.get("exaggeration_label")})
    return rows or None


def yu2020_figures(rows: list[dict], predicted: list[str]) -> dict:
    """Claim vs not-a-claim: our `none` against any of the three claim labels."""
    from .metrics import classification_figures

    truth = ["claim" if row["claim"] else "none" for row in rows]
    guess = ["none" if label == "none" else "claim" for label in predicted]
    return classification_figures(truth, guess, labels=("none", "claim"))


def missci_figures(rows: list[dict], predicted: list[str]) -> dict:
    """How often misrepresenting claims come out overstated/unsupported, and accurate findings
    supported (or none)."""
    claims = [p for r, p in zip(rows, predicted, strict=True) if r["kind"] == "claim"]
    premises = [p for r, p in zip(rows, predicted, strict=True) if r["kind"] == "p0"]
    claim_rate = sum(p in ("overstated", "unsupported") for p in claims) / max(len(claims), 1)
    p0_rate = sum(p in ("supported", "none") for p in premises) / max(len(premises), 1)
    return {
        "claims": len(claims),
        "premises": len(premises),
        "claim_flagged_rate": round(claim_rate, 4),
        "p0_supported_or_none_rate": round(p0_rate, 4),
        "balanced_accuracy": round((claim_rate + p0_rate) / 2, 4),
    }


def insciout_figures(rows: list[dict], predicted: list[str]) -> dict:
    """Rate of `overstated` among exaggerating vs faithful (`same`) press-release conclusions."""
    out = {}
    for group in ("exaggerates", "same", "downplays"):
        labels = [p for r, p in zip(rows, predicted, strict=True) if r["exaggeration"] == group]
        out[group] = {
            "n": len(labels),
            "overstated_rate": round(
                sum(p == "overstated" for p in labels) / max(len(labels), 1), 4
            ),
        }
    out["gap"] = round(out["exaggerates"]["overstated_rate"] - out["same"]["overstated_rate"], 4)
    return out
