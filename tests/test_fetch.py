"""backend.fetch: URL rules, address rules, redirects, deadline, size cap, content type, charset.

Nothing here leaves the machine. Name resolution is faked for the whole module (names come from
a table, anything else must be an IP literal), and every socket connect to an address outside
127.0.0.0/8 fails the test. Pages come from servers on 127.0.0.1 (tests/fetch_servers.py).
"""

from __future__ import annotations

import gzip
import ipaddress
import socket
import time
import tracemalloc
import zlib

import pytest

from backend.errors import ApiError
from backend.fetch import (
    USER_AGENT,
    Fetcher,
    address_problem,
    decode_page,
    parse_content_type,
    validate_url,
)
from tests.fetch_servers import (
    free_port,
    page_server,
    raw_server,
    self_signed_tls,
    silent,
    trickle_body,
    trickle_headers,
    trickle_tls_record,
)

REAL_GETADDRINFO = socket.getaddrinfo
REAL_CONNECT = socket.socket.connect


class FakeDns:
    """Names resolve from `names` only (a list of addresses, or a function returning one)."""

    def __init__(self):
        self.names: dict[str, object] = {}
        self.lookups: list[str] = []

    def __setitem__(self, name, addresses):
        self.names[name] = addresses

    def getaddrinfo(self, host, port, family=0, type=0, proto=0, flags=0):
        self.lookups.append(host)
        if host in self.names:
            entry = self.names[host]
            addresses = entry() if callable(entry) else entry
            return [_addrinfo(address, port) for address in addresses]
        # IP literals only: with AI_NUMERICHOST no name server is ever asked.
        return REAL_GETADDRINFO(host, port, family, type, proto, flags | socket.AI_NUMERICHOST)


@pytest.fixture(autouse=True)
def fake_dns(monkeypatch):
    dns = FakeDns()
    monkeypatch.setattr(socket, "getaddrinfo", dns.getaddrinfo)
    return dns


def _addrinfo(address: str, port):
    if ":" in address:
        return (socket.AF_INET6, socket.SOCK_STREAM, 6, "", (address, port or 0, 0, 0))
    return (socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port or 0))


@pytest.fixture(autouse=True)
def connections(monkeypatch):
    """Record every connect; one to anything but loopback fails the test before it happens."""
    seen: list[str] = []

    def connect(sock, address):
        host = address[0]
        seen.append(host)
        if not ipaddress.ip_address(host).is_loopback:
            raise AssertionError(f"the fetcher tried to connect to {host}")
        return REAL_CONNECT(sock, address)

    monkeypatch.setattr(socket.socket, "connect", connect)
    return seen


def local_fetcher(**settings) -> Fetcher:
    """ALLOW_PRIVATE_NETWORKS on, as in the service's tests: loopback servers on any port."""
    return Fetcher(**{"allow_private": True, "deadline": 5.0, "connect_timeout": 1.0, **settings})


def fail(fetcher, url) -> ApiError:
    with pytest.raises(ApiError) as caught:
        fetcher(url)
    return caught.value


# --- URL rules -------------------------------------------------------------------------------

PORTS = (80, 443)


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("ftp://example.com/file", "'ftp:'"),
        ("file:///etc/passwd", "'file:'"),
        ("javascript:alert(1)", "'javascript:'"),
        ("gopher://example.com:70/", "'gopher:'"),
        ("example.com/page", "without http"),
        ("http://user:secret@example.com/", "user:pass@"),
        ("http://user@example.com/", "user:pass@"),
        ("https://example.com:8443/", "Port 8443"),
        ("http://example.com:22/", "Port 22"),
        ("http://example.com:99999/", "not valid"),
        ("http://example.com/" + "a" * 2100, "longer than 2048"),
        ("http://example.com/\r\nX-Injected: 1", "control characters"),
        ("http:///path-only", "host"),
        ("", "http or https"),
    ],
)
def test_validate_url_refuses_with_a_reason(url, words):
    with pytest.raises(ApiError) as caught:
        validate_url(url, allow_private=False, allowed_ports=PORTS)
    assert caught.value.status == 422
    assert words.lower() in caught.value.detail.lower()


