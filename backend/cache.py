"""Annotation cache: the same page content under the same model is classified once.

Keyed by a hash of the extracted text and the model version, so a changed page or a new model
never gets a stale answer. Bounded LRU in process by default; Redis when configured, shared by
every worker.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict


class AnnotationCache:
    def __init__(self, max_entries: int = 512, redis_client=None, ttl_s: int = 24 * 3600):
        self.max_entries = max_entries
        self._entries: OrderedDict[str, dict] = OrderedDict()
        self._lock = threading.Lock()
        self._redis = redis_client
        self._ttl_s = ttl_s

    @classmethod
    def from_config(cls, config: dict) -> AnnotationCache | None:
        if config.get("CACHE_SIZE", 0) <= 0:
            return None
        redis_client = None
        url = config.get("CACHE_REDIS_URL")
        if url:
            import redis

            redis_client = redis.Redis.from_url(url)
        return cls(config["CACHE_SIZE"], redis_client)

    @staticmethod
    def key(text: str, model_version: str | None) -> str:
        digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
        return f"claimlens:annotate:{model_version}:{digest}"

    def get(self, key: str) -> dict | None:
        if self._redis is not None:
            raw = self._redis.get(key)
            return json.loads(raw) if raw else None
        with self._lock:
            value = self._entries.get(key)
            if value is not None:
                self._entries.move_to_end(key)
            return value

    def put(self, key: str, value: dict) -> None:
        if self._redis is not None:
            self._redis.set(key, json.dumps(value), ex=self._ttl_s)
            return
        with self._lock:
            self._entries[key] = value
            self._entries.move_to_end(key)
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)
