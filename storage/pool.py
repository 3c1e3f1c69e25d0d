"""A small thread-safe connection pool: reuse idle connections, cap how many are open at once."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Generic, TypeVar

from .errors import PoolExhausted, StoreError

Connection = TypeVar("Connection")


class ConnectionPool(Generic[Connection]):
    """Hands out connections made by `connect`; at most `max_size` are in use at a time.

    A connection comes back to the pool only if `is_reusable(conn)` says so (for example, not
    broken and not left inside a transaction); otherwise it is closed and a new one is made later.
    """

    def __init__(
        self,
        connect: Callable[[], Connection],
        *,
        max_size: int,
        is_reusable: Callable[[Connection], bool] = lambda conn: True,
        wait_timeout: float = 10.0,
    ):
        self._connect = connect
        self._is_reusable = is_reusable
        self._wait_timeout = wait_timeout
        self._slots = threading.BoundedSemaphore(max_size)
        self._idle: list[Connection] = []
        self._lock = threading.Lock()
        self._closed = False

    @contextmanager
    def connection(self) -> Iterator[Connection]:
        """Borrow a connection for the duration of the `with` block."""
        if self._closed:
            raise StoreError("The feedback store is closed.")
        if not self._slots.acquire(timeout=self._wait_timeout):
            raise PoolExhausted(
                f"no database connection became free within {self._wait_timeout:.0f} s"
            )
        try:
            conn = self._take_idle() or self._connect()
            try:
                yield conn
            finally:
                self._give_back(conn)
        finally:
            self._slots.release()

    def discard_idle(self) -> None:
        """Close every idle connection, for when they are likely all dead (a server restart)."""
        with self._lock:
            idle, self._idle = self._idle, []
        for conn in idle:
            conn.close()

    def close(self) -> None:
        """Close idle connections now and any borrowed one when it comes back."""
        with self._lock:
            self._closed = True
            idle, self._idle = self._idle, []
        for conn in idle:
            conn.close()

    def _take_idle(self) -> Connection | None:
        with self._lock:
            return self._idle.pop() if self._idle else None

    def _give_back(self, conn: Connection) -> None:
        try:
            reusable = self._is_reusable(conn)
        except Exception:  # a connection that cannot even be inspected is not worth keeping
            reusable = False
        with self._lock:
            if reusable and not self._closed:
                self._idle.append(conn)
                return
        conn.close()
