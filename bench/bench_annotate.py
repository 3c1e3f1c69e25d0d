"""Annotate latency per fixture page, in process and over HTTP, beside trafilatura's extraction.

Run:  .venv/bin/python bench/bench_annotate.py [--repeat 30]

Everything is measured side by side in one run on the same HTML, and medians are reported,
because this machine is shared and noisy. The annotation cache is switched off so every call
does the whole work (extract, split, classify). The HTTP figures go through gunicorn on loopback.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import trafilatura  # noqa: E402

from backend import create_app  # noqa: E402
from backend.classifier import ModelHolder  # noqa: E402
from backend.pipeline import PageRequest, annotate  # noqa: E402
from tests.servers import gunicorn_service  # noqa: E402

PAGES = ROOT / "tests" / "fixtures" / "pages"


def median_ms(fn, repeat: int) -> float:
    fn()  # warm up
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def post(url: str, payload: bytes) -> None:
    request = urllib.request.Request(
        url, data=payload, headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        response.read()


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args(argv)

    pages = sorted(PAGES.glob("*.html"))
    if not pages:
        sys.exit(f"no fixture pages in {PAGES}")
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        models_dir = tmp_path / "models"
        holder = ModelHolder(models_dir)
        holder.load()  # trains one from training_data/
        app = create_app(
            {
                "INSTANCE_DIR": str(tmp_path / "instance"),
                "MODELS_DIR": str(models_dir),
                "DATABASE_URL": f"sqlite:///{tmp_path / 'f.sqlite3'}",
                "RATELIMIT_DEFAULT": "",
                "CACHE_SIZE": 0,
            },
            model_holder=holder,
        )
        services = app.extensions["claimlens.pipeline"]
        rows = []
        with gunicorn_service(tmp_path, models_dir, workers=2, CLAIMLENS_CACHE_SIZE="0") as (
            base,
            _log,
        ):
            for page in pages:
                html = page.read_text(encoding="utf-8")
                url = f"https://example.org/{page.stem}"
                request = PageRequest(url=url, html=html)
                payload = json.dumps({"url": url, "html": html}).encode()
                traf = median_ms(lambda h=html: trafilatura.extract(h), args.repeat)
                inproc = median_ms(lambda r=request: annotate(r, services), args.repeat)
                http = median_ms(lambda p=payload: post(f"{base}/api/annotate", p), args.repeat)
                claims = annotate(request, services)["summary"]["claims"]
                rows.append((page.name, len(html) // 1024, traf, inproc, http, claims))

    print(f"annotate latency, median of {args.repeat} runs (ms); cache off")
    header = f"{'page':<22}{'KB':>5}{'trafilatura':>13}{'in-process':>12}{'HTTP':>9}"
    print(header + f"{'HTTP/traf':>11}{'claims':>8}")
    for name, kb, traf, inproc, http, claims in rows:
        print(
            f"{name:<22}{kb:>5}{traf:>13.1f}{inproc:>12.1f}{http:>9.1f}"
            f"{http / traf:>11.2f}{claims:>8}"
        )
    print("command: .venv/bin/python bench/bench_annotate.py --repeat", args.repeat)


if __name__ == "__main__":
    main()
