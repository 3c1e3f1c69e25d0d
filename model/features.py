"""Feature transformers (scikit-learn estimator contract) for wording cues and evidence gaps.

`ClaimCues` turns a sentence into yes/no wording cues: hedges, certainty, scope, causation,
pseudo-scientific mechanisms, unsourced statistics, and the marks of text that claims nothing
(questions, calls to action, procedure descriptions, opening hours, disclaimers).
`EvidenceGap` looks up the intervention-condition pair a sentence names in the evidence table and
crosses the evidence grade with how strongly the sentence is worded, so "proven" next to a
limited-evidence pair and "may" next to an established one become different features.

Both copy their word lists or table into fitted attributes, so a saved model keeps the
vocabulary it was trained with. Each can also say which words of a sentence fired a feature
(`feature_words`), which the explanations use.
"""

from __future__ import annotations

import re
from itertools import chain

import numpy as np
from scipy import sparse
from sklearn.base import BaseEstimator, TransformerMixin

from . import lexicon
from .evidence import DEFAULT_EVIDENCE_PATH, GRADES, EvidenceTable
from .phrases import PhraseMatcher, find_surface, surfaces, tokenize

_STATISTIC = re.compile(
    r"\d+(?:\.\d+)?\s?(?:%|percent\b|per cent\b)|\b\d+\s+(?:out\s+)?(?:of|in)\s+(?:every\s+)?\d+\b"
    r"|\b(?:one|two|three|four|five|six|seven|eight|nine)\s+(?:out\s+)?(?:of|in)\s+(?:every\s+)?"
    r"(?:ten|\d+)\b",
    re.IGNORECASE,
)
_DIGIT = re.compile(r"\d")
_WORD_INITIAL = re.compile(r"(?<![\w'\u2019])[^\W\d_]")
_UPPER = re.compile(r"[A-Z\u00c0-\u00de]")
_NUMBER_WORDS = frozenset("one two three four five six seven eight nine".split())
_WH_WORDS = frozenset(lexicon.phrases("what | why | how | when | where | who | which"))
_QUESTION_START = frozenset(lexicon.phrases(lexicon.QUESTION_START))
_STRONG = ("certainty", "magnitude", "scope")
# Cue categories also crossed one by one with the evidence grade of a named pair.
_CROSSED = (
    "negative_finding",
    "safety",
    "causal",
    "correlational",
    "pseudo_mechanism",
    "first_person",
    "evidence_reference",
)

CUE_FEATURES = (
    *lexicon.CATEGORIES,
    "question",
    "statistic_unsourced",
    "statistic_sourced",
    "exclamation",
    "very_short",
    "short",
    "title_case",
    "testimonial_effect",
    "strong_wording",
    "hedged_only",
    "plain_effect",
    "starts_imperative",
)


def _indicator_matrix(rows: list[list[int]], width: int) -> sparse.csr_matrix:
    """A 0/1 CSR matrix with a one at each listed column of each row."""
    indptr = np.zeros(len(rows) + 1, dtype=np.int64)
    np.cumsum([len(row) for row in rows], out=indptr[1:])
    indices = np.fromiter(chain.from_iterable(rows), dtype=np.int64, count=int(indptr[-1]))
    return sparse.csr_matrix(
        (np.ones(len(indices)), indices, indptr), shape=(len(rows), width), dtype=np.float64
    )


def _is_title_case(text: str) -> bool:
    """Whether most words start with a capital, as in a heading ("Acupuncture Cures Insomnia")."""
    # At least two capitals are needed (80% of two or more initials), and most sentences have
    # one: counting them is much cheaper than finding the initials.
    if sum(map(str.isupper, text)) < 2:
        return False
    initials = "".join(_WORD_INITIAL.findall(text))
    if len(initials) < 2:
        return False
    return len(_UPPER.findall(initials)) >= 0.8 * len(initials)


