"""Shared fixtures: one model trained per test session, an app per test on temp storage."""

from __future__ import annotations

import os

import pytest
from hypothesis import settings

from backend import create_app
from backend.classifier import ModelHolder

# CI runs the property tests on a fixed sequence of examples, so a red build is reproducible;
# local runs keep exploring new examples each time.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


@pytest.fixture(scope="session")
def trained_models_dir(tmp_path_factory):
    """A models directory holding one promoted model trained from training_data/."""
    from model import train

    models_dir = tmp_path_factory.mktemp("models")
    train.train_default(models_dir)
    return models_dir


@pytest.fixture(scope="session")
def model_holder(trained_models_dir):
    holder = ModelHolder(trained_models_dir, train_if_missing=False)
    holder.load()
    return holder


@pytest.fixture
def app_config(tmp_path, trained_models_dir):
    return {
        "TESTING": True,
        "INSTANCE_DIR": str(tmp_path / "instance"),
        "MODELS_DIR": str(trained_models_dir),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'feedback.sqlite3'}",
        "ALLOW_PRIVATE_NETWORKS": True,
        "RATELIMIT_DEFAULT": "",
    }


@pytest.fixture
def app(app_config, model_holder):
    return create_app(app_config, model_holder=model_holder)


@pytest.fixture
def client(app):
    return app.test_client()
