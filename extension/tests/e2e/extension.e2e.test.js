/*
 * The extension in a real headless Chromium against the real backend: highlights, chrome left
 * alone, claims spanning inline markup, the tooltip and its feedback, the popup, pausing, text
 * added later, and the message shown when the backend is down.
 */
"use strict";

const { describe, it, before, after } = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const h = require("./harness.js");
const { normalize } = require("../../content/match-quote.js");

const STEP_TIMEOUT_MS = 30000;
const CHROME_SELECTOR = [
  "header",
  "footer",
  "nav",
  "aside",
  '[class*="cookie"]',
  '[class*="share"]',
  '[class*="related"]',
  '[class*="promo"]',
  '[class*="breadcrumb"]',
  '[class*="banner"]',
].join(", ");

const loose = (text) => normalize(text).trim();

/** Highlights on the page grouped by claim id: [{id, label, text, pieces, focusable}]. */
function readHighlights(page) {
  return page.evaluate((chromeSelector) => {
    const groups = new Map();
    for (const mark of document.querySelectorAll("claimlens-mark")) {
      const id = mark.getAttribute("data-claimlens-id");
      if (!groups.has(id)) {
        groups.set(id, {
          id,
          label: mark.dataset.claimlensLabel,
          text: "",
          pieces: 0,
          focusable: 0,
          labels: new Set(),
          inChrome: 0,
        });
      }
      const group = groups.get(id);
      group.text += mark.textContent;
      group.pieces += 1;
      group.labels.add(mark.dataset.claimlensLabel);
      if (mark.getAttribute("tabindex") === "0") group.focusable += 1;
      const chrome = mark.closest(chromeSelector);
      if (chrome && !chrome.closest("main, article")) group.inChrome += 1;
    }
    return [...groups.values()].map((g) => ({ ...g, labels: [...g.labels] }));
  }, CHROME_SELECTOR);
}

async function tabStateFor(worker, url) {
  const all = await worker.evaluate(() => chrome.storage.session.get(null));
  for (const [key, value] of Object.entries(all)) {
    if (key.startsWith("tab:") && value.url === url)
      return { tabId: Number(key.slice(4)), ...value };
  }
  return null;
}

/** Load `url` and wait until its content script reports a finished run newer than the load. */
async function openAndWait(browser, page, url, { want = "done" } = {}) {
  const since = Date.now();
  await page.goto(url, { timeout: STEP_TIMEOUT_MS });
  return h.waitFor(
    async () => {
      const state = await tabStateFor(browser.worker, url);
      if (!state || state.updatedAt < since) return null;
      if (state.status === "error" && want !== "error") {
        throw new Error(`annotation failed: ${state.error.message}`);
      }
      return state.status === want ? state : null;
    },
    { ms: STEP_TIMEOUT_MS, what: `${url} to be annotated (${want})` },
  );
}

function lastAnnotateBody(browser) {
  const annotate = browser.backendRequests.filter((r) => r.path === "/api/annotate");
  assert.ok(annotate.length, "the service worker posted to /api/annotate");
  return annotate[annotate.length - 1].body;
}

function fixtureHtml(name) {
  const own = path.join(h.OWN_FIXTURES, name);
  return fs.readFileSync(fs.existsSync(own) ? own : path.join(h.SEED_FIXTURES, name), "utf8");
}

/** What the backend itself answers for a fixture page, asked directly. */
async function backendAnswer(backend, site, name) {
  return h.postJson(`${backend.url}/api/annotate`, {
    url: `${site.url}/${name}`,
    html: fixtureHtml(name),
  });
}

function quoteOf(annotation) {
  const quote = annotation.target.selector.find((s) => s.type === "TextQuoteSelector");
  return loose(quote.exact);
}

/** Every claim the backend returned is highlighted once, whole, with the backend's label. */
function assertMatchesBackend(groups, answer, name) {
  const byText = new Map(groups.map((group) => [loose(group.text), group]));
  const missing = [];
  for (const annotation of answer.annotations) {
    const group = byText.get(quoteOf(annotation));
    if (!group) {
      missing.push(quoteOf(annotation));
      continue;
    }
    assert.deepEqual(group.labels, [annotation.label], `${name}: label of "${group.text}"`);
    assert.equal(group.focusable, 1, `${name}: one tab stop per claim`);
  }
  assert.deepEqual(missing, [], `${name}: claims the backend found but the page does not show`);
  assert.equal(groups.length, answer.annotations.length, `${name}: no extra highlights`);
}

