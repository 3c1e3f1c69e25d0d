"""A throwaway PostgreSQL server for tests, started from Debian's binaries on 127.0.0.1.

One server per test process (started on first use, stopped when the process exits); each test
gets its own fresh, empty schema in it. PostgreSQL refuses to run as root, so as root the server
runs as the `postgres` user through runuser, in a temp dir that user owns.
"""

from __future__ import annotations

import atexit
import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest

_lock = threading.Lock()
_server: PostgresServer | None = None
_database_numbers = itertools.count(1)


def find_bin_dir() -> Path | None:
    """The newest /usr/lib/postgresql/<major>/bin that has initdb, or None."""
    candidates = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda p: int(Path(p).parent.parent.name),
    )
    return Path(candidates[-1]).parent if candidates else None


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class PostgresServer:
    bin_dir: Path
    root: Path
    port: int
    user: str = "postgres"

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{self.user}@127.0.0.1:{self.port}/{database}"

    def _run(self, *args: str, **kwargs) -> subprocess.CompletedProcess:
        command = [str(self.bin_dir / args[0]), *args[1:]]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        return subprocess.run(command, check=True, capture_output=True, text=True, **kwargs)

    def start(self) -> None:
        if os.geteuid() == 0:
            shutil.chown(self.root, "postgres", "postgres")
        self._run("initdb", "-D", str(self.data_dir), "-U", self.user, "-A", "trust", "--no-sync")
        # fsync off: the tests kill the service, never this server, and speed matters on 2 cores.
        options = (
            f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.root}"
            " -c fsync=off -c full_page_writes=off -c max_connections=200"
        )
        self._run(
            "pg_ctl", "-D", str(self.data_dir), "-l", str(self.root / "server.log"),
            "-o", options, "-w", "-t", "60", "start",
        )  # fmt: skip

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.data_dir), "-m", "immediate", "-w", "stop")
        except subprocess.CalledProcessError:
            pass  # already gone; nothing left to stop
        shutil.rmtree(self.root, ignore_errors=True)

    def create_database(self) -> str:
        """URL of a new, empty namespace: a schema of its own, first on the search path.

        Much cheaper than CREATE DATABASE on a busy machine, and as isolated for the store,
        which only names its tables unqualified.
        """
        import psycopg

        name = f"claimlens_test_{os.getpid()}_{next(_database_numbers)}"
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE SCHEMA "{name}"')
        return f"{self.url()}?options=-csearch_path%3D{name}"

    def drop_database(self, url: str) -> None:
        import psycopg

        name = url.rsplit("%3D", 1)[1]
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')


def postgres_server() -> PostgresServer:
    """The process-wide test server, started on first call; skips the test if no binaries."""
    global _server
    bin_dir = find_bin_dir()
    if bin_dir is None:
        pytest.skip(
            "PostgreSQL binaries not found under /usr/lib/postgresql/*/bin "
            "(apt-get install postgresql; scripts/test.sh does it on CI)"
        )
    with _lock:
        if _server is None:
            # Not under /tmp/pytest-of-root: that dir is private to root, and the server runs
            # as the postgres user.
            # $TMPDIR may sit under a root-only directory, so as root use /tmp itself.
            parent = "/tmp" if os.geteuid() == 0 else None
            root = Path(tempfile.mkdtemp(prefix="claimlens-pg-", dir=parent))
            server = PostgresServer(bin_dir=bin_dir, root=root, port=free_port())
            try:
                server.start()
            except subprocess.CalledProcessError as error:
                shutil.rmtree(root, ignore_errors=True)
                raise RuntimeError(f"PostgreSQL did not start: {error.stderr}") from error
            atexit.register(server.stop)
            _server = server
        return _server


@pytest.fixture
def postgres_url():
    """URL of a fresh, empty PostgreSQL namespace, dropped after the test."""
    server = postgres_server()
    url = server.create_database()
    yield url
    server.drop_database(url)
