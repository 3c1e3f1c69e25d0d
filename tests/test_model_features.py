"""Feature transformers and evidence matching on crafted sentences."""

import pytest

from model.evidence import EvidenceTable
from model.features import CUE_FEATURES, ClaimCues, EvidenceGap
from model.phrases import PhraseMatcher, surface, tokenize

EVIDENCE_ROWS = [
    {
        "intervention": "acupuncture",
        "intervention_synonyms": "acupuncture|dry needling",
        "condition": "low back pain",
        "condition_synonyms": "low back pain|lower back pain|back pain",
        "grade": "moderate",
        "source": "Cochrane review 2020",
    },
    {
        "intervention": "reflexology",
        "intervention_synonyms": "reflexology|foot reflexology",
        "condition": "anxiety",
        "condition_synonyms": "anxiety|stress",
        "grade": "none",
        "source": "No trials of quality",
    },
    {
        "intervention": "art therapy",
        "intervention_synonyms": "art therapy",
        "condition": "depression",
        "condition_synonyms": "depression|low mood",
        "grade": "limited",
        "source": "Small trials",
    },
]


@pytest.fixture(scope="module")
def cues():
    return ClaimCues().fit(["x"])


@pytest.fixture
def evidence_csv(tmp_path):
    path = tmp_path / "evidence.csv"
    header = list(EVIDENCE_ROWS[0])
    lines = [",".join(header)] + [",".join(row[h] for h in header) for row in EVIDENCE_ROWS]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def fired(cues, text):
    row = cues.transform([text]).toarray()[0]
    return {name for name, value in zip(CUE_FEATURES, row, strict=True) if value}


def fired_evidence(gap, texts):
    """Per text, the names of the EvidenceGap columns that fire."""
    names = gap.get_feature_names_out()
    rows = gap.transform(texts).toarray()
    return [{n for n, v in zip(names, row, strict=True) if v} for row in rows]


def test_tokenize_keeps_contractions_and_percentages():
    assert tokenize("It doesn\u2019t work for 93% of People!") == [
        "it",
        "doesn't",
        "work",
        "for",
        "93%",
        "of",
        "people",
    ]


def test_phrase_matcher_matches_whole_tokens_only():
    matcher = PhraseMatcher([("art", "a"), ("no evidence", "b")])
    assert matcher.find(tokenize("Good for the heart")) == []
    assert matcher.find(tokenize("There is no evidence for art")) == [("b", 2, 4), ("a", 5, 6)]


def test_combined_matcher_gives_each_source_its_own_hits_in_one_pass():
    wording = PhraseMatcher([("no evidence", "negative"), ("evidence", "reference")])
    names = PhraseMatcher([("evidence based medicine", ("i", "ebm")), ("art", ("c", "art"))])
    both = PhraseMatcher.combined(wording, names)
    tokens = tokenize("No evidence that evidence based medicine or art helps")
    hits = both.find(tokens)
    assert [h for h in hits if isinstance(h[0], str)] == wording.find(tokens)
    assert [h for h in hits if isinstance(h[0], tuple)] == names.find(tokens)


def test_matcher_finds_every_phrase_at_each_start_longest_first():
    matcher = PhraseMatcher(
        [("low", "a"), ("low back pain", "b"), ("low back", "c"), ("low mood", "d")]
        + [("back pain", "e"), ("pain", "f")]
    )
    assert matcher.find(tokenize("Low back pain and low mood, low")) == [
        ("b", 0, 3),
        ("c", 0, 2),
        ("a", 0, 1),
        ("e", 1, 3),
        ("f", 2, 3),
        ("d", 4, 6),
        ("a", 4, 5),
        ("a", 6, 7),  # a last token still matches a one-word phrase
    ]
    assert matcher.find(tokenize("the back of the knee")) == []


