"""Where the feedback database is when nothing else is said: one rule for every caller."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def database_url_from_environment(environ: Mapping[str, str] | None = None) -> str:
    """CLAIMLENS_DATABASE_URL, else a SQLite file in CLAIMLENS_INSTANCE_DIR (default instance/).

    The service's settings use the same rule, so the export command reads the database the
    service writes without being told where it is.
    """
    environ = os.environ if environ is None else environ
    if environ.get("CLAIMLENS_DATABASE_URL"):
        return environ["CLAIMLENS_DATABASE_URL"]
    instance = Path(environ.get("CLAIMLENS_INSTANCE_DIR") or PROJECT_ROOT / "instance")
    return f"sqlite:///{instance / 'claimlens.sqlite3'}"
