"""HTML -> main-content text blocks, with offsets into the extracted text.

The text of every block is exactly the page's visible text for that element with whitespace
folded: the browser extension finds returned sentences verbatim in the page, so characters are
never rewritten and separately displayed pieces are never glued together.

Steps, all iterative (a deeply nested document must not hit Python's recursion limit), with
text counted once during the walk rather than rebuilt per element, so work stays close to
linear in the page:
parse with lxml -> drop chrome subtrees -> one walk that cuts the body into blocks and totals
text and link text per element -> score containers readability-style -> emit the blocks of the
main containers.
"""

from __future__ import annotations

import heapq
import re
from dataclasses import dataclass, field

import lxml.html
from lxml import etree


@dataclass(frozen=True)
class Block:
    """One block of main content (paragraph, heading, list item, table cell), whitespace folded."""

    text: str
    start: int  # offset of text in Extracted.text
    end: int
    kind: str = "p"  # p | h | li | td | pre | blockquote | figcaption | dt | dd | caption


@dataclass(frozen=True)
class Extracted:
    title: str | None
    text: str  # blocks joined with "\n"
    blocks: list[Block] = field(default_factory=list)


_WS = re.compile(r"\s+")
_WORD = re.compile(r"\w")


def fold(text: str) -> str:
    """Collapse every run of whitespace to one space and strip the ends."""
    return _WS.sub(" ", text).strip()


def from_block_texts(title: str | None, texts: list[tuple[str, str]]) -> Extracted:
    """Join (kind, text) pairs into an Extracted with offsets; empty blocks are dropped."""
    blocks, parts, offset = [], [], 0
    for kind, raw in texts:
        text = fold(raw)
        if not text:
            continue
        if parts:
            offset += 1  # the "\n" separator
        blocks.append(Block(text, offset, offset + len(text), kind))
        parts.append(text)
        offset += len(text)
    return Extracted(title=title, text="\n".join(parts), blocks=blocks)


def extract_text(text: str) -> Extracted:
    """Plain text: each non-empty line (or paragraph) is a block."""
    return from_block_texts(None, [("p", line) for line in text.splitlines()])


def extract_html(html: str, url: str | None = None) -> Extracted:
    """The main content of an HTML page as blocks of visible text; never raises on bad HTML.

    ``url`` is accepted for the pipeline's sake; extraction depends on the markup only.
    """
    try:
        root = _parse(html)
        if root is None:
            return Extracted(title=None, text="")
        title = _page_title(root)
        body = root.find("body")
        if body is None:
            return Extracted(title=title, text="")
        block_styled = _remove_chrome(body)
        walk = _walk(body, block_styled)
        chosen = _main_blocks(body, walk)
        return from_block_texts(title, [(b.kind, b.text) for b in chosen])
    except (ValueError, etree.LxmlError):
        # lxml rejects a few pathological inputs (e.g. text it cannot hold); such a page has
        # no extractable content rather than being an error the client caused.
        return Extracted(title=None, text="")


# --- parsing -------------------------------------------------------------------------------

MAX_HTML_CHARS = 5_000_000  # larger documents are cut: bounded work per request
_XML_DECLARATION = re.compile(r"^[\s\ufeff]*<\?xml[^>]*>")
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _parse(html: str):
    """The document root, or None when there is nothing to parse."""
    if isinstance(html, bytes):  # the contract is str; bytes from a careless caller are UTF-8
        html = html.decode("utf-8", errors="replace")
    if not html or not html.strip():
        return None
    html = html[:MAX_HTML_CHARS]
    # lxml refuses str input that carries an encoding declaration (the str is decoded already),
    # and control characters that XML cannot hold; browsers show neither.
    html = _XML_DECLARATION.sub("", html, count=1)
    if _CONTROL_CHARS.search(html):
        html = _CONTROL_CHARS.sub("", html)
    try:
        return lxml.html.document_fromstring(html, parser=_PARSER)
    except ValueError:
        data = html.encode("utf-8", errors="replace")
        return lxml.html.document_fromstring(data, parser=_UTF8_PARSER)
    except etree.ParserError:
        return None


# libxml2 stops parsing, dropping the rest of the page, past 256 nested elements unless told
# otherwise; "huge" raises that to 2048 (browsers flatten past 512). The walk is iterative.
_PARSER = lxml.html.HTMLParser(huge_tree=True)
_UTF8_PARSER = lxml.html.HTMLParser(encoding="utf-8", huge_tree=True)


