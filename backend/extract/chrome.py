"""What is hidden or site chrome, and removing it from the parsed body in place."""

from __future__ import annotations

import re

from lxml import etree

from .walk import _BLOCK_TAGS

# Never part of what a reader sees as the article, whatever they contain.
_ALWAYS_DROP_TAGS = frozenset(
    "script style noscript template svg math iframe object embed canvas select textarea input"
    " button dialog link meta option optgroup datalist".split()
)
# Single-tag searches use iter(), which is C-level and needs no sorting; XPath unions sort their
# result into document order, which cost more than the rest of chrome removal together.
_HIDDEN_OR_STYLED = etree.XPath(".//*[@hidden or @aria-hidden or @style or @data-claimlens-hidden]")
# Site chrome by tag or landmark role (measured: no guard needed on the benchmark pages).
_CHROME_TAGS = ("nav", "aside", "header", "footer", "menu")
_CHROME_ROLES = frozenset(
    "navigation banner contentinfo complementary search dialog alertdialog".split()
)
_WITH_ROLE = etree.XPath(".//*[@role]")
_COMMENTS = etree.XPath(".//comment() | .//processing-instruction()")
_IN_PAGE_LINKS = etree.XPath(".//a[starts-with(@href, '#')]")
_FORMS = etree.XPath(".//form")
_NAMED = etree.XPath(".//*[@class or @id]")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden")
_BLOCK_STYLE = re.compile(r"display\s*:\s*(?:block|flex|grid|table|list-item|flow-root)")
# Chrome by class or id, and forms: dropped unless they hold most of the page's paragraphs, as
# pages wrapped in an ASP.NET <form> or a div with class "content-sidebar-wrap" do. Names are
# lower-cased first: a case-insensitive regex is several times slower here.
_CHROME_NAME = re.compile(
    r"-ad-|\bads?\b|advert|banner|breadcrumb|combx|comment|community|consent|cookie|disqus"
    r"|extra|footer|gdpr|header|masthead|menu|navbar|newsletter|outbrain|pagination|pager|popup"
    r"|promo|related|remark|replies|rss|share|sharing|shoutbox|sidebar|skip|skyscraper|social"
    r"|sponsor|subscribe|supplemental|taboola|trending|modal|signup|sign-up|agegate"
    # Photo captions and credits, bylines and datelines: +0.009 F1 measured on the benchmark.
    r"|caption|credit|byline|author|timestamp|dateline"
    # Reference lists: cited titles read like claims but are not the page's own (F1 unchanged).
    r"|references|bibliograph"
)
_MAYBE_CONTENT = re.compile(r"and|article|body|column|content|main|shadow")
# Utility classes that hide an element from sight (the stylesheet is not read).
_HIDING_CLASSES = frozenset(
    "hidden d-none hide is-hidden invisible sr-only visually-hidden visuallyhidden"
    " screen-reader-text screen-reader-only element-invisible offscreen u-hidden".split()
)
_SKIP_LINK = re.compile(r"^\s*skip\b", re.I)
_PROTECTED_TAGS = frozenset(["html", "body", "main", "article", "a", "p", "td", "li"])


def _remove_chrome(body) -> set:
    """Drop chrome subtrees in place; the tail text after each dropped element stays.

    What the browser does not show (hidden attribute, inline display:none, scripts, buttons)
    simply goes, so the text around it joins as it does on screen. Chrome that is on screen
    (landmarks, chrome found by name) is cut out with a block break in its place, so no two
    pieces of text are glued together that the page shows apart.

    Returns the elements that an inline style displays as blocks, which the walk must treat as
    block boundaries as the browser does.
    """
    block_styled = set()
    for node in _COMMENTS(body):
        _drop(node)
    for element in list(body.iter(*_ALWAYS_DROP_TAGS)):
        _drop(element)
    for element in _HIDDEN_OR_STYLED(body):
        # data-claimlens-hidden: a client that posts the page's HTML may mark the elements its
        # stylesheets hide (computed display:none), which the markup alone cannot tell.
        if element.get("hidden") is not None or element.get("data-claimlens-hidden") is not None:
            _drop(element)
        elif element.get("aria-hidden") == "true":
            # Still on screen: a decorative panel goes, a footnote mark inside a sentence stays.
            if element.tag in _BLOCK_TAGS:
                _cut(element)
        else:
            style = element.get("style", "").lower()
            if _HIDDEN_STYLE.search(style):
                _drop(element)
            elif _BLOCK_STYLE.search(style):
                block_styled.add(element)
    for element in _IN_PAGE_LINKS(body):
        if _SKIP_LINK.match(element.text_content()):
            _cut(element)
    for element in list(body.iter(*_CHROME_TAGS)):
        _cut(element)
    for element in _WITH_ROLE(body):
        if element.get("role", "").strip().lower() in _CHROME_ROLES:
            _cut(element)

    # Chrome by name, and forms, may be wrappers around the whole page: those are kept.
    paragraphs = _COUNT_PARAGRAPHS(body)
    text_total = _COUNT_TEXTS(body)
    candidates = _FORMS(body)
    for element in _NAMED(body):
        if element.tag in _PROTECTED_TAGS:
            continue
        classes = element.get("class", "").lower()
        name = f"{classes} {element.get('id', '').lower()}"
        if _CHROME_NAME.search(name) and not _MAYBE_CONTENT.search(name):
            candidates.append(element)
        elif classes and not _HIDING_CLASSES.isdisjoint(classes.split()):
            candidates.append(element)
    for element in candidates:
        if element is body or element.getparent() is None:
            continue
        if _holds_main_content(element, paragraphs, text_total):
            continue
        _cut(element)
    return block_styled


# Counting nodes in C, rather than building the text, keeps the guard cheap even for a page of
# 250 nested chrome-named wrappers around megabytes of text.
_COUNT_PARAGRAPHS = etree.XPath("count(.//p)")
_COUNT_TEXTS = etree.XPath("count(.//text())")


def _holds_main_content(element, paragraphs: float, texts: float) -> bool:
    """Whether an element holds most of the page: half its paragraphs, or 60% of its text."""
    if paragraphs >= 3 and _COUNT_PARAGRAPHS(element) * 2 >= paragraphs:
        return True
    return texts > 0 and _COUNT_TEXTS(element) * 10 >= texts * 6


def _drop(node) -> None:
    """Remove a node but keep its tail text where it was (lxml's drop_tree does just that)."""
    if node.getparent() is not None:
        node.drop_tree()


def _cut(element) -> None:
    """Remove an element that may be on screen, leaving a block break in its place: the text
    before and after it is displayed apart and must not be glued into one block."""
    parent = element.getparent()
    if parent is None:
        return
    marker = element.makeelement("hr")
    marker.tail = element.tail
    parent.replace(element, marker)
