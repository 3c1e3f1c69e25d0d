"""Article-body F1 and time of backend.extract against trafilatura and the whole page's text.

Runs on the article extraction benchmark (181 pages with a ground-truth article body). The score
follows the benchmark's description: \\w+ tokens, 4-token shingles, multiset overlap per page
normalised per page; precision and recall are means over pages and F1 comes from the two means.
Every page is timed for each method in turn (side by side, so a noisy machine hurts all alike),
several repetitions, and the per-page median is kept.

    .venv/bin/python -m bench.bench_extraction [--data DIR] [--repeat N] [--limit N]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

import lxml.html
import trafilatura

from backend.extract import extract_html, extract_text, fold
from backend.sentences import split_sentences
from tests.fixtures.pages.visible_text import is_verbatim, visible_runs

DEFAULT_DATA = Path("/work/shared/data/article-extraction-benchmark")
FIXTURE_PAGES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "pages"
_TOKEN = re.compile(r"\w+")


def shingles(text: str, n: int = 4) -> Counter:
    """Multiset of n-token shingles of a text."""
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def page_precision_recall(truth: str, predicted: str) -> tuple[float, float]:
    """Shingle precision and recall of one page (0 when the side it divides by is empty)."""
    want, got = shingles(truth), shingles(predicted)
    tp = sum((want & got).values())
    fp = sum(got.values()) - tp
    fn = sum(want.values()) - tp
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return precision, recall


def score(truths: list[str], predictions: list[str]) -> dict:
    """Mean precision, mean recall and the F1 of those two means."""
    pairs = [page_precision_recall(t, p) for t, p in zip(truths, predictions, strict=True)]
    precision = statistics.fmean(p for p, _ in pairs)
    recall = statistics.fmean(r for _, r in pairs)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def ours(html: str) -> str:
    return extract_html(html).text


def reference(html: str) -> str:
    return trafilatura.extract(html) or ""


def whole_page(html: str) -> str:
    """Everything a browser could show: the page's text less scripts and styles."""
    try:
        root = lxml.html.document_fromstring(html)
        for element in root.xpath("//script | //style | //noscript | //template"):
            element.drop_tree()
        return fold(root.text_content())
    except Exception:  # noqa: BLE001 - a baseline only; an unparsable page scores zero
        return ""


METHODS = {
    "claimlens extract_html": ours,
    "trafilatura.extract": reference,
    "whole page": whole_page,
}


def load_pages(data: Path, limit: int | None) -> list[tuple[str, str, str]]:
    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for page_id in sorted(truth)[:limit]:
        raw = gzip.decompress((data / "html" / f"{page_id}.html.gz").read_bytes())
        pages.append(
            (page_id, raw.decode("utf-8", errors="replace"), truth[page_id]["articleBody"])
        )
    return pages


def run(pages, repeat: int) -> dict:
    """Per method: the texts of the first run and the per-page median time in ms."""
    texts = {name: [] for name in METHODS}
    times = {name: [] for name in METHODS}
    for _, html, _ in pages:
        for name, method in METHODS.items():
            samples = []
            for _ in range(repeat):
                started = time.perf_counter()
                text = method(html)
                samples.append((time.perf_counter() - started) * 1000)
            texts[name].append(text)
            times[name].append(statistics.median(samples))
    return {"texts": texts, "times": times}


def not_verbatim(pages, texts: list[str]) -> tuple[int, int]:
    """(sentences not inside one visible run of their page, sentences) over all pages."""
    missing = total = 0
    for (_, html, _), text in zip(pages, texts, strict=True):
        runs = visible_runs(html)
        for sentence in split_sentences(extract_text(text)):
            total += 1
            missing += not is_verbatim(sentence.text, runs)
    return missing, total


def time_fixture_pages(repeat: int) -> None:
    """Median ms per fixture page: extract_html, extract_html + split_sentences, trafilatura."""
    print(f"{'fixture page':18} {'KB':>6} {'extract':>8} {'+split':>8} {'trafilatura':>11}")
    for path in sorted(FIXTURE_PAGES.glob("*.html")):
        html = path.read_text(encoding="utf-8")
        runs = {"extract": [], "split": [], "trafilatura": []}
        for _ in range(max(repeat, 5)):
            started = time.perf_counter()
            extracted = extract_html(html)
            middle = time.perf_counter()
            split_sentences(extracted)
            ended = time.perf_counter()
            reference(html)
            runs["extract"].append((middle - started) * 1000)
            runs["split"].append((ended - started) * 1000)
            runs["trafilatura"].append((time.perf_counter() - ended) * 1000)
        medians = {k: statistics.median(v) for k, v in runs.items()}
        print(
            f"{path.name:18} {len(html.encode()) / 1024:6.1f} {medians['extract']:8.2f} "
            f"{medians['split']:8.2f} {medians['trafilatura']:11.2f}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per page and method")
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages")
    parser.add_argument("--dump", type=Path, default=None, help="write per-page scores as JSON")
    args = parser.parse_args(argv)

    pages = load_pages(args.data, args.limit)
    truths = [t for _, _, t in pages]
    result = run(pages, args.repeat)
    base_total = sum(result["times"]["trafilatura.extract"])
    shown = " ".join(argv if argv is not None else sys.argv[1:])
    print(f"command: .venv/bin/python -m bench.bench_extraction {shown}")
    print(f"pages={len(pages)}, repeat={args.repeat}")
    header = (
        f"{'method':26} {'F1':>6} {'P':>6} {'R':>6} {'total ms':>9} {'median ms':>9} "
        f"{'x traf':>7} {'not verbatim':>14}"
    )
    print(header)
    for name in METHODS:
        s = score(truths, result["texts"][name])
        total = sum(result["times"][name])
        median = statistics.median(result["times"][name])
        verbatim = "-"
        if name != "whole page":
            missing, sentences = not_verbatim(pages, result["texts"][name])
            verbatim = f"{missing}/{sentences}"
        print(
            f"{name:26} {s['f1']:6.3f} {s['precision']:6.3f} {s['recall']:6.3f} "
            f"{total:9.0f} {median:9.2f} {total / base_total:7.2f} {verbatim:>14}"
        )
    print("not verbatim: sentences of the output that are not inside one visible run of the page")
    print()
    time_fixture_pages(args.repeat)
    if args.dump:
        rows = {}
        for i, (page_id, _, truth) in enumerate(pages):
            rows[page_id] = {
                name: page_precision_recall(truth, result["texts"][name][i]) for name in METHODS
            }
        args.dump.write_text(json.dumps(rows, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
