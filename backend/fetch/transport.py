"""The requests session one fetch runs on: hardened adapters, no proxies, no shared state.

Address checks build on requests-hardened's ``IPFilterAdapter``, which resolves the host,
checks the first address and pins the connection to it (no DNS-rebinding window). It checks
only that first address and misses IPv4-compatible (``::127.0.0.1``) and site-local addresses,
so we check every resolved address before it and its pinned address again after it.
Proxies and .netrc from the environment are ignored: a proxy would make the address check look
at the proxy instead of the page's host.
"""

from __future__ import annotations

import requests
from requests.adapters import HTTPAdapter
from requests_hardened import Config, HTTPSession
from requests_hardened.ip_filter_adapter import IPFilterAdapter

from .addresses import _check_address, check_host
from .deadline import _WatchedPoolsMixin

USER_AGENT = "ClaimLens/0.1 (+https://github.com/claimlens)"
ACCEPT = "text/html, application/xhtml+xml;q=0.9, text/plain;q=0.5"


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


def _new_session(
    *,
    connect_timeout: float,
    deadline: float,
    allow_private: bool,
    allow_loopback: bool,
    ca_certs: str | None,
) -> requests.Session:
    """A new session for one fetch, with the address-checking adapters mounted.

    A new session per fetch: no cookies or pooled connections shared between users.
    """
    session = HTTPSession(
        Config(
            ip_filter_enable=False,  # our adapters below carry the filter
            ip_filter_allow_loopback_ips=allow_loopback,
            never_redirect=True,
            default_timeout=(connect_timeout, deadline),
            user_agent_override=USER_AGENT,
        )
    )
    session.trust_env = False
    if ca_certs:
        session.verify = ca_certs
    session.headers.update({"Accept": ACCEPT, "Accept-Encoding": "gzip, deflate"})
    for prefix, https in (("http://", False), ("https://", True)):
        if allow_private:
            session.mount(prefix, _WatchedAdapter())
        else:
            session.mount(prefix, _GuardedAdapter(https=https, allow_loopback=allow_loopback))
    return session
