"""The browser extension's own tests, run through Node so `python -m pytest` covers them.

Unit tests (`node --test`, pure anchoring/matching/settings/router modules) always run. The
browser tests drive headless Chromium with the extension loaded against the real backend; they
are skipped, with the reason, only when /usr/bin/chromium or extension/node_modules is missing
(scripts/test.sh installs both).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

EXTENSION_DIR = Path(__file__).resolve().parent.parent / "extension"
CHROMIUM = Path(os.environ.get("CLAIMLENS_CHROMIUM", "/usr/bin/chromium"))
NODE = shutil.which("node")
# Below pytest's 300 s per-test limit, so a hung browser run fails with its own output.
E2E_TIMEOUT_S = 280


def _node_tests(subdir: str, timeout: int, *extra: str) -> subprocess.CompletedProcess:
    """Run `node --test` over every *.test.js file under extension/tests/<subdir>.

    Node runs in its own process group, so that on a timeout the backend and Chromium it started
    are killed with it instead of being left running.
    """
    test_dir = EXTENSION_DIR / "tests" / subdir
    files = sorted(str(p.relative_to(EXTENSION_DIR)) for p in test_dir.glob("*.test.js"))
    assert files, f"no Node test files under extension/tests/{subdir}"
    env = {**os.environ, "CLAIMLENS_PYTHON": sys.executable}
    args = [NODE, "--test", *extra, *files]
    with subprocess.Popen(
        args,
        cwd=EXTENSION_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    ) as process:
        try:
            stdout, stderr = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            stdout, stderr = process.communicate()
            stderr += f"\nkilled after {timeout} s"
    return subprocess.CompletedProcess(args, process.returncode, stdout, stderr)


def _report(result: subprocess.CompletedProcess) -> str:
    return (
        f"exit {result.returncode}\n--- stdout ---\n{result.stdout[-12000:]}\n"
        f"--- stderr ---\n{result.stderr[-4000:]}"
    )


@pytest.mark.skipif(NODE is None, reason="node is not installed; the extension's tests need it")
def test_extension_unit_tests_pass():
    result = _node_tests("unit", 120)
    assert result.returncode == 0, _report(result)
    assert "# fail 0" in result.stdout


def test_extension_code_is_formatted():
    prettier = EXTENSION_DIR / "node_modules" / "prettier" / "bin" / "prettier.cjs"
    if NODE is None or not prettier.exists():
        pytest.skip("extension/node_modules is missing: run `npm ci` in extension/")
    result = subprocess.run(
        [NODE, str(prettier), "--check", "."],
        cwd=EXTENSION_DIR,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, "run `npm run format` in extension/\n" + _report(result)


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.skipif(NODE is None, reason="node is not installed; the extension's tests need it")
def test_extension_in_headless_chromium():
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)")
    if not (EXTENSION_DIR / "node_modules" / "playwright-core").is_dir():
        pytest.skip("extension/node_modules is missing: run `npm ci` in extension/")
    result = _node_tests("e2e", E2E_TIMEOUT_S, "--test-concurrency=1")
    assert result.returncode == 0, _report(result)
    assert "# fail 0" in result.stdout
