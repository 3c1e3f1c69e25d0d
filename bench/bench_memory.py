"""Peak memory of a gunicorn worker after it has annotated every fixture page a few times.

Run:  .venv/bin/python bench/bench_memory.py [--workers 2] [--rounds 10]

Prints, per worker, peak RSS (VmHWM), current RSS and PSS. PSS divides pages shared with the
master (the model, loaded before the fork) among the processes sharing them, so it is the
worker's fair share of memory; RSS counts shared pages in full for each process.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from backend.classifier import ModelHolder  # noqa: E402
from tests.servers import gunicorn_service  # noqa: E402


def status_kb(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def pss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1])
    return 0


def children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        text = (task / "children").read_text().split()
        found.extend(int(t) for t in text)
    return found


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args(argv)
    pages = sorted((ROOT / "tests/fixtures/pages").glob("*.html"))
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        models_dir = tmp_path / "models"
        ModelHolder(models_dir).load()
        with gunicorn_service(tmp_path, models_dir, workers=args.workers) as (base, _log):
            for round_no in range(args.rounds):
                for page in pages:
                    html = page.read_text(encoding="utf-8") + f"<!-- {round_no} -->"
                    body = json.dumps({"url": "https://example.org/", "html": html}).encode()
                    request = urllib.request.Request(
                        f"{base}/api/annotate",
                        data=body,
                        headers={"Content-Type": "application/json"},
                    )
                    with urllib.request.urlopen(request, timeout=30) as response:
                        response.read()
            port = int(base.rsplit(":", 1)[1])
            master = find_master(port)
            print(f"gunicorn master {master}: RSS {status_kb(master, 'VmRSS') / 1024:.0f} MB")
            print(f"{'worker':>8}{'peak RSS MB':>13}{'RSS MB':>9}{'PSS MB':>9}")
            for pid in children(master):
                print(
                    f"{pid:>8}{status_kb(pid, 'VmHWM') / 1024:>13.0f}"
                    f"{status_kb(pid, 'VmRSS') / 1024:>9.0f}{pss_kb(pid) / 1024:>9.0f}"
                )
    print("command: .venv/bin/python bench/bench_memory.py", " ".join(argv or []))


def find_master(port: int) -> int:
    """The gunicorn master bound to this port: the process whose command line says gunicorn
    and whose children serve it (found through /proc, no extra dependency)."""
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            cmdline = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            environ = (proc / "environ").read_bytes()
        except OSError:
            continue
        if "gunicorn" in cmdline and f"CLAIMLENS_BIND=127.0.0.1:{port}".encode() in environ:
            parent = int((proc / "stat").read_text().split()[3])
            parent_cmd = Path(f"/proc/{parent}/cmdline").read_bytes()
            if b"gunicorn" not in parent_cmd:
                return int(proc.name)
    raise RuntimeError("gunicorn master not found")


if __name__ == "__main__":
    main(sys.argv[1:])
