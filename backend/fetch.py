"""Download a page that a stranger named, without letting the URL reach inside our network.

Every refusal is an ``ApiError`` whose detail says what to change.

URL (``validate_url``, also used for ``{url, html}`` bodies where nothing is fetched):
  http or https only; no ``user:pass@``; at most 2048 characters; no control characters; the
  port must be in ALLOWED_PORTS (default 80 and 443) -> 422. With ALLOW_PRIVATE_NETWORKS a
  loopback host (``localhost``, ``*.localhost``, ``127.x.x.x``, ``[::1]``) may use any port, so
  development servers and tests on random ports work; every other host keeps the port rule.

Address (only when fetching): every address the host name resolves to must be public. Refused
  with 422: loopback, private, link-local, unspecified, multicast, reserved, site-local, shared
  (100.64.0.0/10), cloud metadata (169.254.169.254, fd00:ec2::254, 100.100.100.200), any IPv6
  form that carries an IPv4 address (IPv4-mapped forms are judged by the IPv4 address; NAT64,
  6to4, Teredo and IPv4-compatible ranges are refused whole), and names under ``localhost``.
  This builds on requests-hardened's ``IPFilterAdapter``, which resolves the host, checks the
  first address and pins the connection to it (no DNS-rebinding window). It checks only that
  first address and misses IPv4-compatible (``::127.0.0.1``) and site-local addresses, so we
  check every resolved address before it and its pinned address again after it.
  ALLOW_PRIVATE_NETWORKS lifts only this address check; every other rule still applies.

Redirects are followed one at a time, at most 5; each target passes both checks again. A 6th
  redirect -> 502.
Time: FETCH_CONNECT_TIMEOUT bounds each connection attempt; FETCH_DEADLINE bounds the whole
  download (every hop, TLS handshake, headers and body): when it passes, a timer shuts the
  sockets down, which wakes a read blocked on a server that trickles bytes -> 504.
Size: at most FETCH_MAX_BYTES after gzip/deflate decoding, counted while streaming -> 422. The
  page was reachable, retrying will not help, so it is refused like a page that is not HTML
  rather than reported as a failed fetch (502).
Type: text/html and application/xhtml+xml are read as HTML; text/plain is accepted and wrapped
  in paragraphs; a response without Content-Type is read as HTML; anything else -> 422.
Charset: a BOM wins; then the Content-Type charset; then ``<meta charset>`` or ``<meta
  http-equiv>`` in the first 4 KB; then strict UTF-8; then charset-normalizer's guess; else
  UTF-8 with replacement characters. As in browsers, ISO-8859-1 and ASCII labels mean
  windows-1252.
Proxies and .netrc from the environment are ignored: a proxy would make the address check
  look at the proxy instead of the page's host.
"""

from __future__ import annotations

import codecs
import contextvars
import html as html_escaping
import ipaddress
import re
import socket
import threading
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import charset_normalizer
import requests
import urllib3.exceptions
from requests.adapters import HTTPAdapter
from requests_hardened import Config, HTTPSession
from requests_hardened.ip_filter import EXTRA_BLOCKED_NET_RANGES, InvalidIPAddress
from requests_hardened.ip_filter_adapter import IPFilterAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

from .errors import ApiError

USER_AGENT = "ClaimLens/0.1 (+https://github.com/claimlens)"
ACCEPT = "text/html, application/xhtml+xml;q=0.9, text/plain;q=0.5"
MAX_URL_CHARS = 2048
MAX_REDIRECTS = 5
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
TEXT_TYPES = frozenset({"text/plain"})
DEFAULT_PORTS = {"http": 80, "https": 443}

_READ_CHUNK = 64 * 1024
_SNIFF_BYTES = 4096
_CONTROL_CHARS = re.compile(r"[\x00-\x1f\x7f]")


# --- URL rules -------------------------------------------------------------------------------


