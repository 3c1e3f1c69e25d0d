"""Predictions with explanations that come from the model itself.

For each sentence the predicted label's logit is a sum of feature value x coefficient. The
features with the largest positive share are mapped back to words of the sentence: an n-gram to
the matching words, a wording cue to the words that fired it, an evidence feature to the words
it crossed with the grade. The summary is built from those same cues and the evidence entry, so
it cannot disagree with the verdict. The arithmetic runs on whole batches with numpy; only the
few top features per sentence are turned into words in Python.
"""

from __future__ import annotations

import gc
import threading
from contextlib import contextmanager
from itertools import chain, repeat

import numpy as np
from scipy import sparse

from .phrases import PhraseMatcher, find_surface, folded, tokenize, word_ngrams

TOP_FEATURES = 4
MAX_CUES = 3

# Words that mean nothing as a reason on their own. The model still counts n-grams made only of
# them ("and", "of the"), but an explanation that quotes them tells a reader nothing, so the
# cues shown are the strongest of the other features. Words that are wording cues ("not",
# "may", "all", "can", "some", "most") are not in this list.
FUNCTION_WORDS = frozenset(
    """a an the and or but nor so yet of to in on at by for with from into onto about as than
    then if that this these those it its it's is are was were be been being has have had do
    does did there their they them he she his her him we our us you your which what when where
    how why whom whose""".split()
)

VERDICT_TEXT = {
    "none": "Not read as a health claim",
    "supported": "The wording matches the strength of the evidence",
    "overstated": "Worded more strongly than the evidence allows",
    "unsupported": "A health claim without credible evidence behind it",
}

# What a cue feature means, for the summary ("certainty wording: proven").
CUE_MEANING = {
    "hedge": "cautious wording",
    "hedged_only": "cautious wording",
    "evidence_reference": "a reference to research",
    "certainty": "certainty wording",
    "magnitude": "inflated size of effect",
    "scope": "sweeping scope",
    "strong_wording": "strong wording",
    "safety": "a safety promise",
    "intensifier": "emphatic wording",
    "breadth": "a sweeping range of uses",
    "anecdote": "anecdote or testimonial",
    "causal": "an effect claim",
    "plain_effect": "an effect stated flatly, without a source",
    "correlational": "a link, not a cause",
    "negative_finding": "a negative finding",
    "negation": "negation",
    "pseudo_mechanism": "a non-scientific mechanism",
    "first_person": "a personal story",
    "testimonial_effect": "a personal story of an effect",
    "call_to_action": "a call to action",
    "starts_imperative": "a call to action",
    "procedure": "a description of the procedure",
    "report_of_use": "a report of how it is used",
    "logistics": "practical details",
    "definition_history": "a definition or history",
    "disclaimer": "a disclaimer",
    "question": "a question",
    "statistic_unsourced": "a statistic with no source",
    "statistic_sourced": "a statistic with its source",
}


_gc_lock = threading.Lock()
_gc_pausers = 0
_gc_was_enabled = False


@contextmanager
def _gc_paused():
    """Pause the cyclic garbage collector while a batch is classified.

    A batch allocates many small lists and dicts, none in reference cycles; left on, the
    collector keeps re-scanning them and the model's large vocabulary, which costs about a
    third of the time. Reference counting still frees everything. A counter makes this safe
    when several threads classify at once: the last one out switches the collector back on.
    """
    global _gc_pausers, _gc_was_enabled
    with _gc_lock:
        if _gc_pausers == 0:
            _gc_was_enabled = gc.isenabled()
            gc.disable()
        _gc_pausers += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_pausers -= 1
            if _gc_pausers == 0 and _gc_was_enabled:
                gc.enable()


