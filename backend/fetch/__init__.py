"""Download a page that a stranger named, without letting the URL reach inside our network.

Every refusal is an ``ApiError`` whose detail says what to change. Each rule lives in its own
module, whose docstring gives the details:

- ``urls``: what the URL itself may be (scheme, credentials, length, port) -> 422.
- ``addresses``: every address the host resolves to must be public -> 422.
- ``transport``: the session and adapters that check and pin addresses, with no proxies.
- ``deadline``: one wall-clock limit for the whole download, every hop included -> 504.
- ``page``: status, content type and the decoded size cap of the final response.
- ``decoding``: content type and charset rules that turn the bytes into text.
- ``failures``: the status and sentence the client gets for each kind of failure.

Redirects are followed one at a time, at most 5; each target passes both checks again. A 6th
redirect -> 502.
"""

from __future__ import annotations

from urllib.parse import urljoin

import requests

from ..errors import ApiError
from .addresses import HostNotFound, RefusedAddress, address_problem, check_host
from .deadline import _CURRENT_DEADLINE, _Deadline
from .decoding import HTML_TYPES, TEXT_TYPES, decode_page, parse_content_type, text_as_html
from .failures import _after_redirect, _explain, _too_slow
from .page import FetchedPage, _read
from .transport import ACCEPT, USER_AGENT, _new_session
from .urls import DEFAULT_PORTS, MAX_URL_CHARS, validate_url

MAX_REDIRECTS = 5

__all__ = [
    "ACCEPT",
    "DEFAULT_PORTS",
    "HTML_TYPES",
    "MAX_REDIRECTS",
    "MAX_URL_CHARS",
    "TEXT_TYPES",
    "USER_AGENT",
    "FetchedPage",
    "Fetcher",
    "HostNotFound",
    "RefusedAddress",
    "address_problem",
    "check_host",
    "decode_page",
    "parse_content_type",
    "text_as_html",
    "validate_url",
]


class Fetcher:
    """`fetcher(url) -> FetchedPage`, raising ApiError (422, 502, 504) with a clear detail."""

    def __init__(
        self,
        *,
        allow_private: bool = False,
        allowed_ports=(80, 443),
        max_bytes: int = 5 * 1024 * 1024,
        connect_timeout: float = 5.0,
        deadline: float = 15.0,
        max_redirects: int = MAX_REDIRECTS,
        allow_loopback: bool = False,
        ca_certs: str | None = None,
    ):
        """`allow_loopback` lets loopback pass the address check and nothing else; `ca_certs`
        trusts that CA bundle instead of the system's. Both exist for tests."""
        self.allow_private = allow_private
        self.allowed_ports = tuple(allowed_ports)
        self.max_bytes = max_bytes
        self.connect_timeout = connect_timeout
        self.deadline = deadline
        self.max_redirects = max_redirects
        self.allow_loopback = allow_loopback
        self.ca_certs = ca_certs

    @classmethod
    def from_config(cls, config) -> Fetcher:
        """Build from the app settings (ALLOW_PRIVATE_NETWORKS, ALLOWED_PORTS, FETCH_*)."""
        return cls(
            allow_private=bool(config.get("ALLOW_PRIVATE_NETWORKS", False)),
            allowed_ports=config.get("ALLOWED_PORTS", (80, 443)),
            max_bytes=config.get("FETCH_MAX_BYTES", 5 * 1024 * 1024),
            connect_timeout=config.get("FETCH_CONNECT_TIMEOUT", 5.0),
            deadline=config.get("FETCH_DEADLINE", 15.0),
        )

    def __call__(self, url: str) -> FetchedPage:
        """Download `url`, following at most `max_redirects` checked redirects."""
        url = self._validate(url)
        deadline = _Deadline(self.deadline)
        token = _CURRENT_DEADLINE.set(deadline)
        visited = [url]  # every address asked for, so a refusal can name a redirect target
        try:
            with self._session() as session:
                return self._follow(session, url, deadline, visited)
        except ApiError as error:
            raise _after_redirect(error, visited) from error
        except Exception as error:
            explained = _explain(error, deadline, self.connect_timeout)
            raise _after_redirect(explained, visited) from error
        finally:
            deadline.finish()
            _CURRENT_DEADLINE.reset(token)

    def _validate(self, url: str) -> str:
        return validate_url(url, allow_private=self.allow_private, allowed_ports=self.allowed_ports)

    def _session(self) -> requests.Session:
        return _new_session(
            connect_timeout=self.connect_timeout,
            deadline=self.deadline,
            allow_private=self.allow_private,
            allow_loopback=self.allow_loopback,
            ca_certs=self.ca_certs,
        )

    def _follow(
        self, session: requests.Session, url: str, deadline: _Deadline, visited: list[str]
    ) -> FetchedPage:
        for _hop in range(self.max_redirects + 1):
            remaining = deadline.remaining()
            if remaining <= 0:
                raise _too_slow(self.deadline)
            response = session.get(
                url,
                stream=True,
                allow_redirects=False,
                timeout=(min(self.connect_timeout, remaining), remaining),
            )
            with response:
                target = session.get_redirect_target(response)
                if target is None:
                    return _read(response, deadline, self.max_bytes)
            visited.append(urljoin(response.url, target))
            url = self._validate(visited[-1])
        raise ApiError(
            502,
            f"The page redirected more than {self.max_redirects} times; "
            "send the address it finally lands on.",
        )
