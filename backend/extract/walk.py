"""The iterative walk that cuts the body into blocks and totals text per element."""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from .blocks import fold

# Elements a browser lays out as blocks: text on either side of them is displayed apart.
_BLOCK_TAGS = frozenset(
    "address article aside blockquote body caption center dd details dialog dir div dl dt"
    " fieldset figcaption figure footer form frameset h1 h2 h3 h4 h5 h6 header hgroup hr html"
    " legend li listing main menu nav ol p plaintext pre section summary table tbody td tfoot"
    " th thead tr ul xmp option optgroup".split()
)
_BLOCK_KIND = {
    "p": "p",
    "h1": "h",
    "h2": "h",
    "h3": "h",
    "h4": "h",
    "h5": "h",
    "h6": "h",
    "li": "li",
    "td": "td",
    "th": "td",
    "blockquote": "blockquote",
    "pre": "pre",
    "figcaption": "figcaption",
    "dt": "dt",
    "dd": "dd",
    "caption": "caption",
}


@dataclass
class _RawBlock:
    container: object  # the block-level element whose flow holds this text
    text: str
    link_chars: int
    kind: str


@dataclass
class _Walk:
    blocks: list[_RawBlock]
    text_chars: dict  # element -> characters of text inside it
    link_chars: dict  # element -> characters of link text inside it
    inside: dict  # element -> (commas, <p>, <img>, <li>) inside it, for cleaning


def _walk(body, block_styled: set) -> _Walk:
    """Cut the body into blocks in document order and total text per element, iteratively."""
    blocks: list[_RawBlock] = []
    text_chars: dict = {}
    link_chars: dict = {}
    inside: dict = {}
    # One frame per open element: [element, text chars, link chars, commas, p, img, li].
    frames: list[list] = []
    containers: list = []  # open block-level elements, innermost last
    pieces: list[str] = []  # text of the block being built
    piece_links = 0
    link_depth = 0

    def flush(container) -> None:
        nonlocal piece_links
        text = fold("".join(pieces))
        if text:
            kind = _BLOCK_KIND.get(container.tag, "p")
            blocks.append(_RawBlock(container, text, piece_links, kind))
        pieces.clear()
        piece_links = 0

    def add(text: str | None, frame: list) -> None:
        nonlocal piece_links
        if not text:
            return
        pieces.append(text)
        size = len(text.strip())
        frame[1] += size
        frame[3] += text.count(",")
        if link_depth:
            frame[2] += size
            piece_links += size

    for event, element in etree.iterwalk(body, events=("start", "end")):
        tag = element.tag
        if event == "start":
            frame = [element, 0, 0, 0, 0, 0, 0]
            frames.append(frame)
            if tag in _BLOCK_TAGS or element in block_styled:
                if containers:
                    flush(containers[-1])
                containers.append(element)
            elif tag == "br":
                pieces.append(" ")
            elif tag == "a":
                link_depth += 1
            add(element.text, frame)
            continue
        frame = frames.pop()
        text_chars[element] = frame[1]
        link_chars[element] = frame[2]
        inside[element] = (frame[3], frame[4], frame[5], frame[6])
        if tag in _BLOCK_TAGS or element in block_styled:
            flush(element)
            containers.pop()
        elif tag == "a":
            link_depth -= 1
        if frames:
            parent = frames[-1]
            parent[1] += frame[1]
            parent[2] += frame[2]
            parent[3] += frame[3]
            parent[4] += frame[4] + (tag == "p")
            parent[5] += frame[5] + (tag == "img")
            parent[6] += frame[6] + (tag == "li")
            add(element.tail, parent)
    return _Walk(blocks, text_chars, link_chars, inside)
