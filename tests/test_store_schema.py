"""Schema versioning: created on first open, migrated forward, a newer schema refused."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from storage import StoreError, open_store, schema
from storage.postgres import PostgresStore
from storage.sqlite import SQLiteStore
from tests.servers_stores import database_url  # noqa: F401  (fixture)

ROOT = Path(__file__).resolve().parent.parent
BACKENDS = {"sqlite": SQLiteStore, "postgresql": PostgresStore}


def _backend(url: str):
    return BACKENDS["sqlite" if url.startswith("sqlite") else "postgresql"]


def test_a_new_database_gets_the_latest_schema(database_url):  # noqa: F811
    with open_store(database_url) as store:
        assert store.schema_version() == schema.LATEST_VERSION


def test_opening_again_applies_nothing_twice(database_url):  # noqa: F811
    for _ in range(3):
        with open_store(database_url) as store:
            assert store.schema_version() == schema.LATEST_VERSION


def test_an_old_database_is_migrated_forward_and_keeps_its_data(database_url):  # noqa: F811
    with _backend(database_url)(database_url, schema_target=1) as old:
        assert old.schema_version() == 1
        feedback_id = old.add_feedback(sentence="Zinc shortens colds.", label="supported")
    with open_store(database_url) as store:
        assert store.schema_version() == schema.LATEST_VERSION
        assert [row["id"] for row in store.feedback_rows()] == [feedback_id]
        assert store.add_feedback(sentence="Zinc shortens colds.", label="supported") == feedback_id


def test_a_schema_newer_than_the_code_is_refused(database_url):  # noqa: F811
    with open_store(database_url) as store:
        with store._pool.connection() as conn:
            conn.execute(
                "INSERT INTO schema_version (version, description, applied_at)"
                f" VALUES ({schema.LATEST_VERSION + 1}, 'from the future', 0)"
            )
    with pytest.raises(StoreError, match="upgrade ClaimLens"):
        open_store(database_url)


def test_processes_starting_together_migrate_once(database_url):  # noqa: F811
    # Like gunicorn workers booting at once on a fresh database.
    script = (
        "import sys; from storage import open_store; "
        "store = open_store(sys.argv[1]); "
        "print(store.add_feedback(sentence='Zinc shortens colds.', label='supported'))"
    )
    workers = [
        subprocess.Popen([sys.executable, "-c", script, database_url], cwd=ROOT,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(4)
    ]  # fmt: skip
    outputs = [worker.communicate(timeout=60) for worker in workers]
    assert [worker.returncode for worker in workers] == [0] * 4, outputs
    assert len({out.strip() for out, _ in outputs}) == 1, "all four got the same report id"
    with open_store(database_url) as store:
        assert store.schema_version() == schema.LATEST_VERSION
        assert store.feedback_rows()[0]["count"] == 4
        with store._pool.connection() as conn:
            versions = conn.execute("SELECT version FROM schema_version ORDER BY version")
            assert [row[0] for row in versions.fetchall()] == [m.version for m in schema.MIGRATIONS]


def test_migrations_are_numbered_one_by_one_for_both_dialects():
    assert [m.version for m in schema.MIGRATIONS] == list(range(1, len(schema.MIGRATIONS) + 1))
    assert all(m.sqlite and m.postgresql for m in schema.MIGRATIONS)


def test_sqlite_file_is_created_in_wal_mode_with_full_sync(tmp_path):
    path = tmp_path / "nested" / "instance" / "feedback.sqlite3"
    with open_store(f"sqlite:///{path}") as store:
        with store._pool.connection() as conn:
            assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
            assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
    assert path.exists()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()


def test_an_in_memory_sqlite_store_works_for_quick_experiments():
    with open_store("sqlite:///:memory:") as store:
        first = store.add_feedback(sentence="Zinc shortens colds.", label="supported")
        assert store.add_feedback(sentence="Zinc shortens colds.", label="supported") == first
        assert store.feedback_rows()[0]["count"] == 2


def test_an_unreadable_sqlite_path_gives_a_clear_error(tmp_path):
    not_a_dir = tmp_path / "file"
    not_a_dir.write_text("")
    with pytest.raises((StoreError, OSError)):
        open_store(f"sqlite:///{not_a_dir}/db.sqlite3")


@pytest.mark.postgres
def test_an_unreachable_postgres_server_gives_a_store_error():
    from tests.servers_postgres import find_bin_dir, free_port

    if find_bin_dir() is None:
        pytest.skip("PostgreSQL binaries not installed")
    with pytest.raises(StoreError, match="PostgreSQL"):
        open_store(f"postgresql://postgres@127.0.0.1:{free_port()}/nothing?connect_timeout=2")
