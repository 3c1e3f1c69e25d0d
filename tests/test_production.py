"""Serving in production: rate limits (per worker and across workers), readiness, cache, logs."""

import json
import re
import threading
import urllib.error
import urllib.request

import pytest

from backend import create_app
from backend.cache import AnnotationCache
from backend.classifier import ModelHolder
from tests.servers import gunicorn_service, redis_server


def post_json(url: str, payload: dict) -> tuple[int, dict, dict]:
    request = urllib.request.Request(
        url, data=json.dumps(payload).encode(), headers={"Content-Type": "application/json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), json.loads(error.read())


def test_rate_limit_answers_429_problem_json_with_retry_after(app_config, model_holder):
    app = create_app(dict(app_config, RATELIMIT_DEFAULT="3 per minute"), model_holder=model_holder)
    client = app.test_client()
    statuses = [
        client.post("/api/classify", json={"sentences": ["Hello."]}).status_code for _ in range(5)
    ]
    assert statuses == [200, 200, 200, 429, 429]
    limited = client.post("/api/classify", json={"sentences": ["Hello."]})
    assert limited.mimetype == "application/problem+json"
    assert int(limited.headers["Retry-After"]) > 0
    assert limited.get_json()["status"] == 429
    # probes are never throttled
    assert all(client.get("/api/health").status_code == 200 for _ in range(5))


@pytest.mark.redis
@pytest.mark.slow
def test_rate_limit_is_shared_across_gunicorn_workers(tmp_path, trained_models_dir):
    with (
        redis_server() as redis_url,
        gunicorn_service(
            tmp_path,
            trained_models_dir,
            workers=2,
            CLAIMLENS_RATE_LIMIT="6 per minute",
            CLAIMLENS_RATE_LIMIT_STORAGE=redis_url,
            # one thread per worker, so concurrent requests spread over both workers
            CLAIMLENS_THREADS="1",
        ) as (base, log_path),
    ):
        results = []
        lock = threading.Lock()

        def call():
            status, headers, body = post_json(f"{base}/api/classify", {"sentences": ["Hi."]})
            with lock:
                results.append((status, headers, body))

        def answering_pids() -> set[str]:
            return set(
                re.findall(r"^\S+ \S+ (\d+) claimlens\.requests", log_path.read_text(), re.M)
            )

        # Waves of concurrent requests until both workers have answered some (the kernel may
        # hand a whole wave to one worker); the limit must hold over all of them together.
        for _wave in range(8):
            threads = [threading.Thread(target=call) for _ in range(12)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(30)
            if len(answering_pids()) >= 2:
                break
        statuses = [status for status, _, _ in results]
        assert len(answering_pids()) >= 2, log_path.read_text()[-2000:]
        assert statuses.count(200) == 6, statuses
        assert statuses.count(429) == len(statuses) - 6, statuses
        limited = [h for s, h, _ in results if s == 429]
        assert all(int(h["Retry-After"]) > 0 for h in limited)


def test_readiness_is_false_until_the_model_is_loaded(app_config, trained_models_dir):
    holder = ModelHolder(trained_models_dir, train_if_missing=False)
    gate = threading.Event()
    real_load = holder.load

    def slow_load():
        gate.wait(10)
        real_load()

    holder.load = slow_load
    app = create_app(dict(app_config, LOAD_MODEL_IN_BACKGROUND=True), model_holder=holder)
    client = app.test_client()
    assert client.get("/api/health").status_code == 200
    assert client.get("/api/ready").status_code == 503
    assert client.post("/api/classify", json={"sentences": ["x"]}).status_code == 503
    gate.set()
    for _ in range(100):
        if holder.ready:
            break
        threading.Event().wait(0.05)
    assert client.get("/api/ready").status_code == 200


def test_cache_key_changes_with_text_and_model_version():
    key = AnnotationCache.key
    assert key("page", "v1") == key("page", "v1")
    assert key("page", "v1") != key("page", "v2")
    assert key("page", "v1") != key("page changed", "v1")


def test_cache_is_bounded():
    cache = AnnotationCache(max_entries=2)
    for name in ("a", "b", "c"):
        cache.put(name, {"n": name})
    assert cache.get("a") is None
    assert cache.get("b") == {"n": "b"} and cache.get("c") == {"n": "c"}


@pytest.mark.redis
def test_cache_can_be_shared_through_redis():
    import redis

    with redis_server() as url:
        first = AnnotationCache(redis_client=redis.Redis.from_url(url))
        second = AnnotationCache(redis_client=redis.Redis.from_url(url))
        first.put("k", {"annotations": [1]})
        assert second.get("k") == {"annotations": [1]}


def test_request_log_has_no_page_contents(client, caplog):
    secret = "Unique sentence about grapefruit curing everything."
    with caplog.at_level("INFO", logger="claimlens.requests"):
        client.post("/api/annotate", json={"text": secret})
        client.post("/api/feedback", json={"sentence": secret, "label": "unsupported"})
    lines = [r.getMessage() for r in caplog.records if r.name == "claimlens.requests"]
    assert len(lines) == 2
    for line in lines:
        entry = json.loads(line)
        assert set(entry) == {"method", "path", "status", "ms", "model_version"}
        assert "grapefruit" not in line
