"""URL rules: what can be judged from the URL alone, before anything is resolved or fetched.

Also used for ``{url, html}`` bodies where nothing is fetched. http or https only; no
``user:pass@``; at most 2048 characters; no control characters; the port must be in
ALLOWED_PORTS (default 80 and 443) -> 422. With ALLOW_PRIVATE_NETWORKS a loopback host
(``localhost``, ``*.localhost``, ``127.x.x.x``, ``[::1]``) may use any port, so development
servers and tests on random ports work; every other host keeps the port rule.
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import urlsplit

import requests

from ..errors import ApiError
from .addresses import _names_this_machine, _unmapped

MAX_URL_CHARS = 2048
DEFAULT_PORTS = {"http": 80, "https": 443}

_CONTROL_CHARS = re.compile(r"[\x00-\x1f\x7f]")


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


def _refused(detail: str) -> ApiError:
    return ApiError(422, detail)
