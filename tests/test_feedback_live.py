"""Feedback through a real service process: concurrent posts and a SIGKILL mid-load."""

from __future__ import annotations

import http.client
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from storage import open_store
from tests.servers_backend import backend_service, request_json
from tests.servers_stores import database_url  # noqa: F401  (fixture)


def _report(n: int) -> dict:
    return {
        "url": f"https://example.org/page/{n % 7}",
        "sentence": f"Report {n}: magnesium cures migraines for good.",
        "label": ("supported", "overstated", "unsupported", "none")[n % 4],
        "predicted": "supported",
        "comment": "from the load test",
    }


@pytest.mark.slow
def test_500_concurrent_posts_lose_nothing(tmp_path, trained_models_dir, database_url):  # noqa: F811
    # 250 distinct reports, each sent twice: 500 posts, 250 rows with count 2.
    payloads = [_report(n) for n in range(250)] * 2
    with backend_service(tmp_path, trained_models_dir, database_url) as service:
        started = time.monotonic()
        with ThreadPoolExecutor(max_workers=32) as pool:
            answers = list(
                pool.map(
                    lambda p: request_json("POST", f"{service.base_url}/api/feedback", p), payloads
                )
            )
        elapsed = time.monotonic() - started
    assert [status for status, _ in answers] == [201] * 500
    ids = [body["id"] for _, body in answers]
    assert ids[:250] == ids[250:], "a repeated report must get the id of the first"
    assert len(set(ids)) == 250

    with open_store(database_url) as store:
        rows = store.feedback_rows()
    assert len(rows) == 250
    assert all(row["count"] == 2 for row in rows)
    by_id = {row["id"]: row for row in rows}
    for n in range(250):
        row = by_id[ids[n]]
        assert (row["sentence"], row["label"], row["url"]) == (
            payloads[n]["sentence"],
            payloads[n]["label"],
            payloads[n]["url"],
        )
    print(f"500 feedback posts in {elapsed:.2f} s")


@pytest.mark.slow
def test_sigkill_mid_load_loses_nothing_answered_201(tmp_path, trained_models_dir, database_url):  # noqa: F811
    acknowledged: dict[int, dict] = {}
    refused: list = []
    lock = threading.Lock()
    stop = threading.Event()

    def post_until_stopped(worker: int, base_url: str) -> None:
        for n in range(100_000):
            if stop.is_set():
                return
            payload = _report(worker * 100_000 + n)
            try:
                status, body = request_json("POST", f"{base_url}/api/feedback", payload, 10)
            except (OSError, http.client.HTTPException, ValueError):
                return  # the service is gone: this post was never (completely) answered
            with lock:
                if status == 201:
                    acknowledged[body["id"]] = payload
                else:
                    refused.append((status, body))

    with backend_service(tmp_path, trained_models_dir, database_url) as service:
        workers = [
            threading.Thread(target=post_until_stopped, args=(w, service.base_url))
            for w in range(8)
        ]
        for worker in workers:
            worker.start()
        deadline = time.monotonic() + 20
        while len(acknowledged) < 300 and time.monotonic() < deadline:
            time.sleep(0.01)
        service.kill()  # mid-load: several posts are in flight right now
        stop.set()
        for worker in workers:
            worker.join(timeout=20)
    assert refused == []
    assert len(acknowledged) >= 300, "too few posts were answered before the kill"

    with open_store(database_url) as store:
        stored = {row["id"]: row for row in store.feedback_rows()}
    lost = [
        feedback_id
        for feedback_id, sent in acknowledged.items()
        if feedback_id not in stored
        or (stored[feedback_id]["sentence"], stored[feedback_id]["label"])
        != (sent["sentence"], sent["label"])
    ]
    assert lost == []
    print(f"{len(acknowledged)} posts answered 201 before SIGKILL, all stored")
