"""Choosing the main content: the best container, widened, with its article siblings."""

from __future__ import annotations

import heapq
import re

from .blocks import fold
from .cleaning import _conditionally_cleaned, _is_link_line
from .scoring import _link_density, _score_candidates
from .walk import _RawBlock, _Walk

_SENTENCE_END = re.compile(r"\.( |$)")


def _main_blocks(body, walk: _Walk) -> list[_RawBlock]:
    """The blocks of the page's main content, in document order."""
    if not walk.blocks:
        return []
    scores = _score_candidates(walk)
    if not scores:
        return walk.blocks
    final = {el: score * (1 - _link_density(el, walk)) for el, score in scores.items()}
    top = max(final, key=final.get)
    top = _widen(top, final, body)
    roots = _with_siblings(top, final, walk)
    inside: set = set()
    for root in roots:
        inside.update(root.iter())
    excluded = _conditionally_cleaned(roots, final, walk)
    return [
        b
        for b in walk.blocks
        if b.container in inside and b.container not in excluded and not _is_link_line(b)
    ]


def _widen(top, final: dict, body):
    """Move up from the best container while its ancestors score nearly as well."""
    best = final[top]
    # Several near-best candidates under one ancestor mean the article is split across them.
    # As in readability: the five best runners-up, three of which must share the ancestor.
    runners_up = heapq.nlargest(6, final.items(), key=lambda item: item[1])
    close = [el for el, score in runners_up if el is not top and score >= best * 0.75]
    if len(close) >= 3:
        close_ancestors = [set(el.iterancestors()) for el in close]
        parent = top.getparent()
        while parent is not None and parent is not body:
            if sum(1 for a in close_ancestors if parent in a) >= 3:
                top = parent
                break
            parent = parent.getparent()
    last = final.get(top, best)
    threshold = last / 3
    parent = top.getparent()
    while parent is not None and parent is not body:
        score = final.get(parent)
        if score is None:
            parent = parent.getparent()
            continue
        if score < threshold:
            break
        if score > last:
            top = parent
            break
        last = score
        parent = parent.getparent()
    parent = top.getparent()
    while parent is not None and parent is not body and len(parent) == 1:
        top = parent
        parent = top.getparent()
    return top


def _with_siblings(top, final: dict, walk: _Walk) -> list:
    """The best container and those of its siblings that look like more of the article."""
    parent = top.getparent()
    if parent is None:
        return [top]
    top_score = final.get(top, 0)
    threshold = max(10, top_score * 0.2)
    top_class = top.get("class")
    chosen = []
    for sibling in parent:
        if sibling is top:
            chosen.append(sibling)
            continue
        if not isinstance(sibling.tag, str):
            continue
        bonus = top_score * 0.2 if top_class and sibling.get("class") == top_class else 0
        if sibling in final and final[sibling] + bonus >= threshold:
            chosen.append(sibling)
        elif sibling.tag == "p":
            length = walk.text_chars.get(sibling, 0)
            density = _link_density(sibling, walk)
            text = fold(sibling.text_content())
            if length > 80 and density < 0.25:
                chosen.append(sibling)
            elif 0 < length <= 80 and density == 0 and _SENTENCE_END.search(text):
                chosen.append(sibling)
    return chosen