class ClaimCues(TransformerMixin, BaseEstimator):
    """Yes/no wording cues of a sentence, one column per name in `CUE_FEATURES`."""

    def __init__(self, categories: dict | None = None):
        self.categories = categories

    def fit(self, X, y=None):
        categories = self.categories if self.categories is not None else lexicon.CATEGORIES
        self.category_names_ = tuple(categories)
        self.matcher_ = PhraseMatcher(
            (phrase, name)
            for name, block in categories.items()
            for phrase in lexicon.phrases(block)
        )
        self.categories_ = dict(categories)
        self.feature_names_ = CUE_FEATURES
        self.column_ = {name: i for i, name in enumerate(self.feature_names_)}
        self.call_to_action_starts_ = frozenset(
            tokenize(p)[0] for p in lexicon.phrases(lexicon.CALL_TO_ACTION)
        )
        return self

    def get_feature_names_out(self, input_features=None):
        return np.asarray(self.feature_names_, dtype=object)

    def _hits(self, tokens: list[str]) -> dict[str, list[tuple[int, int]]]:
        return self.found_from_hits(self.matcher_.find(tokens))

    def found_from_hits(self, hits) -> dict[str, list[tuple[int, int]]]:
        """{category: [(start, end)]} from the hits of `matcher_`, or of a matcher combined
        with it whose other keys are not strings (those are skipped)."""
        found: dict[str, list[tuple[int, int]]] = {}
        for name, start, end in hits:
            if isinstance(name, str):
                found.setdefault(name, []).append((start, end))
        return found

    def _row(self, text: str, tokens: list[str], found: dict) -> list[str]:
        """Names of the features that fire for one sentence."""
        on = list(found)
        stripped = text.rstrip()
        if stripped.endswith("?") or (tokens and tokens[0] in _WH_WORDS and "?" in stripped):
            on.append("question")
        # The statistic pattern is slow-ish; most sentences have no number to look at.
        maybe_number = _DIGIT.search(text) or not _NUMBER_WORDS.isdisjoint(tokens)
        if maybe_number and _STATISTIC.search(text):
            sourced = "evidence_reference" in found
            on.append("statistic_sourced" if sourced else "statistic_unsourced")
        if stripped.endswith("!"):
            on.append("exclamation")
        if len(tokens) <= 3:
            on.append("very_short")
        elif len(tokens) <= 8:
            on.append("short")
        if len(tokens) <= 14 and _is_title_case(stripped):
            on.append("title_case")
        effect = "causal" in found or "magnitude" in found
        if "first_person" in found and effect:
            on.append("testimonial_effect")
        strong = any(name in found for name in _STRONG)
        if strong:
            on.append("strong_wording")
        elif "hedge" in found:
            on.append("hedged_only")
        elif effect and not ("evidence_reference" in found or "negative_finding" in found):
            # An effect stated flatly, with no hedge and no source: the guide's "matched" band,
            # fine for established evidence and overstated for moderate or weaker evidence.
            on.append("plain_effect")
        if tokens and tokens[0] in self.call_to_action_starts_:
            on.append("starts_imperative")
        return on

    def analyse(self, text: str) -> tuple[list[str], dict]:
        """(tokens, {category: [(start, end) token spans]}) of one sentence."""
        tokens = tokenize(text)
        return tokens, self._hits(tokens)

    def rows(self, texts, analyses) -> sparse.csr_matrix:
        """The feature matrix from sentences and their `analyse` results."""
        column = self.column_
        rows = [
            [column[name] for name in self._row(text, tokens, found)]
            for text, (tokens, found) in zip(texts, analyses, strict=True)
        ]
        return _indicator_matrix(rows, len(self.feature_names_))

    def transform(self, X):
        return self.rows(X, [self.analyse(text) for text in X])

    def feature_words(self, text: str, feature: str, analysis=None, lowered=None) -> list[str]:
        """The words of `text` that made `feature` fire (empty when none can be pointed at).

        `analysis` (from `analyse`) and `lowered` (`phrases.folded(text)`) save work when the
        caller has them.
        """
        tokens, found = analysis if analysis is not None else self.analyse(text)
        if feature in found:
            spans = found[feature]
        elif feature in ("strong_wording", "testimonial_effect"):
            names = _STRONG if feature == "strong_wording" else ("first_person", "causal")
            spans = [span for name in names for span in found.get(name, [])]
        elif feature == "hedged_only":
            spans = found.get("hedge", [])
        elif feature == "plain_effect":
            spans = found.get("causal", []) + found.get("magnitude", [])
        elif feature == "starts_imperative" and tokens:
            spans = [(0, 1)]
        elif feature.startswith("statistic"):
            match = _STATISTIC.search(text)
            return [match.group(0)] if match else []
        else:
            return []
        return surfaces(text, spans, tokens, lowered)


def _band(found) -> str:
    """How strongly a sentence is worded: negative, strong, hedged or plain."""
    if "negative_finding" in found:
        return "negative"
    if any(name in found for name in _STRONG):
        return "strong"
    if "hedge" in found:
        return "hedged"
    return "plain"


