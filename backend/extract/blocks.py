"""The result types of extraction, and turning text pieces into blocks with offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Block:
    """One block of main content (paragraph, heading, list item, table cell), whitespace folded."""

    text: str
    start: int  # offset of text in Extracted.text
    end: int
    kind: str = "p"  # p | h | li | td | pre | blockquote | figcaption | dt | dd | caption


@dataclass(frozen=True)
class Extracted:
    title: str | None
    text: str  # blocks joined with "\n"
    blocks: list[Block] = field(default_factory=list)


_WS = re.compile(r"\s+")


def fold(text: str) -> str:
    """Collapse every run of whitespace to one space and strip the ends."""
    return _WS.sub(" ", text).strip()


def from_block_texts(title: str | None, texts: list[tuple[str, str]]) -> Extracted:
    """Join (kind, text) pairs into an Extracted with offsets; empty blocks are dropped."""
    blocks, parts, offset = [], [], 0
    for kind, raw in texts:
        text = fold(raw)
        if not text:
            continue
        if parts:
            offset += 1  # the "\n" separator
        blocks.append(Block(text, offset, offset + len(text), kind))
        parts.append(text)
        offset += len(text)
    return Extracted(title=title, text="\n".join(parts), blocks=blocks)


def extract_text(text: str) -> Extracted:
    """Plain text: each non-empty line (or paragraph) is a block."""
    return from_block_texts(None, [("p", line) for line in text.splitlines()])
