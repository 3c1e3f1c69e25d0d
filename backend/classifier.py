"""The model the service answers with, loaded once and swapped in place when a new one is promoted.

`model.train` promotes a model by atomically replacing the pointer file `MODELS_DIR/CURRENT`
(after the model's own files are complete). Requests look at that file's identity at most once a
second; when it changed, a background thread loads the new model beside the old one and then swaps
one reference, so no request waits for the load, requests in flight finish on the old model, and
no request ever sees a half-loaded one. A model whose hash does not match its metadata (or that
cannot be loaded at all) is refused with an error log line and the previous one stays in service.
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
    """Owns the model in service; `classify` and `info` always read one consistent model."""

    def __init__(self, models_dir: str | Path, train_if_missing: bool = True):
        self.models_dir = Path(models_dir)
        self.train_if_missing = train_if_missing
        self._model = None
        self._pointer_state = None
        self._next_check = 0.0
        self._reloading = threading.Lock()  # held while a load is in progress
        self.last_refusal: dict | None = None

    # -- loading -------------------------------------------------------------------------------
    def load(self) -> None:
        """Load the promoted model; train one from training_data/ first if there is none, or if
        the promoted one was saved by older code in a format this code does not read."""
        if persistence.resolve_current(self.models_dir) is None:
            self._train(f"no model in {self.models_dir}")
        # Read the pointer's identity before resolving it: a promotion in between is then seen
        # as a change at the next check rather than missed.
        self._pointer_state = persistence.pointer_state(self.models_dir)
        try:
            self._model = persistence.load_model(persistence.resolve_current(self.models_dir))
        except persistence.OutdatedModelError as error:
            # After an upgrade the promoted model may predate the code: rebuild it rather than
            # refuse to start, when training here is allowed.
            if not self.train_if_missing:
                raise
            self._train(str(error))
            self._pointer_state = persistence.pointer_state(self.models_dir)
            self._model = persistence.load_model(persistence.resolve_current(self.models_dir))
        log.info("model %s loaded", self._model.version)

    def _train(self, reason: str) -> None:
        if not self.train_if_missing:
            raise RuntimeError(f"{reason}; build one with: python -m model.train")
        from model import train

        log.info("%s: training one from training_data/", reason)
        train.train_default(self.models_dir)

    def maybe_reload(self) -> None:
        """At most once a second: if CURRENT changed, load the new model in the background."""
        now = time.monotonic()
        if now < self._next_check:
            return
        self._next_check = now + CHECK_INTERVAL_S
        if persistence.pointer_state(self.models_dir) == self._pointer_state:
            return
        if not self._reloading.acquire(blocking=False):
            return  # another thread is already loading it
        try:
            threading.Thread(
                target=self._reload_in_background, name="model-reload", daemon=True
            ).start()
        except BaseException:
            self._reloading.release()
            raise

    def _reload_in_background(self) -> None:
        try:
            self._reload_if_changed()
        except Exception:  # e.g. models_dir unreadable: say so, keep serving the current model
            log.exception(
                "checking %s for a new model failed; keeping %s", self.models_dir, self.version
            )
        finally:
            self._reloading.release()

    def reload_now(self) -> bool:
        """Check CURRENT and swap in a newly promoted model, waiting for the load.

        Returns True when a new model is now in service. A refused model leaves the current one
        in place and is not tried again until CURRENT changes.
        """
        with self._reloading:
            return self._reload_if_changed()

    def _reload_if_changed(self) -> bool:
        state = persistence.pointer_state(self.models_dir)
        if state == self._pointer_state:
            return False
        self._pointer_state = state
        target = persistence.resolve_current(self.models_dir)
        if target is None:
            log.error(
                "%s/CURRENT names no model directory; keeping %s", self.models_dir, self.version
            )
            return False
        if target.name == self.version:
            return False  # the pointer was rewritten with the same version
        try:
            candidate = persistence.load_model(target)
        except persistence.ModelIntegrityError as error:
            self._refuse(target, str(error))
            return False
        except Exception as error:  # a broken file must never take the service down
            log.exception("could not load model %s", target)
            self._refuse(target, f"{type(error).__name__}: {error}")
            return False
        previous, self._model = self.version, candidate
        log.info("swapped in model %s (was %s)", candidate.version, previous)
        return True

    def _refuse(self, target: Path, reason: str) -> None:
        self.last_refusal = {"version": target.name, "reason": reason, "at": time.time()}
        log.error("refused model %s: %s; keeping model %s", target.name, reason, self.version)

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
        model = self._model  # one read: a swap during predict cannot mix two models
        if model is None:
            from .errors import ApiError

            raise ApiError(503, "The model is still loading; try again in a few seconds.")
        return model.version, model.predict(sentences) if sentences else []

    def info(self) -> dict:
        """What GET /api/model reports: the model in service and its provenance."""
        self.maybe_reload()
        model = self._model
        if model is None:
            return {"version": None, "ready": False}
        meta = model.metadata
        info = {
            "version": model.version,
            "trained_at": meta.get("trained_at"),
            "data_fingerprint": meta.get("data_fingerprint"),
            "metrics": meta.get("metrics", {}),
            "libraries": meta.get("libraries", {}),
            "sha256": meta.get("sha256"),
            "ready": True,
        }
        if self.last_refusal is not None:
            info["last_refused"] = self.last_refusal
        return info
