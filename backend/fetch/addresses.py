"""Address rules: which addresses a fetch may connect to, checked only when fetching.

Every address the host name resolves to must be public. Refused with 422: loopback, private,
link-local, unspecified, multicast, reserved, site-local, shared (100.64.0.0/10), cloud metadata
(169.254.169.254, fd00:ec2::254, 100.100.100.200), any IPv6 form that carries an IPv4 address
(IPv4-mapped forms are judged by the IPv4 address; NAT64, 6to4, Teredo and IPv4-compatible
ranges are refused whole), and names under ``localhost``.
ALLOW_PRIVATE_NETWORKS lifts only this address check; every other rule still applies.
"""

from __future__ import annotations

import ipaddress
import socket

import requests
from requests_hardened.ip_filter import EXTRA_BLOCKED_NET_RANGES, InvalidIPAddress

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


def _names_this_machine(host: str) -> bool:
    # RFC 6761: localhost and every name under it always mean this machine.
    name = host.lower().rstrip(".")
    return name == "localhost" or name.endswith(".localhost")


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
