"""The HTTP contract of ../shared/API.md: shapes, statuses and problem+json errors."""

import pytest

from backend import create_app

PROMO = (
    "Book your first session today and save 20%. "
    "Cupping therapy has been proven to cure chronic back pain in every patient. "
    "The session lasts about 45 minutes. "
    "Cupping releases toxins and restores the flow of vital energy through your body."
)


def assert_problem(response, status):
    assert response.status_code == status
    assert response.mimetype == "application/problem+json"
    body = response.get_json(force=True)
    assert set(body) >= {"type", "title", "status", "detail"}
    assert body["status"] == status
    assert body["detail"] and "Traceback" not in body["detail"]
    return body


# -- errors -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "status", "words"),
    [
        ({"data": "url=x", "content_type": "application/x-www-form-urlencoded"}, 415, "JSON"),
        ({"data": "{not json", "content_type": "application/json"}, 400, "not valid JSON"),
        ({"json": ["a", "list"]}, 400, "JSON object"),
        ({"json": {}}, 400, "Send 'url'"),
        ({"json": {"text": 42}}, 400, "'text' must be a string"),
        ({"json": {"text": "   "}}, 400, "empty"),
        ({"json": {"html": "<p>x</p>"}}, 400, "needs the page's 'url'"),
        ({"json": {"url": "https://a.example", "html": "<p>x</p>", "text": "x"}}, 400, "not both"),
        ({"json": {"url": "ftp://example.com/x"}}, 422, "http"),
    ],
)
def test_annotate_rejects_bad_bodies_with_problem_json(client, kwargs, status, words):
    body = assert_problem(client.post("/api/annotate", **kwargs), status)
    assert words.lower() in body["detail"].lower()


def test_body_over_the_cap_is_413(app_config, model_holder):
    app = create_app(dict(app_config, MAX_CONTENT_LENGTH=1000), model_holder=model_holder)
    response = app.test_client().post("/api/annotate", json={"text": "x" * 5000})
    assert_problem(response, 413)


def test_posted_html_over_the_cap_is_413(app_config, model_holder):
    app = create_app(dict(app_config, MAX_HTML_CHARS=100), model_holder=model_holder)
    response = app.test_client().post(
        "/api/annotate", json={"url": "https://a.example/", "html": "<p>" + "x" * 200}
    )
    assert_problem(response, 413)


def test_unknown_path_and_wrong_method_are_problem_json(client):
    assert_problem(client.get("/api/nope"), 404)
    response = client.get("/api/annotate")
    assert_problem(response, 405)
    assert "POST" in response.headers["Allow"]


def test_loopback_url_is_refused_without_the_private_network_switch(app_config, model_holder):
    app = create_app(dict(app_config, ALLOW_PRIVATE_NETWORKS=False), model_holder=model_holder)
    for url in ("http://127.0.0.1/", "http://2130706433/", "http://[::1]/"):
        body = assert_problem(app.test_client().post("/api/annotate", json={"url": url}), 422)
        assert body["detail"]


# -- annotate ---------------------------------------------------------------------------------


def test_annotate_text_follows_the_contract(client):
    response = client.post("/api/annotate", json={"text": PROMO})
    assert response.status_code == 200
    body = response.get_json()
    assert set(body) >= {"url", "model_version", "summary", "annotations"}
    assert body["model_version"]
    labels = [a["label"] for a in body["annotations"]]
    assert "none" not in labels
    assert body["summary"]["claims"] == len(labels)
    for label in ("supported", "overstated", "unsupported"):
        assert body["summary"][label] == labels.count(label)
    # the two claims are annotated; the call to action and the procedure line are not
    sentences = [a["sentence"] for a in body["annotations"]]
    assert any("cure chronic back pain" in s for s in sentences)
    assert any("toxins" in s for s in sentences)
    assert not any("Book your first session" in s for s in sentences)
    for annotation in body["annotations"]:
        quote, position = annotation["target"]["selector"]
        assert quote["type"] == "TextQuoteSelector"
        assert position["type"] == "TextPositionSelector"
        assert quote["exact"] == annotation["sentence"]
        assert quote["exact"] in PROMO
        assert len(quote["prefix"]) <= 32 and len(quote["suffix"]) <= 32
        assert 0 <= annotation["confidence"] <= 1
        assert annotation["explanation"]["summary"]
        assert annotation["id"].startswith("a")


def test_annotate_html_with_url_does_not_fetch(client):
    html = (
        "<html><head><title>Cupping</title></head><body><nav>Home About Contact</nav>"
        f"<article><p>{PROMO}</p></article><footer>Copyright 2026</footer></body></html>"
    )
    # the host does not resolve: any fetch would fail, so a 200 shows nothing was fetched
    response = client.post(
        "/api/annotate", json={"url": "https://clinic.invalid/cupping", "html": html}
    )
    assert response.status_code == 200
    body = response.get_json()
    assert body["url"] == "https://clinic.invalid/cupping"
    assert body["annotations"]
    assert all(
        a["target"]["source"] == "https://clinic.invalid/cupping" for a in body["annotations"]
    )


