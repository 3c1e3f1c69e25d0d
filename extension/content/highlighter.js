/*
 * Wrap text-offset ranges in <claimlens-mark> elements, and take them away again.
 *
 * A range may cross element boundaries (a claim with <strong> or a link inside): each text node
 * piece is split at the range ends and wrapped on its own, so the claim highlights whole and the
 * page's structure is kept. The index's segments are updated as nodes split, so later ranges
 * still map to the right nodes. Removal unwraps the marks and merges the split text nodes back.
 */
(function (root, factory) {
  "use strict";
  const api = factory(root.ClaimLensTextIndex || require("./text-index.js"));
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.ClaimLensHighlighter = api;
})(globalThis, function (textIndex) {
  "use strict";

  const MARK_TAG = "claimlens-mark";

  /**
   * Wrap the text in [start, end) of `index` ({text, segments}); `createMark()` makes each
   * wrapper element. Whitespace-only pieces (between blocks) are left alone. Returns the marks in
   * document order.
   */
  function highlightOffsets(index, start, end, createMark) {
    const pieces = textIndex.piecesForRange(index.segments, start, end);
    const marks = [];
    // Last to first, so splicing new segments in never shifts the pieces still to do.
    for (let p = pieces.length - 1; p >= 0; p--) {
      const piece = pieces[p];
      const segment = index.segments[piece.segmentIndex];
      const node = segment.node;
      const pieceText = node.data.slice(piece.startOffset, piece.endOffset);
      if (!pieceText.trim()) continue;

      const replacement = [];
      let target = node;
      if (piece.startOffset > 0) {
        target = node.splitText(piece.startOffset);
        replacement.push({ node, start: segment.start, end: segment.start + piece.startOffset });
      }
      const targetStart = segment.start + piece.startOffset;
      const targetEnd = segment.start + piece.endOffset;
      if (targetEnd < segment.end) {
        const rest = target.splitText(piece.endOffset - piece.startOffset);
        replacement.push({ node: target, start: targetStart, end: targetEnd });
        replacement.push({ node: rest, start: targetEnd, end: segment.end });
      } else {
        replacement.push({ node: target, start: targetStart, end: targetEnd });
      }
      index.segments.splice(piece.segmentIndex, 1, ...replacement);

      const mark = createMark();
      target.parentNode.insertBefore(mark, target);
      mark.appendChild(target);
      marks.unshift(mark);
    }
    return marks;
  }

  /** Remove every mark under `root`, restoring the text nodes as they were. */
  function removeHighlights(root) {
    const marks = Array.from(root.querySelectorAll(MARK_TAG));
    const parents = new Set();
    // Innermost first, so a nested mark is unwrapped before the one around it.
    for (const mark of marks.reverse()) {
      const parent = mark.parentNode;
      if (!parent) continue;
      while (mark.firstChild) parent.insertBefore(mark.firstChild, mark);
      parent.removeChild(mark);
      parents.add(parent);
    }
    for (const parent of parents) {
      if (parent.isConnected) parent.normalize();
    }
    return marks.length;
  }

  return { MARK_TAG, highlightOffsets, removeHighlights };
});