describe("ClaimLens extension in headless Chromium", { timeout: 270000 }, () => {
  let workDir;
  let backend;
  let site;
  let browser;
  let page;
  const articleUrl = () => `${site.url}/article.html`;

  before(
    async () => {
      workDir = h.makeTempDir("claimlens-e2e-");
      [backend, site] = await Promise.all([
        h.startBackend({ workDir, modelsDir: process.env.CLAIMLENS_E2E_MODELS_DIR }),
        h.startStaticServer(),
      ]);
      browser = await h.launchBrowser({ userDataDir: path.join(workDir, "profile") });
      await browser.worker.evaluate(
        (url) => ClaimLensWorker.saveSettings({ backendUrl: url }),
        backend.url,
      );
      page = await browser.context.newPage();
    },
    { timeout: 250000 },
  );

  after(async () => {
    if (browser) await browser.close().catch(() => undefined);
    if (site) await site.stop();
    if (backend) await backend.stop();
    if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
  });

  it("highlights each claim on the article with the backend's label, and nothing in site chrome", async () => {
    const state = await openAndWait(browser, page, articleUrl());
    const sent = lastAnnotateBody(browser);
    assert.deepEqual(Object.keys(sent).sort(), ["html", "url"], "the page goes as {url, html}");
    assert.equal(sent.url, articleUrl());
    assert.match(sent.html, /^<html/);
    // What the site's stylesheet hides is marked for the server, and the page keeps no mark.
    assert.match(sent.html, /<div class="sr-hidden" data-claimlens-hidden="">Turmeric/);
    assert.equal(await page.locator("[data-claimlens-hidden]").count(), 0);
    const answer = await backendAnswer(backend, site, "article.html");
    assert.ok(answer.annotations.length >= 3, "the fixture has several claims");
    const groups = await readHighlights(page);
    assertMatchesBackend(groups, answer, "article.html");
    assert.deepEqual(
      groups.filter((g) => g.inChrome),
      [],
      "no highlight in header/nav/footer/banner",
    );
    assert.equal(await page.locator("script claimlens-mark, textarea claimlens-mark").count(), 0);
    assert.equal(state.claims.filter((c) => !c.placed).length, 0);
  });

  it("highlights a claim that spans <strong> and <a> whole, with one id and one tab stop", async () => {
    const answer = await backendAnswer(backend, site, "article.html");
    const sentence = loose(await page.locator("#spanning").textContent());
    assert.ok(
      answer.annotations.some((a) => quoteOf(a) === sentence),
      "the backend annotates the spanning sentence",
    );
    const pieces = await page.evaluate(() =>
      [...document.querySelectorAll("#spanning claimlens-mark")].map((m) => ({
        id: m.dataset.claimlensId,
        inStrong: Boolean(m.closest("strong")),
        inLink: Boolean(m.closest("a")),
        text: m.textContent,
      })),
    );
    assert.ok(pieces.length >= 3, "split around the inline elements");
    assert.equal(new Set(pieces.map((p) => p.id)).size, 1);
    assert.ok(pieces.some((p) => p.inStrong) && pieces.some((p) => p.inLink));
    assert.equal(loose(pieces.map((p) => p.text).join("")), sentence);
  });

  it("anchors every claim on the seed pages and a heavy page, inline markup included, never in chrome", async (t) => {
    const seeds = h.seedPages();
    if (!seeds.length) return; // Seed pages ship with the repository; nothing to check without.
    const expectations = JSON.parse(
      fs.readFileSync(path.join(h.SEED_FIXTURES, "expectations.json"), "utf8"),
    );
    let inlineChecked = 0;
    const heavy = fs.existsSync(path.join(h.SEED_FIXTURES, "heavy_100k.html"));
    for (const name of heavy ? [...seeds, "heavy_100k.html"] : seeds) {
      const state = await openAndWait(browser, page, `${site.url}/${name}`);
      const { collectMs, backendMs, renderMs } = state.timings;
      const figures = `${state.textChars} chars, ${state.claims.length} claims`;
      t.diagnostic(
        `${name}: ${figures}; collect ${collectMs} ms, backend ${backendMs} ms, anchor+highlight ${renderMs} ms`,
      );
      const [answer, groups] = await Promise.all([
        backendAnswer(backend, site, name),
        readHighlights(page),
      ]);
      assertMatchesBackend(groups, answer, name);
      assert.deepEqual(
        groups.filter((g) => g.inChrome),
        [],
        `${name}: highlight in site chrome`,
      );
      const expected = expectations[name] || {};
      for (const phrase of expected.chrome_phrases || []) {
        const hit = groups.find((g) => loose(g.text).includes(loose(phrase)));
        assert.equal(hit, undefined, `${name}: chrome phrase "${phrase}" highlighted`);
      }
      const inline = expected.inline_sentence && loose(expected.inline_sentence);
      const inlineGroup = inline && groups.find((g) => loose(g.text) === inline);
      if (inlineGroup) {
        assert.ok(inlineGroup.pieces > 1, `${name}: inline sentence split over its markup`);
        inlineChecked += 1;
      }
    }
    assert.ok(inlineChecked >= 1, "at least one seed's inline-markup sentence is a claim");
  });

  it("opens the tooltip on keyboard focus and sends 'Wrong label' feedback to the backend", async () => {
    await openAndWait(browser, page, articleUrl());
    const first = page.locator("claimlens-mark[tabindex='0']").first();
    const id = await first.getAttribute("data-claimlens-id");
    const predicted = await first.getAttribute("data-claimlens-label");
    const tooltip = page.locator("claimlens-tooltip");
    // Hover shows it; moving away hides it again.
    await first.hover();
    await tooltip.locator(".box").waitFor({ state: "visible", timeout: 5000 });
    await page.mouse.move(1, 1);
    await tooltip.locator(".box").waitFor({ state: "hidden", timeout: 5000 });

    await first.focus();
    await tooltip.locator(".box").waitFor({ state: "visible", timeout: 5000 });
    assert.equal(await tooltip.getAttribute("role"), "dialog");
    assert.equal(await first.getAttribute("aria-describedby"), "claimlens-tooltip");
    assert.equal(await first.getAttribute("aria-expanded"), "true");
    const text = await tooltip.locator(".box").innerText();
    assert.match(text, /% confidence/);
    assert.match(text, /Looks right/);

    // Keyboard only: Enter moves into the tooltip, the wrong-label choices open, pick one.
    await page.keyboard.press("Enter");
    const choice = predicted === "unsupported" ? "overstated" : "unsupported";
    await tooltip.getByRole("button", { name: /Wrong label/ }).press("Enter");
    await tooltip.locator(`button[data-label="${choice}"]`).press("Enter");
    const status = tooltip.locator(".status");
    await h.waitFor(async () => /feedback was sent/.test(await status.textContent()), {
      ms: 10000,
      what: "the feedback confirmation",
    });
    assert.equal(await status.getAttribute("aria-live"), "polite");

    const tabState = await tabStateFor(browser.worker, articleUrl());
    const sentence = tabState.claims.find((c) => c.id === id).sentence;
    const rows = await h.readFeedback(backend.databaseUrl);
    const row = rows.find((r) => r.sentence === sentence);
    assert.ok(row, "the feedback is stored by the backend");
    assert.equal(row.label, choice);
    assert.equal(row.predicted, predicted);
    assert.equal(row.url, articleUrl());
    assert.ok(row.model_version, "model_version travels with the feedback");

    await page.keyboard.press("Escape");
    await tooltip.locator(".box").waitFor({ state: "hidden", timeout: 5000 });
    assert.equal(await page.evaluate(() => document.activeElement.localName), "claimlens-mark");
  });

  it("shows counts and claims in the popup; clicking a claim scrolls to it and flashes it", async () => {
    const state = await openAndWait(browser, page, articleUrl());
    const popup = await browser.context.newPage();
    await popup.goto(browser.extensionUrl(`popup/popup.html?tab=${state.tabId}`));
    await popup.locator("body[data-ready='true']").waitFor({ timeout: 10000 });
    for (const label of ["supported", "overstated", "unsupported"]) {
      const shown = await popup.locator(`[data-count="${label}"]`).textContent();
      assert.equal(Number(shown), state.summary[label] || 0, `${label} count`);
    }
    assert.equal(await popup.locator("#claims button").count(), state.claims.length);
    assert.equal(await popup.locator("#backend-status").isHidden(), true);

    const target = state.claims[state.claims.length - 1];
    await popup.locator(`#claims button[data-claim-id="${target.id}"]`).click();
    await h.waitFor(
      () =>
        page.evaluate(
          (id) =>
            document
              .querySelector(`claimlens-mark[data-claimlens-id="${id}"]`)
              .hasAttribute("data-claimlens-flash"),
          target.id,
        ),
      { ms: 5000, what: "the claim to flash" },
    );
    await popup.close();
  });

  it("lists a claim that cannot be placed on the page in the popup", async () => {
    // The backend's real answer plus one claim whose quote is not on the page.
    const ghost = "Celery juice reverses every chronic disease in a week.";
    await browser.context.route("**/api/annotate", async (route) => {
      const response = await route.fetch();
      const body = await response.json();
      const extra = { ...body.annotations[0], id: "ghost", label: "unsupported", sentence: ghost };
      extra.target = {
        selector: [{ type: "TextQuoteSelector", exact: ghost, prefix: "", suffix: "" }],
      };
      body.annotations.push(extra);
      await route.fulfill({ response, json: body });
    });
    try {
      const state = await openAndWait(browser, page, articleUrl());
      assert.deepEqual(
        state.claims.filter((c) => !c.placed).map((c) => c.id),
        ["ghost"],
      );
      const popup = await browser.context.newPage();
      await popup.goto(browser.extensionUrl(`popup/popup.html?tab=${state.tabId}`));
      await popup.locator("body[data-ready='true']").waitFor({ timeout: 10000 });
      assert.equal(await popup.locator("#unplaced-section").isVisible(), true);
      assert.match(await popup.locator("#unplaced").textContent(), /Celery juice reverses/);
      assert.equal(await popup.locator("#claims [data-claim-id='ghost']").count(), 0);
      await popup.close();
    } finally {
      await browser.context.unroute("**/api/annotate");
    }
  });

  it("pausing the site from the popup removes every highlight and restores the page", async () => {
    const state = await openAndWait(browser, page, articleUrl());
    const highlightedBox = await page.locator("#spanning").boundingBox();
    const popup = await browser.context.newPage();
    await popup.goto(browser.extensionUrl(`popup/popup.html?tab=${state.tabId}`));
    await popup.locator("body[data-ready='true']").waitFor({ timeout: 10000 });
    await popup.locator("#site-enabled").uncheck();

    await h.waitFor(async () => (await page.locator("claimlens-mark").count()) === 0, {
      ms: 10000,
      what: "highlights to be removed",
    });
    const restored = await page.evaluate(async (source) => {
      const fresh = new DOMParser().parseFromString(source, "text/html");
      const textNodes = (root) => {
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        let count = 0;
        while (walker.nextNode()) count += 1;
        return count;
      };
      return {
        sameHtml: document.body.innerHTML === fresh.body.innerHTML,
        sameText: document.body.textContent === fresh.body.textContent,
        sameTextNodes: textNodes(document.body) === textNodes(fresh.body),
      };
    }, fixtureHtml("article.html"));
    assert.deepEqual(restored, { sameHtml: true, sameText: true, sameTextNodes: true });
    const plainBox = await page.locator("#spanning").boundingBox();
    assert.ok(Math.abs(plainBox.height - highlightedBox.height) < 1, "highlights keep the layout");
    assert.ok(Math.abs(plainBox.width - highlightedBox.width) < 1, "highlights keep the layout");

    // Resuming brings them back.
    await popup.locator("#site-enabled").check();
    await h.waitFor(async () => (await page.locator("claimlens-mark").count()) > 0, {
      ms: STEP_TIMEOUT_MS,
      what: "highlights after resuming",
    });
    await popup.close();
  });

  it("annotates text added later (debounced) without a reload", async () => {
    await openAndWait(browser, page, articleUrl());
    const before = (await readHighlights(page)).length;
    await page.evaluate(() => {
      const section = document.createElement("section");
      section.id = "added-later";
      const sentences = [
        "Drinking celery juice every morning cures eczema, arthritis and diabetes for good.",
        "Regular aerobic exercise lowers blood pressure in adults with hypertension.",
        "Homeopathic remedies are a proven treatment for asthma in children.",
        "Acupuncture relieves chronic neck pain slightly better than sham treatment.",
        "Taking zinc lozenges early may shorten the duration of a common cold.",
        "Cutting out gluten completely will reverse autism in every child within weeks.",
        "Daily fish oil capsules prevent heart attacks in all healthy adults.",
      ];
      for (const sentence of sentences) {
        const p = document.createElement("p");
        p.textContent = sentence;
        section.appendChild(p);
      }
      document.querySelector("article").appendChild(section);
    });
    await h.waitFor(async () => (await page.locator("#added-later claimlens-mark").count()) > 0, {
      ms: STEP_TIMEOUT_MS,
      what: "highlights in the added text",
    });
    assert.ok((await readHighlights(page)).length > before);
  });

  it("options: hiding supported claims leaves only overstated and unsupported highlighted", async () => {
    const options = await browser.context.newPage();
    await options.goto(browser.extensionUrl("options/options.html"));
    await options.locator("body[data-ready='true']").waitFor({ timeout: 10000 });
    assert.equal(await options.locator("#backend-url").inputValue(), backend.url);
    await options.locator("#show-supported").uncheck();
    await options.locator("#save").click();
    await options.getByText("Saved.").waitFor({ timeout: 5000 });

    await openAndWait(browser, page, articleUrl());
    const labels = new Set((await readHighlights(page)).flatMap((g) => g.labels));
    assert.equal(labels.has("supported"), false);
    assert.ok(labels.size > 0);

    await options.locator("#show-supported").check();
    await options.locator("#privacy-mode").check();
    await options.locator("#save").click();
    await options.getByText("Saved.").waitFor({ timeout: 5000 });
    // Privacy mode sends only the visible text; the claims are still found and placed, and
    // neither the annotation request nor feedback carries the page's address.
    const state = await openAndWait(browser, page, articleUrl());
    const sent = lastAnnotateBody(browser);
    assert.deepEqual(Object.keys(sent), ["text"]);
    assert.ok(sent.text.includes("Vitamin C supplements cure the common cold"));
    assert.ok(!sent.text.includes("Garlic cures heart disease"), "no script text");
    assert.ok(state.claims.length > 0 && state.claims.every((c) => c.placed));
    const mark = page.locator("claimlens-mark[tabindex='0']").first();
    const markId = await mark.getAttribute("data-claimlens-id");
    const sentence = state.claims.find((c) => c.id === markId).sentence;
    await mark.focus();
    await page.locator("claimlens-tooltip").getByRole("button", { name: "Looks right" }).click();
    await page.locator("claimlens-tooltip .status.ok").waitFor({ timeout: 10000 });
    const feedback = browser.backendRequests.filter((r) => r.path === "/api/feedback").pop();
    assert.equal(feedback.body.sentence, sentence);
    assert.equal("url" in feedback.body, false, "privacy mode sends no URL with feedback");
    await options.locator("#privacy-mode").uncheck();
    await options.locator("#save").click();
    await options.getByText("Saved.").waitFor({ timeout: 5000 });
    await options.close();
  });

  it("tells the reader in the popup when the backend cannot be reached", async () => {
    await backend.stop();
    const state = await openAndWait(browser, page, articleUrl(), { want: "error" });
    assert.equal(state.error.kind, "unreachable");
    const popup = await browser.context.newPage();
    await popup.goto(browser.extensionUrl(`popup/popup.html?tab=${state.tabId}`));
    await popup.locator("body[data-ready='true']").waitFor({ timeout: 15000 });
    const notice = popup.locator("#backend-status");
    assert.equal(await notice.isVisible(), true);
    assert.match(await notice.textContent(), /Cannot reach the ClaimLens backend/);
    assert.equal(await popup.locator("body").getAttribute("data-backend"), "unreachable");
    await popup.close();
  });
});
