"""The whole feedback loop in one process: readers post feedback, the model is retrained with it,
and the running app answers with the new model without a restart."""

from __future__ import annotations

import csv
import shutil

import pytest

from backend import create_app
from model import dataset, persistence, train

FEEDBACK = [
    ("Nettle tea flushes every toxin out of your kidneys overnight.", "unsupported"),
    ("Nettle tea flushes every toxin out of your kidneys overnight.", "unsupported"),
    ("Our kombucha reverses ageing at the cellular level.", "unsupported"),
    ("Sign up for the newsletter to get recipes every week.", "none"),
]


def _small_training_file(path):
    """A few rows per topic and label: enough for a real model, quick to fit."""
    taken: dict[tuple[str, str], int] = {}
    rows = []
    for row in dataset.read_rows(dataset.default_sentence_files()):
        key = (row["topic"], row["label"])
        if taken.get(key, 0) < 2:
            taken[key] = taken.get(key, 0) + 1
            rows.append(row)
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=["text", "label", "topic", "style"])
        writer.writeheader()
        writer.writerows(rows)
    return path


@pytest.mark.slow
def test_feedback_posted_to_the_app_trains_the_next_model(tmp_path, app_config, trained_models_dir):
    models_dir = shutil.copytree(trained_models_dir, tmp_path / "models")
    app = create_app({**app_config, "MODELS_DIR": str(models_dir)})
    client = app.test_client()
    old = client.get("/api/model").get_json()["version"]

    ids = []
    for sentence, label in FEEDBACK:
        answer = client.post(
            "/api/feedback",
            json={"sentence": sentence, "label": label, "predicted": "supported", "url": None},
        )
        assert answer.status_code == 201, answer.get_json()
        ids.append(answer.get_json()["id"])
    assert ids[0] == ids[1] and len(set(ids)) == 3

    code = train.main(
        [
            "--data", str(_small_training_file(tmp_path / "small.csv")),
            "--with-feedback", "--database-url", app.config["DATABASE_URL"],
            "--out", str(models_dir), "--cv-folds", "0", "--force",
        ]
    )  # fmt: skip
    assert code == 0

    assert app.extensions["claimlens.model"].reload_now() is True
    info = client.get("/api/model").get_json()
    assert info["version"] != old
    classified = client.post("/api/classify", json={"sentences": [FEEDBACK[2][0]]}).get_json()
    assert classified["model_version"] == info["version"]
    # The new model learnt from the three distinct reports.
    metadata = persistence.read_metadata(persistence.resolve_current(models_dir))
    assert metadata["feedback"]["received"] == 3 and metadata["feedback"]["used"] == 3
