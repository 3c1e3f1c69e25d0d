"""Reading the final response of a fetch into a FetchedPage: status, type, size cap, charset.

Size: at most FETCH_MAX_BYTES after gzip/deflate decoding, counted while streaming -> 422. The
page was reachable, retrying will not help, so it is refused like a page that is not HTML
rather than reported as a failed fetch (502).
"""

from __future__ import annotations

from dataclasses import dataclass

import requests

from ..errors import ApiError
from .deadline import _Deadline
from .decoding import (
    _SNIFF_BYTES,
    _UTF16_BOMS,
    HTML_TYPES,
    TEXT_TYPES,
    decode_page,
    parse_content_type,
    text_as_html,
)
from .failures import _too_slow
from .urls import _refused

_READ_CHUNK = 64 * 1024


@dataclass(frozen=True)
class FetchedPage:
    """A downloaded page: final URL after redirects, decoded HTML, and how it was read."""

    url: str
    html: str
    content_type: str
    encoding: str


def _read(response: requests.Response, deadline: _Deadline, max_bytes: int) -> FetchedPage:
    """Check the final response's status and type, read its body, and decode it."""
    if not 200 <= response.status_code < 300:
        raise ApiError(
            502,
            f"The page answered HTTP {response.status_code} {response.reason or ''}".rstrip()
            + "; check the address or try again later.",
        )
    media_type, charset = parse_content_type(response.headers.get("Content-Type"))
    if media_type and media_type not in HTML_TYPES | TEXT_TYPES:
        raise _refused(
            f"The address serves '{media_type}', not a web page; "
            "only HTML and plain text pages can be read."
        )
    body = _read_capped(response, max_bytes)
    if deadline.expired:
        raise _too_slow(deadline.seconds)
    if not media_type and b"\x00" in body[:_SNIFF_BYTES] and not body.startswith(_UTF16_BOMS):
        raise _refused("The address serves binary data without a type, not a web page.")
    is_html = media_type not in TEXT_TYPES
    text, encoding = decode_page(body, charset, html=is_html)
    return FetchedPage(
        url=response.url,
        html=text if is_html else text_as_html(text),
        content_type=media_type or "text/html",
        encoding=encoding,
    )


def _read_capped(response: requests.Response, max_bytes: int) -> bytes:
    """Read the decoded body, stopping as soon as it passes max_bytes (gzip bombs too)."""
    too_big = _refused(
        f"The page is larger than {_megabytes(max_bytes)} once decompressed; "
        "send a smaller page or its text instead."
    )
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise too_big
    chunks, total = [], 0
    while True:
        # urllib3 2.6+ never inflates more than it was asked for, so each step stays small.
        chunk = response.raw.read(_READ_CHUNK, decode_content=True)
        if not chunk:
            return b"".join(chunks)
        total += len(chunk)
        if total > max_bytes:
            raise too_big
        chunks.append(chunk)


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):g} MB"
