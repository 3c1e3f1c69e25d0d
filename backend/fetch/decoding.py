"""Reading a page's bytes as text: its content type, then its charset.

Type: text/html and application/xhtml+xml are read as HTML; text/plain is accepted and wrapped
in paragraphs; a response without Content-Type is read as HTML; anything else -> 422.
Charset: a BOM wins; then the Content-Type charset; then ``<meta charset>`` or ``<meta
http-equiv>`` in the first 4 KB; then strict UTF-8; then charset-normalizer's guess; else UTF-8
with replacement characters. As in browsers, ISO-8859-1 and ASCII labels mean windows-1252.
"""

from __future__ import annotations

import codecs
import html as html_escaping
import re

import charset_normalizer

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
TEXT_TYPES = frozenset({"text/plain"})

_SNIFF_BYTES = 4096


def parse_content_type(value: str | None) -> tuple[str, str | None]:
    """'text/html; charset=UTF-8' -> ('text/html', 'UTF-8'); a missing header -> ('', None)."""
    if not value:
        return "", None
    media_type, *params = value.split(";")
    charset = None
    for param in params:
        name, _, setting = param.partition("=")
        if name.strip().lower() == "charset":
            charset = setting.strip().strip("\"'") or None
    return media_type.strip().lower(), charset


_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
# Browsers read these labels as windows-1252 (WHATWG Encoding Standard); so do we.
_WINDOWS_1252_LABELS = frozenset({"ascii", "latin-1", "iso8859-1"})


def decode_page(body: bytes, header_charset: str | None, *, html: bool = True) -> tuple[str, str]:
    """Decode a page's bytes; return (text, encoding used). The order is in the module doc."""
    for bom, encoding in _BOMS:
        if body.startswith(bom):
            return body[len(bom) :].decode(encoding, "replace"), encoding
    declared = [header_charset]
    if html:
        found = _META_CHARSET.search(body[:_SNIFF_BYTES])
        declared.append(_meta_label(found.group(1)) if found else None)
    for label in declared:
        encoding = _codec_name(label)
        if encoding:
            return body.decode(encoding, "replace"), encoding
    try:
        return body.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    guess = charset_normalizer.from_bytes(body).best()
    encoding = _codec_name(guess.encoding) if guess is not None else None
    if encoding:
        return body.decode(encoding, "replace"), encoding
    return body.decode("utf-8", "replace"), "utf-8"


def _meta_label(raw: bytes) -> str:
    label = raw.decode("ascii", "replace")
    # A page whose <meta> is readable as ASCII cannot be UTF-16: the HTML standard says UTF-8.
    return "utf-8" if label.lower().startswith("utf-16") else label


def _codec_name(label: str | None) -> str | None:
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip()).name
    except LookupError:
        return None
    return "cp1252" if name in _WINDOWS_1252_LABELS else name


def text_as_html(text: str) -> str:
    """Wrap a plain-text page in HTML, one paragraph per blank-line-separated block."""
    paragraphs = (p.strip() for p in re.split(r"\n\s*\n", text))
    body = "".join(f"<p>{html_escaping.escape(p)}</p>\n" for p in paragraphs if p)
    return f"<!doctype html>\n<html><body>\n{body}</body></html>\n"
