"""The OpenAPI 3.0 description of the API, served at /api/openapi.json (schemathesis reads it)."""

LABEL = {"type": "string", "enum": ["none", "supported", "overstated", "unsupported"]}
CLAIM_LABEL = {"type": "string", "enum": ["supported", "overstated", "unsupported"]}

PROBLEM = {
    "type": "object",
    "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
    },
}

EXPLANATION = {
    "type": "object",
    "required": ["summary", "cues"],
    "properties": {
        "summary": {"type": "string"},
        "cues": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["text", "pushes"],
                "properties": {"text": {"type": "string"}, "pushes": LABEL},
            },
        },
        "evidence": {
            "type": "object",
            "required": ["intervention", "condition", "grade", "source"],
            "properties": {
                "intervention": {"type": "string"},
                "condition": {"type": "string"},
                "grade": {"type": "string"},
                "source": {"type": "string"},
            },
        },
    },
}

NOT_BLANK = "\\S"

PAGE_BODY = {
    "type": "object",
    "properties": {
        "url": {
            "type": "string",
            "nullable": True,
            "minLength": 1,
            "maxLength": 2048,
            "pattern": NOT_BLANK,
        },
        "html": {"type": "string", "nullable": True},
        "text": {"type": "string", "nullable": True, "minLength": 1, "pattern": NOT_BLANK},
    },
    "anyOf": [{"required": ["url"]}, {"required": ["text"]}],
}

ANNOTATION = {
    "type": "object",
    "required": ["id", "label", "confidence", "sentence", "target", "explanation"],
    "properties": {
        "id": {"type": "string"},
        "label": CLAIM_LABEL,
        "confidence": {"type": "number", "minimum": 0, "maximum": 1},
        "sentence": {"type": "string"},
        "model_version": {"type": "string"},
        "target": {
            "type": "object",
            "required": ["selector"],
            "properties": {
                "source": {"type": "string", "nullable": True},
                "selector": {
                    "type": "array",
                    "minItems": 2,
                    "items": {
                        "type": "object",
                        "required": ["type"],
                        "properties": {
                            "type": {
                                "type": "string",
                                "enum": ["TextQuoteSelector", "TextPositionSelector"],
                            },
                            "exact": {"type": "string"},
                            "prefix": {"type": "string"},
                            "suffix": {"type": "string"},
                            "start": {"type": "integer", "minimum": 0},
                            "end": {"type": "integer", "minimum": 0},
                        },
                    },
                },
            },
        },
        "explanation": EXPLANATION,
    },
}

SUMMARY = {
    "type": "object",
    "required": ["claims", "supported", "overstated", "unsupported"],
    "properties": {
        k: {"type": "integer", "minimum": 0}
        for k in ("claims", "supported", "overstated", "unsupported")
    },
}


def _json(schema: dict) -> dict:
    return {"application/json": {"schema": schema}}


def _errors(*codes: int) -> dict:
    return {
        str(code): {
            "description": "problem",
            "content": {"application/problem+json": {"schema": PROBLEM}},
        }
        for code in codes
    }


def _post(summary: str, body: dict, ok_code: str, ok: dict, *errors: int) -> dict:
    return {
        "post": {
            "summary": summary,
            "requestBody": {"required": True, "content": _json(body)},
            "responses": {ok_code: {"description": "ok", "content": _json(ok)}}
            | _errors(400, 413, 415, 429, *errors),
        }
    }


def spec() -> dict:
    annotate_ok = {
        "type": "object",
        "required": ["url", "model_version", "summary", "annotations"],
        "properties": {
            "url": {"type": "string", "nullable": True},
            "title": {"type": "string", "nullable": True},
            "model_version": {"type": "string"},
            "summary": SUMMARY,
            "annotations": {"type": "array", "items": ANNOTATION},
        },
    }
    extract_ok = {
        "type": "object",
        "required": ["url", "title", "text", "blocks"],
        "properties": {
            "url": {"type": "string", "nullable": True},
            "title": {"type": "string", "nullable": True},
            "text": {"type": "string"},
            "blocks": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["text", "start", "end"],
                    "properties": {
                        "text": {"type": "string"},
                        "start": {"type": "integer"},
                        "end": {"type": "integer"},
                    },
                },
            },
        },
    }
    classify_body = {
        "type": "object",
        "required": ["sentences"],
        "properties": {"sentences": {"type": "array", "items": {"type": "string"}}},
    }
    classify_ok = {
        "type": "object",
        "required": ["model_version", "results"],
        "properties": {
            "model_version": {"type": "string"},
            "results": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["label", "confidence", "explanation"],
                    "properties": {
                        "label": LABEL,
                        "confidence": {"type": "number", "minimum": 0, "maximum": 1},
                        "explanation": EXPLANATION,
                    },
                },
            },
        },
    }
    feedback_body = {
        "type": "object",
        "required": ["sentence", "label"],
        "properties": {
            "url": {"type": "string", "nullable": True, "maxLength": 2048},
            "sentence": {
                "type": "string",
                "minLength": 1,
                "maxLength": 2000,
                "pattern": NOT_BLANK,
            },
            "label": LABEL,
            "predicted": {"type": "string", "nullable": True, "enum": [*LABEL["enum"], None]},
            "comment": {"type": "string", "nullable": True, "maxLength": 2000},
            "model_version": {"type": "string", "nullable": True, "maxLength": 100},
        },
    }
    feedback_ok = {
        "type": "object",
        "required": ["id"],
        "properties": {"id": {"type": "integer"}},
    }
    health_ok = {
        "type": "object",
        "required": ["status", "model_version"],
        "properties": {
            "status": {"type": "string"},
            "model_version": {"type": "string", "nullable": True, "maxLength": 100},
            "ready": {"type": "boolean"},
        },
    }
    model_ok = {
        "type": "object",
        "required": ["version"],
        "properties": {
            "version": {"type": "string", "nullable": True},
            "trained_at": {"type": "string", "nullable": True},
            "data_fingerprint": {"type": "string", "nullable": True},
            "metrics": {"type": "object"},
            "ready": {"type": "boolean"},
        },
    }
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "ClaimLens API",
            "version": "1.0.0",
            "description": "Finds health claims on a page and rates them against the evidence.",
        },
        "paths": {
            "/api/health": {
                "get": {
                    "summary": "Liveness",
                    "responses": {"200": {"description": "ok", "content": _json(health_ok)}},
                }
            },
            "/api/ready": {
                "get": {
                    "summary": "Readiness: 200 once the model is loaded",
                    "responses": {"200": {"description": "ready", "content": _json(health_ok)}}
                    | _errors(503),
                }
            },
            "/api/model": {
                "get": {
                    "summary": "The model in service",
                    "responses": {"200": {"description": "ok", "content": _json(model_ok)}}
                    | _errors(429),
                }
            },
            "/api/annotate": _post(
                "Annotate the health claims of a page",
                PAGE_BODY,
                "200",
                annotate_ok,
                422,
                502,
                504,
            ),
            "/api/extract": _post(
                "The main content as the pipeline reads it",
                PAGE_BODY,
                "200",
                extract_ok,
                422,
                502,
                504,
            ),
            "/api/classify": _post("Classify sentences", classify_body, "200", classify_ok),
            "/api/feedback": _post(
                "Correct or confirm a verdict", feedback_body, "201", feedback_ok
            ),
        },
    }
