"""Predictions and explanations from a model trained once for the module."""

import re

import pytest

from model import LABELS, dataset, persistence, train


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    if not dataset.default_sentence_files():
        pytest.skip("no training data yet")
    return persistence.load_model(train.train_default(tmp_path_factory.mktemp("models")))


SENTENCES = [
    "Book your appointment today.",
    "Acupuncture is proven to cure chronic pain in anyone.",
    "Early research suggests ginger might help with nausea.",
    "Reiki balances your chakras and releases negative energy.",
    "Does acupuncture hurt?",
    "93% of patients report lasting relief.",
    "Reviews have found no reliable evidence that reflexology treats any medical condition.",
    "",
    "\u2728\u2728",
]


def test_output_matches_the_contract(loaded):
    results = loaded.predict(SENTENCES)
    assert len(results) == len(SENTENCES)
    for result in results:
        assert set(result) == {"label", "confidence", "explanation"}
        assert result["label"] in LABELS
        assert 0.0 <= result["confidence"] <= 1.0
        assert result["confidence"] == round(result["confidence"], 3)
        explanation = result["explanation"]
        assert set(explanation) <= {"summary", "cues", "evidence"}
        assert isinstance(explanation["summary"], str) and explanation["summary"].endswith(".")
        for cue in explanation["cues"]:
            assert set(cue) == {"text", "pushes"}
        if "evidence" in explanation:
            assert set(explanation["evidence"]) == {"intervention", "condition", "grade", "source"}


def test_cues_are_words_of_the_sentence_and_push_the_verdict(loaded):
    rows = dataset.read_rows(dataset.default_sentence_files())[:300]
    texts = [row["text"] for row in rows] + SENTENCES
    for text, result in zip(texts, loaded.predict(texts), strict=True):
        for cue in result["explanation"]["cues"]:
            assert cue["text"] and cue["text"] in text
            assert cue["pushes"] == result["label"]


def test_cues_never_quote_only_function_words(loaded):
    from model import lexicon
    from model.explain import FUNCTION_WORDS
    from model.phrases import tokenize

    # A wording-cue phrase such as "is a" (a definition) is quoted with the kind it names.
    cue_phrases = {
        tuple(tokenize(phrase))
        for block in lexicon.CATEGORIES.values()
        for phrase in lexicon.phrases(block)
    }

    rows = dataset.read_rows([dataset.SEED_EVAL_PATH]) if dataset.SEED_EVAL_PATH.exists() else []
    rows += dataset.read_rows(dataset.default_sentence_files())[::50]
    quoted = [
        cue["text"]
        for result in loaded.predict([row["text"] for row in rows])
        for cue in result["explanation"]["cues"]
    ]
    assert len(quoted) > len(rows)  # the sentences are explained, not left bare
    bare = [
        q
        for q in quoted
        if FUNCTION_WORDS.issuperset(tokenize(q)) and tuple(tokenize(q)) not in cue_phrases
    ]
    assert bare == []


def test_summary_agrees_with_the_verdict(loaded):
    from model.explain import VERDICT_TEXT

    for result in loaded.predict(SENTENCES):
        assert result["explanation"]["summary"].startswith(VERDICT_TEXT[result["label"]])


def test_obvious_sentences_get_the_expected_labels(loaded):
    labels = [r["label"] for r in loaded.predict(SENTENCES[:5])]
    assert labels == ["none", "overstated", "supported", "unsupported", "none"]


def test_evidence_entry_appears_when_a_known_pair_is_named(loaded):
    table = loaded.pipeline.named_steps["features"].transformer_list[2][1].table_
    if not len(table):
        pytest.skip("no evidence table yet")
    entry = next(iter(table.pairs.values()))
    text = f"{entry.intervention.capitalize()} is guaranteed to cure {entry.condition} forever."
    explanation = loaded.predict([text])[0]["explanation"]
    assert explanation["evidence"]["intervention"] == entry.intervention
    assert explanation["evidence"]["condition"] == entry.condition
    assert re.search(entry.grade, explanation["summary"]) or explanation["evidence"]["grade"]


def test_predict_is_deterministic_and_order_independent(loaded):
    forward = loaded.predict(SENTENCES)
    backward = loaded.predict(SENTENCES[::-1])[::-1]
    assert forward == backward
    assert loaded.predict([]) == []


def test_fast_feature_path_equals_the_pipeline(loaded):
    from model.explain import Explainer

    texts = [row["text"] for row in dataset.read_rows(dataset.default_sentence_files())[:400]]
    texts += SENTENCES + ["It doesn\u2019t work for 93% of people, says a £65 review."]
    # Out-of-vocabulary words, and a known bigram ("can help") split across two sentences,
    # which must not count for either.
    texts += ["Zorbly quaxed the flimwort.", "Acupuncture can", "help you sleep."]
    explainer = Explainer(loaded.pipeline)
    assert explainer.fast_words
    fast, _, _ = explainer.features(texts)
    slow = loaded.pipeline.named_steps["features"].transform(texts)
    assert abs(fast - slow).max() < 1e-12
    predicted = [r["label"] for r in loaded.predict(texts)]
    assert predicted == list(loaded.pipeline.predict(texts))


def test_summary_quotes_topic_words_apart_from_the_kind_of_wording():
    from model.explain import _summary

    cues = [
        {"text": "proven", "pushes": "overstated"},
        {"text": "Cupping", "pushes": "overstated"},
    ]
    summary = _summary("overstated", cues, ["certainty wording"], {"proven"}, None)
    assert 'certainty wording ("proven")' in summary
    assert '"Cupping" also weighing in' in summary
    assert _summary("supported", cues[1:], [], set(), None).endswith('("Cupping").')


def test_summary_cites_the_best_entry_when_no_pair_is_named():
    from model.evidence import EvidenceEntry
    from model.explain import _summary

    best = EvidenceEntry("reiki", "anxiety", "none", "No trials of quality")
    summary = _summary("unsupported", [], [], set(), None, best)
    assert summary.endswith(
        "the strongest evidence on record for reiki is rated none (for anxiety)."
    )
    # A sentence that is not a claim gets no evidence line.
    assert "evidence on record" not in _summary("none", [], [], set(), None, best)


def test_summary_says_when_the_named_pair_has_no_entry():
    from model.evidence import EvidenceEntry
    from model.explain import _summary

    best = EvidenceEntry("physiotherapy", "knee osteoarthritis", "established", "Guidelines")
    summary = _summary("unsupported", [], [], set(), None, best, "parkinson's disease")
    assert summary.endswith(
        "; there is no evidence on record for physiotherapy and parkinson's disease (the"
        " strongest for physiotherapy is rated established, for knee osteoarthritis)."
    )
