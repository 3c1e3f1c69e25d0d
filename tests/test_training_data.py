"""Checks on the shipped training data: the evidence table, the labelled sentences and the seed
evaluation file.

The volume checks state the real requirement for the sentence files (they fail until the
sentence files reach it), so a short data set cannot pass unnoticed.
"""

import csv
import json
import re
from collections import Counter, defaultdict
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
TRAINING_DATA = REPO / "training_data"
EVIDENCE_CSV = TRAINING_DATA / "evidence.csv"
SEED_EVAL_CSV = TRAINING_DATA / "seed_eval.csv"
SENTENCE_FILES = sorted((TRAINING_DATA / "sentences").glob("*.csv"))
SHARED = Path(__file__).resolve().parents[2] / "shared"
SHARED_DATA = SHARED / "data"
SHARED_SEEDS = SHARED / "seeds"

EVIDENCE_HEADER = [
    "intervention",
    "intervention_synonyms",
    "condition",
    "condition_synonyms",
    "grade",
    "effect",
    "source",
]
SENTENCE_HEADER = ["text", "label", "topic", "style"]
SEED_EVAL_HEADER = ["text", "label", "topic", "style", "seed"]
GRADES = {"established", "moderate", "limited", "none", "against"}
EFFECTS = {"benefit", "harm"}
LABELS = {"supported", "overstated", "unsupported", "none"}
SEEDS = {"000", "001", "002", "003", "004"}

MIN_EVIDENCE_PAIRS = 200
MIN_SENTENCE_ROWS = 2500
MIN_ROWS_PER_LABEL = 400
MIN_TOPICS = 60
# Word-count limits of the length bands, and how far a length-only rule may beat the majority.
LENGTH_BAND_LIMITS = (8, 12, 17, 24)
MAX_LENGTH_RULE_GAIN = 0.08

# List markers that the seed files put before list items; they are not part of the sentence.
BULLET_GAP = re.compile(r"[\s•\-]*")


def normalise(text: str) -> str:
    """Lowercase and fold every run of non-word characters to one space."""
    return re.sub(r"\W+", " ", text.lower()).strip()


def fold_whitespace(text: str) -> str:
    """Collapse every run of whitespace to a single space."""
    return " ".join(text.split())


def read_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """Return the header and the rows of a UTF-8 CSV file."""
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def split_synonyms(field: str) -> list[str]:
    """Split a `|`-separated synonym field; an empty field has no synonyms."""
    return field.split("|") if field else []


@pytest.fixture(scope="module")
def evidence_rows() -> list[dict[str, str]]:
    header, rows = read_rows(EVIDENCE_CSV)
    assert header == EVIDENCE_HEADER
    return rows


@pytest.fixture(scope="module")
def sentence_rows() -> list[dict[str, str]]:
    rows = []
    for path in SENTENCE_FILES:
        header, file_rows = read_rows(path)
        assert header == SENTENCE_HEADER, f"{path.name}: header {header}"
        rows.extend(dict(row, file=path.name) for row in file_rows)
    return rows


@pytest.fixture(scope="module")
def seed_eval_rows() -> list[dict[str, str]]:
    header, rows = read_rows(SEED_EVAL_CSV)
    assert header == SEED_EVAL_HEADER
    return rows


# ---------------------------------------------------------------- evidence.csv


def test_evidence_has_enough_unique_pairs(evidence_rows):
    pairs = Counter((row["intervention"], row["condition"]) for row in evidence_rows)
    duplicates = [pair for pair, count in pairs.items() if count > 1]
    assert not duplicates
    assert len(pairs) >= MIN_EVIDENCE_PAIRS


def test_evidence_grades_and_sources(evidence_rows):
    for row in evidence_rows:
        assert row["grade"] in GRADES, row
        assert row["effect"] in EFFECTS, row
        assert row["source"].strip(), row
    # A table that grades everything alike could not separate the labels.
    assert set(row["grade"] for row in evidence_rows) == GRADES


def test_evidence_names_and_synonyms_are_clean_lowercase(evidence_rows):
    for row in evidence_rows:
        for column in ("intervention", "condition"):
            name = row[column]
            assert name and name == name.lower() and name == name.strip(), row
        for column in ("intervention_synonyms", "condition_synonyms"):
            for synonym in split_synonyms(row[column]):
                assert synonym, f"empty synonym in {row[column]!r}"
                assert synonym == synonym.lower() and synonym == synonym.strip(), synonym