def test_validate_url_returns_the_url_requests_will_send():
    assert validate_url("HTTP://Example.COM", allow_private=False, allowed_ports=PORTS) == (
        "http://example.com/"
    )
    assert validate_url(
        "https://bücher.example/ä?q=1 2", allow_private=False, allowed_ports=PORTS
    ) == ("https://xn--bcher-kva.example/%C3%A4?q=1%202")
    assert validate_url(
        "https://example.com:443/a", allow_private=False, allowed_ports=PORTS
    ).startswith("https://example.com")


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:8123/", "http://localhost:5001/x", "http://[::1]:9999/"]
)
def test_allow_private_lets_loopback_use_any_port(url):
    assert validate_url(url, allow_private=True, allowed_ports=PORTS)
    with pytest.raises(ApiError):
        validate_url(url, allow_private=False, allowed_ports=PORTS)


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com:8080/",  # the port rule stays for every other host
        "http://10.1.2.3:8080/",
        "ftp://127.0.0.1/",
        "http://user:pw@127.0.0.1:8000/",
    ],
)
def test_allow_private_keeps_the_other_url_rules(url):
    with pytest.raises(ApiError) as caught:
        validate_url(url, allow_private=True, allowed_ports=PORTS)
    assert caught.value.status == 422


def test_configured_ports_are_allowed():
    assert validate_url("http://example.com:8080/", allow_private=False, allowed_ports=(8080,))


# --- Address rules: resolution faked, nothing connects -----------------------------------------

REFUSED = [
    ("http://127.0.0.1/", "loopback"),
    ("http://127.1/", "loopback"),
    ("http://2130706433/", "loopback"),
    ("http://0x7f000001/", "loopback"),
    ("http://0177.0.0.1/", "loopback"),
    ("http://0x7f.1/", "loopback"),
    ("http://127.000.000.001/", "loopback"),
    ("http://[0:0:0:0:0:0:0:1]/", "loopback"),
    ("http://[::1%251]/", "loopback"),
    ("http://[fe80::1%25lo]/", "link-local"),
    ("http://127.255.255.254/", "loopback"),
    ("http://[::ffff:127.0.0.1]/", "loopback"),
    ("http://[::1]/", "loopback"),
    ("http://localhost/", "this machine"),
    ("http://localhost./", "this machine"),
    ("http://LOCALHOST/", "this machine"),
    ("http://api.localhost/", "this machine"),
    ("http://0.0.0.0/", "unspecified"),
    ("http://0/", "unspecified"),
    ("http://[::]/", "unspecified"),
    ("http://10.0.0.1/", "private"),
    ("http://172.16.5.4/", "private"),
    ("http://192.168.1.1/", "private"),
    ("https://10.0.0.1/", "private"),
    ("http://[fd00::1]/", "private"),
    ("http://[fd12:3456:789a::1]/", "private"),
    ("http://[fec0::1]/", "private"),
    ("http://[fe80::1]/", "link-local"),
    ("http://169.254.1.1/", "link-local"),
    ("http://169.254.169.254/latest/meta-data/", "metadata"),
    ("http://[fd00:ec2::254]/", "metadata"),
    ("http://100.100.100.200/", "metadata"),
    ("http://[::ffff:169.254.169.254]/", "metadata"),
    ("http://[::ffff:a9fe:a9fe]/", "metadata"),
    ("http://100.64.0.1/", "shared"),
    ("http://224.0.0.1/", "multicast"),
    ("http://[ff02::1]/", "multicast"),
    ("http://240.0.0.1/", "reserved"),
    ("http://255.255.255.255/", "reserved"),
    ("http://192.0.2.1/", "private"),
    ("http://198.18.0.1/", "private"),
    ("http://[::127.0.0.1]/", "IPv6 form of an IPv4"),
    ("http://[64:ff9b::a9fe:a9fe]/", "IPv6 form of an IPv4"),
    ("http://[64:ff9b::7f00:1]/", "IPv6 form of an IPv4"),
    ("http://[2002:7f00:1::]/", "IPv6 form of an IPv4"),
    ("http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/", "IPv6 form of an IPv4"),
    ("http://[2001:db8::1]/", "private"),
    ("http://loopback.test/", "loopback"),
    ("http://metadata.test/", "metadata"),
    ("http://mixed.test/", "private"),
    ("http://v6metadata.test/", "metadata"),
    ("http://mapped.test/", "private"),
]


