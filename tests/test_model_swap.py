"""Hot swap: a promoted model replaces the one in service without a restart or a failed request,
and a model whose hash does not match its metadata is refused while the old one keeps serving."""

from __future__ import annotations

import json
import logging
import shutil
import threading
import time

import pytest

from backend import classifier
from backend.classifier import ModelHolder
from model import persistence
from tests.servers_backend import backend_service, request_json

CLAIM = "Acupuncture cures migraines in one session."


@pytest.fixture
def models_dir(tmp_path, trained_models_dir):
    """A private copy of the session's models dir: these tests promote into it."""
    return shutil.copytree(trained_models_dir, tmp_path / "models")


def save_another_model(models_dir, tamper: str | None = None) -> str:
    """Save the current pipeline again under a new version (not promoted); return the version.

    `tamper="append"` changes the model file afterwards, `tamper="truncate"` cuts it in half (a
    half-written file): either way its SHA-256 no longer matches the metadata.
    """
    current = persistence.load_model(persistence.resolve_current(models_dir))
    keep = {k: v for k, v in current.metadata.items() if k not in {"version", "sha256"}}
    target = persistence.save_model(current.pipeline, keep, models_dir)
    model_file = target / persistence.MODEL_FILE
    if tamper == "append":
        with open(model_file, "ab") as handle:
            handle.write(b"tampered")
    elif tamper == "truncate":
        data = model_file.read_bytes()
        model_file.write_bytes(data[: len(data) // 2])
    return target.name


def loaded_holder(models_dir) -> ModelHolder:
    holder = ModelHolder(models_dir, train_if_missing=False)
    holder.load()
    return holder


# -- the holder on its own ------------------------------------------------------------------------
def make_current_outdated(models_dir) -> str:
    """Mark the promoted model as saved in an older format; return its version."""
    current = persistence.resolve_current(models_dir)
    meta_path = current / persistence.METADATA_FILE
    meta = json.loads(meta_path.read_text())
    meta["format"] = persistence.MODEL_FORMAT - 1
    meta_path.write_text(json.dumps(meta))
    return current.name


def test_an_outdated_model_is_rebuilt_at_start_when_training_is_allowed(models_dir):
    old = make_current_outdated(models_dir)
    holder = ModelHolder(models_dir, train_if_missing=True)
    holder.load()
    assert holder.version != old
    assert persistence.resolve_current(models_dir).name == holder.version
    rebuilt = persistence.read_metadata(persistence.resolve_current(models_dir))
    assert rebuilt["format"] == persistence.MODEL_FORMAT


def test_an_outdated_model_is_refused_at_start_when_training_is_not_allowed(models_dir):
    make_current_outdated(models_dir)
    with pytest.raises(persistence.OutdatedModelError, match="retrain with"):
        loaded_holder(models_dir)


def test_a_promoted_model_is_swapped_in(models_dir):
    holder = loaded_holder(models_dir)
    old = holder.version
    new = save_another_model(models_dir)
    assert holder.reload_now() is False, "saving alone must not change the model in service"
    persistence.promote(models_dir, new)
    assert holder.reload_now() is True
    assert holder.version == new != old
    version, results = holder.classify([CLAIM])
    assert version == new and len(results) == 1
    assert holder.info()["version"] == new


@pytest.mark.parametrize("tamper", ["append", "truncate"])
def test_a_model_with_a_wrong_hash_is_refused_and_the_old_one_kept(models_dir, caplog, tamper):
    holder = loaded_holder(models_dir)
    old = holder.version
    bad = save_another_model(models_dir, tamper=tamper)
    persistence.promote(models_dir, bad)
    with caplog.at_level(logging.ERROR, logger="claimlens.model"):
        assert holder.reload_now() is False
    assert holder.version == old
    assert holder.classify([CLAIM])[0] == old
    refusals = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert len(refusals) == 1
    line = refusals[0].getMessage()
    assert f"refused model {bad}" in line and "does not match its metadata" in line
    assert f"keeping model {old}" in line
    assert holder.info()["last_refused"]["version"] == bad
    # Refused once, not again on every check while CURRENT stays the same.
    caplog.clear()
    assert holder.reload_now() is False
    assert not caplog.records


def test_a_pointer_to_no_model_is_logged_and_the_old_one_kept(models_dir, caplog):
    holder = loaded_holder(models_dir)
    old = holder.version
    (models_dir / persistence.POINTER_FILE).write_text("no-such-version\n")
    with caplog.at_level(logging.ERROR, logger="claimlens.model"):
        assert holder.reload_now() is False
    assert holder.version == old
    assert "names no model directory" in caplog.text


def test_the_pointer_is_looked_at_at_most_once_a_second(models_dir, monkeypatch):
    holder = loaded_holder(models_dir)
    looks = []
    real_state = persistence.pointer_state
    monkeypatch.setattr(
        classifier.persistence, "pointer_state", lambda d: looks.append(d) or real_state(d)
    )
    for _ in range(50):
        holder.classify([CLAIM])
    assert len(looks) <= 1


def test_a_request_does_not_wait_for_the_new_model_to_load(models_dir, monkeypatch):
    holder = loaded_holder(models_dir)
    old = holder.version
    persistence.promote(models_dir, save_another_model(models_dir))
    loading = threading.Event()
    release = threading.Event()
    real_load = persistence.load_model

    def slow_load(path):
        loading.set()
        release.wait(10)
        return real_load(path)

    monkeypatch.setattr(classifier.persistence, "load_model", slow_load)
    holder._next_check = 0.0
    assert holder.classify([CLAIM])[0] == old  # answered by the old model while the new loads
    assert loading.wait(5)
    assert holder.classify([CLAIM])[0] == old
    release.set()
    deadline = time.monotonic() + 10
    while holder.version == old and time.monotonic() < deadline:
        time.sleep(0.05)
    assert holder.version != old


# -- a live service -------------------------------------------------------------------------------
@pytest.mark.slow
def test_live_service_swaps_models_under_load_without_an_error(tmp_path, models_dir):
    with backend_service(tmp_path, models_dir) as service:
        old = request_json("GET", f"{service.base_url}/api/model")[1]["version"]
        seen: list[str] = []
        failures: list[object] = []
        stop = threading.Event()

        def hammer():
            while not stop.is_set():
                try:
                    status, body = request_json(
                        "POST", f"{service.base_url}/api/classify", {"sentences": [CLAIM]}
                    )
                except Exception as error:  # any failure at all is what this test looks for
                    failures.append(error)
                    continue
                if status != 200 or len(body["results"]) != 1:
                    failures.append((status, body))
                else:
                    seen.append(body["model_version"])

        hammering = threading.Thread(target=hammer)
        hammering.start()
        try:
            time.sleep(0.5)
            new = save_another_model(models_dir)
            persistence.promote(models_dir, new)
            deadline = time.monotonic() + 20
            while (not seen or seen[-1] != new) and time.monotonic() < deadline:
                time.sleep(0.05)
            time.sleep(0.5)
        finally:
            stop.set()
            hammering.join(timeout=30)

        assert failures == []
        assert seen[0] == old and seen[-1] == new
        first_new = seen.index(new)
        assert set(seen[:first_new]) == {old} and set(seen[first_new:]) == {new}, (
            "once the new model answers, the old one never does again"
        )
        assert request_json("GET", f"{service.base_url}/api/model")[1]["version"] == new
        status, page = request_json(
            "POST", f"{service.base_url}/api/annotate", {"text": f"Welcome. {CLAIM}"}
        )
        assert status == 200 and page["model_version"] == new
        assert all(a["model_version"] == new for a in page["annotations"])
        assert "swapped in model" in service.log_text()


@pytest.mark.slow
def test_live_service_refuses_a_tampered_model_and_keeps_serving(tmp_path, models_dir):
    with backend_service(tmp_path, models_dir) as service:
        old = request_json("GET", f"{service.base_url}/api/model")[1]["version"]
        bad = save_another_model(models_dir, tamper="append")
        persistence.promote(models_dir, bad)
        deadline = time.monotonic() + 20
        while f"refused model {bad}" not in service.log_text() and time.monotonic() < deadline:
            status, body = request_json(
                "POST", f"{service.base_url}/api/classify", {"sentences": [CLAIM]}
            )
            assert status == 200 and body["model_version"] == old
            time.sleep(0.1)
        assert f"refused model {bad}" in service.log_text()
        info = request_json("GET", f"{service.base_url}/api/model")[1]
        assert info["version"] == old
        assert info["last_refused"]["version"] == bad