class EvidenceGap(TransformerMixin, BaseEstimator):
    """Evidence grade of the pair a sentence names, crossed with how strongly it is worded.

    Columns: `pair_known`; `pair_unknown` (a known intervention and a known condition, but not
    as a pair: nothing in the table backs the claim); `intervention_only`; `condition_only`; then
    per grade: the grade itself, grade x strong wording, grade x hedged wording, grade x a
    negative finding ("no better than placebo"). With `intervention_prior`, a sentence that
    names a known intervention without a known condition also gets the intervention's best
    grade, alone and crossed with the wording ("reiki cures anxiety" leans on reiki's best
    grade, none, when the table has no reiki-anxiety pair). Otherwise sentences naming no known
    pair get only presence flags: wording alone decides.
    """

    def __init__(self, evidence_path=None, intervention_prior: bool = False):
        self.evidence_path = evidence_path
        self.intervention_prior = intervention_prior

    def fit(self, X, y=None):
        self.table_ = EvidenceTable.from_csv(self.evidence_path or DEFAULT_EVIDENCE_PATH)
        wording = {name: lexicon.CATEGORIES[name] for name in (*_STRONG, "hedge", *_CROSSED)}
        self.wording_categories_ = wording
        self.wording_ = PhraseMatcher(
            (phrase, name) for name, block in wording.items() for phrase in lexicon.phrases(block)
        )
        names = ["pair_known", "pair_unknown", "intervention_only", "condition_only"]
        for grade in GRADES:
            names += [f"{grade}", f"{grade}_x_strong", f"{grade}_x_hedged", f"{grade}_x_negative"]
            names += [f"{grade}_x_plain"]
            names += [f"{grade}_with_{name}" for name in _CROSSED]
        if self.intervention_prior:
            for grade in GRADES:
                names += [f"intervention_{grade}"]
                names += [
                    f"intervention_{grade}_x_{b}" for b in ("negative", "strong", "hedged", "plain")
                ]
        self.feature_names_ = tuple(names)
        self.column_ = {name: i for i, name in enumerate(names)}
        return self

    def get_feature_names_out(self, input_features=None):
        return np.asarray(self.feature_names_, dtype=object)

    def _wording(self, tokens: list[str]) -> dict[str, list[tuple[int, int]]]:
        found: dict[str, list[tuple[int, int]]] = {}
        for name, start, end in self.wording_.find(tokens):
            found.setdefault(name, []).append((start, end))
        return found

    def _row(self, tokens: list[str], names, found=None) -> list[str]:
        """Feature names for one sentence; `names` is `EvidenceTable.names_in(tokens)`."""
        match, interventions, conditions = names
        if match is None:
            if not interventions:
                # A known condition alone still says "this is about health".
                return ["condition_only"] if conditions else []
            on = ["pair_unknown" if conditions else "intervention_only"]
            if self.intervention_prior:
                best = self.table_.best_entry[interventions[0][0]].grade
                if found is None:
                    found = self._wording(tokens)
                on += [f"intervention_{best}", f"intervention_{best}_x_{_band(found)}"]
            return on
        grade = match.entry.grade
        on = ["pair_known", grade]
        if found is None:
            found = self._wording(tokens)
        on.append(f"{grade}_x_{_band(found)}")
        on += [f"{grade}_with_{name}" for name in _CROSSED if name in found]
        return on

    def transform_tokens(
        self, token_lists, hits=None, names=None
    ) -> tuple[sparse.csr_matrix, list]:
        """(feature matrix, `EvidenceTable.names_in` result per sentence) from tokenised sentences.

        `hits` may carry each sentence's wording matches from a `ClaimCues` built from the
        same word lists (see `shares_wording_with`), which saves matching them again; `names`
        each sentence's `EvidenceTable.names_in` result, when the caller has it.
        """
        column = self.column_
        if names is None:
            names_in = self.table_.names_in
            names = [names_in(tokens) for tokens in token_lists]
        if hits is None:
            hits = [None] * len(token_lists)
        rows = [
            [column[name] for name in self._row(tokens, named, found)]
            for tokens, named, found in zip(token_lists, names, hits, strict=True)
        ]
        return _indicator_matrix(rows, len(self.feature_names_)), names

    def transform(self, X):
        return self.transform_tokens([tokenize(text) for text in X])[0]

    def shares_wording_with(self, cues: ClaimCues) -> bool:
        """Whether `cues` matches the same wording categories with the same word lists."""
        categories = getattr(cues, "categories_", {})
        return all(
            categories.get(name) == block for name, block in self.wording_categories_.items()
        )

    def lookup(self, text: str):
        """The evidence match for `text` (an `EvidenceMatch`) or None."""
        return self.table_.match(text)

    def feature_words(
        self,
        text: str,
        feature: str,
        tokens=None,
        match=None,
        found=None,
        lowered=None,
        interventions=None,
    ) -> list[str]:
        """The words of `text` behind `feature`: the wording words, else the pair's names.

        `tokens`, `match` and `found` (wording hits, as `ClaimCues.analyse` gives when
        `shares_wording_with` holds) save the work when the caller has them, and so do
        `interventions`, the interventions `EvidenceTable.names_in` found.
        """
        if tokens is None:
            tokens = tokenize(text)
            match = self.table_.match_tokens(tokens)
        if found is None and ("_with_" in feature or "_x_" in feature):
            found = self._wording(tokens)
        if "_with_" in feature:
            spans = found.get(feature.split("_with_", 1)[1], [])
            return surfaces(text, spans, tokens, lowered)
        for suffix, names in (
            ("_x_strong", _STRONG),
            ("_x_hedged", ("hedge",)),
            ("_x_negative", ("negative_finding",)),
        ):
            if feature.endswith(suffix):
                spans = [span for name in names for span in found.get(name, [])]
                return surfaces(text, spans, tokens, lowered)
        if match is not None:
            words = [
                find_surface(text, " ".join(tokens[slice(*match.intervention_tokens)]), lowered),
                find_surface(text, " ".join(tokens[slice(*match.condition_tokens)]), lowered),
            ]
            return [w for w in words if w]
        if feature.startswith("intervention"):
            if interventions is None:
                interventions = self.table_.interventions.find(tokens)
            return [
                find_surface(text, " ".join(tokens[s:e]), lowered) for _, s, e in interventions[:1]
            ]
        return []