@pytest.mark.parametrize(("url", "words"), REFUSED)
def test_refused_addresses_in_every_spelling(url, words, fake_dns, connections):
    fake_dns["loopback.test"] = ["127.0.0.1"]
    fake_dns["metadata.test"] = ["169.254.169.254"]
    # A public first address must not hide a private second one.
    fake_dns["mixed.test"] = ["93.184.215.14", "10.0.0.7"]
    fake_dns["v6metadata.test"] = ["fd00:ec2::254"]
    fake_dns["mapped.test"] = ["::ffff:10.0.0.1"]
    error = fail(Fetcher(allow_private=False), url)
    assert error.status == 422
    assert words.lower() in error.detail.lower()
    assert "redirect" not in error.detail
    assert connections == []


@pytest.mark.parametrize(
    "address", ["93.184.215.14", "8.8.8.8", "2606:4700:4700::1111", "::ffff:8.8.8.8"]
)
def test_public_addresses_pass(address):
    assert address_problem(ipaddress.ip_address(address)) is None


def test_allow_loopback_lifts_loopback_only():
    allowed = {"allow_loopback": True}
    assert address_problem(ipaddress.ip_address("127.0.0.1"), **allowed) is None
    assert address_problem(ipaddress.ip_address("::1"), **allowed) is None
    assert address_problem(ipaddress.ip_address("10.0.0.1"), **allowed) == "a private address"
    assert "metadata" in address_problem(ipaddress.ip_address("169.254.169.254"), **allowed)


def test_unknown_host_is_502_without_connecting(connections):
    error = fail(Fetcher(allow_private=False), "http://no-such-host.test/")
    assert error.status == 502
    assert "could not be resolved" in error.detail
    assert connections == []


def test_connection_goes_to_the_address_that_was_checked(fake_dns):
    """Two look-ups (the full check, then requests-hardened's pin); the socket uses the pin."""
    answers = iter([["127.0.0.1"], ["127.0.0.1"]])

    def rebinding():
        return next(answers)  # a third look-up raises StopIteration and fails the test

    fake_dns["rebind.test"] = rebinding
    with page_server() as server:
        server.routes["/"] = (200, {"Content-Type": "text/html"}, b"<p>checked</p>")
        fetcher = Fetcher(allow_private=False, allow_loopback=True, allowed_ports=(server.port,))
        page = fetcher(f"http://rebind.test:{server.port}/")
    assert "checked" in page.html
    assert fake_dns.lookups.count("rebind.test") == 2
    assert server.seen[0][1]["Host"] == f"rebind.test:{server.port}"


def test_pinned_address_is_checked_again(fake_dns, connections):
    # The first look-up passes; the address the connection would be pinned to does not.
    answers = iter([["127.0.0.1"], ["::127.0.0.1"]])
    fake_dns["flip.test"] = lambda: next(answers)
    fetcher = Fetcher(allow_private=False, allow_loopback=True, allowed_ports=(8080,))
    error = fail(fetcher, "http://flip.test:8080/")
    assert error.status == 422
    assert "IPv6 form of an IPv4" in error.detail
    assert connections == []


# --- End to end against servers on 127.0.0.1 -------------------------------------------------


@pytest.fixture
def server():
    with page_server() as running:
        yield running


def html(body: str, head: str = "") -> str:
    return f"<!doctype html><html><head>{head}</head><body>{body}</body></html>"


def test_utf8_page_without_charset_decodes_right(server):
    text = "Café naïve – “quoted” 日本語"
    server.routes["/"] = (200, {"Content-Type": "text/html"}, html(f"<p>{text}</p>").encode())
    page = local_fetcher()(server.base + "/")
    assert text in page.html
    assert page.encoding == "utf-8"
    assert page.url == server.base + "/"


def test_charset_from_meta(server):
    body = html("<p>Здоровье и питание</p>", '<meta charset="windows-1251">')
    server.routes["/"] = (200, {"Content-Type": "text/html"}, body.encode("cp1251"))
    page = local_fetcher()(server.base + "/")
    assert "Здоровье и питание" in page.html
    assert page.encoding == "cp1251"


def test_charset_from_meta_http_equiv(server):
    head = '<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">'
    server.routes["/"] = (200, {}, html("<p>健康と栄養</p>", head).encode("shift_jis"))
    page = local_fetcher()(server.base + "/")
    assert "健康と栄養" in page.html


def test_latin1_page_with_header_charset_reads_as_windows_1252(server):
    body = html("<p>Crème brûlée “quoted”</p>").encode("cp1252")
    server.routes["/"] = (200, {"Content-Type": "text/html; charset=ISO-8859-1"}, body)
    page = local_fetcher()(server.base + "/")
    assert "Crème brûlée “quoted”" in page.html
    assert page.encoding == "cp1252"


