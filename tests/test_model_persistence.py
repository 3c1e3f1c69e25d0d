"""Saving and loading models: round trip, integrity checks, atomic promotion."""

import json
import os
import threading

import pytest
from sklearn.exceptions import InconsistentVersionWarning

from model import persistence
from model.pipeline import build_pipeline

TEXTS = [
    "Book your appointment today.",
    "Opening hours are 9 to 5.",
    "Studies suggest it may ease pain.",
    "Early research suggests it might help.",
    "It is proven to cure everyone.",
    "Guaranteed to work for anyone.",
    "It releases blocked energy.",
    "It detoxifies your liver.",
]
LABELS = ["none", "none", "supported", "supported", "overstated", "overstated"] + [
    "unsupported"
] * 2


@pytest.fixture
def saved(tmp_path):
    pipeline = build_pipeline(tmp_path / "no-evidence.csv").fit(TEXTS, LABELS)
    model_dir = persistence.save_model(pipeline, {"n_rows": 8}, tmp_path / "models", "v1")
    return tmp_path / "models", model_dir


def test_round_trip_keeps_predictions_and_metadata(saved):
    models_dir, model_dir = saved
    persistence.promote(models_dir, "v1")
    assert persistence.resolve_current(models_dir) == model_dir
    loaded = persistence.load_model(model_dir)
    assert loaded.version == "v1"
    assert loaded.metadata["n_rows"] == 8
    assert loaded.metadata["sha256"] == persistence.sha256_of(model_dir / "model.joblib")
    assert [r["label"] for r in loaded.predict(TEXTS)] == list(loaded.pipeline.predict(TEXTS))


def test_tampered_model_file_is_refused(saved):
    _, model_dir = saved
    with open(model_dir / "model.joblib", "ab") as handle:
        handle.write(b"tampered")
    with pytest.raises(persistence.ModelIntegrityError, match="does not match"):
        persistence.load_model(model_dir)


def test_missing_metadata_is_refused(saved):
    _, model_dir = saved
    os.unlink(model_dir / "metadata.json")
    with pytest.raises(persistence.ModelIntegrityError, match="missing"):
        persistence.load_model(model_dir)


def test_model_from_other_library_versions_is_refused(saved):
    _, model_dir = saved
    meta = json.loads((model_dir / "metadata.json").read_text())
    meta["libraries"]["sklearn"] = "0.0.1"
    (model_dir / "metadata.json").write_text(json.dumps(meta))
    with pytest.raises(persistence.ModelIntegrityError, match="scikit-learn 0.0.1"):
        persistence.load_model(model_dir)


@pytest.mark.parametrize("saved_format", [1, None])
def test_model_saved_in_an_older_format_is_refused_as_outdated(saved, saved_format):
    _, model_dir = saved
    meta = json.loads((model_dir / "metadata.json").read_text())
    assert meta["format"] == persistence.MODEL_FORMAT
    if saved_format is None:
        del meta["format"]  # saved before the format was recorded
    else:
        meta["format"] = saved_format
    (model_dir / "metadata.json").write_text(json.dumps(meta))
    with pytest.raises(persistence.OutdatedModelError, match="model format 1"):
        persistence.load_model(model_dir)


def test_inconsistent_version_warning_on_unpickling_is_refused(saved, monkeypatch):
    _, model_dir = saved

    def warn_like_sklearn(path):
        import warnings

        warnings.warn(
            InconsistentVersionWarning(
                estimator_name="Pipeline", current_sklearn_version="9", original_sklearn_version="1"
            ),
            stacklevel=1,
        )

    monkeypatch.setattr(persistence.joblib, "load", warn_like_sklearn)
    with pytest.raises(persistence.ModelIntegrityError, match="other library versions"):
        persistence.load_model(model_dir)


def test_pointer_absent_empty_or_escaping_resolves_to_none(tmp_path):
    assert persistence.resolve_current(tmp_path) is None
    assert persistence.pointer_state(tmp_path) is None
    (tmp_path / "CURRENT").write_text("../elsewhere\n")
    assert persistence.resolve_current(tmp_path) is None
    (tmp_path / "CURRENT").write_text("missing-version\n")
    assert persistence.resolve_current(tmp_path) is None


def test_promotion_replaces_the_pointer_atomically(saved):
    models_dir, _ = saved
    pipeline = persistence.load_model(models_dir / "v1").pipeline
    persistence.save_model(pipeline, {}, models_dir, "v2")
    persistence.promote(models_dir, "v1")
    state = persistence.pointer_state(models_dir)
    seen = set()
    stop = threading.Event()

    def reader():
        while not stop.is_set():
            seen.add((models_dir / "CURRENT").read_text())

    thread = threading.Thread(target=reader)
    thread.start()
    for i in range(200):
        persistence.promote(models_dir, "v2" if i % 2 == 0 else "v1")
    stop.set()
    thread.join()
    assert seen <= {"v1\n", "v2\n"}  # never empty, never half written
    assert persistence.pointer_state(models_dir) != state
    assert not [p for p in os.listdir(models_dir) if p.endswith(".tmp")]


def test_promoting_an_unknown_version_fails(tmp_path):
    with pytest.raises(FileNotFoundError):
        persistence.promote(tmp_path, "nope")
