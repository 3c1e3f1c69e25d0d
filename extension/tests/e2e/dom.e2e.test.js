/*
 * The anchoring modules on a real DOM in headless Chromium (no extension, no backend): which text
 * counts as visible, tolerant matching over entities and inline markup, and highlights that
 * unwrap to exactly the DOM they started from.
 */
"use strict";

const { describe, it, before, after } = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");
const h = require("./harness.js");

const MODULES = ["content/text-index.js", "content/match-quote.js", "content/highlighter.js"];

const PAGE = `<!doctype html><html><head><style>.gone{display:none}.ghost{visibility:hidden}
.ghost .back{visibility:visible}</style></head><body>
<header><nav>Home</nav></header>
<main>
  <h1>Title</h1>
  <p id="entities">Dry&nbsp;needling is &ldquo;proven&rdquo; &mdash; it re&shy;duces pain.</p>
  <p id="inline">Most <em>research</em> shows that <strong>trigger <a href="#">point</a> therapy</strong>
    can help.</p>
  <ul><li>First item.</li><li>Second item.</li></ul>
  <p>Line one<br>Line two</p>
  <div class="gone">Hidden claim one.</div>
  <div hidden>Hidden claim two.</div>
  <p class="ghost">Invisible <span class="back">but this is visible.</span></p>
  <script>var s = "Script text.";</script><style>p{}</style>
  <noscript>Noscript text.</noscript><template><p>Template text.</p></template>
  <textarea>Textarea text.</textarea><input value="Input text"><select><option>Option text</option></select>
  <div contenteditable="true">Editable text.</div>
  <p id="repeat">Repeat me. Between. Repeat me. After.</p>
</main></body></html>`;

describe("anchoring modules on a real DOM", { timeout: 60000 }, () => {
  let browser;
  let page;

  before(async () => {
    const { chromium } = require("playwright-core");
    browser = await h.withTimeout(
      chromium.launch({
        executablePath: h.CHROMIUM,
        headless: false,
        args: [
          "--headless=new",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-dev-shm-usage",
          "--no-first-run",
        ],
      }),
      30000,
      "Chromium to start",
    );
    page = await browser.newPage();
  });

  after(async () => {
    if (browser) await browser.close();
  });

  async function load() {
    await page.setContent(PAGE);
    for (const file of MODULES) await page.addScriptTag({ path: path.join(h.EXTENSION_DIR, file) });
  }

  it("collects visible text only, with breaks between blocks", async () => {
    await load();
    const text = await page.evaluate(() => ClaimLensTextIndex.buildTextIndex(document.body).text);
    for (const shown of [
      "Title",
      "First item.\nSecond item.",
      "Line one\nLine two",
      "but this is visible.",
    ]) {
      assert.ok(text.includes(shown), `visible: ${shown}`);
    }
    for (const hidden of [
      "Hidden claim",
      "Script text",
      "p{}",
      "Noscript",
      "Template text",
      "Textarea text",
      "Input text",
      "Option text",
      "Editable text",
      "Invisible",
    ]) {
      assert.ok(!text.includes(hidden), `skipped: ${hidden}`);
    }
  });

  it("anchors across entities and inline markup, highlights whole, and unwraps cleanly", async () => {
    await load();
    const result = await page.evaluate(() => {
      const before = document.body.innerHTML;
      const index = ClaimLensTextIndex.buildTextIndex(document.body);
      const matcher = ClaimLensMatch.createQuoteMatcher(index.text);
      const quotes = [
        { exact: 'Dry needling is "proven" - it reduces pain.' },
        { exact: "Most research shows that trigger point therapy can help." },
        { exact: "Repeat me.", prefix: "Between. ", suffix: " After." },
      ];
      const groups = quotes.map((quote, n) => {
        const hit = matcher.match(quote);
        if (!hit) return null;
        const marks = ClaimLensHighlighter.highlightOffsets(index, hit.start, hit.end, () => {
          const mark = document.createElement("claimlens-mark");
          mark.dataset.claimlensId = `q${n}`;
          return mark;
        });
        return {
          text: marks.map((m) => m.textContent).join(""),
          pieces: marks.length,
          parents: marks.map((m) => m.parentElement.localName),
        };
      });
      const repeatMark = document.querySelector("#repeat claimlens-mark");
      const repeatOffset = repeatMark.previousSibling.data.length;
      const removed = ClaimLensHighlighter.removeHighlights(document.body);
      return {
        groups,
        repeatOffset,
        removed,
        restored: document.body.innerHTML === before,
        textNodes: document.querySelectorAll("#inline *").length,
      };
    });
    const [entities, inline, repeat] = result.groups;
    assert.equal(
      entities.text,
      "Dry\u00A0needling is \u201Cproven\u201D \u2014 it re\u00ADduces pain.",
    );
    assert.equal(
      inline.text.replace(/\s+/g, " "),
      "Most research shows that trigger point therapy can help.",
    );
    assert.ok(inline.pieces >= 5);
    assert.deepEqual([...new Set(inline.parents)].sort(), ["a", "em", "p", "strong"]);
    assert.equal(repeat.text, "Repeat me.");
    assert.equal(result.repeatOffset, "Repeat me. Between. ".length, "the second occurrence");
    assert.ok(result.removed >= 7);
    assert.equal(result.restored, true, "the DOM is exactly as before");
  });

  it("later highlights still land right after earlier ones split text nodes", async () => {
    await load();
    const texts = await page.evaluate(() => {
      const index = ClaimLensTextIndex.buildTextIndex(document.body);
      const matcher = ClaimLensMatch.createQuoteMatcher(index.text);
      const make = () => document.createElement("claimlens-mark");
      const out = [];
      // Two ranges in one text node, the later one first: segments must follow the splits.
      for (const exact of ["After.", "Repeat me. Between.", "Line two", "Line one"]) {
        const hit = matcher.match({ exact });
        out.push(
          ClaimLensHighlighter.highlightOffsets(index, hit.start, hit.end, make)
            .map((m) => m.textContent)
            .join(""),
        );
      }
      return out;
    });
    assert.deepEqual(texts, ["After.", "Repeat me. Between.", "Line two", "Line one"]);
  });
});
