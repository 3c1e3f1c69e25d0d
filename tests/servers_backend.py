"""The service as a real process (`python -m backend --port P`) on loopback, for live tests."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.servers import ROOT, free_port, service_env, stop_process, wait_for_http


@dataclass
class LiveService:
    base_url: str
    log_path: Path
    process: subprocess.Popen

    def log_text(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def kill(self) -> None:
        """SIGKILL: no shutdown code runs, as when the machine or an OOM killer stops it."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)


def request_json(method: str, url: str, payload: dict | None = None, timeout: float = 30.0):
    """(status, parsed JSON body); HTTP errors are returned, connection failures raise OSError."""
    data = None if payload is None else json.dumps(payload).encode()
    request = urllib.request.Request(
        url, data=data, method=method, headers={"Content-Type": "application/json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        with error:
            return error.code, json.loads(error.read() or b"null")


@contextmanager
def backend_service(tmp_path: Path, models_dir: Path, database_url: str | None = None, **env):
    """Run `python -m backend` on a free port until the block ends; yields a LiveService.

    Rate limits are off (load tests), the database is `database_url` or a SQLite file in
    tmp_path, and the log (including the model holder's lines) goes to tmp_path/service.log.
    """
    overrides = {"CLAIMLENS_RATE_LIMIT": "", **env}
    if database_url:
        overrides["CLAIMLENS_DATABASE_URL"] = database_url
    port = free_port()
    log_path = tmp_path / f"service-{port}.log"
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "backend", "--port", str(port)],
            cwd=ROOT,
            env=service_env(tmp_path, models_dir, **overrides),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    service = LiveService(f"http://127.0.0.1:{port}", log_path, process)
    try:
        try:
            wait_for_http(f"{service.base_url}/api/ready", timeout_s=90, process=process)
        except (RuntimeError, TimeoutError) as error:
            raise RuntimeError(f"{error}; service log:\n{service.log_text()[-3000:]}") from error
        yield service
    finally:
        stop_process(process)
