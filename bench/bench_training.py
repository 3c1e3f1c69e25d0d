"""Training time: the full `python -m model.train` worker (grouped CV, held-out, final fit).

    .venv/bin/python bench/bench_training.py [--runs 3] [--cv-folds 5]

Trains into temporary directories (nothing is promoted in models/) and prints each run's
wall time, the median, and the time of the final fit alone.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from model import dataset, train  # noqa: E402


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--cv-folds", type=int, default=train.CV_FOLDS)
    args = parser.parse_args(argv)
    totals, fits, defaults = [], [], []
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory(prefix="claimlens-bench-") as out:
            options = train.TrainOptions(models_dir=Path(out), cv_folds=args.cv_folds)
            started = time.perf_counter()
            result = train.run_training(options, log=lambda message: None)
            totals.append(time.perf_counter() - started)
            fits.append(result.metrics["fit_seconds"])
        with tempfile.TemporaryDirectory(prefix="claimlens-bench-") as out:
            started = time.perf_counter()
            train.train_default(out)
            defaults.append(time.perf_counter() - started)
    print(f"command: {' '.join([Path(sys.executable).name, *sys.argv])}")
    rows = dataset.read_rows(dataset.default_sentence_files())
    held_out = result.metrics.get("held_out", {}).get("n", "?")
    runs = ", ".join(f"{t:.1f}s" for t in totals)
    print(f"rows: {len(rows)} ({held_out} in held-out topics); runs: {runs}")
    print(
        f"median full training run ({args.cv_folds}-fold grouped CV + held-out + final fit): "
        f"{statistics.median(totals):.1f}s"
    )
    print(f"median final fit alone: {statistics.median(fits):.1f}s")
    print(f"median train_default (service first start): {statistics.median(defaults):.1f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
