"""Blocks -> sentences with W3C selectors. (Interface in place; the splitter is being written.)"""

from __future__ import annotations

from dataclasses import dataclass

from .extract import Extracted

CONTEXT_CHARS = 32


@dataclass(frozen=True)
class Sentence:
    text: str  # == Extracted.text[start:end]
    start: int
    end: int


def split_sentences(extracted: Extracted) -> list[Sentence]:
    raise NotImplementedError


def quote_selector(text: str, start: int, end: int) -> dict:
    return {
        "type": "TextQuoteSelector",
        "exact": text[start:end],
        "prefix": text[max(0, start - CONTEXT_CHARS) : start],
        "suffix": text[end : end + CONTEXT_CHARS],
    }
