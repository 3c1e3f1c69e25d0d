"""Locust users for the load test (bench/load_test.py starts the server and runs this)."""

import random
import uuid
from pathlib import Path

from locust import HttpUser, between, task

PAGES = [
    p.read_text(encoding="utf-8")
    for p in sorted(
        (Path(__file__).resolve().parent.parent / "tests/fixtures/pages").glob("*.html")
    )
]


class ExtensionUser(HttpUser):
    """A browser with the extension on: annotates pages it visits, now and then sends feedback."""

    wait_time = between(0.05, 0.2)

    @task(8)
    def annotate_page(self):
        html = random.choice(PAGES)
        if random.random() < 0.5:
            # a page changed since the last visit: the cache cannot answer it
            html = html.replace("</body>", f"<p>Visit note {uuid.uuid4()}.</p></body>")
        self.client.post(
            "/api/annotate",
            json={"url": "https://example.org/page", "html": html},
            name="/api/annotate",
        )

    @task(2)
    def classify(self):
        self.client.post(
            "/api/classify",
            json={"sentences": ["Acupuncture cures migraines for good.", "Call us today."]},
        )

    @task(1)
    def feedback(self):
        self.client.post(
            "/api/feedback",
            json={"sentence": f"Claim {random.randint(1, 50)}.", "label": "overstated"},
        )
