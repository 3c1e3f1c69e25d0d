"""Classification throughput: predict with explanations, one process, sentences per second.

    .venv/bin/python bench/bench_classify.py [--models DIR] [--n 20000] [--runs 5]

Loads the promoted model (training one into a temporary directory when there is none), builds
N sentences from training_data/ and seed_eval.csv, and prints the median of several runs.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from model import dataset, persistence, train  # noqa: E402


def sentences(n: int) -> list[str]:
    """N sentences: every distinct training and seed sentence, repeated to reach N."""
    paths = dataset.default_sentence_files()
    if dataset.SEED_EVAL_PATH.exists():
        paths = [*paths, dataset.SEED_EVAL_PATH]
    texts = list(dict.fromkeys(row["text"] for row in dataset.read_rows(paths)))
    if not texts:
        raise SystemExit("no sentences in training_data/")
    return (texts * (n // len(texts) + 1))[:n]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", type=Path, default=train.default_models_dir())
    parser.add_argument("--n", type=int, default=20000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)

    model_dir = persistence.resolve_current(args.models)
    if model_dir is None:
        model_dir = train.train_default(Path(tempfile.mkdtemp(prefix="claimlens-bench-")))
    model = persistence.load_model(model_dir)
    texts = sentences(args.n)
    model.predict(texts[:1000])  # warm caches the first call fills
    rates, cpu_rates = [], []
    for _ in range(args.runs):
        started, cpu_started = time.perf_counter(), time.process_time()
        model.predict(texts)
        rates.append(len(texts) / (time.perf_counter() - started))
        cpu_rates.append(len(texts) / (time.process_time() - cpu_started))
    print(f"command: {' '.join([Path(sys.executable).name, *sys.argv])}")
    print(f"model {model.version}; {len(texts)} sentences ({len(set(texts))} distinct) per run")
    print(f"runs (sentences/s): {', '.join(f'{r:,.0f}' for r in rates)}")
    print(f"median: {statistics.median(rates):,.0f} sentences/s (predict with explanations)")
    # On a shared machine wall time includes waiting for a core; CPU time does not.
    print(f"median per CPU-second: {statistics.median(cpu_rates):,.0f} sentences/s")
    print(f"load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    return 0


if __name__ == "__main__":
    sys.exit(main())