class Explainer:
    """Wraps a fitted pipeline; `predict(texts)` gives labels, confidences and explanations."""

    def __init__(self, pipeline):
        self.pipeline = pipeline
        self.union = pipeline.named_steps["features"]
        self.classifier = pipeline.named_steps["classifier"]
        self.labels = [str(c) for c in self.classifier.classes_]
        self.coef = np.asarray(self.classifier.coef_, dtype=np.float64)
        if self.coef.shape[0] == 1:  # binary problems keep one row; give each class its own
            self.coef = np.vstack([-self.coef[0], self.coef[0]])
        transformers = dict(self.union.transformer_list)
        self.words = transformers["words"]
        self.cues = transformers["cues"]
        self.evidence = transformers["evidence"]
        # Which block each global column belongs to, and its name inside the block.
        self.blocks: list[tuple[int, int, str, np.ndarray]] = []
        start = 0
        for name, transformer in self.union.transformer_list:
            names = np.asarray(transformer.get_feature_names_out(), dtype=object)
            self.blocks.append((start, start + len(names), name, names))
            start += len(names)
        self.n_features = start
        # Columns an explanation may quote: all but the n-grams made only of function words.
        self.quotable = np.ones(self.n_features, dtype=bool)
        for begin, end, name, names in self.blocks:
            if name == "words":
                self.quotable[begin:end] = [
                    not FUNCTION_WORDS.issuperset(str(n).split()) for n in names
                ]
        self.column_names = [
            (block, str(name)) for _, _, block, names in self.blocks for name in names
        ]
        self.weights = dict(self.union.transformer_weights or {})
        self.share_hits = self.evidence.shares_wording_with(self.cues)
        self.one_pass = (
            PhraseMatcher.combined(self.cues.matcher_, self.evidence.table_.names)
            if self.share_hits
            else None
        )
        self.vocabulary = self.words.vocabulary_
        self.idf = np.asarray(self.words.idf_, dtype=np.float64)
        # The fast path in `_tfidf` reproduces exactly these settings; anything else falls back.
        self.fast_words = (
            self.words.analyzer is word_ngrams
            and self.words.norm == "l2"
            and self.words.use_idf
            and not self.words.binary
            and self._index_ngrams()
        )

    def _index_ngrams(self) -> bool:
        """Lookup tables for `_tfidf`; False when the vocabulary does not allow them.

        Unigram columns by token, and bigram columns by the pair of their words' unigram
        columns, as sorted integer keys, so a whole batch of bigrams is looked up with one
        `searchsorted` instead of building and hashing a string per bigram. That needs both
        words of every bigram in the vocabulary as unigrams, which pruning by document frequency
        guarantees (a bigram in N sentences puts each of its words in at least N).
        """
        unigrams, pairs = {}, []
        for gram, column in self.vocabulary.items():
            first, _, second = gram.partition(" ")
            if second:
                pairs.append((first, second, column))
            else:
                unigrams[gram] = column
        if not pairs or any(a not in unigrams or b not in unigrams for a, b, _ in pairs):
            return False
        width = len(self.vocabulary)
        keys = np.array([unigrams[a] * width + unigrams[b] for a, b, _ in pairs], dtype=np.int64)
        order = np.argsort(keys)
        self.unigram_column = unigrams
        self.bigram_keys = keys[order]
        self.bigram_columns = np.array([c for _, _, c in pairs], dtype=np.int64)[order]
        return True

    def _feature(self, column: int) -> tuple[str, str]:
        """(block name, feature name) of a global column."""
        return self.column_names[column]

    def _words_for(self, text: str, column: int, context: dict) -> tuple[list[str], str]:
        block, name = self._feature(column)
        if "lowered" not in context:
            context["lowered"] = folded(text)
        lowered = context["lowered"]
        if block == "words":
            found = find_surface(text, name, lowered)
            return ([found] if found else []), ""
        if block == "cues":
            words = self.cues.feature_words(text, name, context["analysis"], lowered)
            return words, CUE_MEANING.get(name, "")
        tokens, found = context["analysis"]
        found = found if self.share_hits else None
        words = self.evidence.feature_words(
            text, name, tokens, context["match"], found, lowered, context["interventions"]
        )
        return words, ""

    def _cues(self, text: str, columns: list[int], label: str, context: dict):
        """(cues, meanings of the wording cues, the cue words those meanings describe)."""
        cues: list[dict] = []
        meanings: list[str] = []
        meant: set[str] = set()
        seen: list[str] = []
        for column in columns:
            words, meaning = self._words_for(text, column, context)
            for word in words:
                lowered = word.lower()
                if any(lowered in other or other in lowered for other in seen):
                    continue
                seen.append(lowered)
                cues.append({"text": word, "pushes": label})
                if meaning:
                    meant.add(word)
                    if meaning not in meanings:
                        meanings.append(meaning)
                if len(cues) >= MAX_CUES:
                    return cues, meanings, meant
        return cues, meanings, meant

    def features(self, texts: list[str]):
        """(feature matrix, per-sentence cue analyses, per-sentence evidence names).

        The names are `EvidenceTable.names_in` results: (known pair or None, interventions,
        conditions).

        The same matrix as the pipeline's FeatureUnion gives, built so that each sentence is
        tokenised and matched once and the explanations can reuse that work.
        """
        names = None
        if self.one_pass is not None:
            # Wording cues and evidence names found in one pass over each sentence's tokens.
            token_lists = [tokenize(text) for text in texts]
            hit_lists = [self.one_pass.find(tokens) for tokens in token_lists]
            found_from_hits = self.cues.found_from_hits
            analyses = [
                (tokens, found_from_hits(hits))
                for tokens, hits in zip(token_lists, hit_lists, strict=True)
            ]
            names = [self.evidence.table_.names_from_hits(hits) for hits in hit_lists]
        else:
            analyses = [self.cues.analyse(text) for text in texts]
        blocks = []
        for name, transformer in self.union.transformer_list:
            if name == "words" and self.fast_words:
                block = self._tfidf([a[0] for a in analyses])
            elif name == "words":
                block = transformer.transform(texts)
            elif name == "cues":
                block = transformer.rows(texts, analyses)
            else:
                tokens = [a[0] for a in analyses]
                hits = [a[1] for a in analyses] if self.share_hits else None
                block, names = transformer.transform_tokens(tokens, hits, names)
            weight = self.weights.get(name)
            blocks.append(block * weight if weight not in (None, 1, 1.0) else block)
        return sparse.hstack(blocks, format="csr"), analyses, names

    def _tfidf(self, token_lists) -> sparse.csr_matrix:
        """`TfidfVectorizer.transform` for these settings, from tokens already at hand."""
        width = len(self.vocabulary)
        lengths = np.fromiter(map(len, token_lists), dtype=np.int64, count=len(token_lists))
        # Each token's unigram column, -1 when out of vocabulary: the only Python-level step.
        words = np.fromiter(
            map(self.unigram_column.get, chain.from_iterable(token_lists), repeat(-1)),
            dtype=np.int64,
            count=int(lengths.sum()),
        )
        rows = np.repeat(np.arange(len(token_lists)), lengths)
        # Bigrams: neighbouring tokens of one sentence, both known (else the bigram is not).
        first, second = words[:-1], words[1:]
        pair = (rows[:-1] == rows[1:]) & (first >= 0) & (second >= 0)
        keys = first[pair] * width + second[pair]
        found = np.searchsorted(self.bigram_keys, keys)
        found[found == len(self.bigram_keys)] = 0
        known = self.bigram_keys[found] == keys
        unigram = words >= 0
        counts = sparse.csr_matrix(
            (
                np.ones(int(unigram.sum() + known.sum())),
                (
                    np.concatenate([rows[unigram], rows[:-1][pair][known]]),
                    np.concatenate([words[unigram], self.bigram_columns[found[known]]]),
                ),
            ),
            shape=(len(token_lists), width),
        )
        counts.sum_duplicates()
        if self.words.sublinear_tf:
            np.log(counts.data, counts.data)
            counts.data += 1.0
        counts.data *= self.idf[counts.indices]
        norms = np.sqrt(
            np.bincount(
                np.repeat(np.arange(counts.shape[0]), np.diff(counts.indptr)),
                weights=counts.data**2,
                minlength=counts.shape[0],
            )
        )
        norms[norms == 0] = 1.0
        counts.data /= np.repeat(norms, np.diff(counts.indptr))
        return counts

    def predict(self, texts: list[str]) -> list[dict]:
        """One result per text: label, calibrated confidence and explanation (see API.md)."""
        texts = [t if isinstance(t, str) else "" for t in texts]
        if not texts:
            return []
        with _gc_paused():
            return self._predict(texts)

    def _predict(self, texts: list[str]) -> list[dict]:
        X, analyses, names = self.features(texts)
        proba = self.classifier.predict_proba(X)
        predicted = proba.argmax(axis=1)
        confidence = np.round(proba[np.arange(len(texts)), predicted], 3).tolist()
        top = self._top_columns(X, predicted)
        labels = self.labels
        results = []
        for i, text in enumerate(texts):
            label = labels[predicted[i]]
            match, interventions, conditions = names[i]
            context = {"analysis": analyses[i], "match": match, "interventions": interventions}
            cues, meanings, meant = self._cues(text, top[i], label, context)
            best = condition = None
            if match is None and interventions and self.evidence.intervention_prior:
                best = self.evidence.table_.best_entry[interventions[0][0]]
                condition = conditions[0][0] if conditions else None
            summary = _summary(label, cues, meanings, meant, match, best, condition)
            explanation = {"summary": summary, "cues": cues}
            if match is not None:
                explanation["evidence"] = match.entry.as_dict()
            results.append(
                {"label": label, "confidence": confidence[i], "explanation": explanation}
            )
        return results

    def _top_columns(self, X, predicted: np.ndarray) -> list[list[int]]:
        """Per row, the quotable columns with the largest positive contribution to the predicted
        class."""
        rows = np.repeat(np.arange(X.shape[0]), np.diff(X.indptr))
        contribution = X.data * self.coef[predicted[rows], X.indices]
        positive = (contribution > 0) & self.quotable[X.indices]
        rows, columns, contribution = rows[positive], X.indices[positive], contribution[positive]
        # One sort: by row, then by falling contribution (the fraction stays inside [0, 1)).
        scale = contribution.max() * 1.001 if len(contribution) else 1.0
        order = np.argsort(rows + (1.0 - contribution / scale), kind="stable")
        rows, columns = rows[order], columns[order]
        starts = np.searchsorted(rows, np.arange(X.shape[0]))
        rank = np.arange(len(rows)) - starts[rows]
        keep = rank < TOP_FEATURES
        per_row = np.bincount(rows[keep], minlength=X.shape[0])
        return [part.tolist() for part in np.split(columns[keep], np.cumsum(per_row)[:-1])]


