"""Dropping link lines, figures and link-list widgets from the chosen containers."""

from __future__ import annotations

import re

from .scoring import _class_weight, _link_density
from .walk import _RawBlock, _Walk

_WORD = re.compile(r"\w")


def _is_link_line(block: _RawBlock) -> bool:
    """A paragraph that is nothing but a link (a byline, "read more", a related story), or
    that has no word at all (a bullet, a zero-width space)."""
    if not _WORD.search(block.text):
        return True
    return block.kind in ("p", "h") and block.link_chars * 10 >= len(block.text) * 8


_CLEANED_TAGS = ("table", "ul", "ol", "div", "section", "dl", "form", "fieldset")


def _conditionally_cleaned(roots: list, final: dict, walk: _Walk) -> set:
    """Figures, and elements that look like link lists or widgets, with their subtrees."""
    excluded: set = set()
    total = sum(walk.text_chars.get(root, 0) for root in roots)
    for root in roots:
        # Figures hold photos with captions and credits, which readers (and the benchmark's
        # article bodies) do not count as the article's text: +0.005 F1 measured.
        for element in root.iter("figure"):
            excluded.update(element.iter())
        for element in root.iter(*_CLEANED_TAGS):
            if element in excluded or element is root:
                continue
            if walk.text_chars.get(element, 0) * 2 >= total:
                continue  # a wrapper of most of the article, not a widget inside it
            if _looks_like_widget(element, final, walk):
                excluded.update(element.iter())
    return excluded


def _looks_like_widget(element, final: dict, walk: _Walk) -> bool:
    """Readability's conditional cleaning, on counts the walk already made (no rescans)."""
    weight = _class_weight(element)
    if weight < 0 and weight + final.get(element, 0) < 0:
        return True
    commas, paragraphs, images, items = walk.inside.get(element, (0, 0, 0, 0))
    if commas >= 10:
        return False
    items -= 100
    length = walk.text_chars.get(element, 0)
    density = _link_density(element, walk)
    lists = element.tag in ("ul", "ol")
    if images > 1 and paragraphs / images < 0.5:
        return True
    if not lists and items > paragraphs:
        return True
    if not lists and length < 25 and (images == 0 or images > 2):
        return True
    if not lists and weight < 25 and density > 0.2:
        return True
    return weight >= 25 and density > 0.5
