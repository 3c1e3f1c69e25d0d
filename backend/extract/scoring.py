"""Readability-style container scores: which elements hold the article's paragraphs."""

from __future__ import annotations

import re

from .walk import _BLOCK_KIND, _Walk

_POSITIVE = re.compile(
    r"article|body|content|entry|hentry|h-entry|main|page|pagination|post|text|blog|story"
)
_NEGATIVE = re.compile(
    r"-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|foot|footer|footnote"
    r"|gdpr|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper"
    r"|sponsor|shopping|tags|tool|widget"
)
_TAG_SCORE = {
    "div": 5,
    "article": 5,
    "main": 5,
    "section": 3,
    "pre": 3,
    "td": 3,
    "blockquote": 3,
    "address": -3,
    "ol": -3,
    "ul": -3,
    "dl": -3,
    "dd": -3,
    "dt": -3,
    "li": -3,
    "form": -3,
    "h1": -5,
    "h2": -5,
    "h3": -5,
    "h4": -5,
    "h5": -5,
    "h6": -5,
    "th": -5,
}
_SCORED_KINDS = frozenset(["p", "pre", "td", "blockquote", "li", "dd"])


def _class_weight(element) -> int:
    """+25 / -25 for a class or id that names content / chrome."""
    weight = 0
    for name in (element.get("class"), element.get("id")):
        if name:
            name = name.lower()
            if _NEGATIVE.search(name):
                weight -= 25
            if _POSITIVE.search(name):
                weight += 25
    return weight


def _link_density(element, walk: _Walk) -> float:
    """The share of an element's text that is link text."""
    text = walk.text_chars.get(element, 0)
    return walk.link_chars.get(element, 0) / text if text else 0.0


def _score_candidates(walk: _Walk) -> dict:
    """Readability's content score: each paragraph's points go to its nearest ancestors."""
    scores: dict = {}
    for block in walk.blocks:
        length = len(block.text)
        if block.kind not in _SCORED_KINDS or length < 25:
            continue
        if block.link_chars * 2 > length:
            continue
        points = 1 + block.text.count(",") + min(length // 100, 3)
        # Text run straight inside a div is a paragraph of that div (readability wraps such
        # runs in a <p>); a real paragraph element gives its points to its parent.
        container = block.container
        ancestor = container if container.tag not in _BLOCK_KIND else container.getparent()
        for level in range(5):
            if ancestor is None or not isinstance(ancestor.tag, str):
                break
            if ancestor not in scores:
                scores[ancestor] = _TAG_SCORE.get(ancestor.tag, 0) + _class_weight(ancestor)
            divider = 1 if level == 0 else 2 if level == 1 else level * 3
            scores[ancestor] += points / divider
            ancestor = ancestor.getparent()
    return scores