def test_surface_returns_the_original_words():
    text = "It is Clinically-Proven, they say"
    assert surface(text, 2, 4) == "Clinically-Proven"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It may help some people sleep.", {"hedge"}),
        ("Clinically proven to work, guaranteed.", {"certainty", "strong_wording"}),
        ("Works for anyone with chronic pain.", {"scope", "strong_wording"}),
        ("Reiki balances your chakras and releases negative energy.", {"pseudo_mechanism"}),
        ("This juice will detoxify your liver.", {"pseudo_mechanism"}),
        ("Smoking causes lung cancer.", {"causal"}),
        ("Does acupuncture hurt?", {"question"}),
        ("Book your appointment today.", {"call_to_action", "starts_imperative"}),
        ("The session lasts 45 minutes.", {"procedure"}),
        ("This information does not replace medical advice.", {"disclaimer"}),
        ("It was no better than placebo.", {"negative_finding"}),
        ("After three sessions my migraines were gone!", {"testimonial_effect", "first_person"}),
    ],
)
def test_cue_features_fire_on_crafted_sentences(cues, text, expected):
    assert expected <= fired(cues, text)


def test_statistic_without_a_source_is_told_apart_from_a_sourced_one(cues):
    assert "statistic_unsourced" in fired(cues, "93% of patients report lasting relief.")
    assert "statistic_unsourced" in fired(cues, "9 out of 10 clients feel better.")
    sourced = fired(cues, "In a 2019 trial, 40% of participants improved.")
    assert "statistic_sourced" in sourced and "statistic_unsourced" not in sourced


def test_plain_description_fires_no_claim_cues(cues):
    assert not fired(cues, "The clinic is on Elm Street.") & {
        "certainty",
        "scope",
        "pseudo_mechanism",
        "hedge",
    }


def test_feature_words_point_at_words_in_the_sentence(cues):
    text = "It is Clinically Proven to help EVERYONE."
    assert cues.feature_words(text, "certainty") == ["Clinically Proven"]
    assert cues.feature_words(text, "scope") == ["EVERYONE"]
    assert cues.feature_words("93% of users agree", "statistic_unsourced") == ["93%"]


def test_evidence_table_matches_synonyms_with_word_boundaries(evidence_csv):
    table = EvidenceTable.from_csv(evidence_csv)
    match = table.match("Dry needling can ease lower back pain.")
    assert match.entry.intervention == "acupuncture"
    assert match.entry.condition == "low back pain"
    assert match.entry.grade == "moderate"
    # "art therapy" must not match inside "smart therapy" and "depression" needs a whole word.
    assert table.match("Smart therapy lifts depression.") is None
    assert table.match("Art therapy lifts depressions.") is None
    assert table.match("Art therapy lifts low mood.").entry.grade == "limited"


def test_unknown_pair_and_unknown_names_give_no_match(evidence_csv):
    table = EvidenceTable.from_csv(evidence_csv)
    assert table.match("Reflexology eases back pain.") is None  # both known, pair unknown
    assert table.match("Cupping cures everything.") is None


def test_missing_evidence_file_gives_an_empty_table(tmp_path):
    assert len(EvidenceTable.from_csv(tmp_path / "absent.csv")) == 0


def test_evidence_gap_crosses_grade_with_wording(evidence_csv):
    gap = EvidenceGap(evidence_csv).fit(["x"])
    on = fired_evidence(
        gap,
        [
            "Acupuncture is proven to cure back pain.",
            "Acupuncture may ease back pain.",
            "Acupuncture was no better than placebo for back pain.",
            "Cupping cures back pain.",
            "Reflexology eases back pain.",
            "Cupping cures everything.",
        ],
    )

    assert on[0] == {"pair_known", "moderate", "moderate_x_strong"}
    assert on[1] == {"pair_known", "moderate", "moderate_x_hedged", "moderate_with_causal"}
    assert on[2] == {
        "pair_known",
        "moderate",
        "moderate_x_negative",
        "moderate_with_negative_finding",
        "moderate_with_evidence_reference",
    }
    assert on[3] == {"condition_only"}  # cupping is not in the table; back pain is
    assert on[4] == {"pair_unknown"}  # both known, never rated together
    assert on[5] == set()
    assert gap.feature_words("Acupuncture is proven to cure back pain.", "moderate") == [
        "Acupuncture",
        "back pain",
    ]


