/*
 * Make docs/screenshot.png: a seed page annotated by the extension, with one claim's tooltip open.
 * Usage: node tests/e2e/screenshot.js [seed_003.html] [out.png]
 * Starts its own backend and static server on loopback, like the browser tests.
 */
"use strict";

const fs = require("node:fs");
const path = require("node:path");
const h = require("./harness.js");

async function main() {
  const pageName = process.argv[2] || (h.seedPages()[0] ?? "article.html");
  const out = path.resolve(process.argv[3] || path.join(h.REPO_ROOT, "docs", "screenshot.png"));
  const workDir = h.makeTempDir("claimlens-shot-");
  const [backend, site] = await Promise.all([
    h.startBackend({ workDir, modelsDir: process.env.CLAIMLENS_E2E_MODELS_DIR }),
    h.startStaticServer(),
  ]);
  const browser = await h.launchBrowser({ userDataDir: path.join(workDir, "profile") });
  try {
    await browser.worker.evaluate(
      (url) => ClaimLensWorker.saveSettings({ backendUrl: url }),
      backend.url,
    );
    const page = await browser.context.newPage();
    await page.goto(`${site.url}/${pageName}`);
    await page.locator("claimlens-mark").first().waitFor({ timeout: 30000 });
    await page.waitForTimeout(500);
    // Prefer an overstated or unsupported claim that cites evidence: the richest tooltip.
    const mark = await page.evaluateHandle(() => {
      const firsts = [...document.querySelectorAll("claimlens-mark[tabindex='0']")];
      const rank = (m) => (m.dataset.claimlensLabel === "supported" ? 1 : 0);
      return firsts.sort((a, b) => rank(a) - rank(b))[0];
    });
    await mark.evaluate((m) => {
      const top = m.getBoundingClientRect().top + window.scrollY;
      window.scrollTo(0, Math.max(0, top - window.innerHeight * 0.3));
    });
    await mark.hover();
    await page.locator("claimlens-tooltip .box").waitFor({ state: "visible", timeout: 5000 });
    await page.mouse.move(5, 5); // off the claim: keep the tooltip by focusing instead
    await mark.evaluate((m) => m.focus({ preventScroll: true }));
    await page.waitForTimeout(400);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    await page.screenshot({ path: out });
    console.log(`wrote ${out} (${pageName})`);
  } finally {
    await browser.close().catch(() => undefined);
    await site.stop();
    await backend.stop();
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
