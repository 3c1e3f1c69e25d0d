"""The model the service answers with, loaded once and swapped in place when a new one is promoted.

`model.train` promotes a model by atomically rewriting the pointer file `MODELS_DIR/CURRENT`.
The holder looks at that file's identity at most once a second; when it changed, it loads the new
model beside the old one and swaps the reference, so requests in flight finish on the old model
and no request ever sees a half-loaded one. A model whose hash does not match its metadata is
refused with a log line and the previous one stays in service.
"""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path

from model import persistence

log = logging.getLogger("claimlens.model")

CHECK_INTERVAL_S = 1.0


class ModelHolder:
    def __init__(self, models_dir: str | Path, train_if_missing: bool = True):
        self.models_dir = Path(models_dir)
        self._lock = threading.Lock()
        self._model = None
        self._pointer_state = None
        self._next_check = 0.0
        self.train_if_missing = train_if_missing

    # -- loading -------------------------------------------------------------------------------
    def load(self) -> None:
        """Load the promoted model; train one from training_data/ first if none exists."""
        if persistence.resolve_current(self.models_dir) is None:
            if not self.train_if_missing:
                raise RuntimeError(
                    f"No trained model in {self.models_dir}; build one with: python -m model.train"
                )
            from model import train

            log.info("no model in %s: training one from training_data/", self.models_dir)
            train.train_default(self.models_dir)
        self._pointer_state = persistence.pointer_state(self.models_dir)
        self._model = persistence.load_model(persistence.resolve_current(self.models_dir))
        log.info("model %s loaded", self._model.version)

    def maybe_reload(self) -> None:
        """Swap in a newly promoted model; keep the current one if the new one is refused."""
        now = time.monotonic()
        if now < self._next_check:
            return
        self._next_check = now + CHECK_INTERVAL_S
        state = persistence.pointer_state(self.models_dir)
        if state == self._pointer_state:
            return
        with self._lock:
            if state == self._pointer_state:
                return
            self._pointer_state = state
            target = persistence.resolve_current(self.models_dir)
            if target is None:
                return
            try:
                candidate = persistence.load_model(target)
            except persistence.ModelIntegrityError as error:
                log.error("refused model %s: %s; keeping %s", target, error, self.version)
                return
            except Exception:  # a broken file must never take the service down
                log.exception("could not load model %s; keeping %s", target, self.version)
                return
            self._model = candidate
            log.info("swapped in model %s", candidate.version)

    # -- answering -------------------------------------------------------------------------------
    @property
    def ready(self) -> bool:
        return self._model is not None

    @property
    def version(self) -> str | None:
        model = self._model
        return model.version if model is not None else None

    def classify(self, sentences: list[str]) -> tuple[str, list[dict]]:
        """(model version, one result per sentence); version and results come from one model."""
        self.maybe_reload()
        model = self._model
        if model is None:
            from .errors import ApiError

            raise ApiError(503, "The model is still loading; try again in a few seconds.")
        return model.version, model.predict(sentences) if sentences else []

    def info(self) -> dict:
        self.maybe_reload()
        model = self._model
        if model is None:
            return {"version": None, "ready": False}
        meta = model.metadata
        return {
            "version": model.version,
            "trained_at": meta.get("trained_at"),
            "data_fingerprint": meta.get("data_fingerprint"),
            "metrics": meta.get("metrics", {}),
            "libraries": meta.get("libraries", {}),
            "sha256": meta.get("sha256"),
            "ready": True,
        }
