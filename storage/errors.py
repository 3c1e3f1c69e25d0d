"""Errors of the storage layer that callers may want to tell apart (a service maps them to 503)."""


class StoreError(RuntimeError):
    """The database cannot be used as asked: unreachable, failing, closed, or a newer schema."""


class PoolExhausted(StoreError):
    """No database connection became free within the wait limit."""
