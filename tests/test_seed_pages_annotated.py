"""The seed fixture pages annotated end to end through the API, as the extension sends them."""

import json
from collections import Counter
from pathlib import Path

import pytest

from tests.fixtures.pages.visible_text import is_verbatim, visible_runs

PAGES = Path(__file__).parent / "fixtures" / "pages"
EXPECTATIONS = json.loads((PAGES / "expectations.json").read_text(encoding="utf-8"))
SEEDS = [f"seed_00{n}.html" for n in range(5)]


@pytest.fixture(scope="module")
def answers(trained_models_dir, model_holder, tmp_path_factory):
    from backend import create_app

    tmp = tmp_path_factory.mktemp("seeds")
    app = create_app(
        {
            "TESTING": True,
            "INSTANCE_DIR": str(tmp / "instance"),
            "MODELS_DIR": str(trained_models_dir),
            "DATABASE_URL": f"sqlite:///{tmp / 'f.sqlite3'}",
            "RATELIMIT_DEFAULT": "",
        },
        model_holder=model_holder,
    )
    client = app.test_client()
    found = {}
    for name in SEEDS:
        html = (PAGES / name).read_text(encoding="utf-8")
        response = client.post(
            "/api/annotate", json={"url": f"https://clinic.example/{name}", "html": html}
        )
        assert response.status_code == 200, response.get_json()
        found[name] = (html, response.get_json())
    return found


@pytest.mark.parametrize("name", SEEDS)
def test_every_quote_is_on_the_page_and_no_chrome_or_script_is_annotated(answers, name):
    html, answer = answers[name]
    runs = visible_runs(html)  # the page's visible text, computed apart from the extractor
    assert answer["annotations"]
    for annotation in answer["annotations"]:
        quote = annotation["target"]["selector"][0]
        assert is_verbatim(quote["exact"], runs), quote["exact"]
        for phrase in EXPECTATIONS[name]["chrome_phrases"]:
            assert phrase.lower() not in annotation["sentence"].lower(), (phrase, annotation)


def test_promotional_pages_get_many_claims(answers):
    for name in ("seed_001.html", "seed_002.html", "seed_003.html"):
        labels = Counter(a["label"] for a in answers[name][1]["annotations"])
        flagged = labels["overstated"] + labels["unsupported"]
        assert sum(labels.values()) >= 10, (name, labels)
        assert flagged >= 5, (name, labels)


def test_the_evidence_page_gets_mostly_supported_claims(answers):
    labels = Counter(a["label"] for a in answers["seed_000.html"][1]["annotations"])
    assert labels["supported"] > labels["overstated"] + labels["unsupported"], labels
    # and it is judged differently from the promotional pages
    promo = Counter(
        a["label"]
        for name in ("seed_001.html", "seed_002.html", "seed_003.html")
        for a in answers[name][1]["annotations"]
    )
    share = labels["supported"] / sum(labels.values())
    promo_share = promo["supported"] / sum(promo.values())
    assert share > promo_share + 0.2, (labels, promo)
