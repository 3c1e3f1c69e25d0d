"""A writer killed with SIGKILL loses no report whose add_feedback had returned."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from storage import open_store
from tests.servers_stores import database_url  # noqa: F401  (fixture)

ROOT = Path(__file__).resolve().parent.parent

# Four threads write distinct reports and print each id only after add_feedback returned.
WRITER = textwrap.dedent(
    """
    import sys, threading
    from storage import open_store

    store = open_store(sys.argv[1])
    out_lock = threading.Lock()

    def write(worker):
        for n in range(100_000):
            sentence = f"Worker {worker} report {n}: garlic lowers blood pressure."
            feedback_id = store.add_feedback(sentence=sentence, label="overstated")
            with out_lock:
                print(feedback_id, sentence, flush=True)

    for worker in range(4):
        threading.Thread(target=write, args=(worker,), daemon=True).start()
    threading.Event().wait()
    """
)


def test_reports_acknowledged_before_sigkill_are_all_there(database_url):  # noqa: F811
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, database_url],
        cwd=ROOT, stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    acknowledged = {}
    deadline = time.monotonic() + 30
    try:
        while len(acknowledged) < 300 and time.monotonic() < deadline:
            line = writer.stdout.readline()
            if not line.endswith("\n"):
                break
            feedback_id, sentence = line.rstrip("\n").split(" ", 1)
            acknowledged[int(feedback_id)] = sentence
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.wait(timeout=10)
        # Whole lines printed before the kill were acknowledged too; a cut-off last one was not.
        rest = writer.stdout.read()
        for line in rest[: rest.rfind("\n") + 1].splitlines():
            feedback_id, sentence = line.split(" ", 1)
            acknowledged[int(feedback_id)] = sentence
    assert len(acknowledged) >= 300, "the writer was too slow to test anything"

    with open_store(database_url) as store:
        stored = {row["id"]: row["sentence"] for row in store.feedback_rows()}
    missing = {i: s for i, s in acknowledged.items() if stored.get(i) != s}
    assert missing == {}
