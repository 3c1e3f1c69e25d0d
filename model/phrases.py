"""Tokenising and multi-word phrase lookup shared by the feature transformers.

Matching works on tokens, not on one regular expression per phrase: phrases are indexed by their
first token, so a sentence costs one dict lookup per token plus a comparison for the few tokens
that start a phrase. Phrases only match whole tokens, which gives word boundaries for free
("art" never matches inside "heart").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# Lowercase words and numbers, keeping contractions ("doesn't") and percentages ("93%") whole.
TOKEN_PATTERN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?%?|[#$€£%]")
_SURFACE_PATTERN = re.compile(TOKEN_PATTERN.pattern, re.IGNORECASE)


def tokenize(text: str) -> list[str]:
    """Lowercase tokens of `text` (curly apostrophes folded to straight ones)."""
    text = text.lower()
    if "\u2019" in text:
        text = text.replace("\u2019", "'")
    return TOKEN_PATTERN.findall(text)


def token_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the tokens `tokenize` returns, in the original text."""
    return [m.span() for m in _SURFACE_PATTERN.finditer(text.replace("\u2019", "'"))]


def surface(text: str, start_token: int, end_token: int, spans=None) -> str:
    """The original words of tokens [start_token, end_token) as they appear in `text`.

    `spans` (from `token_spans(text)`) can be passed in when the caller already has them.
    """
    spans = token_spans(text) if spans is None else spans
    if not spans or start_token >= len(spans):
        return ""
    end_token = min(end_token, len(spans))
    return text[spans[start_token][0] : spans[end_token - 1][1]]


class PhraseMatcher:
    """Finds phrases (sequences of tokens) and reports the key each phrase was registered under."""

    def __init__(self, phrases: Iterable[tuple[str, object]]):
        single: dict[str, list[object]] = {}
        multi: dict[str, list[tuple[tuple[str, ...], object]]] = {}
        for phrase, key in phrases:
            words = tuple(tokenize(phrase))
            if len(words) == 1:
                single.setdefault(words[0], []).append(key)
            elif words:
                multi.setdefault(words[0], []).append((words, key))
        # Longest first, so a caller that keeps only the first hit gets the most specific phrase.
        for entries in multi.values():
            entries.sort(key=lambda entry: -len(entry[0]))
        self.single = {word: tuple(keys) for word, keys in single.items()}
        self.multi = multi
        self.first_words = frozenset(single) | frozenset(multi)

    def find(self, tokens: list[str]) -> list[tuple[object, int, int]]:
        """Every (key, start, end) whose phrase equals tokens[start:end], in reading order."""
        # Most tokens start no phrase: one set intersection in C skips them all.
        if self.first_words.isdisjoint(tokens):
            return []
        hits = []
        single, multi, first = self.single, self.multi, self.first_words
        for i in [i for i, token in enumerate(tokens) if token in first]:
            token = tokens[i]
            entries = multi.get(token)
            if entries is not None:
                for words, key in entries:
                    if tuple(tokens[i : i + len(words)]) == words:
                        hits.append((key, i, i + len(words)))
            keys = single.get(token)
            if keys is not None:
                for key in keys:
                    hits.append((key, i, i + 1))
        return hits


_SURFACE_PATTERNS: dict[str, re.Pattern] = {}
_MAX_SURFACE_PATTERNS = 100_000


def find_surface(text: str, phrase: str) -> str:
    """The words of `text` that tokenise to `phrase` (space-joined tokens), as written; "" if
    absent. Patterns are cached per phrase: phrases come from fixed lists and vocabularies."""
    pattern = _SURFACE_PATTERNS.get(phrase)
    if pattern is None:
        parts = [re.escape(word).replace("'", "['\u2019]") for word in phrase.split(" ")]
        pattern = re.compile(
            r"(?<![\w'\u2019])" + r"[\W_]*".join(parts) + r"(?![\w'\u2019])", re.IGNORECASE
        )
        if len(_SURFACE_PATTERNS) < _MAX_SURFACE_PATTERNS:
            _SURFACE_PATTERNS[phrase] = pattern
    match = pattern.search(text)
    return match.group(0) if match else ""


def surfaces(text: str, spans, tokens: list[str]) -> list[str]:
    """Original words for token spans, longest-first de-nested ("clinically proven", not also
    "proven"), in reading order and without repeats."""
    if len(spans) == 1:  # the common case
        start, end = spans[0]
        word = find_surface(text, " ".join(tokens[start:end]))
        return [word] if word else []
    ordered = sorted(set(spans), key=lambda span: (span[0], -span[1]))
    kept: list[tuple[int, int]] = []
    for start, end in ordered:
        if any(s <= start and end <= e for s, e in kept):
            continue
        kept.append((start, end))
    words = (find_surface(text, " ".join(tokens[start:end])) for start, end in kept)
    return [w for w in dict.fromkeys(words) if w]


def word_ngrams(text: str) -> list[str]:
    """Word unigrams and bigrams of `text`: the TF-IDF analyzer (a module-level function, so a
    saved model can be loaded)."""
    return ngrams_of(tokenize(text))


def ngrams_of(tokens: list[str]) -> list[str]:
    """Unigrams and bigrams from tokens, in the order `word_ngrams` gives them."""
    return tokens + [f"{a} {b}" for a, b in zip(tokens, tokens[1:], strict=False)]
