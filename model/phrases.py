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
        index: dict[str, list[tuple[int, list[str], object]]] = {}
        for phrase, key in phrases:
            words = tokenize(phrase)
            if words:
                index.setdefault(words[0], []).append((len(words), words, key))
        self._use_index(index)

    def _use_index(self, index: dict[str, list[tuple[int, list[str], object]]]) -> None:
        # Longest first, so a caller that keeps only the first hit gets the most specific phrase.
        self.entries = {
            word: tuple(sorted(entries, key=lambda entry: -entry[0]))
            for word, entries in index.items()
        }
        # Per first word: the keys of one-word phrases, and the longer phrases by their second
        # word. Common first words ("the", "low", "chronic") start hundreds of phrases; looking
        # up the next token first leaves only the few that can match.
        self.index: dict[str, tuple[tuple, dict[str, tuple]]] = {}
        for word, entries in self.entries.items():
            singles = tuple(key for n, _, key in entries if n == 1)
            longer: dict[str, list] = {}
            for n, words, key in entries:
                if n > 1:
                    longer.setdefault(words[1], []).append((n, words, key))
            self.index[word] = (singles, {w: tuple(e) for w, e in longer.items()})
        self.first_words = frozenset(self.index)

    @classmethod
    def combined(cls, *matchers: PhraseMatcher) -> PhraseMatcher:
        """One matcher that finds the phrases of all `matchers` in a single pass.

        Keys are kept as registered, so they must tell the sources apart. Per source, hits come
        in the same order as from that matcher alone (the longest-first sort is stable).
        """
        index: dict[str, list] = {}
        for matcher in matchers:
            for word, entries in matcher.entries.items():
                index.setdefault(word, []).extend(entries)
        merged = cls(())
        merged._use_index(index)
        return merged

    def find(self, tokens: list[str]) -> list[tuple[object, int, int]]:
        """Every (key, start, end) whose phrase equals tokens[start:end], in reading order.

        At each start, longer phrases come before shorter ones."""
        # Most tokens start no phrase: one set intersection in C skips them all.
        if self.first_words.isdisjoint(tokens):
            return []
        hits = []
        index = self.index
        last = len(tokens) - 1
        for i, token in enumerate(tokens):
            found = index.get(token)
            if found is None:
                continue
            singles, longer = found
            if longer and i < last:
                for n, words, key in longer.get(tokens[i + 1], ()):
                    if n == 2 or tokens[i : i + n] == words:
                        hits.append((key, i, i + n))
            for key in singles:
                hits.append((key, i, i + 1))
        return hits


_SURFACE_PATTERNS: dict[str, re.Pattern] = {}
_MAX_SURFACE_PATTERNS = 100_000


def folded(text: str) -> str | None:
    """`text` lowercased with curly apostrophes straightened, when that keeps every character
    at its place (nearly always); None otherwise."""
    lowered = text.lower().replace("\u2019", "'")
    return lowered if len(lowered) == len(text) else None


# Characters that continue a word besides letters and digits. Checked as `char in _JOINERS`,
# where the empty string (start or end of the text) is never in the set.
_JOINERS = frozenset("_'")


def find_surface(text: str, phrase: str, lowered: str | None = None) -> str:
    """The words of `text` that tokenise to `phrase` (space-joined tokens), as written; "" if
    absent. `lowered` is `folded(text)`: with it a one-word phrase is found by a plain string
    search, much faster than a regular expression. Patterns are cached per phrase: phrases
    come from fixed lists and vocabularies."""
    if lowered is not None:
        # Words written with single spaces between them (nearly always) are found by a plain
        # string search; only a phrase written otherwise ("self-care") needs the pattern.
        size, start = len(phrase), lowered.find(phrase)
        while start >= 0:
            end = start + size
            # Whole words only: no letter, digit, "_" or "'" just before or after.
            before = lowered[start - 1 : start]
            after = lowered[end : end + 1]
            if not (before.isalnum() or before in _JOINERS) and not (
                after.isalnum() or after in _JOINERS
            ):
                return text[start:end]
            start = lowered.find(phrase, start + 1)
        if " " not in phrase:
            return ""
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


def surfaces(text: str, spans, tokens: list[str], lowered: str | None = None) -> list[str]:
    """Original words for token spans, longest-first de-nested ("clinically proven", not also
    "proven"), in reading order and without repeats. `lowered` as in `find_surface`."""
    if len(spans) == 1:  # the common case
        start, end = spans[0]
        word = find_surface(text, " ".join(tokens[start:end]), lowered)
        return [word] if word else []
    ordered = sorted(set(spans), key=lambda span: (span[0], -span[1]))
    kept: list[tuple[int, int]] = []
    for start, end in ordered:
        if any(s <= start and end <= e for s, e in kept):
            continue
        kept.append((start, end))
    words = (find_surface(text, " ".join(tokens[start:end]), lowered) for start, end in kept)
    return [w for w in dict.fromkeys(words) if w]


def word_ngrams(text: str) -> list[str]:
    """Word unigrams and bigrams of `text`: the TF-IDF analyzer (a module-level function, so a
    saved model can be loaded)."""
    return ngrams_of(tokenize(text))


def ngrams_of(tokens: list[str]) -> list[str]:
    """Unigrams and bigrams from tokens, in the order `word_ngrams` gives them."""
    return tokens + list(map(" ".join, zip(tokens, tokens[1:], strict=False)))
