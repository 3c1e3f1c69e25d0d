"""Load test: 20 concurrent clients for 60 s against gunicorn on loopback, then the figures.

Run:  .venv/bin/python bench/load_test.py [--users 20] [--seconds 60] [--workers 2]

Traffic goes only to 127.0.0.1; the run is bounded in time and stops by itself. Exits non-zero
if any request failed.
"""

from __future__ import annotations

import argparse
import csv
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from backend.classifier import ModelHolder  # noqa: E402
from tests.servers import gunicorn_service  # noqa: E402


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        models_dir = tmp_path / "models"
        ModelHolder(models_dir).load()  # train once before the clock starts
        with gunicorn_service(tmp_path, models_dir, workers=args.workers) as (base, _log):
            prefix = tmp_path / "locust"
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "locust",
                    "-f",
                    str(ROOT / "bench/locustfile.py"),
                    "--headless",
                    "--users",
                    str(args.users),
                    "--spawn-rate",
                    str(args.users),
                    "--run-time",
                    f"{args.seconds}s",
                    "--host",
                    base,
                    "--csv",
                    str(prefix),
                    "--only-summary",
                    "--stop-timeout",
                    "5",
                    "--loglevel",
                    "WARNING",
                ],
                check=False,
                timeout=args.seconds + 60,
            )
            rows = list(csv.DictReader(open(f"{prefix}_stats.csv", encoding="utf-8")))
    print(f"\n{args.users} users, {args.seconds} s, gunicorn {args.workers} workers on loopback")
    print(
        f"{'endpoint':<18}{'requests':>9}{'failures':>9}{'req/s':>8}{'p50':>6}{'p95':>6}{'p99':>6}"
    )
    failures = 0
    for row in rows:
        failures += int(row["Failure Count"]) if row["Name"] == "Aggregated" else 0
        print(
            f"{row['Name']:<18}{row['Request Count']:>9}{row['Failure Count']:>9}"
            f"{float(row['Requests/s']):>8.1f}{row['50%']:>6}{row['95%']:>6}{row['99%']:>6}"
        )
    print("latencies in ms; command: .venv/bin/python bench/load_test.py", " ".join(argv or []))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
