"""The feedback store's contract, run against SQLite and PostgreSQL alike."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from storage import InvalidFeedback, StoreError, open_store
from tests.servers_stores import database_url  # noqa: F401  (fixture)

SENTENCE = "Turmeric cures arthritis in two weeks."


@pytest.fixture
def store(database_url):  # noqa: F811
    with open_store(database_url) as opened:
        yield opened


def test_a_report_is_stored_with_every_field(store):
    feedback_id = store.add_feedback(
        sentence=SENTENCE,
        label="overstated",
        predicted="supported",
        url="https://example.org/a",
        comment="no trial shows this",
        model_version="2026-11-24T07:00:00Z-ab12",
        received_at=1_790_000_000.5,
    )
    assert isinstance(feedback_id, int)
    (row,) = store.feedback_rows()
    assert row == {
        "id": feedback_id,
        "sentence": SENTENCE,
        "label": "overstated",
        "predicted": "supported",
        "url": "https://example.org/a",
        "comment": "no trial shows this",
        "model_version": "2026-11-24T07:00:00Z-ab12",
        "count": 1,
        "first_received_at": 1_790_000_000.5,
        "last_received_at": 1_790_000_000.5,
    }


def test_a_repeated_report_is_stored_once_with_a_count(store):
    first = store.add_feedback(sentence=SENTENCE, label="overstated", url="https://e.org/",
                               received_at=100.0)  # fmt: skip
    # The same sentence with other whitespace is the same report.
    second = store.add_feedback(sentence=f"  {SENTENCE.replace(' ', '  ')}\n", label="overstated",
                                url="https://e.org/", received_at=200.0)  # fmt: skip
    third = store.add_feedback(sentence=SENTENCE, label="overstated", url="https://e.org/")
    assert first == second == third
    (row,) = store.feedback_rows()
    assert row["count"] == 3
    assert row["first_received_at"] == 100.0
    assert row["last_received_at"] > 200.0


def test_an_empty_url_is_the_same_report_as_no_url(store):
    assert store.add_feedback(sentence=SENTENCE, label="none", url="") == store.add_feedback(
        sentence=SENTENCE, label="none", url=None
    )
    assert [row["count"] for row in store.feedback_rows()] == [2]


@pytest.mark.parametrize(
    "change",
    [
        {"label": "unsupported"},
        {"predicted": "none"},
        {"url": "https://other.org/"},
        {"sentence": SENTENCE.lower()},
    ],  # fmt: skip
)
def test_reports_that_differ_in_an_identifying_field_are_kept_apart(store, change):
    report = {"sentence": SENTENCE, "label": "overstated", "predicted": None, "url": None}
    first = store.add_feedback(**report)
    second = store.add_feedback(**{**report, **change})
    assert first != second
    assert [row["count"] for row in store.feedback_rows()] == [1, 1]


def test_a_repeat_keeps_the_latest_comment_but_never_erases_one(store):
    store.add_feedback(sentence=SENTENCE, label="unsupported", comment="first")
    store.add_feedback(sentence=SENTENCE, label="unsupported", comment=None)
    assert store.feedback_rows()[0]["comment"] == "first"
    store.add_feedback(sentence=SENTENCE, label="unsupported", comment="second")
    assert store.feedback_rows()[0]["comment"] == "second"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"sentence": ""}, "'sentence' must be 1 to 2000"),
        ({"sentence": " \n\t "}, "'sentence' must be 1 to 2000"),
        ({"sentence": "x" * 2001}, "'sentence' must be 1 to 2000"),
        ({"sentence": None}, "'sentence' must be a string"),
        ({"sentence": "a\x00b"}, "NUL"),
        ({"label": "true"}, "'label' must be one of"),
        ({"label": None}, "'label' must be one of"),
        ({"predicted": "maybe"}, "'predicted' must be one of"),
        ({"url": 42}, "'url' must be a string"),
        ({"url": "https://e.org/" + "a" * 2048}, "'url' is too long"),
        ({"comment": "c" * 2001}, "'comment' is too long"),
        ({"received_at": "yesterday"}, "'received_at'"),
    ],
)
def test_invalid_reports_are_refused_and_nothing_is_stored(store, fields, message):
    report = {"sentence": SENTENCE, "label": "supported", **fields}
    with pytest.raises(InvalidFeedback, match=message):
        store.add_feedback(**report)
    assert store.feedback_rows() == []


def test_sentence_length_is_counted_after_stripping(store):
    store.add_feedback(sentence="   " + "x" * 2000 + "   ", label="none")
    assert len(store.feedback_rows()[0]["sentence"]) == 2000


def test_concurrent_reports_lose_nothing_and_repeats_collapse(store):
    sentences = [f"Claim number {i} about garlic and blood pressure." for i in range(40)]
    jobs = [s for s in sentences for _ in range(5)]  # every report five times

    def post(sentence):
        return sentence, store.add_feedback(sentence=sentence, label="unsupported")

    with ThreadPoolExecutor(max_workers=16) as pool:
        results = list(pool.map(post, jobs))

    ids_by_sentence = {}
    for sentence, feedback_id in results:
        ids_by_sentence.setdefault(sentence, set()).add(feedback_id)
    assert all(len(ids) == 1 for ids in ids_by_sentence.values())
    rows = store.feedback_rows()
    assert len(rows) == 40
    assert sum(row["count"] for row in rows) == 200
    assert {row["id"]: row["sentence"] for row in rows} == {
        ids.pop(): sentence for sentence, ids in ids_by_sentence.items()
    }


def test_reports_survive_reopening_the_database(database_url):  # noqa: F811
    with open_store(database_url) as store:
        feedback_id = store.add_feedback(sentence=SENTENCE, label="supported")
    with open_store(database_url) as store:
        assert [row["id"] for row in store.feedback_rows()] == [feedback_id]


def test_a_closed_store_refuses_work(database_url):  # noqa: F811
    store = open_store(database_url)
    store.close()
    with pytest.raises(RuntimeError, match="closed"):
        store.add_feedback(sentence=SENTENCE, label="supported")


def test_unknown_database_urls_are_refused_with_a_hint():
    with pytest.raises(StoreError, match="sqlite:///PATH"):
        open_store("mysql://root:secret@db/claimlens")
    with pytest.raises(StoreError) as error:
        open_store("mysql://root:secret@db/claimlens")
    assert "secret" not in str(error.value)


def test_the_store_the_api_and_the_model_agree_on_the_labels():
    import model
    from backend import api
    from storage import LABELS

    assert LABELS == api.LABELS == model.LABELS
