"""Small servers on 127.0.0.1 for the fetcher's tests: pages by path, and raw-socket misbehaviour.

Every server listens on a random loopback port, runs in daemon threads and stops when its
context exits; every loop that sends is bounded in count and time.
"""

from __future__ import annotations

import shutil
import socket
import ssl
import subprocess
import threading
import time
from collections.abc import Callable
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

# (status, headers, body)
Reply = tuple[int, dict[str, str], bytes]


class PageServer(ThreadingHTTPServer):
    """Serves `routes[path]` (a Reply, or a function of the base URL returning one)."""

    daemon_threads = True

    def __init__(self, tls: ssl.SSLContext | None = None):
        super().__init__(("127.0.0.1", 0), _PageHandler)
        self.scheme = "https" if tls else "http"
        if tls:
            self.socket = tls.wrap_socket(self.socket, server_side=True)
        self.routes: dict[str, Reply | Callable[[str], Reply]] = {}
        self.seen: list[tuple[str, dict[str, str]]] = []

    @property
    def port(self) -> int:
        return self.server_address[1]

    @property
    def base(self) -> str:
        return f"{self.scheme}://127.0.0.1:{self.port}"

    def handle_error(self, request, client_address):
        pass  # a client that stops reading early (size cap) is expected here


class _PageHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        self.server.seen.append((self.path, dict(self.headers.items())))
        route = self.server.routes.get(self.path)
        if route is None:
            route = (404, {"Content-Type": "text/plain"}, b"not here")
        elif callable(route):
            route = route(self.server.base)
        status, headers, body = route
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except OSError:
            pass

    def log_message(self, format, *args):
        pass


@contextmanager
def page_server(tls: ssl.SSLContext | None = None):
    """A PageServer (HTTPS with `tls`) running in a thread for the duration of the block."""
    server = PageServer(tls)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def raw_server(behaviour: Callable[[socket.socket, threading.Event], None]):
    """Accept connections on 127.0.0.1 and hand each to `behaviour(conn, stop)`; yields the port."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.05)
    stop = threading.Event()

    def accept_loop():
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except (TimeoutError, OSError):
                continue
            threading.Thread(target=_serve_one, args=(conn,), daemon=True).start()

    def _serve_one(conn):
        with conn:
            try:
                behaviour(conn, stop)
            except OSError:
                pass  # the client hung up: that is what these servers provoke

    thread = threading.Thread(target=accept_loop, daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[1]
    finally:
        stop.set()
        thread.join(timeout=2)
        listener.close()


def _read_request(conn: socket.socket) -> None:
    conn.settimeout(5)
    data = b""
    while b"\r\n\r\n" not in data and len(data) < 65536:
        chunk = conn.recv(4096)
        if not chunk:
            return
        data += chunk


def trickle_body(conn: socket.socket, stop: threading.Event, *, interval=0.05, limit=400):
    """Valid headers, then one byte of body every `interval` seconds (at most `limit` bytes)."""
    _read_request(conn)
    conn.sendall(
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
        b"Content-Length: 100000\r\n\r\n"
    )
    for _ in range(limit):
        if stop.is_set():
            return
        conn.sendall(b"a")
        time.sleep(interval)


def trickle_headers(conn: socket.socket, stop: threading.Event, *, interval=0.05, limit=400):
    """The status line and headers one byte every `interval` seconds: never finishes them."""
    _read_request(conn)
    header = b"HTTP/1.1 200 OK\r\nX-Slow: " + b"z" * limit
    for byte in header[:limit]:
        if stop.is_set():
            return
        conn.sendall(bytes([byte]))
        time.sleep(interval)


def trickle_tls_record(conn: socket.socket, stop: threading.Event, *, interval=0.05, limit=400):
    """Answer a TLS ClientHello with a record header, then its body one byte at a time."""
    conn.settimeout(5)
    conn.recv(4096)
    conn.sendall(b"\x16\x03\x03\x01\x00")  # handshake record, 256 bytes to follow
    for _ in range(limit):
        if stop.is_set():
            return
        conn.sendall(b"\x00")
        time.sleep(interval)


def silent(conn: socket.socket, stop: threading.Event, *, limit=10.0):
    """Accept, read the request, then say nothing (for at most `limit` seconds)."""
    _read_request(conn)
    stop.wait(limit)


def free_port() -> int:
    """A loopback port with nothing listening on it (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def self_signed_tls(directory: Path, hostname: str) -> tuple[ssl.SSLContext, str] | None:
    """A server TLS context for `hostname` and the path of its certificate (None: no openssl)."""
    openssl = shutil.which("openssl")
    if openssl is None:
        return None
    cert, key = directory / "cert.pem", directory / "key.pem"
    subprocess.run(
        [
            openssl,
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
            "-days",
            "1",
            "-subj",
            f"/CN={hostname}",
            "-addext",
            f"subjectAltName=DNS:{hostname}",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
        timeout=30,
    )
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    return context, str(cert)
