"""`python -m model.feedback export` and `feedback_rows()`: feedback as training CSV rows."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

from model import feedback
from model.dataset import is_holdout_topic
from storage import open_store
from tests.servers_stores import database_url  # noqa: F401  (fixture)

ROOT = Path(__file__).resolve().parent.parent
TRAINING_HEADER = ["text", "label", "topic", "style"]


def _fill(url: str) -> None:
    with open_store(url) as store:
        store.add_feedback(sentence="Cupping draws out toxins.", label="unsupported")
        store.add_feedback(sentence="Cupping draws out toxins.", label="unsupported")
        store.add_feedback(sentence='He said "rest, then ice".', label="none", predicted="none")
        store.add_feedback(sentence="Zinc may shorten colds.", label="supported", url="https://e/")


def _read(path: Path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_feedback_rows_are_training_rows_with_counts(database_url):  # noqa: F811
    _fill(database_url)
    assert feedback.feedback_rows(database_url) == [
        {"text": "Cupping draws out toxins.", "label": "unsupported", "topic": "reader feedback",
         "style": "feedback", "count": 2},
        {"text": 'He said "rest, then ice".', "label": "none", "topic": "reader feedback",
         "style": "feedback", "count": 1},
        {"text": "Zinc may shorten colds.", "label": "supported", "topic": "reader feedback",
         "style": "feedback", "count": 1},
    ]  # fmt: skip


def test_export_writes_the_training_csv_format(database_url, tmp_path):  # noqa: F811
    _fill(database_url)
    out = tmp_path / "exports" / "feedback.csv"
    assert feedback.main(["export", "--out", str(out), "--database-url", database_url]) == 0
    with open(out, newline="", encoding="utf-8") as handle:
        header = next(csv.reader(handle))
    assert header[:4] == TRAINING_HEADER and header[4:] == ["count"]
    rows = _read(out)
    assert [(r["text"], r["label"], r["count"]) for r in rows] == [
        ("Cupping draws out toxins.", "unsupported", "2"),
        ('He said "rest, then ice".', "none", "1"),
        ("Zinc may shorten colds.", "supported", "1"),
    ]


def test_feedback_rows_land_on_the_training_side_of_the_holdout_split():
    assert not is_holdout_topic(feedback.FEEDBACK_TOPIC)


def test_the_training_files_have_the_header_the_export_copies():
    for path in sorted((ROOT / "training_data" / "sentences").glob("*.csv")):
        with open(path, newline="", encoding="utf-8") as handle:
            assert next(csv.reader(handle)) == TRAINING_HEADER, path


def test_the_database_defaults_to_the_services(tmp_path, monkeypatch):
    monkeypatch.delenv("CLAIMLENS_DATABASE_URL", raising=False)
    monkeypatch.setenv("CLAIMLENS_INSTANCE_DIR", str(tmp_path / "instance"))
    _fill(f"sqlite:///{tmp_path / 'instance' / 'claimlens.sqlite3'}")
    assert len(feedback.feedback_rows()) == 3
    monkeypatch.setenv("CLAIMLENS_DATABASE_URL", f"sqlite:///{tmp_path / 'other.sqlite3'}")
    _fill(f"sqlite:///{tmp_path / 'other.sqlite3'}")
    out = tmp_path / "out.csv"
    assert feedback.main(["export", "--out", str(out)]) == 0
    assert len(_read(out)) == 3


def test_a_missing_sqlite_database_means_no_feedback_and_is_not_created(tmp_path):
    path = tmp_path / "never-started" / "claimlens.sqlite3"
    out = tmp_path / "feedback.csv"
    assert feedback.main(["export", "--out", str(out), "--database-url", f"sqlite:///{path}"]) == 0
    assert _read(out) == []
    assert not path.parent.exists()


def test_a_bad_database_url_is_a_one_line_error(tmp_path, capsys):
    code = feedback.main(["export", "--out", str(tmp_path / "x.csv"), "--database-url", "nope"])
    assert code == 2
    assert "sqlite:///PATH" in capsys.readouterr().err
    assert not (tmp_path / "x.csv").exists()


def test_export_runs_as_a_module(tmp_path):
    url = f"sqlite:///{tmp_path / 'claimlens.sqlite3'}"
    _fill(url)
    out = tmp_path / "feedback.csv"
    command = ["export", "--out", str(out), "--database-url", url]
    result = subprocess.run(
        [sys.executable, "-m", "model.feedback", *command],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "wrote 3 reports (4 with repeats)" in result.stderr
    assert len(_read(out)) == 3


def test_export_needs_an_output_file():
    with pytest.raises(SystemExit):
        feedback.main(["export"])