def test_same_content_is_classified_once(client, model_holder, monkeypatch):
    calls = []
    original = model_holder.classify

    def counting(sentences):
        calls.append(len(sentences))
        return original(sentences)

    monkeypatch.setattr(model_holder, "classify", counting)
    first = client.post("/api/annotate", json={"text": PROMO}).get_json()
    second = client.post("/api/annotate", json={"text": PROMO}).get_json()
    assert first["annotations"] == second["annotations"]
    assert len(calls) == 1
    client.post("/api/annotate", json={"text": PROMO + " Call us now."})
    assert len(calls) == 2


# -- extract, classify, feedback, model ------------------------------------------------------------


def test_extract_returns_blocks_with_offsets(client):
    response = client.post("/api/extract", json={"text": "First line.\n\nSecond line here."})
    body = response.get_json()
    assert response.status_code == 200
    for block in body["blocks"]:
        assert body["text"][block["start"] : block["end"]] == block["text"]


def test_classify_answers_one_result_per_sentence_in_order(client):
    sentences = ["Opening hours: Monday to Friday, 9am to 5pm.", PROMO.split(". ")[1]]
    body = client.post("/api/classify", json={"sentences": sentences}).get_json()
    assert len(body["results"]) == 2
    assert body["results"][0]["label"] == "none"
    assert body["results"][1]["label"] != "none"
    assert client.post("/api/classify", json={"sentences": []}).get_json()["results"] == []


@pytest.mark.parametrize(
    "payload",
    [{"sentences": "one"}, {"sentences": [1, 2]}, {"sentences": ["x" * 6000]}, {}],
)
def test_classify_rejects_bad_input(client, payload):
    assert_problem(client.post("/api/classify", json=payload), 400)


def test_classify_caps_the_batch(app_config, model_holder):
    app = create_app(dict(app_config, MAX_CLASSIFY_SENTENCES=3), model_holder=model_holder)
    response = app.test_client().post("/api/classify", json={"sentences": ["a"] * 4})
    assert_problem(response, 413)


def test_feedback_is_stored_and_validated(client):
    ok = client.post(
        "/api/feedback",
        json={
            "url": "https://a.example/",
            "sentence": "Cupping cures back pain.",
            "label": "unsupported",
            "predicted": "overstated",
        },
    )
    assert ok.status_code == 201
    assert isinstance(ok.get_json()["id"], int)
    assert_problem(client.post("/api/feedback", json={"sentence": "x", "label": "great"}), 400)
    assert_problem(client.post("/api/feedback", json={"label": "none"}), 400)
    assert_problem(
        client.post("/api/feedback", json={"sentence": "x" * 2001, "label": "none"}), 400
    )


def test_health_model_and_openapi(client, model_holder):
    health = client.get("/api/health").get_json()
    assert health["status"] == "ok" and health["model_version"] == model_holder.version
    assert client.get("/api/ready").status_code == 200
    info = client.get("/api/model").get_json()
    assert info["version"] == model_holder.version
    assert info["trained_at"] and info["data_fingerprint"]
    assert "metrics" in info
    spec = client.get("/api/openapi.json").get_json()
    assert set(spec["paths"]) >= {
        "/api/annotate",
        "/api/extract",
        "/api/classify",
        "/api/feedback",
        "/api/model",
        "/api/health",
    }


def test_cors_allows_the_extension_origin_only(client):
    allowed = client.options(
        "/api/annotate",
        headers={
            "Origin": "chrome-extension://abcdefghijklmnop",
            "Access-Control-Request-Method": "POST",
        },
    )
    assert (
        allowed.headers.get("Access-Control-Allow-Origin") == "chrome-extension://abcdefghijklmnop"
    )
    other = client.options(
        "/api/annotate",
        headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"},
    )
    assert "Access-Control-Allow-Origin" not in other.headers


def test_a_page_classifies_at_most_the_sentence_cap(app_config, model_holder, monkeypatch):
    app = create_app(dict(app_config, MAX_SENTENCES_PER_PAGE=50), model_holder=model_holder)
    seen = []
    original = model_holder.classify
    monkeypatch.setattr(model_holder, "classify", lambda s: seen.append(len(s)) or original(s))
    text = " ".join(f"Claim number {n} says cupping cures pain." for n in range(300))
    body = app.test_client().post("/api/annotate", json={"text": text}).get_json()
    assert seen == [50]
    assert body["sentences"] == 50


def test_a_page_over_its_time_budget_is_504(app_config, model_holder):
    app = create_app(dict(app_config, PAGE_DEADLINE=0.0), model_holder=model_holder)
    response = app.test_client().post("/api/annotate", json={"text": PROMO})
    body = assert_problem(response, 504)
    assert "too long" in body["detail"]
