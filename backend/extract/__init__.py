"""HTML -> main-content text blocks, with offsets into the extracted text.

The text of every block is exactly the page's visible text for that element with whitespace
folded: the browser extension finds returned sentences verbatim in the page, so characters are
never rewritten and separately displayed pieces are never glued together.

Steps, all iterative (a deeply nested document must not hit Python's recursion limit), with
text counted once during the walk rather than rebuilt per element, so work stays close to
linear in the page:
parse with lxml -> drop chrome subtrees -> one walk that cuts the body into blocks and totals
text and link text per element -> score containers readability-style -> emit the blocks of the
main containers.

One module per step: parse, chrome, walk, scoring, selection (with cleaning); blocks
holds the result types and the plain-text path.
"""

from __future__ import annotations

from lxml import etree

from .blocks import Block, Extracted, extract_text, fold, from_block_texts
from .chrome import _remove_chrome
from .parse import MAX_HTML_CHARS, _page_title, _parse
from .selection import _main_blocks
from .walk import _walk

__all__ = [
    "MAX_HTML_CHARS",
    "Block",
    "Extracted",
    "extract_html",
    "extract_text",
    "fold",
    "from_block_texts",
]


def extract_html(html: str, url: str | None = None) -> Extracted:
    """The main content of an HTML page as blocks of visible text; never raises on bad HTML.

    ``url`` is accepted for the pipeline's sake; extraction depends on the markup only.
    """
    try:
        root = _parse(html)
        if root is None:
            return Extracted(title=None, text="")
        title = _page_title(root)
        body = root.find("body")
        if body is None:
            return Extracted(title=title, text="")
        block_styled = _remove_chrome(body)
        walk = _walk(body, block_styled)
        chosen = _main_blocks(body, walk)
        return from_block_texts(title, [(b.kind, b.text) for b in chosen])
    except (ValueError, etree.LxmlError):
        # lxml rejects a few pathological inputs (e.g. text it cannot hold); such a page has
        # no extractable content rather than being an error the client caused.
        return Extracted(title=None, text="")
