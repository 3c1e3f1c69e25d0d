"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const {
  normalize,
  normalizeWithMap,
  matchQuote,
  createQuoteMatcher,
  quoteSelectorOf,
} = require("../../content/match-quote.js");

const slice = (text, hit) => text.slice(hit.start, hit.end);

test("an exact quote is found at its offsets", () => {
  const text = "Intro. Dry needling can reduce low back pain. Outro.";
  const hit = matchQuote(text, { exact: "Dry needling can reduce low back pain." });
  assert.deepEqual(hit, { start: 7, end: 45, tolerant: false });
});

test("a missing quote gives null", () => {
  assert.equal(matchQuote("Nothing here.", { exact: "Garlic cures cancer." }), null);
  assert.equal(matchQuote("Nothing here.", { exact: "   " }), null);
});

test("prefix and suffix pick the right one of repeated quotes", () => {
  const text =
    "Back pain. It works for everyone. Neck pain. It works for everyone. Knee pain. " +
    "It works for everyone. End.";
  const second = matchQuote(text, {
    exact: "It works for everyone.",
    prefix: "Neck pain. ",
    suffix: " Knee pain.",
  });
  assert.equal(second.start, text.indexOf("It works", text.indexOf("Neck")));
  const third = matchQuote(text, { exact: "It works for everyone.", prefix: "Knee pain. " });
  assert.equal(third.start, text.lastIndexOf("It works"));
});

test("context decides among repeats in the tolerant path as well", () => {
  const text = "A.\n It  works. B.\n It  works. C.";
  const hit = matchQuote(text, { exact: "It works.", prefix: "B. ", suffix: " C." });
  assert.equal(hit.start, text.lastIndexOf("It"));
  assert.equal(hit.tolerant, true);
});

test("whitespace runs, newlines and non-breaking spaces are forgiven", () => {
  const text = "<p>Trigger point\n      therapy is\u00A0safe and   effective.</p>";
  const hit = matchQuote(text, { exact: "Trigger point therapy is safe and effective." });
  assert.equal(slice(text, hit), "Trigger point\n      therapy is\u00A0safe and   effective.");
});

test("curly quotes, dashes, ellipses and soft hyphens are forgiven", () => {
  const text = "Experts say it\u2019s \u201Cproven\u201D \u2014 a mir\u00ADacle cure\u2026 really.";
  const hit = matchQuote(text, { exact: 'it\'s "proven" - a miracle cure... really.' });
  assert.ok(hit);
  assert.equal(slice(text, hit), text.slice(text.indexOf("it\u2019s")));
  // And the other way round: a typographic quote from the server, plain text on the page.
  const plain = 'It\'s "proven" - works.';
  assert.equal(
    slice(plain, matchQuote(plain, { exact: "It\u2019s \u201Cproven\u201D \u2013 works." })),
    plain,
  );
});

test("zero-width characters on the page do not break a match", () => {
  const text = "Vitamin\u200B C prevents colds.";
  assert.equal(slice(text, matchQuote(text, { exact: "Vitamin C prevents colds." })), text);
});

test("normalizeWithMap maps every normalised character back to the original", () => {
  const source = "  a\u2014b\n\n c\u2026";
  const { text, map } = normalizeWithMap(source);
  assert.equal(text, "a-b c...");
  assert.equal(map.length, text.length + 1);
  assert.equal(source[map[0]], "a");
  assert.equal(source[map[1]], "\u2014");
  assert.equal(source[map[4]], "c");
  assert.equal(map[5], source.indexOf("\u2026"));
  assert.equal(map[text.length], source.length);
  assert.equal(normalize("\u00ADx\u00A0\u00A0y"), "x y");
});

test("one matcher serves many lookups over the same text", () => {
  const text = "First claim here.\nSecond   claim here.";
  const matcher = createQuoteMatcher(text);
  assert.equal(matcher.match({ exact: "First claim here." }).start, 0);
  assert.equal(matcher.match({ exact: "Second claim here." }).start, 18);
});

test("quoteSelectorOf reads the TextQuoteSelector, or falls back to the sentence", () => {
  const annotation = {
    sentence: "S.",
    target: {
      selector: [
        { type: "TextPositionSelector", start: 1, end: 2 },
        { type: "TextQuoteSelector", exact: "Q", prefix: "p", suffix: "s" },
      ],
    },
  };
  assert.equal(quoteSelectorOf(annotation).exact, "Q");
  assert.deepEqual(quoteSelectorOf({ sentence: "Only." }), { exact: "Only." });
  assert.equal(quoteSelectorOf({}), null);
});

test("a space added or lost at an element boundary is forgiven for long quotes", () => {
  const page = "Benefits:\nReduces pain.Improves sleep quality in adults.";
  const hit = matchQuote(page, { exact: "Reduces pain. Improves sleep quality in adults." });
  assert.equal(slice(page, hit), "Reduces pain.Improves sleep quality in adults.");
  const joined = "Dry needling reduces pain in adults with neck pain.";
  const split = matchQuote(joined, {
    exact: "Dry needling reduces pa in in adults with neck pain.",
  });
  assert.equal(split.start, 0);
  // Short quotes never take this path: too likely to match by chance.
  assert.equal(matchQuote("a b c", { exact: "abc" }), null);
});