def _summary(
    label: str,
    cues: list[dict],
    meanings: list[str],
    meant: set[str],
    evidence,
    best=None,
    condition: str | None = None,
) -> str:
    """One sentence a reader understands, built only from the verdict, cues and evidence.

    `evidence` is the known pair the sentence names; without one, `best` is the strongest entry
    of the intervention it names, which the model leaned on instead, and `condition` a condition
    the sentence names that the table does not pair with that intervention.

    The kinds of wording (certainty, hedging, ...) are quoted with the words that are of that
    kind; other words that weighed in (topic words from the n-grams) are quoted apart, so a
    topic word is never presented as, say, certainty wording."""
    summary = VERDICT_TEXT[label]
    kinds = [f'"{cue["text"]}"' for cue in cues if cue["text"] in meant]
    others = [f'"{cue["text"]}"' for cue in cues if cue["text"] not in meant]
    if meanings and kinds:
        summary += f": {' and '.join(meanings[:2])} ({', '.join(kinds)})"
        if others:
            summary += f", with {', '.join(others)} also weighing in"
    elif cues:
        summary += f" ({', '.join(kinds + others)})"
    if evidence is not None and label != "none":
        entry = evidence.entry
        summary += (
            f"; the evidence on {entry.intervention} and {entry.condition} is rated {entry.grade}"
        )
    elif best is not None and condition is not None and label != "none":
        # Said first, because it is what the claim lacks: the strongest entry alone ("rated
        # established") would read as if it backed a claim about another condition.
        summary += (
            f"; there is no evidence on record for {best.intervention} and {condition}"
            f" (the strongest for {best.intervention} is rated {best.grade},"
            f" for {best.condition})"
        )
    elif best is not None and label != "none":
        summary += (
            f"; the strongest evidence on record for {best.intervention} is rated {best.grade}"
            f" (for {best.condition})"
        )
    return summary + "."
