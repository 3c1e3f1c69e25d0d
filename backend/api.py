"""HTTP only: validate JSON bodies, call the pipeline and the store, shape the responses."""

import time

from flask import Blueprint, current_app, g, jsonify, request

from storage import InvalidFeedback, StoreError

from . import pipeline
from .errors import ApiError
from .fetch import validate_url

bp = Blueprint("api", __name__, url_prefix="/api")

LABELS = ("none", "supported", "overstated", "unsupported")
MAX_URL_CHARS = 2048
ANY_PORT = range(1, 65536)


def _json_body() -> dict:
    """The request's JSON object, or a 415/400 that says what to send instead."""
    if not request.is_json:
        raise ApiError(415, "Send the body as JSON with Content-Type: application/json.")
    body = request.get_json(silent=True)
    if body is None:
        raise ApiError(400, "The body is not valid JSON.")
    if not isinstance(body, dict):
        raise ApiError(400, "The body must be a JSON object.")
    return body


def _optional_string(body: dict, field: str, limit: int) -> str | None:
    value = body.get(field)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ApiError(400, f"'{field}' must be a string.")
    if len(value) > limit:
        if field == "html":
            raise ApiError(413, f"'html' is too large; send at most {limit} characters.")
        raise ApiError(400, f"'{field}' is too long; at most {limit} characters.")
    return value


def _page_request(body: dict) -> pipeline.PageRequest:
    """Turn an annotate/extract body into one of the three page kinds."""
    config = current_app.config
    url = _optional_string(body, "url", MAX_URL_CHARS)
    html = _optional_string(body, "html", config["MAX_HTML_CHARS"])
    text = _optional_string(body, "text", config["MAX_TEXT_CHARS"])
    if html is not None and text is not None:
        raise ApiError(400, "Send either 'html' or 'text', not both.")
    if html is not None and not url:
        raise ApiError(400, "'html' needs the page's 'url' beside it.")
    if html is None and text is None and not url:
        raise ApiError(400, "Send 'url', 'url' with 'html', or 'text'.")
    if text is not None and not text.strip():
        raise ApiError(400, "'text' is empty.")
    if url is not None and not url.strip():
        raise ApiError(400, "'url' is empty.")
    if url is not None and (html is not None or text is not None):
        # Nothing is fetched here, so any port and address will do; the URL must still be a
        # plain http(s) address, because it is echoed back as every annotation's source.
        validate_url(url, allow_private=True, allowed_ports=ANY_PORT)
    return pipeline.PageRequest(url=url, html=html, text=text)


@bp.get("/health")
def health():
    holder = current_app.extensions["claimlens.model"]
    return jsonify(status="ok", model_version=holder.version, ready=holder.ready)


@bp.get("/ready")
def ready():
    holder = current_app.extensions["claimlens.model"]
    if not holder.ready:
        raise ApiError(503, "The model is still loading; try again in a few seconds.")
    return jsonify(status="ready", model_version=holder.version)


@bp.get("/model")
def model_info():
    return jsonify(current_app.extensions["claimlens.model"].info())


@bp.post("/annotate")
def annotate():
    page = _page_request(_json_body())
    result = pipeline.annotate(page, current_app.extensions["claimlens.pipeline"])
    g.model_version = result.get("model_version")
    return jsonify(result)


@bp.post("/extract")
def extract():
    page = _page_request(_json_body())
    return jsonify(pipeline.extract(page, current_app.extensions["claimlens.pipeline"]))


@bp.post("/classify")
def classify():
    body = _json_body()
    sentences = body.get("sentences")
    limit = current_app.config["MAX_CLASSIFY_SENTENCES"]
    if not isinstance(sentences, list) or not all(isinstance(s, str) for s in sentences):
        raise ApiError(400, "'sentences' must be a list of strings.")
    if len(sentences) > limit:
        raise ApiError(413, f"Send at most {limit} sentences per request.")
    if any(len(s) > 5000 for s in sentences):
        raise ApiError(400, "Each sentence must be at most 5000 characters.")
    holder = current_app.extensions["claimlens.model"]
    version, results = holder.classify(sentences)
    g.model_version = version
    return jsonify(model_version=version, results=results)


@bp.post("/feedback")
def feedback():
    body = _json_body()
    sentence = _optional_string(body, "sentence", 2000)
    if not sentence or not sentence.strip():
        raise ApiError(400, "'sentence' is required (1 to 2000 characters).")
    label = body.get("label")
    if label not in LABELS:
        raise ApiError(400, f"'label' must be one of {', '.join(LABELS)}.")
    predicted = body.get("predicted")
    if predicted is not None and predicted not in LABELS:
        raise ApiError(400, f"'predicted' must be one of {', '.join(LABELS)}.")
    url = _optional_string(body, "url", MAX_URL_CHARS)
    comment = _optional_string(body, "comment", 2000)
    store = current_app.extensions["claimlens.store"]
    try:
        feedback_id = store.add_feedback(
            sentence=sentence.strip(),
            label=label,
            predicted=predicted,
            url=url,
            comment=comment,
            model_version=_optional_string(body, "model_version", 100),
            received_at=time.time(),
        )
    except InvalidFeedback as error:
        raise ApiError(400, str(error)) from error
    except StoreError as error:
        current_app.logger.error("feedback not stored: %s", error)
        raise ApiError(
            503,
            "Feedback cannot be stored right now; try again in a minute.",
            headers={"Retry-After": "30"},
        ) from error
    return jsonify(id=feedback_id), 201


@bp.get("/openapi.json")
def openapi_document():
    from .openapi import spec

    return jsonify(spec())
