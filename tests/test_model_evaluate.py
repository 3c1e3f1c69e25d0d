"""`python -m model.evaluate` on tiny crafted files: every block prints, missing parts skip."""

import csv
import json

import pytest

from model import baselines, dataset, evaluate, metrics


def _write_csv(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    rows = dataset.read_rows(dataset.default_sentence_files())
    if len({r["topic"] for r in rows}) < 6:
        pytest.skip("training_data/sentences has too few topics yet")
    taken: dict = {}
    subset = []
    for row in rows:
        key = (row["topic"], row["label"])
        if taken.get(key, 0) < 2:
            taken[key] = taken.get(key, 0) + 1
            subset.append(row)
    root = tmp_path_factory.mktemp("eval")
    data = _write_csv(
        root / "train.csv",
        ["text", "label", "topic", "style"],
        [[r["text"], r["label"], r["topic"], r["style"]] for r in subset],
    )
    crafted = [
        ["Book a session today.", "none", "x", "clinic"],
        ["It is proven to cure anyone.", "overstated", "x", "clinic"],
        ["Early studies suggest it may help a little.", "supported", "x", "blog"],
        ["It releases blocked energy.", "unsupported", "x", "blog"],
    ]
    seed = _write_csv(root / "seed.csv", ["text", "label", "topic", "style", "seed"], crafted)
    shared = root / "shared"
    (shared / "realworld-dev").mkdir(parents=True)
    _write_csv(
        shared / "realworld-dev" / "realworld_dev.csv",
        ["id", "text", "label", "topic", "style"],
        [[f"r{i}", *row] for i, row in enumerate(crafted)],
    )
    (shared / "yu2020-claim-strength").mkdir()
    _write_csv(
        shared / "yu2020-claim-strength" / "annotated_pubmed.csv",
        ["sentence", "label"],
        [["Participants were recruited in 2010.", "0"], ["Exercise reduced pain.", "3"]],
    )
    (shared / "missci").mkdir()
    record = {"argument": {"claim": "It cures cancer.", "accurate_premise_p0": {"premise": "A"}}}
    (shared / "missci" / "dev.missci.jsonl").write_text(json.dumps(record) + "\n")
    return data, seed, shared


def test_evaluate_prints_every_block_and_skips_what_is_missing(tiny, monkeypatch, capsys):
    data, seed, shared = tiny
    monkeypatch.setattr(evaluate, "embedding_available", lambda: False)
    argv = ["--data", str(data), "--seed-eval", str(seed), "--shared-data", str(shared)]
    assert evaluate.main([*argv, "--folds", "2"]) == 0
    out = capsys.readouterr().out
    for heading in (
        "claimlens: grouped CV by topic",
        "claimlens: seed pages",
        "claimlens: realworld-dev",
        "proxy: Yu 2020",
        "proxy: MISSCI",
        "embedding baseline skipped",
        "== summary",
        "majority class",
        "hedge-word rule",
    ):
        assert heading in out
    assert "InSciOut" not in out  # its files are absent, so that block is skipped
    assert "confusion matrix" in out and "macro-F1" in out
    assert out.count("expected calibration error") == 3  # CV, seed pages, realworld-dev


def test_calibration_error_is_the_weighted_gap_between_confidence_and_accuracy():
    truth = ["none", "none", "supported", "supported"]
    # Two predictions at 0.95 confidence, one of them right; two at 0.55, both right.
    predicted = ["none", "supported", "supported", "supported"]
    figures = metrics.calibration_figures(truth, predicted, [0.95, 0.95, 0.55, 0.55])
    assert figures["ece"] == pytest.approx(0.5 * abs(0.5 - 0.95) + 0.5 * abs(1.0 - 0.55))
    assert figures["accuracy"] == 0.75 and figures["mean_confidence"] == 0.75
    honest = metrics.calibration_figures(["none"] * 4, ["none"] * 3 + ["supported"], [0.75] * 4)
    assert honest["ece"] == 0.0


def test_hedge_rule_and_majority_baselines():
    rule = baselines.HedgeRuleBaseline().fit([], [])
    assert rule.predict(
        ["It balances your chakras.", "Proven to work for everyone.", "It may help.", "Hours: 9-5"]
    ) == ["unsupported", "overstated", "supported", "none"]
    majority = baselines.MajorityBaseline().fit(["a", "b", "c"], ["none", "none", "supported"])
    assert majority.predict(["x", "y"]) == ["none", "none"]
