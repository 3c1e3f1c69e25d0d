"""Fuzzing the HTML extraction: malformed, deeply nested and huge documents never crash it,
never take long, and whatever it returns keeps its own invariants."""

import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backend.extract import extract_html
from backend.sentences import quote_selector, split_sentences

TAGS = [
    "p",
    "div",
    "span",
    "a",
    "strong",
    "em",
    "li",
    "ul",
    "ol",
    "table",
    "tr",
    "td",
    "th",
    "h1",
    "h2",
    "nav",
    "header",
    "footer",
    "aside",
    "script",
    "style",
    "form",
    "article",
    "main",
    "section",
    "br",
    "img",
    "pre",
    "blockquote",
    "noscript",
    "template",
    "svg",
    "iframe",
]
ATTRS = [
    "",
    ' class="content"',
    ' id="main"',
    " hidden",
    ' style="display:none"',
    ' aria-hidden="true"',
    ' class="cookie-banner"',
    ' role="navigation"',
    ' class="share"',
    ' data-x="<p>"',
]
WORDS = st.sampled_from(
    [
        "Acupuncture",
        "cures",
        "pain.",
        "Dr.",
        "2.5",
        "mg",
        "e.g.",
        "&amp;",
        "&#x1F600;",
        "<",
        ">",
        "&",
        "\u00a0",
        "\u2019",
        "\ud7ff",
        "Book",
        "now!",
        "Is",
        "it",
        "safe?",
        "\n",
        "\t",
        "<!--",
        "-->",
        "<![CDATA[",
        "]]>",
        "</p>",
        "<p",
        '"',
        "'",
        "=",
        "\x00",
        "\x0c",
    ]
)


@st.composite
def markup(draw, depth=0):
    """Random tag soup: unclosed and stray tags, odd attributes, entities, control characters."""
    pieces = []
    for _ in range(draw(st.integers(0, 6))):
        kind = draw(st.integers(0, 4))
        if kind == 0:
            pieces.append(" ".join(draw(st.lists(WORDS, max_size=8))))
        elif kind <= 2 and depth < 6:
            tag = draw(st.sampled_from(TAGS))
            inner = draw(markup(depth + 1))
            close = draw(st.booleans())
            attr = draw(st.sampled_from(ATTRS))
            pieces.append(f"<{tag}{attr}>{inner}" + (f"</{tag}>" if close else ""))
        elif kind == 3:
            pieces.append(f"</{draw(st.sampled_from(TAGS))}>")
        else:
            pieces.append(draw(st.text(max_size=20)))
    return "".join(pieces)


def check_invariants(extracted):
    for block in extracted.blocks:
        assert extracted.text[block.start : block.end] == block.text
        assert block.text == block.text.strip() and block.text
    previous_end = 0
    for sentence in split_sentences(extracted):
        assert extracted.text[sentence.start : sentence.end] == sentence.text
        assert sentence.start >= previous_end
        previous_end = sentence.end
        quote = quote_selector(extracted.text, sentence.start, sentence.end)
        assert quote["prefix"] + quote["exact"] + quote["suffix"] in extracted.text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(markup(), st.sampled_from(["", "<!DOCTYPE html>", '<?xml version="1.0" encoding="utf-8"?>']))
def test_tag_soup_never_crashes(body, preamble):
    started = time.perf_counter()
    extracted = extract_html(f"{preamble}<html><body>{body}</body></html>")
    assert time.perf_counter() - started < 2.0
    check_invariants(extracted)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=2000))
def test_arbitrary_text_as_html_never_crashes(text):
    check_invariants(extract_html(text))


def test_deeply_nested_document_is_bounded():
    depth = 100_000
    html = "<html><body>" + "<div>" * depth + "<p>Deep inside, tai chi may improve balance.</p>"
    html += "</div>" * depth + "</body></html>"
    started = time.perf_counter()
    check_invariants(extract_html(html))
    assert time.perf_counter() - started < 10.0


def test_deeply_nested_inline_markup_is_bounded():
    depth = 50_000
    html = "<p>" + "<span>" * depth + "Yoga can ease back pain." + "</span>" * depth + "</p>"
    started = time.perf_counter()
    check_invariants(extract_html(html))
    assert time.perf_counter() - started < 10.0


def test_huge_document_is_bounded():
    paragraph = "<p>Some research suggests that magnesium may help with cramps, e.g. at night.</p>"
    html = "<html><body><article>" + paragraph * 40_000 + "</article></body></html>"  # ~3.3 MB
    started = time.perf_counter()
    extracted = extract_html(html)
    assert time.perf_counter() - started < 15.0
    assert extracted.blocks
    check_invariants(extracted)
