"""Settings: every default in one place, each overridable from the environment."""

import os
from pathlib import Path

from storage import database_url_from_environment

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in {"1", "true", "yes", "on"}


def _int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def _float(name: str, default: float) -> float:
    value = os.environ.get(name)
    return float(value) if value else default


def from_environment() -> dict:
    """Read the CLAIMLENS_* variables; the README documents each one."""
    instance = Path(os.environ.get("CLAIMLENS_INSTANCE_DIR", PROJECT_ROOT / "instance"))
    return {
        "INSTANCE_DIR": str(instance),
        "MODELS_DIR": os.environ.get("CLAIMLENS_MODELS_DIR", str(PROJECT_ROOT / "models")),
        # One rule for the service and the model commands: storage.settings owns it.
        "DATABASE_URL": database_url_from_environment(),
        "ALLOW_PRIVATE_NETWORKS": _flag("CLAIMLENS_ALLOW_PRIVATE_NETWORKS"),
        "ALLOWED_PORTS": tuple(
            int(p) for p in os.environ.get("CLAIMLENS_ALLOWED_PORTS", "80,443").split(",") if p
        ),
        # Request body cap: posted HTML of a heavy page is a few hundred KB; 5 MB is generous.
        "MAX_CONTENT_LENGTH": _int("CLAIMLENS_MAX_BODY_BYTES", 5 * 1024 * 1024),
        "MAX_HTML_CHARS": _int("CLAIMLENS_MAX_HTML_CHARS", 4 * 1024 * 1024),
        "MAX_TEXT_CHARS": _int("CLAIMLENS_MAX_TEXT_CHARS", 1024 * 1024),
        "MAX_CLASSIFY_SENTENCES": _int("CLAIMLENS_MAX_CLASSIFY_SENTENCES", 2000),
        "MAX_SENTENCES_PER_PAGE": _int("CLAIMLENS_MAX_SENTENCES_PER_PAGE", 2000),
        "FETCH_MAX_BYTES": _int("CLAIMLENS_FETCH_MAX_BYTES", 5 * 1024 * 1024),
        "FETCH_CONNECT_TIMEOUT": _float("CLAIMLENS_FETCH_CONNECT_TIMEOUT", 5.0),
        "FETCH_DEADLINE": _float("CLAIMLENS_FETCH_DEADLINE", 15.0),
        "PAGE_DEADLINE": _float("CLAIMLENS_PAGE_DEADLINE", 10.0),
        "CORS_ORIGINS": [
            o.strip()
            for o in os.environ.get(
                "CLAIMLENS_CORS_ORIGINS", r"chrome-extension://.*,moz-extension://.*"
            ).split(",")
            if o.strip()
        ],
        "RATELIMIT_DEFAULT": os.environ.get("CLAIMLENS_RATE_LIMIT", "120 per minute"),
        "RATELIMIT_STORAGE_URI": os.environ.get("CLAIMLENS_RATE_LIMIT_STORAGE", "memory://"),
        "CACHE_SIZE": _int("CLAIMLENS_CACHE_SIZE", 512),
        "CACHE_REDIS_URL": os.environ.get("CLAIMLENS_CACHE_REDIS_URL", ""),
        "LOAD_MODEL_IN_BACKGROUND": _flag("CLAIMLENS_LOAD_MODEL_IN_BACKGROUND"),
    }