def test_evidence_synonyms_consistent_per_name(evidence_rows):
    """One intervention (or condition) has one synonym list wherever it appears."""
    for name_column, synonym_column in (
        ("intervention", "intervention_synonyms"),
        ("condition", "condition_synonyms"),
    ):
        seen: dict[str, set[str]] = defaultdict(set)
        for row in evidence_rows:
            seen[row[name_column]].add(row[synonym_column])
        inconsistent = {name: lists for name, lists in seen.items() if len(lists) > 1}
        assert not inconsistent


def test_evidence_terms_belong_to_one_name(evidence_rows):
    """A term that names two interventions (or two conditions) would make matching ambiguous."""
    for name_column, synonym_column in (
        ("intervention", "intervention_synonyms"),
        ("condition", "condition_synonyms"),
    ):
        owners: dict[str, set[str]] = defaultdict(set)
        for row in evidence_rows:
            name = row[name_column]
            for term in [name, *split_synonyms(row[synonym_column])]:
                owners[term].add(name)
        shared = {term: names for term, names in owners.items() if len(names) > 1}
        assert not shared


# Everyday words that would make the whole-word matcher fire on sentences that are not about the
# intervention or condition ("a cold drink", "add to cart", "tens of thousands").
AMBIGUOUS_TERMS = {
    "add",
    "balance",
    "cold",
    "cuts",
    "drinking",
    "energy",
    "health",
    "ms",
    "pain",
    "performance",
    "ra",
    "strength",
    "temperature",
    "tens",
}


def test_evidence_avoids_everyday_words_as_names(evidence_rows):
    terms = set()
    for row in evidence_rows:
        terms.update([row["intervention"], row["condition"]])
        terms.update(split_synonyms(row["intervention_synonyms"]))
        terms.update(split_synonyms(row["condition_synonyms"]))
    assert not terms & AMBIGUOUS_TERMS


# ---------------------------------------------------------------- sentences/*.csv


def test_sentence_rows_are_well_formed(sentence_rows):
    for row in sentence_rows:
        assert row["text"].strip(), row
        assert row["label"] in LABELS, row
        assert row["topic"].strip(), row
        assert row["style"].strip(), row


def test_sentence_texts_are_unique_across_files(sentence_rows):
    first_seen: dict[str, str] = {}
    duplicates = []
    for row in sentence_rows:
        key = normalise(row["text"])
        if key in first_seen:
            duplicates.append((row["text"], first_seen[key], row["file"]))
        else:
            first_seen[key] = row["file"]
    assert not duplicates, duplicates[:10]


def test_required_sentence_volume(sentence_rows):
    """Requirement: at least 2,500 labelled sentences in total."""
    assert len(sentence_rows) >= MIN_SENTENCE_ROWS, len(sentence_rows)


def test_required_rows_per_label(sentence_rows):
    """Requirement: at least 400 sentences for each of the four labels."""
    counts = Counter(row["label"] for row in sentence_rows)
    short = {label: counts[label] for label in LABELS if counts[label] < MIN_ROWS_PER_LABEL}
    assert not short


def test_required_topic_count(sentence_rows):
    """Requirement: at least 60 distinct topics."""
    topics = {row["topic"].strip().lower() for row in sentence_rows}
    assert len(topics) >= MIN_TOPICS, len(topics)


def test_required_label_not_predictable_from_topic(sentence_rows):
    """Requirement: every topic has sentences of all four labels."""
    labels_by_topic: dict[str, set[str]] = defaultdict(set)
    for row in sentence_rows:
        labels_by_topic[row["topic"].strip().lower()].add(row["label"])
    incomplete = {
        topic: sorted(found) for topic, found in labels_by_topic.items() if found != LABELS
    }
    assert labels_by_topic and not incomplete, incomplete


def test_required_each_style_has_several_labels(sentence_rows):
    """Requirement: every page style appears with at least three labels."""
    labels_by_style: dict[str, set[str]] = defaultdict(set)
    for row in sentence_rows:
        labels_by_style[row["style"].strip().lower()].add(row["label"])
    narrow = {style: sorted(found) for style, found in labels_by_style.items() if len(found) < 3}
    assert labels_by_style and not narrow, narrow


def length_band(text: str) -> int:
    """Which of five length bands (in words) a sentence falls in."""
    words = len(text.split())
    return sum(words > limit for limit in LENGTH_BAND_LIMITS)


