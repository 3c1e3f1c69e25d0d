"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { segmentIndexAt, piecesForRange } = require("../../content/text-index.js");

// Segments as buildTextIndex makes them: "Alpha " + "beta" + "\n" (separator) + "Gamma."
const nodes = [{ data: "Alpha " }, { data: "beta" }, { data: "Gamma." }];
const segments = [
  { node: nodes[0], start: 0, end: 6 },
  { node: nodes[1], start: 6, end: 10 },
  { node: nodes[2], start: 11, end: 17 },
];

test("segmentIndexAt finds the segment holding an offset", () => {
  assert.equal(segmentIndexAt(segments, 0), 0);
  assert.equal(segmentIndexAt(segments, 5), 0);
  assert.equal(segmentIndexAt(segments, 6), 1);
  assert.equal(segmentIndexAt(segments, 10), 1); // the separator belongs to no node
  assert.equal(segmentIndexAt(segments, 16), 2);
  assert.equal(segmentIndexAt([], 3), -1);
});

test("a range inside one node is one piece with node-local offsets", () => {
  assert.deepEqual(piecesForRange(segments, 2, 5), [
    { segmentIndex: 0, node: nodes[0], startOffset: 2, endOffset: 5 },
  ]);
});

test("a range across nodes and a separator gives one piece per node", () => {
  const pieces = piecesForRange(segments, 3, 14);
  assert.deepEqual(
    pieces.map((p) => [p.segmentIndex, p.startOffset, p.endOffset]),
    [
      [0, 3, 6],
      [1, 0, 4],
      [2, 0, 3],
    ],
  );
});

test("empty and out-of-text ranges give no pieces", () => {
  assert.deepEqual(piecesForRange(segments, 4, 4), []);
  assert.deepEqual(piecesForRange(segments, 10, 11), []);
  assert.deepEqual(piecesForRange(segments, 40, 50), []);
});
