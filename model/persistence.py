"""Saving, promoting and loading models, with provenance and integrity checks.

Layout: `models_dir/<version>/model.joblib` + `metadata.json` (+ the confusion-matrix PNG), and
`models_dir/CURRENT`, a text file naming the promoted version. Every file is written under a
temporary name and renamed into place, so a reader never sees half a file. A joblib file can run
code when loaded, so `load_model` only unpickles a file whose SHA-256 matches the metadata the
project wrote beside it, and refuses one pickled by other library versions.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import platform
import secrets
import tempfile
import warnings
from datetime import UTC, datetime
from pathlib import Path

import joblib
import numpy as np
import scipy
import sklearn
from sklearn.exceptions import InconsistentVersionWarning

from .explain import Explainer

MODEL_FILE = "model.joblib"
METADATA_FILE = "metadata.json"
POINTER_FILE = "CURRENT"

# The shape of the project's own pickled classes (matchers, feature transformers). Raise it when
# a change means a model saved by older code would load but misbehave; such models are refused.
MODEL_FORMAT = 2


class ModelIntegrityError(Exception):
    """A model directory that must not be loaded (missing metadata, hash mismatch, versions)."""


class OutdatedModelError(ModelIntegrityError):
    """A sound model saved by older code, in a format this code no longer reads."""


def library_versions() -> dict:
    """The versions that decide whether a pickled model can be loaded here."""
    return {
        "sklearn": sklearn.__version__,
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "joblib": joblib.__version__,
        "python": platform.python_version(),
    }


def new_version(now: datetime | None = None) -> str:
    """A sortable, unique version name like `2026-11-24T07:30:00Z-3f9a`."""
    now = now or datetime.now(UTC)
    return f"{now.strftime('%Y-%m-%dT%H:%M:%SZ')}-{secrets.token_hex(2)}"


def sha256_of(path: str | Path) -> str:
    """Hex SHA-256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _write_atomically(path: Path, data: bytes) -> None:
    """Write to a temp file in the same directory, fsync, then rename over `path`."""
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), 0o644)  # mkstemp makes 0600; readers may be other users
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        if os.path.exists(temp):
            os.unlink(temp)
        raise
    _fsync_directory(path.parent)


def dump_atomically(obj, path: Path) -> None:
    """joblib-dump `obj` to `path` so that a reader never sees a half-written file."""
    buffer = io.BytesIO()
    joblib.dump(obj, buffer, compress=3)
    _write_atomically(path, buffer.getvalue())


def _fsync_directory(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def save_model(
    pipeline, metadata: dict, models_dir: str | Path, version: str | None = None, exist_ok=False
) -> Path:
    """Write `models_dir/<version>/` with model.joblib and metadata.json; return the directory.

    The metadata gets the version, library versions, the file's SHA-256 and the save time added.
    """
    version = version or metadata.get("version") or new_version()
    target = Path(models_dir) / version
    target.mkdir(parents=True, exist_ok=exist_ok)
    model_path = target / MODEL_FILE
    dump_atomically(pipeline, model_path)
    full = {
        **metadata,
        "version": version,
        "libraries": library_versions(),
        "format": MODEL_FORMAT,
        "sha256": sha256_of(model_path),
    }
    full.setdefault("trained_at", datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"))
    _write_atomically(target / METADATA_FILE, json.dumps(full, indent=2, sort_keys=True).encode())
    return target


def promote(models_dir: str | Path, version: str) -> None:
    """Point `models_dir/CURRENT` at `version`, atomically."""
    models_dir = Path(models_dir)
    if not (models_dir / version / MODEL_FILE).is_file():
        raise FileNotFoundError(f"no model file for version {version} in {models_dir}")
    _write_atomically(models_dir / POINTER_FILE, (version + "\n").encode())


def resolve_current(models_dir: str | Path) -> Path | None:
    """The promoted model's directory, or None when nothing valid is promoted."""
    models_dir = Path(models_dir)
    try:
        name = (models_dir / POINTER_FILE).read_text(encoding="utf-8").strip()
    except (FileNotFoundError, NotADirectoryError):
        return None
    # The pointer names a directory inside models_dir, nothing else.
    if not name or "/" in name or "\\" in name or name in {".", ".."}:
        return None
    target = models_dir / name
    return target if target.is_dir() else None


def pointer_state(models_dir: str | Path):
    """A cheap value that changes whenever CURRENT is replaced; None when it is absent."""
    try:
        stat = os.stat(Path(models_dir) / POINTER_FILE)
    except FileNotFoundError:
        return None
    return (stat.st_ino, stat.st_mtime_ns, stat.st_size)


def read_metadata(model_dir: str | Path) -> dict:
    """The metadata.json of a model directory; ModelIntegrityError when missing or unreadable."""
    path = Path(model_dir) / METADATA_FILE
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise ModelIntegrityError(f"{path} is missing; the model cannot be verified") from error
    except (OSError, ValueError) as error:
        raise ModelIntegrityError(f"{path} cannot be read: {error}") from error


class LoadedModel:
    """A verified model ready to answer: `.version`, `.metadata`, `.predict(texts)`."""

    def __init__(self, pipeline, metadata: dict):
        self.pipeline = pipeline
        self.metadata = metadata
        self.version = str(metadata["version"])
        self._explainer = Explainer(pipeline)

    def predict(self, texts: list[str]) -> list[dict]:
        """For each text: label, confidence in [0, 1] and explanation (see API.md)."""
        return self._explainer.predict(list(texts))


def load_model(model_dir: str | Path) -> LoadedModel:
    """Load a model directory after checking its hash and the library versions it was built with."""
    model_dir = Path(model_dir)
    metadata = read_metadata(model_dir)
    model_path = model_dir / MODEL_FILE
    if not model_path.is_file():
        raise ModelIntegrityError(f"{model_path} is missing")
    expected = metadata.get("sha256")
    actual = sha256_of(model_path)
    if not expected or actual != expected:
        raise ModelIntegrityError(
            f"{model_path} does not match its metadata (sha256 {actual[:12]}..., "
            f"expected {str(expected)[:12]}...); retrain with: python -m model.train"
        )
    saved_format = metadata.get("format", 1)
    if saved_format != MODEL_FORMAT:
        raise OutdatedModelError(
            f"{model_dir.name} is in model format {saved_format}, this code reads format "
            f"{MODEL_FORMAT}; retrain with: python -m model.train"
        )
    built_with = metadata.get("libraries", {}).get("sklearn")
    if built_with and built_with != sklearn.__version__:
        raise ModelIntegrityError(
            f"{model_dir.name} was built with scikit-learn {built_with} but "
            f"{sklearn.__version__} is installed; retrain with: python -m model.train"
        )
    with warnings.catch_warnings():
        warnings.simplefilter("error", InconsistentVersionWarning)
        try:
            pipeline = joblib.load(model_path)
        except InconsistentVersionWarning as warning:
            raise ModelIntegrityError(
                f"{model_dir.name} was pickled by other library versions ({warning}); "
                "retrain with: python -m model.train"
            ) from warning
    metadata.setdefault("version", model_dir.name)
    return LoadedModel(pipeline, metadata)
