"""Start real servers on loopback for tests: the service under gunicorn, Redis."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_http(url: str, timeout_s: float = 60.0, process=None) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"server exited early with code {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"{url} did not answer within {timeout_s} s")


def wait_for_port(port: int, timeout_s: float = 20.0) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(f"port {port} did not open within {timeout_s} s")


def stop_process(process: subprocess.Popen, grace_s: float = 15.0) -> None:
    """Ask a server to stop; kill it if it has not within `grace_s`."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=grace_s)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def service_env(tmp_path: Path, models_dir: Path, **overrides: str) -> dict:
    env = dict(os.environ)
    env.update(
        CLAIMLENS_MODELS_DIR=str(models_dir),
        CLAIMLENS_INSTANCE_DIR=str(tmp_path / "instance"),
        CLAIMLENS_DATABASE_URL=f"sqlite:///{tmp_path / 'feedback.sqlite3'}",
        CLAIMLENS_ALLOW_PRIVATE_NETWORKS="1",
        CLAIMLENS_RATE_LIMIT="",
    )
    env.update(overrides)
    return env


@contextmanager
def gunicorn_service(tmp_path: Path, models_dir: Path, workers: int = 2, **env_overrides: str):
    """The service under gunicorn on a free loopback port; yields (base_url, log_path)."""
    port = free_port()
    env = service_env(
        tmp_path,
        models_dir,
        CLAIMLENS_BIND=f"127.0.0.1:{port}",
        CLAIMLENS_WORKERS=str(workers),
        **env_overrides,
    )
    log_path = tmp_path / "gunicorn.log"
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "wsgi:app"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_for_http(f"http://127.0.0.1:{port}/api/health", process=process)
        yield f"http://127.0.0.1:{port}", log_path
    finally:
        stop_process(process)


@contextmanager
def redis_server():
    """A throwaway Redis on loopback, no persistence; yields its URL."""
    binary = shutil.which("redis-server")
    if binary is None:
        import pytest

        pytest.skip("redis-server is not installed (scripts/test.sh installs it)")
    port = free_port()
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=10)
