"""Robust lxml parsing of untrusted HTML (size cap, encoding declarations) and the title."""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

from .blocks import fold

MAX_HTML_CHARS = 5_000_000  # larger documents are cut: bounded work per request
_XML_DECLARATION = re.compile(r"^[\s\ufeff]*<\?xml[^>]*>")
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _parse(html: str):
    """The document root, or None when there is nothing to parse."""
    if isinstance(html, bytes):  # the contract is str; bytes from a careless caller are UTF-8
        html = html.decode("utf-8", errors="replace")
    if not html or not html.strip():
        return None
    html = html[:MAX_HTML_CHARS]
    # lxml refuses str input that carries an encoding declaration (the str is decoded already),
    # and control characters that XML cannot hold; browsers show neither.
    html = _XML_DECLARATION.sub("", html, count=1)
    if _CONTROL_CHARS.search(html):
        html = _CONTROL_CHARS.sub("", html)
    try:
        return lxml.html.document_fromstring(html, parser=_PARSER)
    except ValueError:
        data = html.encode("utf-8", errors="replace")
        return lxml.html.document_fromstring(data, parser=_UTF8_PARSER)
    except etree.ParserError:
        return None


# libxml2 stops parsing, dropping the rest of the page, past 256 nested elements unless told
# otherwise; "huge" raises that to 2048 (browsers flatten past 512). The walk is iterative.
_PARSER = lxml.html.HTMLParser(huge_tree=True)
_UTF8_PARSER = lxml.html.HTMLParser(encoding="utf-8", huge_tree=True)


# XPath expressions are compiled once: compiling on every call costs more than running them.
_OG_TITLE = etree.XPath("//meta[@property='og:title']/@content | //meta[@name='og:title']/@content")


def _page_title(root) -> str | None:
    for value in _OG_TITLE(root):
        if fold(value):
            return fold(value)
    for element in root.iter("title", "h1"):
        text = fold(element.text_content())
        if text:
            return text
    return None
