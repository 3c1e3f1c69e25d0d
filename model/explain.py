"""Predictions with explanations that come from the model itself.

For each sentence the predicted label's logit is a sum of feature value x coefficient. The
features with the largest positive share are mapped back to words of the sentence: an n-gram to
the matching words, a wording cue to the words that fired it, an evidence feature to the words
it crossed with the grade. The summary is built from those same cues and the evidence entry, so
it cannot disagree with the verdict. The arithmetic runs on whole batches with numpy; only the
few top features per sentence are turned into words in Python.
"""

from __future__ import annotations

import re

import numpy as np

TOP_FEATURES = 6
MAX_CUES = 3

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
    "causal": "an effect claim",
    "correlational": "a link, not a cause",
    "negative_finding": "a negative finding",
    "negation": "negation",
    "pseudo_mechanism": "a non-scientific mechanism",
    "first_person": "a personal story",
    "testimonial_effect": "a personal story of an effect",
    "call_to_action": "a call to action",
    "starts_imperative": "a call to action",
    "procedure": "a description of the procedure",
    "logistics": "practical details",
    "definition_history": "a definition or history",
    "disclaimer": "a disclaimer",
    "question": "a question",
    "statistic_unsourced": "a statistic with no source",
    "statistic_sourced": "a statistic with its source",
}


def _ngram_pattern(ngram: str) -> re.Pattern:
    words = [re.escape(w) for w in ngram.split()]
    return re.compile(r"\b" + r"[^\w']+".join(words) + r"\b", re.IGNORECASE)


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
        evidence_start = next(b[0] for b in self.blocks if b[2] == "evidence")
        self.pair_known_column = evidence_start + list(self.evidence.feature_names_).index(
            "pair_known"
        )
        self._patterns: dict[int, re.Pattern] = {}

    def _feature(self, column: int) -> tuple[str, str]:
        for start, end, block, names in self.blocks:
            if start <= column < end:
                return block, str(names[column - start])
        raise IndexError(column)

    def _words_for(self, text: str, column: int) -> tuple[list[str], str]:
        block, name = self._feature(column)
        if block == "words":
            pattern = self._patterns.get(column)
            if pattern is None:
                pattern = self._patterns[column] = _ngram_pattern(name)
            match = pattern.search(text)
            return ([match.group(0)] if match else []), ""
        if block == "cues":
            return self.cues.feature_words(text, name), CUE_MEANING.get(name, "")
        return self.evidence.feature_words(text, name), ""

    def _cues(self, text: str, columns: list[int], label: str) -> tuple[list[dict], list[str]]:
        cues: list[dict] = []
        meanings: list[str] = []
        seen: list[str] = []
        for column in columns:
            words, meaning = self._words_for(text, column)
            for word in words:
                lowered = word.lower()
                if any(lowered in other or other in lowered for other in seen):
                    continue
                seen.append(lowered)
                cues.append({"text": word, "pushes": label})
                if meaning and meaning not in meanings:
                    meanings.append(meaning)
                if len(cues) >= MAX_CUES:
                    return cues, meanings
        return cues, meanings

    def predict(self, texts: list[str]) -> list[dict]:
        """One result per text: label, calibrated confidence and explanation (see API.md)."""
        texts = [t if isinstance(t, str) else "" for t in texts]
        if not texts:
            return []
        X = self.union.transform(texts).tocsr()
        proba = self.classifier.predict_proba(X)
        predicted = proba.argmax(axis=1)
        top = self._top_columns(X, predicted)
        has_pair = np.asarray(X[:, self.pair_known_column].todense()).ravel() > 0
        results = []
        for i, text in enumerate(texts):
            label = self.labels[predicted[i]]
            cues, meanings = self._cues(text, top[i], label)
            evidence = self.evidence.lookup(text) if has_pair[i] else None
            explanation = {"summary": _summary(label, cues, meanings, evidence), "cues": cues}
            if evidence is not None:
                explanation["evidence"] = evidence.entry.as_dict()
            results.append(
                {
                    "label": label,
                    "confidence": round(float(proba[i, predicted[i]]), 3),
                    "explanation": explanation,
                }
            )
        return results

    def _top_columns(self, X, predicted: np.ndarray) -> list[list[int]]:
        """Per row, the columns with the largest positive contribution to the predicted class."""
        counts = np.diff(X.indptr)
        rows = np.repeat(np.arange(X.shape[0]), counts)
        contribution = X.data * self.coef[predicted[rows], X.indices]
        order = np.lexsort((-contribution, rows))
        ranked_rows = rows[order]
        rank = np.arange(len(order)) - X.indptr[ranked_rows]
        keep = (rank < TOP_FEATURES) & (contribution[order] > 0)
        kept_rows = ranked_rows[keep]
        kept_columns = X.indices[order][keep]
        top: list[list[int]] = [[] for _ in range(X.shape[0])]
        for row, column in zip(kept_rows.tolist(), kept_columns.tolist(), strict=True):
            top[row].append(column)
        return top


def _summary(label: str, cues: list[dict], meanings: list[str], evidence) -> str:
    """One sentence a reader understands, built only from the verdict, cues and evidence."""
    summary = VERDICT_TEXT[label]
    if cues:
        quoted = ", ".join(f'"{cue["text"]}"' for cue in cues)
        summary += f": {' and '.join(meanings[:2])} ({quoted})" if meanings else f" ({quoted})"
    if evidence is not None and label != "none":
        entry = evidence.entry
        summary += (
            f"; the evidence for {entry.intervention} in {entry.condition} is rated {entry.grade}"
        )
    return summary + "."