def test_label_not_predictable_from_length(sentence_rows):
    """A rule that sees only the length band barely beats always answering the commonest label.

    Written sentences drift towards short punchy claims and long careful ones; a model trained
    on that learns length instead of wording, and real pages, where promotional claims are long,
    pay for it.
    """
    by_band: dict[int, Counter] = defaultdict(Counter)
    for row in sentence_rows:
        by_band[length_band(row["text"])][row["label"]] += 1
    rule_correct = sum(max(counts.values()) for counts in by_band.values())
    commonest = max(Counter(row["label"] for row in sentence_rows).values())
    gain = (rule_correct - commonest) / len(sentence_rows)
    assert gain <= MAX_LENGTH_RULE_GAIN, f"length rule beats the commonest label by {gain:.3f}"


# ---------------------------------------------------------------- seed_eval.csv


def test_seed_eval_rows_are_well_formed(seed_eval_rows):
    for row in seed_eval_rows:
        assert row["text"].strip(), row
        assert row["label"] in LABELS, row
        assert row["topic"].strip() and row["style"].strip(), row
    assert {row["seed"] for row in seed_eval_rows} == SEEDS


def test_seed_eval_covers_every_label(seed_eval_rows):
    assert {row["label"] for row in seed_eval_rows} == LABELS


def test_seed_eval_label_profile(seed_eval_rows):
    """The evidence-graded page hedges to the evidence; the promotional pages overreach."""
    labels_by_seed: dict[str, Counter] = defaultdict(Counter)
    for row in seed_eval_rows:
        labels_by_seed[row["seed"]][row["label"]] += 1
    reference = labels_by_seed["000"]
    assert reference["overstated"] + reference["unsupported"] == 0
    assert reference["supported"] >= 20
    for seed in ("001", "002", "003"):
        assert labels_by_seed[seed]["overstated"] >= 1, seed
        assert labels_by_seed[seed]["unsupported"] >= 1, seed


def test_seed_eval_shares_no_text_with_training(seed_eval_rows, sentence_rows):
    training = {normalise(row["text"]) for row in sentence_rows}
    leaked = [row["text"] for row in seed_eval_rows if normalise(row["text"]) in training]
    assert not leaked, leaked[:10]


def seed_file(seed: str) -> Path:
    """The seed page whose file name starts with the given 3-digit prefix."""
    matches = sorted(SHARED_SEEDS.glob(f"{seed}_*.txt"))
    assert len(matches) == 1, matches
    return matches[0]


@pytest.mark.skipif(not SHARED_SEEDS.is_dir(), reason="shared/seeds is not beside the repository")
@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_seed_eval_rows_cover_the_page_in_order(seed_eval_rows, seed):
    """The rows of one seed, read in order, are the whole page: verbatim text, nothing left out
    except whitespace and list markers."""
    page = fold_whitespace(seed_file(seed).read_text(encoding="utf-8"))
    position = 0
    for row in (row for row in seed_eval_rows if row["seed"] == seed):
        text = row["text"]
        found = page.find(text, position)
        assert found >= 0, f"not found verbatim after offset {position}: {text!r}"
        skipped = page[position:found]
        assert BULLET_GAP.fullmatch(skipped), f"text skipped before {text!r}: {skipped!r}"
        position = found + len(text)
    assert BULLET_GAP.fullmatch(page[position:]), f"page tail not labelled: {page[position:]!r}"


# ---------------------------------------------------------------- public evaluation data


def strings_in(value) -> list[str]:
    """All string values inside a parsed JSON value."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in strings_in(item)]
    if isinstance(value, list):
        return [text for item in value for text in strings_in(item)]
    return []


def public_dataset_texts(root: Path) -> set[str]:
    """Normalised text of every cell (CSV) or string value (JSON, JSONL) under root."""
    texts: set[str] = set()
    for path in sorted(root.rglob("*")):
        if path.suffix == ".csv":
            with path.open(newline="", encoding="utf-8", errors="replace") as handle:
                texts.update(cell for row in csv.reader(handle) for cell in row)
        elif path.suffix == ".jsonl":
            for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
                if line.strip():
                    texts.update(strings_in(json.loads(line)))
        elif path.suffix == ".json":
            texts.update(strings_in(json.loads(path.read_text(encoding="utf-8"))))
    return {key for key in map(normalise, texts) if key}


@pytest.mark.skipif(not SHARED_DATA.is_dir(), reason="shared/data is not beside the repository")
def test_no_training_row_copies_a_public_dataset_row(sentence_rows, seed_eval_rows):
    public = public_dataset_texts(SHARED_DATA)
    assert len(public) > 1000  # the loader really read the datasets
    copied = [
        row["text"] for row in [*sentence_rows, *seed_eval_rows] if normalise(row["text"]) in public
    ]
    assert not copied, copied[:10]