def validate_url(url: str, *, allow_private: bool, allowed_ports) -> str:
    """Return `url` as requests will send it, or raise ApiError(422) saying what is wrong.

    Checks only what can be seen in the URL (scheme, credentials, port, length); nothing is
    resolved or fetched. With `allow_private`, loopback hosts may use any port.
    """
    if not isinstance(url, str) or not url.strip():
        raise _refused("Send the page's address as an http or https URL.")
    url = url.strip()
    if len(url) > MAX_URL_CHARS:
        raise _refused(f"The URL is longer than {MAX_URL_CHARS} characters; send a shorter one.")
    if _CONTROL_CHARS.search(url):
        raise _refused("The URL contains control characters; remove them or percent-encode them.")
    scheme = urlsplit(url).scheme.lower()
    if scheme not in DEFAULT_PORTS:
        shown = f"'{scheme}:' URLs" if scheme else "a URL without http:// or https://"
        raise _refused(f"Only http and https pages can be fetched, not {shown}.")

    prepared = requests.PreparedRequest()
    try:
        prepared.prepare_url(url, None)
    except (requests.RequestException, ValueError) as error:
        raise _refused(f"The URL is not valid ({error}); check it and try again.") from error
    # Read the parts with the same parser requests uses to pick the host it connects to.
    parts = urlsplit(prepared.url)
    if "@" in parts.netloc:
        raise _refused("The URL carries a user name or password (user:pass@); remove them.")
    host = parts.hostname
    if not host:
        raise _refused("The URL has no host name; check it and try again.")
    try:
        port = parts.port or DEFAULT_PORTS[scheme]
    except ValueError as error:
        raise _refused("The URL's port is not a number from 1 to 65535.") from error
    if port not in allowed_ports and not (allow_private and _is_loopback_host(host)):
        ports = ", ".join(str(p) for p in allowed_ports) or "none"
        raise _refused(f"Port {port} is not allowed; pages are fetched on ports {ports} only.")
    if len(prepared.url) > MAX_URL_CHARS:
        raise _refused(f"The URL is longer than {MAX_URL_CHARS} characters once encoded.")
    return prepared.url


def _is_loopback_host(host: str) -> bool:
    if _names_this_machine(host):
        return True
    try:
        ip = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return _unmapped(ip).is_loopback


def _names_this_machine(host: str) -> bool:
    # RFC 6761: localhost and every name under it always mean this machine.
    name = host.lower().rstrip(".")
    return name == "localhost" or name.endswith(".localhost")


def _refused(detail: str) -> ApiError:
    return ApiError(422, detail)


# --- Address rules ---------------------------------------------------------------------------

_METADATA_ADDRESSES = frozenset(
    ipaddress.ip_address(a) for a in ("169.254.169.254", "fd00:ec2::254", "100.100.100.200")
)
_SHARED_SPACE = ipaddress.ip_network("100.64.0.0/10")
# IPv6 ranges that carry an IPv4 address: NAT64, local NAT64, 6to4, Teredo, IPv4-compatible.
_IPV4_CARRIERS = tuple(
    ipaddress.ip_network(n) for n in ("64:ff9b::/96", "64:ff9b:1::/48", "2002::/16", "2001::/32")
)
_IPV4_COMPATIBLE = ipaddress.ip_network("::/96")


class RefusedAddress(InvalidIPAddress):
    """A host that resolves to an address ClaimLens must not connect to."""

    def __init__(self, detail: str):
        super().__init__(detail)
        self.detail = detail


class HostNotFound(requests.ConnectionError):
    """The host name does not resolve."""


def address_problem(ip, *, allow_loopback: bool = False) -> str | None:
    """Say why `ip` must not be fetched from ("a private address", ...), or None if public."""
    ip = _unmapped(ip)
    if ip in _METADATA_ADDRESSES:
        return "a cloud metadata address"
    if ip.is_loopback:
        return None if allow_loopback else "a loopback address"
    if ip.is_unspecified:
        return "the unspecified address"
    if ip.is_link_local:
        return "a link-local address"
    if ip.is_multicast:
        return "a multicast address"
    if ip in _SHARED_SPACE:
        return "a shared (carrier-grade NAT) address"
    if ip.version == 6 and (ip in _IPV4_COMPATIBLE or any(ip in n for n in _IPV4_CARRIERS)):
        return "an IPv6 form of an IPv4 address"
    if ip.is_reserved or any(ip in net for net in EXTRA_BLOCKED_NET_RANGES):
        return "a reserved address"
    if ip.is_private or (ip.version == 6 and ip.is_site_local):
        return "a private address"
    if not ip.is_global:
        return "not a public address"
    return None


def _unmapped(ip):
    # ::ffff:a.b.c.d is the IPv4 address a.b.c.d as an IPv6 socket sees it: judge the IPv4 one.
    if ip.version == 6 and ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    return ip


