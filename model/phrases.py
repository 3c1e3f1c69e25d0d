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
    return TOKEN_PATTERN.findall(text.lower().replace("\u2019", "'"))


def token_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the tokens `tokenize` returns, in the original text."""
    return [m.span() for m in _SURFACE_PATTERN.finditer(text.replace("\u2019", "'"))]


def surface(text: str, start_token: int, end_token: int) -> str:
    """The original words of tokens [start_token, end_token) as they appear in `text`."""
    spans = token_spans(text)
    if not spans or start_token >= len(spans):
        return ""
    end_token = min(end_token, len(spans))
    return text[spans[start_token][0] : spans[end_token - 1][1]]


class PhraseMatcher:
    """Finds phrases (sequences of tokens) and reports the key each phrase was registered under."""

    def __init__(self, phrases: Iterable[tuple[str, object]]):
        index: dict[str, list[tuple[tuple[str, ...], object]]] = {}
        for phrase, key in phrases:
            words = tuple(tokenize(phrase))
            if words:
                index.setdefault(words[0], []).append((words, key))
        # Longest first, so a caller that keeps only the first hit gets the most specific phrase.
        for entries in index.values():
            entries.sort(key=lambda entry: -len(entry[0]))
        self.index = index

    def find(self, tokens: list[str]) -> list[tuple[object, int, int]]:
        """Every (key, start, end) whose phrase equals tokens[start:end]."""
        hits = []
        index = self.index
        for i, token in enumerate(tokens):
            entries = index.get(token)
            if entries is None:
                continue
            for words, key in entries:
                n = len(words)
                if n == 1 or tuple(tokens[i : i + n]) == words:
                    hits.append((key, i, i + n))
        return hits


def surfaces(text: str, spans) -> list[str]:
    """Original words for token spans, longest-first de-nested ("clinically proven", not also
    "proven"), in reading order and without repeats."""
    ordered = sorted(set(spans), key=lambda span: (span[0], -span[1]))
    kept: list[tuple[int, int]] = []
    for start, end in ordered:
        if any(s <= start and end <= e for s, e in kept):
            continue
        kept.append((start, end))
    words = (surface(text, start, end) for start, end in kept)
    return [w for w in dict.fromkeys(words) if w]