# XPath expressions are compiled once: compiling on every call costs more than running them.
_OG_TITLE = etree.XPath("//meta[@property='og:title']/@content | //meta[@name='og:title']/@content")


def _page_title(root) -> str | None:
    for value in _OG_TITLE(root):
        if fold(value):
            return fold(value)
    for element in root.iter("title", "h1"):
        text = fold(element.text_content())
        if text:
            return text
    return None


# --- chrome removal ----------------------------------------------------------------------

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


# --- the walk: blocks and per-element text totals -----------------------------------------

# Elements a browser lays out as blocks: text on either side of them is displayed apart.
_BLOCK_TAGS = frozenset(
    "address article aside blockquote body caption center dd details dialog dir div dl dt"
    " fieldset figcaption figure footer form frameset h1 h2 h3 h4 h5 h6 header hgroup hr html"
    " legend li listing main menu nav ol p plaintext pre section summary table tbody td tfoot"
    " th thead tr ul xmp option optgroup".split()
)
_BLOCK_KIND = {
    "p": "p",
    "h1": "h",
    "h2": "h",
    "h3": "h",
    "h4": "h",
    "h5": "h",
    "h6": "h",
    "li": "li",
    "td": "td",
    "th": "td",
    "blockquote": "blockquote",
    "pre": "pre",
    "figcaption": "figcaption",
    "dt": "dt",
    "dd": "dd",
    "caption": "caption",
}


@dataclass
class _RawBlock:
    container: object  # the block-level element whose flow holds this text
    text: str
    link_chars: int
    kind: str


@dataclass
class _Walk:
    blocks: list[_RawBlock]
    text_chars: dict  # element -> characters of text inside it
    link_chars: dict  # element -> characters of link text inside it
    inside: dict  # element -> (commas, <p>, <img>, <li>) inside it, for cleaning


def _walk(body, block_styled: set) -> _Walk:
    """Cut the body into blocks in document order and total text per element, iteratively."""
    blocks: list[_RawBlock] = []
    text_chars: dict = {}
    link_chars: dict = {}
    inside: dict = {}
    # One frame per open element: [element, text chars, link chars, commas, p, img, li].
    frames: list[list] = []
    containers: list = []  # open block-level elements, innermost last
    pieces: list[str] = []  # text of the block being built
    piece_links = 0
    link_depth = 0

    def flush(container) -> None:
        nonlocal piece_links
        text = fold("".join(pieces))
        if text:
            kind = _BLOCK_KIND.get(container.tag, "p")
            blocks.append(_RawBlock(container, text, piece_links, kind))
        pieces.clear()
        piece_links = 0

    def add(text: str | None, frame: list) -> None:
        nonlocal piece_links
        if not text:
            return
        pieces.append(text)
        size = len(text.strip())
        frame[1] += size
        frame[3] += text.count(",")
        if link_depth:
            frame[2] += size
            piece_links += size

    for event, element in etree.iterwalk(body, events=("start", "end")):
        tag = element.tag
        if event == "start":
            frame = [element, 0, 0, 0, 0, 0, 0]
            frames.append(frame)
            if tag in _BLOCK_TAGS or element in block_styled:
                if containers:
                    flush(containers[-1])
                containers.append(element)
            elif tag == "br":
                pieces.append(" ")
            elif tag == "a":
                link_depth += 1
            add(element.text, frame)
            continue
        frame = frames.pop()
        text_chars[element] = frame[1]
        link_chars[element] = frame[2]
        inside[element] = (frame[3], frame[4], frame[5], frame[6])
        if tag in _BLOCK_TAGS or element in block_styled:
            flush(element)
            containers.pop()
        elif tag == "a":
            link_depth -= 1
        if frames:
            parent = frames[-1]
            parent[1] += frame[1]
            parent[2] += frame[2]
            parent[3] += frame[3]
            parent[4] += frame[4] + (tag == "p")
            parent[5] += frame[5] + (tag == "img")
            parent[6] += frame[6] + (tag == "li")
            add(element.tail, parent)
    return _Walk(blocks, text_chars, link_chars, inside)


# --- scoring: which containers hold the article --------------------------------------------

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
_SENTENCE_END = re.compile(r"\.( |$)")


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


def _is_link_line(block: _RawBlock) -> bool:
    """A paragraph that is nothing but a link (a byline, "read more", a related story), or
    that has no word at all (a bullet, a zero-width space)."""
    if not _WORD.search(block.text):
        return True
    return block.kind in ("p", "h") and block.link_chars * 10 >= len(block.text) * 8


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
