"""The one error type of the service and its RFC 9457 problem+json rendering."""

from flask import Response, json
from werkzeug.exceptions import HTTPException

PROBLEM_JSON = "application/problem+json"

_TYPES = {
    400: "bad-request",
    404: "not-found",
    405: "method-not-allowed",
    413: "payload-too-large",
    415: "unsupported-media-type",
    422: "refused",
    429: "rate-limited",
    500: "internal-error",
    502: "fetch-failed",
    503: "not-ready",
    504: "timeout",
}


class ApiError(Exception):
    """An error a client can act on: carries the HTTP status and a sentence for a person."""

    def __init__(self, status: int, detail: str, title: str | None = None, headers=None):
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.title = title or _default_title(status)
        self.headers = dict(headers or {})


def _default_title(status: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


def problem(status: int, title: str, detail: str, headers=None) -> Response:
    body = {
        "type": f"https://claimlens.example/problems/{_TYPES.get(status, 'error')}",
        "title": title,
        "status": status,
        "detail": detail,
    }
    response = Response(json.dumps(body), status=status, mimetype=PROBLEM_JSON)
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def init_app(app) -> None:
    """Render every error, ours and werkzeug's, as problem+json; never leak a traceback."""

    @app.errorhandler(ApiError)
    def _api_error(error: ApiError):
        return problem(error.status, error.title, error.detail, error.headers)

    @app.errorhandler(HTTPException)
    def _http_error(error: HTTPException):
        detail = error.description or error.name
        if error.code == 413:
            limit = app.config["MAX_CONTENT_LENGTH"]
            detail = f"The request body is too large; send at most {limit} bytes."
        headers = {}
        if error.code == 429:
            retry = getattr(error, "retry_after", None) or _retry_after(error)
            headers["Retry-After"] = str(retry)
            detail = "Too many requests from this client; wait and try again."
        if error.code == 405 and error.valid_methods:
            headers["Allow"] = ", ".join(error.valid_methods)
        return problem(error.code or 500, error.name, detail, headers)

    @app.errorhandler(Exception)
    def _unexpected(error: Exception):
        app.logger.exception("unhandled error")
        return problem(500, "Internal Server Error", "Something went wrong on our side.")


def _retry_after(error: HTTPException) -> int:
    response = error.get_response()
    value = response.headers.get("Retry-After")
    try:
        return max(1, int(value))
    except (TypeError, ValueError):
        return 60
