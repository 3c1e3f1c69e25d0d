"""The training CLI end to end: save, metadata, promotion, refusal and --force, feedback."""

import csv
import json
import random

import pytest

from model import dataset, persistence, train


def _write(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=["text", "label", "topic", "style"])
        writer.writeheader()
        writer.writerows({k: row[k] for k in ("text", "label", "topic", "style")} for row in rows)
    return path


@pytest.fixture(scope="module")
def small_rows():
    rows = dataset.read_rows(dataset.default_sentence_files())
    if len({r["topic"] for r in rows}) < 6:
        pytest.skip("training_data/sentences has too few topics yet")
    # A few rows of each label per topic: every label in every split, and training is quick.
    taken: dict[tuple[str, str], int] = {}
    subset = []
    for row in rows:
        key = (row["topic"], row["label"])
        if taken.get(key, 0) < 3:
            taken[key] = taken.get(key, 0) + 1
            subset.append(row)
    return subset


@pytest.fixture
def data_file(tmp_path, small_rows):
    return _write(tmp_path / "small.csv", small_rows)


def test_main_trains_saves_and_promotes(tmp_path, data_file, capsys):
    out = tmp_path / "models"
    assert train.main(["--data", str(data_file), "--out", str(out), "--cv-folds", "2"]) == 0
    printed = capsys.readouterr().out
    assert "grouped CV by topic" in printed and "held-out topics" in printed
    assert "macro-F1" in printed and "confusion matrix" in printed
    current = persistence.resolve_current(out)
    assert current is not None and current.parent == out
    for name in ("model.joblib", "metadata.json", "confusion_matrix.png"):
        assert (current / name).is_file()
    meta = json.loads((current / "metadata.json").read_text())
    assert meta["version"] == current.name
    assert meta["sha256"] == persistence.sha256_of(current / "model.joblib")
    assert set(meta["libraries"]) >= {"sklearn", "numpy", "scipy", "python"}
    assert 0 <= meta["metrics"]["held_out_macro_f1"] <= 1
    assert 0 <= meta["metrics"]["grouped_cv_macro_f1"] <= 1
    assert meta["n_rows"] == sum(meta["label_counts"].values())
    assert len(meta["data_fingerprint"]) == 64


def test_worse_model_is_refused_unless_forced(tmp_path, data_file, small_rows, capsys):
    out = tmp_path / "models"
    assert train.main(["--data", str(data_file), "--out", str(out), "--cv-folds", "0"]) == 0
    first = persistence.resolve_current(out)

    # Worse training data, same curated held-out topics: shuffle the labels of training topics.
    shuffled = [dict(row) for row in small_rows]
    training = [row for row in shuffled if not dataset.is_holdout_topic(row["topic"])]
    labels = [row["label"] for row in training]
    random.Random(7).shuffle(labels)
    for row, label in zip(training, labels, strict=True):
        row["label"] = label
    bad = _write(tmp_path / "bad.csv", shuffled)
    status = train.main(["--data", str(bad), "--out", str(out), "--cv-folds", "0"])
    assert status == train.EXIT_REFUSED
    assert "refused" in capsys.readouterr().out
    assert persistence.resolve_current(out) == first

    assert train.main(["--data", str(bad), "--out", str(out), "--cv-folds", "0", "--force"]) == 0
    assert persistence.resolve_current(out) != first


def test_same_data_twice_gives_the_same_predictions(tmp_path, data_file, small_rows):
    out = tmp_path / "models"
    texts = [row["text"] for row in small_rows[:50]]
    assert train.main(["--data", str(data_file), "--out", str(out), "--cv-folds", "0"]) == 0
    first = persistence.load_model(persistence.resolve_current(out)).predict(texts)
    assert train.main(["--data", str(data_file), "--out", str(out), "--cv-folds", "0"]) == 0
    second = persistence.load_model(persistence.resolve_current(out)).predict(texts)
    assert first == second


def test_missing_data_file_is_an_error(tmp_path, capsys):
    assert train.main(["--data", str(tmp_path / "nope.csv"), "--out", str(tmp_path)]) == 1
    assert "no such data file" in capsys.readouterr().err


def test_feedback_never_overrides_curated_labels():
    curated = [{"text": "Reiki cures cancer.", "label": "unsupported", "topic": "reiki"}]
    feedback = [
        {"text": "reiki  cures cancer.", "label": "supported", "count": 3},
        {"text": "Reiki cures cancer.", "label": "unsupported", "count": 1},
        {"text": "Cupping is proven to work.", "label": "overstated", "count": 1},
        {"text": "Cupping is proven to work.", "label": "overstated", "count": 1},
    ]
    usable, stats = train.merge_feedback(curated, feedback)
    assert [row["text"] for row in usable] == ["Cupping is proven to work."]
    assert stats == {"received": 4, "used": 1, "disagreed": 1, "duplicates": 2}


def test_with_feedback_reads_the_store_and_reports(tmp_path, data_file, monkeypatch, capsys):
    import model.feedback

    rows = [{"text": "Cupping is proven to cure everything.", "label": "overstated"}]
    seen_urls = []

    def fake_feedback_rows(url):
        seen_urls.append(url)
        return rows

    monkeypatch.setattr(model.feedback, "feedback_rows", fake_feedback_rows)
    argv = ["--data", str(data_file), "--out", str(tmp_path / "m"), "--cv-folds", "0"]
    assert train.main([*argv, "--with-feedback", "--database-url", "sqlite:///x.db"]) == 0
    assert seen_urls == ["sqlite:///x.db"]
    assert "feedback: 1 row(s) used, 0 disagreed" in capsys.readouterr().out


def test_train_default_builds_a_loadable_model(tmp_path):
    if not dataset.default_sentence_files():
        pytest.skip("no training data yet")
    model_dir = train.train_default(tmp_path / "models")
    assert persistence.resolve_current(tmp_path / "models") == model_dir
    loaded = persistence.load_model(model_dir)
    assert loaded.predict(["Book your appointment today."])[0]["label"] in {
        "none",
        "supported",
        "overstated",
        "unsupported",
    }