def test_intervention_prior_leans_on_the_best_grade_when_no_pair_is_known(evidence_csv):
    gap = EvidenceGap(evidence_csv, intervention_prior=True).fit(["x"])
    on = fired_evidence(
        gap,
        [
            "Reflexology is guaranteed to cure insomnia.",
            "Acupuncture may ease tinnitus.",
            "Reflexology eases anxiety.",
            "Cupping cures everything.",
        ],
    )

    # No reflexology-insomnia pair: its only grade (none) stands in, crossed with the wording.
    assert on[0] == {"intervention_only", "intervention_none", "intervention_none_x_strong"}
    assert on[1] == {"intervention_only", "intervention_moderate", "intervention_moderate_x_hedged"}
    assert on[2] == {"pair_known", "none", "none_x_plain", "none_with_causal"}  # no prior needed
    assert on[3] == set()
    assert gap.feature_words(
        "Reflexology is guaranteed to cure insomnia.", "intervention_none"
    ) == ["Reflexology"]


def test_a_name_inside_a_longer_name_is_not_counted():
    def row(intervention, synonyms, condition, condition_synonyms):
        return {
            "intervention": intervention,
            "intervention_synonyms": synonyms,
            "condition": condition,
            "condition_synonyms": condition_synonyms,
            "grade": "limited",
            "source": "x",
        }

    table = EvidenceTable(
        [
            row("added sugar", "sugar", "type 2 diabetes", "blood sugar"),
            row("flu vaccine", "flu jab", "influenza", "flu"),
            row("childhood vaccines", "vaccine|vaccines", "autism", ""),
        ]
    )

    def named(text):
        _, interventions, conditions = table.names_in(tokenize(text))
        return [n for n, _, _ in interventions], [n for n, _, _ in conditions]

    assert named("Vinegar lowers blood sugar.") == ([], ["type 2 diabetes"])
    assert named("Sugar raises blood sugar.") == (["added sugar"], ["type 2 diabetes"])
    assert named("The flu vaccine prevents the flu.") == (["flu vaccine"], ["influenza"])
    assert named("Vaccines do not cause autism.") == (["childhood vaccines"], ["autism"])


def test_best_entry_is_the_strongest_grade_per_intervention(evidence_csv):
    rows = [*EVIDENCE_ROWS, {**EVIDENCE_ROWS[1], "condition": "constipation", "grade": "limited"}]
    table = EvidenceTable(rows)
    assert table.best_entry["reflexology"].condition == "constipation"
    assert table.best_entry["acupuncture"].grade == "moderate"


def test_best_entry_skips_harms_unless_an_intervention_has_only_harms():
    sauna = {"intervention": "sauna", "intervention_synonyms": "", "condition_synonyms": ""}
    smoking = {"intervention": "smoking", "intervention_synonyms": "", "condition_synonyms": ""}
    rows = [
        {**sauna, "condition": "dehydration", "grade": "established", "effect": "harm"},
        {**sauna, "condition": "delayed onset muscle soreness", "grade": "limited"},
        {**smoking, "condition": "lung cancer", "grade": "established", "effect": "harm"},
        {**smoking, "condition": "hair loss", "grade": "limited", "effect": "harm"},
    ]
    table = EvidenceTable(rows)
    # A well-shown harm says nothing for a claimed benefit: "sauna boosts your mood" leans on
    # sauna's best benefit, not on the dehydration it causes.
    assert table.best_entry["sauna"].condition == "delayed onset muscle soreness"
    assert table.best_entry["sauna"].effect == "benefit"  # a row without the column is a benefit
    assert table.best_entry["smoking"].condition == "lung cancer"


def test_transformers_follow_the_estimator_contract(evidence_csv):
    from sklearn.base import clone

    gap = EvidenceGap(evidence_csv, intervention_prior=True)
    assert clone(gap).get_params() == {"evidence_path": evidence_csv, "intervention_prior": True}
    assert not hasattr(gap, "table_")  # __init__ only stores parameters
    assert gap.fit(["x"]) is gap
    assert ClaimCues().fit_transform(["a b"]).shape == (1, len(CUE_FEATURES))


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ("It doesn\u2019t WORK for me", "doesn't", "doesn\u2019t"),
        ("Good for the heart and for Art.", "art", "Art"),
        ("A Meta-Analysis found", "meta analysis", "Meta-Analysis"),
        ("Nothing here", "art", ""),
        ("93% of users", "93%", "93%"),
    ],
)
def test_find_surface_fast_and_pattern_paths_agree(text, phrase, expected):
    from model.phrases import find_surface, folded

    assert find_surface(text, phrase, folded(text)) == expected
    assert find_surface(text, phrase) == expected
