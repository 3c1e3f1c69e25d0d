"""annotate(page) = fetch (if needed) -> extract -> sentences -> classify -> annotations."""

from __future__ import annotations

import time
from dataclasses import dataclass

from . import extract as extraction
from . import sentences as splitting
from .errors import ApiError


@dataclass(frozen=True)
class PageRequest:
    """One of: a URL to download, a URL with the page's HTML, or plain text."""

    url: str | None = None
    html: str | None = None
    text: str | None = None


@dataclass
class Services:
    """What the pipeline needs from the app: settings, the page fetcher, the model, a cache."""

    config: dict
    fetcher: object  # callable(url) -> backend.fetch.FetchedPage
    model: object  # backend.classifier.ModelHolder
    cache: object | None = None  # backend.cache.AnnotationCache


def _read_page(page: PageRequest, services: Services) -> tuple[str | None, extraction.Extracted]:
    if page.text is not None:
        return page.url, extraction.extract_text(page.text)
    if page.html is not None:
        return page.url, extraction.extract_html(page.html, url=page.url)
    fetched = services.fetcher(page.url)
    return fetched.url, extraction.extract_html(fetched.html, url=fetched.url)


def extract(page: PageRequest, services: Services) -> dict:
    url, extracted = _read_page(page, services)
    return {
        "url": url,
        "title": extracted.title,
        "text": extracted.text,
        "blocks": [{"text": b.text, "start": b.start, "end": b.end} for b in extracted.blocks],
    }


def annotate(page: PageRequest, services: Services) -> dict:
    started = time.monotonic()
    deadline = started + services.config["PAGE_DEADLINE"]
    url, extracted = _read_page(page, services)
    _check_deadline(deadline)

    cache = services.cache
    model = services.model
    key = cache.key(extracted.text, model.version) if cache is not None else None
    cached = cache.get(key) if cache is not None else None
    if cached is not None:
        return _with_source(cached, url)

    found = splitting.split_sentences(extracted)
    found = found[: services.config["MAX_SENTENCES_PER_PAGE"]]
    _check_deadline(deadline)
    version, results = model.classify([s.text for s in found])
    _check_deadline(deadline)

    annotations = []
    summary = {"claims": 0, "supported": 0, "overstated": 0, "unsupported": 0}
    for sentence, result in zip(found, results, strict=True):
        label = result["label"]
        if label == "none":
            continue
        summary["claims"] += 1
        summary[label] += 1
        annotations.append(
            {
                "id": f"a{len(annotations) + 1}",
                "label": label,
                "confidence": result["confidence"],
                "sentence": sentence.text,
                "model_version": version,
                "target": {
                    "source": None,
                    "selector": [
                        splitting.quote_selector(extracted.text, sentence.start, sentence.end),
                        {
                            "type": "TextPositionSelector",
                            "start": sentence.start,
                            "end": sentence.end,
                        },
                    ],
                },
                "explanation": result["explanation"],
            }
        )
    answer = {
        "url": None,
        "title": extracted.title,
        "model_version": version,
        "summary": summary,
        "sentences": len(found),
        "annotations": annotations,
    }
    if cache is not None:
        # Filed under the version that classified it: the model may have been swapped since
        # the lookup above.
        cache.put(cache.key(extracted.text, version), answer)
    return _with_source(answer, url)


def _with_source(answer: dict, url: str | None) -> dict:
    """The cache holds answers by content; the page's URL is filled in per request."""
    result = dict(answer, url=url)
    result["annotations"] = [
        dict(a, target=dict(a["target"], source=url)) for a in answer["annotations"]
    ]
    return result


def _check_deadline(deadline: float) -> None:
    if time.monotonic() > deadline:
        raise ApiError(504, "The page took too long to process; try a smaller page.")