def check_host(host: str, port: int | None, *, allow_loopback: bool = False) -> None:
    """Resolve `host` and raise RefusedAddress unless every address it has is public."""
    if _names_this_machine(host) and not allow_loopback:
        raise RefusedAddress(f"'{host}' names this machine; only public web pages are fetched.")
    # An IPv6 zone arrives percent-encoded ("fe80::1%25eth0"); the resolver wants it plain.
    name = host.strip("[]").replace("%25", "%")
    try:
        infos = socket.getaddrinfo(name, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise HostNotFound(f"The host name '{host}' could not be resolved.") from error
    for info in infos:
        _check_address(host, info[4][0], allow_loopback)


def _check_address(host: str, address: str, allow_loopback: bool) -> None:
    ip = ipaddress.ip_address(address.strip("[]"))
    problem = address_problem(ip, allow_loopback=allow_loopback)
    if problem:
        shown = f"'{host}' resolves to {ip}, which is" if host.strip("[]") != str(ip) else str(ip)
        raise RefusedAddress(f"{shown} {problem}; only public web pages are fetched.")


# --- Deadline for the whole download ---------------------------------------------------------


class _Deadline:
    """A wall-clock limit for one fetch.

    requests' read timeout restarts at every byte, so a server that trickles defeats it. When
    this deadline passes, a timer shuts down every socket the fetch opened, which wakes a read
    blocked anywhere: TLS handshake, headers or body.
    """

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.expired = False
        self._ends = time.monotonic() + seconds
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self._finished = False
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True
        self._timer.start()

    def remaining(self) -> float:
        return self._ends - time.monotonic()

    def watch(self, sock: socket.socket) -> None:
        # Keep our own descriptor of the socket: shutting it down later can never hit a
        # descriptor number that was closed and reused elsewhere in the process.
        own = sock.dup()
        with self._lock:
            if self._finished:
                own.close()
                return
            self._sockets.append(own)
            if self.expired:
                _shut(own)

    def _expire(self) -> None:
        with self._lock:
            if self._finished:
                return
            self.expired = True
            for sock in self._sockets:
                _shut(sock)

    def finish(self) -> None:
        self._timer.cancel()
        with self._lock:
            self._finished = True
            for sock in self._sockets:
                sock.close()
            self._sockets.clear()


def _shut(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass  # already closed by the peer or by urllib3


_CURRENT_DEADLINE: contextvars.ContextVar[_Deadline | None] = contextvars.ContextVar(
    "claimlens_fetch_deadline", default=None
)


class _WatchedConnectionMixin:
    def _new_conn(self):
        sock = super()._new_conn()
        deadline = _CURRENT_DEADLINE.get()
        if deadline is not None:
            deadline.watch(sock)
        return sock


class _WatchedHTTPConnection(_WatchedConnectionMixin, HTTPConnection):
    pass


class _WatchedHTTPSConnection(_WatchedConnectionMixin, HTTPSConnection):
    pass


class _WatchedHTTPPool(HTTPConnectionPool):
    ConnectionCls = _WatchedHTTPConnection


class _WatchedHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _WatchedHTTPSConnection


class _WatchedPoolsMixin:
    """Adapter part that makes every connection register its socket with the fetch's deadline."""

    def init_poolmanager(self, *args, **kwargs):
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {
            "http": _WatchedHTTPPool,
            "https": _WatchedHTTPSPool,
        }


class _WatchedAdapter(_WatchedPoolsMixin, HTTPAdapter):
    """Used with ALLOW_PRIVATE_NETWORKS: no address check, the deadline still applies."""


class _GuardedAdapter(_WatchedPoolsMixin, IPFilterAdapter):
    """requests-hardened's address filter and pinning, plus the checks it lacks."""

    def __init__(self, *, https: bool, allow_loopback: bool):
        super().__init__(is_https_proto=https, allow_loopback=allow_loopback)
        self._loopback_allowed = allow_loopback

    def build_connection_pool_key_attributes(self, request, verify, cert=None):
        # The host and port exactly as requests would connect to them.
        requested, _ = HTTPAdapter.build_connection_pool_key_attributes(self, request, verify, cert)
        host, port = requested["host"], requested["port"]
        check_host(host, port, allow_loopback=self._loopback_allowed)
        host_params, pool_kwargs = super().build_connection_pool_key_attributes(
            request, verify, cert
        )
        # requests-hardened resolved again and pinned that address: it is the one we connect
        # to, so it must pass our stricter rules too (DNS may have changed since our look-up).
        _check_address(host, host_params["host"], self._loopback_allowed)
        return host_params, pool_kwargs


# --- Fetching --------------------------------------------------------------------------------


@dataclass(frozen=True)
class FetchedPage:
    """A downloaded page: final URL after redirects, decoded HTML, and how it was read."""

    url: str
    html: str
    content_type: str
    encoding: str


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
            raise _after_redirect(self._explain(error, deadline), visited) from error
        finally:
            deadline.finish()
            _CURRENT_DEADLINE.reset(token)

    def _validate(self, url: str) -> str:
        return validate_url(url, allow_private=self.allow_private, allowed_ports=self.allowed_ports)

    def _session(self) -> requests.Session:
        # A new session per fetch: no cookies or pooled connections shared between users.
        session = HTTPSession(
            Config(
                ip_filter_enable=False,  # our adapters below carry the filter
                ip_filter_allow_loopback_ips=self.allow_loopback,
                never_redirect=True,
                default_timeout=(self.connect_timeout, self.deadline),
                user_agent_override=USER_AGENT,
            )
        )
        session.trust_env = False
        if self.ca_certs:
            session.verify = self.ca_certs
        session.headers.update({"Accept": ACCEPT, "Accept-Encoding": "gzip, deflate"})
        for prefix, https in (("http://", False), ("https://", True)):
            if self.allow_private:
                session.mount(prefix, _WatchedAdapter())
            else:
                session.mount(
                    prefix, _GuardedAdapter(https=https, allow_loopback=self.allow_loopback)
                )
        return session

    def _follow(
        self, session: requests.Session, url: str, deadline: _Deadline, visited: list[str]
    ) -> FetchedPage:
        for _hop in range(self.max_redirects + 1):
            remaining = deadline.remaining()
            if remaining <= 0:
                raise self._too_slow()
            response = session.get(
                url,
                stream=True,
                allow_redirects=False,
                timeout=(min(self.connect_timeout, remaining), remaining),
            )
            with response:
                target = session.get_redirect_target(response)
                if target is None:
                    return self._read(response, deadline)
            visited.append(urljoin(response.url, target))
            url = self._validate(visited[-1])
        raise ApiError(
            502,
            f"The page redirected more than {self.max_redirects} times; "
            "send the address it finally lands on.",
        )

    def _read(self, response: requests.Response, deadline: _Deadline) -> FetchedPage:
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
        body = self._read_capped(response)
        if deadline.expired:
            raise self._too_slow()
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

    def _read_capped(self, response: requests.Response) -> bytes:
        """Read the decoded body, stopping as soon as it passes max_bytes (gzip bombs too)."""
        too_big = _refused(
            f"The page is larger than {_megabytes(self.max_bytes)} once decompressed; "
            "send a smaller page or its text instead."
        )
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise too_big
        chunks, total = [], 0
        while True:
            # urllib3 2.6+ never inflates more than it was asked for, so each step stays small.
            chunk = response.raw.read(_READ_CHUNK, decode_content=True)
            if not chunk:
                return b"".join(chunks)
            total += len(chunk)
            if total > self.max_bytes:
                raise too_big
            chunks.append(chunk)

    def _too_slow(self) -> ApiError:
        return ApiError(
            504,
            f"The page did not finish downloading within {self.deadline:g} seconds; "
            "try again later or send the page's HTML instead.",
        )

    def _explain(self, error: Exception, deadline: _Deadline) -> ApiError:
        """Turn a failure of requests or urllib3 into the status and sentence for the client."""
        if deadline.expired or isinstance(
            error, requests.ReadTimeout | urllib3.exceptions.ReadTimeoutError
        ):
            return self._too_slow()
        if isinstance(error, requests.ConnectTimeout):
            return ApiError(
                504,
                f"The server did not accept a connection within {self.connect_timeout:g} "
                "seconds; try again later.",
            )
        if isinstance(error, RefusedAddress):
            return _refused(error.detail)
        if isinstance(error, InvalidIPAddress):
            return _refused(f"The host resolves to {error}, which is not a public address.")
        if isinstance(error, HostNotFound):
            return ApiError(502, f"{error} Check the address.")
        if isinstance(error, requests.exceptions.SSLError):
            return ApiError(502, "The server's TLS certificate could not be verified.")
        if isinstance(error, requests.exceptions.InvalidURL | ValueError | UnicodeError):
            return _refused("The URL is not valid; check it and try again.")
        if isinstance(error, requests.ConnectionError):
            return ApiError(
                502,
                "The server could not be reached (refused, reset or unknown host); "
                "check the address or try again later.",
            )
        if isinstance(error, requests.RequestException | urllib3.exceptions.HTTPError | OSError):
            return ApiError(
                502, "The server sent a broken response; try again later or send the HTML."
            )
        raise error


def _after_redirect(error: ApiError, visited: list[str]) -> ApiError:
    """Say so when it was a redirect target, not the URL the client sent, that was refused."""
    if error.status != 422 or len(visited) < 2:
        return error
    target = visited[-1] if len(visited[-1]) <= 200 else visited[-1][:200] + "..."
    return ApiError(422, f"The page redirects to {target}, which is refused: {error.detail}")


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):g} MB"


# --- Reading the bytes -----------------------------------------------------------------------


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
