"""Blocks -> sentences with W3C selectors.

A regex finds every place where terminal punctuation (. ! ? and ellipses, with any closing quotes,
brackets or citation marks after it) is followed by whitespace; a few rules then reject the
places that are not sentence ends: abbreviations, initials, list numbers and a lower-case next
word. Sentences never cross blocks, and each one is a slice of the extracted text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .extract import Extracted

CONTEXT_CHARS = 32


@dataclass(frozen=True)
class Sentence:
    text: str  # == Extracted.text[start:end]
    start: int
    end: int


# Each alternative starts with a plain character class, which lets the regex engine skip ahead
# to candidate characters quickly; the lookbehind right after it makes a run of punctuation
# match once, at its start, and possessive quantifiers keep a long run of dots from
# backtracking: the splitter stays linear.
_ANY_MARK = "[.!?\u2026\u203d\u3002\uff01\uff1f]"
_BOUNDARY = re.compile(
    rf"(?P<mark>[.!?\u2026\u203d](?<!{_ANY_MARK}[.!?\u2026\u203d])[.!?\u2026\u203d]*+)"
    r"(?P<close>[\"'\u201d\u2019\u00bb)\]]*+(?:\[\d{1,3}(?:[,\u2013-]\d{1,3})*\])*+)\s++"
    # Chinese and Japanese full stops end a sentence with no space after them.
    rf"|(?P<wide>[\u3002\uff01\uff1f](?<!{_ANY_MARK}[\u3002\uff01\uff1f])[\u3002\uff01\uff1f]*+)"
    r"(?P<wide_close>[\u300d\u300f\uff09\u201d]*+)\s*+"
)
# Never the end of a sentence, whatever follows.
_TITLES = frozenset(
    "dr mr mrs ms mx prof st sr jr vs v fig figs approx cf e.g i.e eg ie mt gen sen rep rev"
    " lt col capt sgt gov hon rt pres supt atty fr messrs".split()
)
# The end of a sentence unless a number follows ("2 hrs. Then" ends, "ca. 1900" does not).
_SOFT = frozenset(
    "etc al inc ltd co corp jan feb mar apr jun jul aug sep sept oct nov dec ca hr hrs min mins"
    " est dept ref refs vol pp eq eqs nos a.m p.m".split()
)
_UPPER_ACRONYM = re.compile(r"^(?:[A-Z]\.){2,}$")  # U.S. U.K. U.N.
_LIST_NUMBER = re.compile(r"^(?:\d{1,3}|[A-Za-z]|[ivxlc]{1,5})$")
_WORD = re.compile(r"\w")


def split_sentences(extracted: Extracted) -> list[Sentence]:
    """Every sentence of every block, in order, as slices of ``extracted.text``."""
    text = extracted.text
    sentences: list[Sentence] = []
    for block in extracted.blocks:
        for start, end in _block_sentences(text, block.start, block.end):
            sentences.append(Sentence(text[start:end], start, end))
    return sentences


def _block_sentences(text: str, block_start: int, block_end: int):
    """(start, end) spans of the sentences in text[block_start:block_end], stripped."""
    segment_start = block_start
    for match in _BOUNDARY.finditer(text, block_start, block_end):
        if match.end() >= block_end:
            break  # only whitespace follows: the block's last sentence ends here anyway
        if match["wide"]:
            end = match.end("wide_close")
        elif _ends_sentence(text, segment_start, match):
            end = match.end("close")
        else:
            continue
        span = _stripped(text, segment_start, end)
        if span is not None:
            yield span
        segment_start = match.end()
    span = _stripped(text, segment_start, block_end)
    if span is not None:
        yield span


def _stripped(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if not _WORD.search(text, start, end):
        return None  # punctuation or bullets alone are not a sentence
    return start, end


def _ends_sentence(text: str, segment_start: int, match: re.Match) -> bool:
    mark = match["mark"]
    following = text[match.end()]
    if "?" in mark or "!" in mark or "\u203d" in mark:
        # '"Does it work?" she asked.' continues; otherwise ? and ! end the sentence.
        return not (match["close"] and following.islower())
    if following.islower():
        return False  # "e.g. a", "etc. and", "works... and", "et al. found"
    if mark != ".":
        return True  # an ellipsis before a capital
    word = _word_before(text, segment_start, match.start())
    if not word:
        return True
    lowered = word.lower()
    if lowered in _TITLES:
        return False
    if lowered == "no" and following.isdigit():
        return False  # "No. 5", while "No." alone is an answer
    if lowered in _SOFT:
        return not following.isdigit()
    if _UPPER_ACRONYM.match(word + "."):
        return False
    if len(word) == 1 and word.isupper():
        return not _is_initial(text, segment_start, match.start() - 1)
    if match.start() - len(word) == segment_start and _LIST_NUMBER.match(word):
        return False  # "1. Take..." or "a. Rest..." at the start of a block
    return True


def _word_before(text: str, segment_start: int, dot: int) -> str:
    """The word that ends at the dot, without opening brackets or quotes."""
    begin = dot
    while begin > segment_start and not text[begin - 1].isspace():
        begin -= 1
    return text[begin:dot].lstrip("([{\"'\u201c\u2018")


def _is_initial(text: str, segment_start: int, letter: int) -> bool:
    """A capital letter before a dot is an initial when a name runs into it ("John F.", "J. F.")."""
    if letter - 1 < segment_start:
        return True  # "J. Smith" at the start of a sentence
    if not text[letter - 1].isspace():
        return False
    previous = _word_before(text, segment_start, letter - 1)
    return bool(previous) and (previous[0].isupper() or previous.endswith("."))


def quote_selector(text: str, start: int, end: int) -> dict:
    """W3C TextQuoteSelector: the exact text and up to 32 characters on either side."""
    return {
        "type": "TextQuoteSelector",
        "exact": text[start:end],
        "prefix": text[max(0, start - CONTEXT_CHARS) : start],
        "suffix": text[end : end + CONTEXT_CHARS],
    }