def test_bom_wins_over_the_header(server):
    body = b"\xef\xbb\xbf" + html("<p>Café</p>").encode()
    server.routes["/"] = (200, {"Content-Type": "text/html; charset=iso-8859-1"}, body)
    page = local_fetcher()(server.base + "/")
    assert "<p>Café</p>" in page.html
    assert not page.html.startswith("\ufeff")


def test_undeclared_charset_is_detected(server):
    text = (
        "Регулярные физические упражнения снижают риск сердечно-сосудистых заболеваний. "
        "Врачи рекомендуют не менее ста пятидесяти минут умеренной активности в неделю. "
    ) * 3
    server.routes["/"] = (200, {"Content-Type": "text/html"}, html(text).encode("cp1251"))
    page = local_fetcher()(server.base + "/")
    assert "физические упражнения" in page.html


def test_plain_text_becomes_paragraphs(server):
    body = b"First <claim> & more.\n\nSecond paragraph."
    server.routes["/"] = (200, {"Content-Type": "text/plain; charset=utf-8"}, body)
    page = local_fetcher()(server.base + "/")
    assert "<p>First &lt;claim&gt; &amp; more.</p>" in page.html
    assert "<p>Second paragraph.</p>" in page.html
    assert page.content_type == "text/plain"


@pytest.mark.parametrize("content_type", ["application/json", "image/png", "application/pdf"])
def test_non_html_content_type_is_422(server, content_type):
    server.routes["/"] = (200, {"Content-Type": content_type}, b"{}")
    error = fail(local_fetcher(), server.base + "/")
    assert error.status == 422
    assert content_type in error.detail


def test_http_error_status_is_502(server):
    error = fail(local_fetcher(), server.base + "/missing")
    assert error.status == 502
    assert "HTTP 404" in error.detail


def test_gzip_page_is_decoded(server):
    body = gzip.compress(html("<p>Compressed café</p>").encode())
    server.routes["/"] = (200, {"Content-Type": "text/html", "Content-Encoding": "gzip"}, body)
    assert "Compressed café" in local_fetcher()(server.base + "/").html


def test_sends_user_agent_and_accept(server):
    server.routes["/"] = (200, {"Content-Type": "text/html"}, b"<p>hi</p>")
    local_fetcher()(server.base + "/")
    headers = server.seen[0][1]
    assert headers["User-Agent"] == USER_AGENT
    assert headers["Accept"].startswith("text/html")


