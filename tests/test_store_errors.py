"""Failures below the store reach callers as StoreError, and a cut connection is survived."""

from __future__ import annotations

import threading

import pytest

from storage import PoolExhausted, StoreError, open_store
from storage.pool import ConnectionPool
from tests.servers_postgres import postgres_url  # noqa: F401  (fixture)
from tests.servers_stores import database_url  # noqa: F401  (fixture)


def test_a_failing_database_raises_store_error(database_url):  # noqa: F811
    with open_store(database_url) as store:
        with store._pool.connection() as conn:
            conn.execute("DROP TABLE feedback")
        with pytest.raises(StoreError, match="could not store the report"):
            store.add_feedback(sentence="Fish oil prevents dementia.", label="unsupported")
        with pytest.raises(StoreError, match="could not read the reports"):
            store.feedback_rows()


@pytest.mark.postgres
def test_postgres_store_survives_the_server_cutting_its_connections(postgres_url):  # noqa: F811
    import psycopg

    with open_store(postgres_url) as store:
        first = store.add_feedback(sentence="Fish oil prevents dementia.", label="unsupported")
        store.feedback_rows()  # leaves an idle connection in the pool
        with psycopg.connect(postgres_url, autocommit=True) as admin:
            cut = admin.execute(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                " WHERE application_name = 'claimlens'"
            ).fetchone()[0]
        assert cut >= 1
        again = store.add_feedback(sentence="Fish oil prevents dementia.", label="unsupported")
        assert again == first
        assert store.feedback_rows()[0]["count"] == 2


class FakeConnection:
    def __init__(self):
        self.closed = False
        self.in_transaction = False

    def close(self):
        self.closed = True


def test_pool_caps_connections_in_use_and_says_so():
    pool = ConnectionPool(FakeConnection, max_size=1, wait_timeout=0.1)
    borrowed = threading.Event()
    release = threading.Event()

    def hold():
        with pool.connection():
            borrowed.set()
            release.wait(5)

    holder = threading.Thread(target=hold)
    holder.start()
    assert borrowed.wait(5)
    with pytest.raises(PoolExhausted, match="no database connection became free"):
        with pool.connection():
            pass
    release.set()
    holder.join()
    with pool.connection() as conn:
        assert not conn.closed


def test_pool_reuses_idle_connections_but_not_ones_left_in_a_transaction():
    pool = ConnectionPool(
        FakeConnection, max_size=2, is_reusable=lambda conn: not conn.in_transaction
    )
    with pool.connection() as first:
        pass
    with pool.connection() as second:
        assert second is first
        second.in_transaction = True
    assert first.closed
    with pool.connection() as third:
        assert third is not first
    pool.close()
    assert third.closed
    with pytest.raises(StoreError, match="closed"):
        with pool.connection():
            pass
