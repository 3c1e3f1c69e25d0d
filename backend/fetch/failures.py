"""Turning what went wrong during a fetch into the status and sentence the client sees.

Too slow -> 504; unreachable, broken or redirecting too often -> 502; refused (address, URL,
size, type) -> 422, naming the redirect target when it was not the URL the client sent.
"""

from __future__ import annotations

import requests
import urllib3.exceptions
from requests_hardened.ip_filter import InvalidIPAddress

from ..errors import ApiError
from .addresses import HostNotFound, RefusedAddress
from .deadline import _Deadline
from .urls import _refused


def _too_slow(seconds: float) -> ApiError:
    return ApiError(
        504,
        f"The page did not finish downloading within {seconds:g} seconds; "
        "try again later or send the page's HTML instead.",
    )


def _explain(error: Exception, deadline: _Deadline, connect_timeout: float) -> ApiError:
    """Turn a failure of requests or urllib3 into the status and sentence for the client."""
    if deadline.expired or isinstance(
        error, requests.ReadTimeout | urllib3.exceptions.ReadTimeoutError
    ):
        return _too_slow(deadline.seconds)
    if isinstance(error, requests.ConnectTimeout):
        return ApiError(
            504,
            f"The server did not accept a connection within {connect_timeout:g} "
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
        return ApiError(502, "The server sent a broken response; try again later or send the HTML.")
    raise error


def _after_redirect(error: ApiError, visited: list[str]) -> ApiError:
    """Say so when it was a redirect target, not the URL the client sent, that was refused."""
    if error.status != 422 or len(visited) < 2:
        return error
    target = visited[-1] if len(visited[-1]) <= 200 else visited[-1][:200] + "..."
    return ApiError(422, f"The page redirects to {target}, which is refused: {error.detail}")