def test_proxy_settings_in_the_environment_are_ignored(server, monkeypatch):
    # A proxy would make the address check look at the proxy instead of the page's host.
    dead_proxy = f"http://127.0.0.1:{free_port()}"
    for name in ("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "ALL_PROXY"):
        monkeypatch.setenv(name, dead_proxy)
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    server.routes["/"] = (200, {"Content-Type": "text/html"}, b"<p>direct</p>")
    assert "direct" in local_fetcher()(server.base + "/").html


def test_binary_body_without_content_type_is_422(server):
    server.routes["/"] = (200, {}, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    error = fail(local_fetcher(), server.base + "/")
    assert error.status == 422
    assert "binary" in error.detail


def test_html_without_content_type_is_read(server):
    server.routes["/"] = (200, {}, b"<p>no type</p>")
    assert "no type" in local_fetcher()(server.base + "/").html


# --- HTTPS: the connection goes to the checked address, the certificate is checked by name ---


@pytest.fixture
def tls(tmp_path):
    made = self_signed_tls(tmp_path, "tls.test")
    if made is None:
        pytest.skip("openssl is not installed")
    return made


def test_https_is_verified_against_the_host_name_while_pinned(tls, fake_dns):
    context, cert = tls
    fake_dns["tls.test"] = ["127.0.0.1"]
    with page_server(tls=context) as server:
        server.routes["/"] = (200, {"Content-Type": "text/html"}, b"<p>secure</p>")
        fetcher = Fetcher(
            allow_private=False, allow_loopback=True, allowed_ports=(server.port,), ca_certs=cert
        )
        page = fetcher(f"https://tls.test:{server.port}/")
    assert "secure" in page.html
    assert page.url == f"https://tls.test:{server.port}/"
    assert server.seen[0][1]["Host"] == f"tls.test:{server.port}"


def test_https_certificate_for_another_name_is_502(tls, fake_dns):
    context, cert = tls
    fake_dns["other.test"] = ["127.0.0.1"]
    with page_server(tls=context) as server:
        fetcher = Fetcher(
            allow_private=False, allow_loopback=True, allowed_ports=(server.port,), ca_certs=cert
        )
        error = fail(fetcher, f"https://other.test:{server.port}/")
    assert error.status == 502
    assert "certificate" in error.detail


def test_https_untrusted_certificate_is_502(tls):
    context, _ = tls
    with page_server(tls=context) as server:
        error = fail(local_fetcher(), server.base + "/")
    assert error.status == 502
    assert "certificate" in error.detail


# --- Size cap --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def gzip_bomb() -> bytes:
    """About 200 KB of gzip that inflates to 200 MB of zeros."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    zeros = bytes(1 << 20)
    return b"".join([packer.compress(zeros) for _ in range(200)] + [packer.flush()])


def test_gzip_bomb_stops_at_the_cap_without_inflating_it(server, gzip_bomb):
    headers = {"Content-Type": "text/html", "Content-Encoding": "gzip"}
    server.routes["/bomb"] = (200, headers, gzip_bomb)
    fetcher = local_fetcher(max_bytes=1024 * 1024)
    tracemalloc.start()
    started = time.monotonic()
    try:
        error = fail(fetcher, server.base + "/bomb")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert error.status == 422
    assert "larger than 1 MB once decompressed" in error.detail
    assert time.monotonic() - started < 3
    # The server's copy of the bomb (200 KB) is counted too; 200 MB inflated would be far above.
    assert peak < 16 * 1024 * 1024


def test_declared_length_over_the_cap_is_refused_before_reading(server):
    server.routes["/big"] = (200, {"Content-Type": "text/html"}, b"x" * (2 * 1024 * 1024))
    error = fail(local_fetcher(max_bytes=1024 * 1024), server.base + "/big")
    assert error.status == 422
    assert "larger than 1 MB" in error.detail


def test_page_at_the_cap_is_accepted(server):
    server.routes["/"] = (200, {"Content-Type": "text/html"}, b"x" * 4096)
    assert len(local_fetcher(max_bytes=4096)(server.base + "/").html) == 4096


# --- Redirects -------------------------------------------------------------------------------


def add_hops(server, count: int) -> None:
    for n in range(1, count + 1):
        server.routes[f"/hop/{n}"] = (302, {"Location": f"/hop/{n - 1}"}, b"")
    server.routes["/hop/0"] = (200, {"Content-Type": "text/html"}, b"<p>arrived</p>")


def test_five_redirects_are_followed(server):
    add_hops(server, 5)
    page = local_fetcher()(server.base + "/hop/5")
    assert "arrived" in page.html
    assert page.url == server.base + "/hop/0"
    assert [path for path, _ in server.seen] == [f"/hop/{n}" for n in range(5, -1, -1)]


def test_sixth_redirect_is_refused(server):
    add_hops(server, 6)
    error = fail(local_fetcher(), server.base + "/hop/6")
    assert error.status == 502
    assert "redirected more than 5 times" in error.detail
    assert "/hop/0" not in [path for path, _ in server.seen]


@pytest.mark.parametrize(
    ("location", "words"),
    [
        ("http://metadata.test:{port}/latest/", "metadata"),
        ("http://10.0.0.1:{port}/", "private"),
        ("http://[::1]:{port}/", None),  # loopback is allowed in this test: reaches the page
        ("ftp://127.0.0.1/", "'ftp:'"),
        ("http://127.0.0.1:{other}/", "Port"),
        ("http://user:pw@127.0.0.1:{port}/", "user:pass@"),
    ],
)
def test_every_redirect_is_checked_again(server, fake_dns, connections, location, words):
    fake_dns["metadata.test"] = ["169.254.169.254"]
    target = location.format(port=server.port, other=free_port())
    server.routes["/go"] = (302, {"Location": target}, b"")
    server.routes["/latest/"] = (200, {"Content-Type": "text/html"}, b"<p>secret</p>")
    server.routes["/"] = (200, {"Content-Type": "text/html"}, b"<p>fine</p>")
    # Loopback passes the address check here so that the first hop can reach the test server.
    fetcher = Fetcher(allow_private=False, allow_loopback=True, allowed_ports=(server.port,))
    if words is None:
        if not socket.has_ipv6:
            pytest.skip("no IPv6 loopback")
        try:
            assert "fine" in fetcher(server.base + "/go").html
        except ApiError as error:  # a machine without ::1 configured cannot connect there
            assert error.status == 502
        return
    error = fail(fetcher, server.base + "/go")
    assert error.status == 422
    assert error.detail.startswith("The page redirects to ")
    assert words.lower() in error.detail.lower()
    assert [path for path, _ in server.seen] == ["/go"]
    assert set(connections) == {"127.0.0.1"}


# --- Time ------------------------------------------------------------------------------------


@pytest.mark.parametrize("behaviour", [trickle_body, trickle_headers, silent])
def test_deadline_bounds_the_whole_download(behaviour):
    with raw_server(behaviour) as port:
        started = time.monotonic()
        error = fail(local_fetcher(deadline=1.0), f"http://127.0.0.1:{port}/")
        elapsed = time.monotonic() - started
    assert error.status == 504
    assert "within 1 seconds" in error.detail
    assert 0.9 <= elapsed < 2.5


def test_deadline_interrupts_a_trickled_tls_handshake():
    with raw_server(trickle_tls_record) as port:
        started = time.monotonic()
        error = fail(local_fetcher(deadline=1.0), f"https://127.0.0.1:{port}/")
        elapsed = time.monotonic() - started
    assert error.status == 504
    assert 0.9 <= elapsed < 2.5


def test_connect_timeout_is_504(server, monkeypatch):
    def unanswered(sock, address):
        raise TimeoutError("timed out")

    monkeypatch.setattr(socket.socket, "connect", unanswered)
    error = fail(local_fetcher(connect_timeout=0.5), server.base + "/")
    assert error.status == 504
    assert "did not accept a connection within 0.5 seconds" in error.detail


def test_broken_gzip_is_502(server):
    headers = {"Content-Type": "text/html", "Content-Encoding": "gzip"}
    server.routes["/"] = (200, headers, b"this is not gzip at all")
    error = fail(local_fetcher(), server.base + "/")
    assert error.status == 502
    assert "broken response" in error.detail


def test_connection_refused_is_502():
    error = fail(local_fetcher(), f"http://127.0.0.1:{free_port()}/")
    assert error.status == 502
    assert "could not be reached" in error.detail


# --- Pieces ----------------------------------------------------------------------------------


def test_from_config_reads_the_settings():
    fetcher = Fetcher.from_config(
        {
            "ALLOW_PRIVATE_NETWORKS": True,
            "ALLOWED_PORTS": (80, 443, 8080),
            "FETCH_MAX_BYTES": 1234,
            "FETCH_CONNECT_TIMEOUT": 2.5,
            "FETCH_DEADLINE": 7.0,
        }
    )
    assert fetcher.allow_private is True
    assert fetcher.allowed_ports == (80, 443, 8080)
    assert (fetcher.max_bytes, fetcher.connect_timeout, fetcher.deadline) == (1234, 2.5, 7.0)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (None, ("", None)),
        ("text/html", ("text/html", None)),
        ('Text/HTML; Charset="UTF-8"', ("text/html", "UTF-8")),
        ("text/html; boundary=x; charset=koi8-r", ("text/html", "koi8-r")),
    ],
)
def test_parse_content_type(header, expected):
    assert parse_content_type(header) == expected


def test_unknown_declared_charset_falls_through_to_utf8():
    assert decode_page("Café".encode(), "no-such-charset") == ("Café", "utf-8")


def test_meta_claiming_utf16_means_utf8():
    body = '<meta charset="utf-16"><p>Café</p>'.encode()
    assert decode_page(body, None)[1] == "utf-8"


# --- Through the service ---------------------------------------------------------------------


def test_service_fetches_through_this_module(client, server):
    body = html("<article><h1>Sleep</h1><p>Adults need seven hours of sleep.</p></article>")
    server.routes["/page"] = (200, {"Content-Type": "text/html; charset=utf-8"}, body.encode())
    server.routes["/moved"] = (301, {"Location": "/page"}, b"")
    server.routes["/data"] = (200, {"Content-Type": "application/json"}, b"{}")

    answer = client.post("/api/extract", json={"url": server.base + "/moved"})
    assert answer.status_code == 200
    assert answer.json["url"] == server.base + "/page"
    assert "seven hours of sleep" in answer.json["text"]

    refused = client.post("/api/extract", json={"url": server.base + "/data"})
    assert refused.status_code == 422
    assert refused.mimetype == "application/problem+json"
    assert "application/json" in refused.json["detail"]
