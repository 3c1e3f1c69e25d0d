/*
 * The page's visible text as one string, with a map from text offsets back to text nodes.
 *
 * Walks text nodes under a root, skipping script/style/noscript/template, form fields, editable
 * regions, hidden elements and ClaimLens's own UI. Block elements and <br> add a "\n" that
 * belongs to no node, so sentences in neighbouring blocks never run together. Each segment is
 * {node, start, end} for one whole text node. The offset helpers are pure and run in Node tests.
 */
(function (root, factory) {
  "use strict";
  const api = factory();
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.ClaimLensTextIndex = api;
})(globalThis, function () {
  "use strict";

  const SKIPPED_TAGS = new Set([
    "SCRIPT",
    "STYLE",
    "NOSCRIPT",
    "TEMPLATE",
    "TEXTAREA",
    "INPUT",
    "SELECT",
    "OPTION",
    "BUTTON",
    "IFRAME",
    "OBJECT",
    "CANVAS",
    "SVG",
    "svg",
    "MATH",
    "HEAD",
    "CLAIMLENS-TOOLTIP",
  ]);

  /** Index of the last segment whose start is <= offset (segments sorted by start), or -1. */
  function segmentIndexAt(segments, offset) {
    let low = 0;
    let high = segments.length - 1;
    let found = -1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (segments[mid].start <= offset) {
        found = mid;
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    return found;
  }

  /**
   * The text-node pieces covering [start, end): [{segmentIndex, node, startOffset, endOffset}],
   * in document order. Offsets that fall on separators belong to no piece.
   */
  function piecesForRange(segments, start, end) {
    const pieces = [];
    if (end <= start) return pieces;
    let i = Math.max(0, segmentIndexAt(segments, start));
    for (; i < segments.length && segments[i].start < end; i++) {
      const segment = segments[i];
      if (segment.end <= start) continue;
      pieces.push({
        segmentIndex: i,
        node: segment.node,
        startOffset: Math.max(start, segment.start) - segment.start,
        endOffset: Math.min(end, segment.end) - segment.start,
      });
    }
    return pieces;
  }

  function isOwnUi(element) {
    return element.localName === "claimlens-tooltip";
  }

  function makeVisibilityCheck(view) {
    const styles = new WeakMap();
    const styleOf = (element) => {
      let style = styles.get(element);
      if (!style) {
        style = view.getComputedStyle(element);
        styles.set(element, style);
      }
      return style;
    };
    return {
      // display:none hides a whole subtree; visibility can be overridden by children.
      hidesSubtree(element) {
        if (element.hidden) return true;
        return styleOf(element).display === "none";
      },
      hidesOwnText(element) {
        const visibility = styleOf(element).visibility;
        return visibility === "hidden" || visibility === "collapse";
      },
      isBlock(element) {
        const display = styleOf(element).display;
        return !display.startsWith("inline") && display !== "contents" && display !== "ruby";
      },
    };
  }

  /**
   * Build {text, segments} for the visible text under `root` (default: document.body).
   * Needs a DOM; used by the content script and in the browser tests.
   */
  function buildTextIndex(root) {
    const doc = root.ownerDocument || root;
    const view = doc.defaultView;
    const visibility = makeVisibilityCheck(view);
    const parts = [];
    const segments = [];
    let length = 0;
    let endsWithBreak = true;

    const addBreak = () => {
      if (!endsWithBreak) {
        parts.push("\n");
        length += 1;
        endsWithBreak = true;
      }
    };

    const visit = (node, textHidden) => {
      if (node.nodeType === 3) {
        if (textHidden || !node.data) return;
        segments.push({ node, start: length, end: length + node.data.length });
        parts.push(node.data);
        length += node.data.length;
        endsWithBreak = false;
        return;
      }
      if (node.nodeType !== 1) return;
      const element = node;
      if (SKIPPED_TAGS.has(element.tagName) || isOwnUi(element)) return;
      if (element.isContentEditable) return;
      if (element.tagName === "BR") {
        addBreak();
        return;
      }
      if (visibility.hidesSubtree(element)) return;
      const block = visibility.isBlock(element);
      const hidden = visibility.hidesOwnText(element);
      if (block) addBreak();
      for (let child = element.firstChild; child; child = child.nextSibling) visit(child, hidden);
      if (block) addBreak();
    };

    visit(root, false);
    return { text: parts.join(""), segments };
  }

  return { SKIPPED_TAGS, segmentIndexAt, piecesForRange, buildTextIndex };
});
