"""The `database_url` fixture: every store test runs once on SQLite and once on PostgreSQL."""

from __future__ import annotations

import pytest

from tests.servers_postgres import postgres_server


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request, tmp_path):
    """URL of a fresh, empty database of each backend in turn."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'instance' / 'claimlens.sqlite3'}"
        return
    server = postgres_server()
    url = server.create_database()
    yield url
    server.drop_database(url)
