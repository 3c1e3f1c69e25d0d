"""The wall-clock deadline for one whole download, and the connections it watches.

FETCH_CONNECT_TIMEOUT bounds each connection attempt; FETCH_DEADLINE bounds the whole download
(every hop, TLS handshake, headers and body): when it passes, a timer shuts the sockets down,
which wakes a read blocked on a server that trickles bytes -> 504.
"""

from __future__ import annotations

import contextvars
import socket
import threading
import time

from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool


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
