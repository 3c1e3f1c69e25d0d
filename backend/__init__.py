"""ClaimLens service: the app factory wires settings, the model, the store and the API together."""

from __future__ import annotations

import json
import logging
import threading
import time
from pathlib import Path

from flask import Flask, g, request
from flask_cors import CORS
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

from storage import open_store

from . import api, config, errors
from .cache import AnnotationCache
from .classifier import ModelHolder
from .fetch import Fetcher
from .pipeline import Services

request_log = logging.getLogger("claimlens.requests")


def create_app(test_config: dict | None = None, model_holder: ModelHolder | None = None) -> Flask:
    """Build the app. `test_config` overrides settings; `model_holder` lets tests share a model."""
    app = Flask(__name__)
    app.config.from_mapping(config.from_environment())
    if test_config:
        app.config.from_mapping(test_config)
    Path(app.config["INSTANCE_DIR"]).mkdir(parents=True, exist_ok=True)

    errors.init_app(app)
    _init_request_log(app)  # first, so its timer starts before the rate limit check
    # Only the extension's origin may call the API from a browser, never every origin.
    CORS(app, resources={r"/api/*": {"origins": app.config["CORS_ORIGINS"]}})
    _init_rate_limits(app)

    holder = model_holder or ModelHolder(app.config["MODELS_DIR"])
    if not holder.ready:
        if app.config["LOAD_MODEL_IN_BACKGROUND"]:
            # Answer liveness at once; /api/ready says 503 until the model is in.
            threading.Thread(target=holder.load, name="model-loader", daemon=True).start()
        else:
            holder.load()
    app.extensions["claimlens.model"] = holder
    app.extensions["claimlens.store"] = open_store(app.config["DATABASE_URL"])
    app.extensions["claimlens.pipeline"] = Services(
        config=app.config,
        fetcher=Fetcher.from_config(app.config),
        model=holder,
        cache=AnnotationCache.from_config(app.config),
    )
    app.register_blueprint(api.bp)
    return app


def _init_rate_limits(app: Flask) -> None:
    limiter = Limiter(
        get_remote_address,
        app=app,
        default_limits=[app.config["RATELIMIT_DEFAULT"]] if app.config["RATELIMIT_DEFAULT"] else [],
        storage_uri=app.config["RATELIMIT_STORAGE_URI"],
        headers_enabled=True,
    )
    # Liveness and readiness probes must never be throttled.
    limiter.exempt(api.health)
    limiter.exempt(api.ready)
    app.extensions["claimlens.limiter"] = limiter


def _init_request_log(app: Flask) -> None:
    """One structured line per request: never page contents or feedback text."""

    @app.before_request
    def _start_timer():
        g.started = time.perf_counter()

    @app.after_request
    def _log(response):
        elapsed_ms = (time.perf_counter() - g.get("started", time.perf_counter())) * 1000
        request_log.info(
            json.dumps(
                {
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "ms": round(elapsed_ms, 1),
                    "model_version": g.get("model_version"),
                }
            )
        )
        return response
