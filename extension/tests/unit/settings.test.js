"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const S = require("../../shared/settings.js");

test("defaults: local backend, every site, supported shown, privacy off", () => {
  const settings = S.normalizeSettings(undefined);
  assert.equal(settings.backendUrl, "http://127.0.0.1:5000");
  assert.equal(settings.siteMode, "all");
  assert.equal(settings.showSupported, true);
  assert.equal(settings.privacyMode, false);
  assert.ok(S.isSiteEnabled(settings, "example.com"));
});

test("backend URLs are checked and tidied", () => {
  assert.equal(
    S.normalizeBackendUrl(" https://claims.example.org/ "),
    "https://claims.example.org",
  );
  assert.equal(
    S.normalizeBackendUrl("http://10.0.0.2:8080/api-root/"),
    "http://10.0.0.2:8080/api-root",
  );
  assert.throws(() => S.normalizeBackendUrl("ftp://x"), /http/);
  assert.throws(() => S.normalizeBackendUrl("not a url"), /valid/);
  assert.throws(() => S.normalizeBackendUrl("http://u:p@h"), /password/);
  assert.equal(S.originPattern("http://127.0.0.1:5001/x"), "http://127.0.0.1:5001/*");
});

test("host lists accept URLs and bare names, deduplicated", () => {
  assert.deepEqual(S.normalizeHostList("https://www.Example.com/a\nexample.com, news.bbc.co.uk"), [
    "example.com",
    "news.bbc.co.uk",
  ]);
});

test("the off list covers subdomains; the pause switch adds and removes a site", () => {
  let settings = S.normalizeSettings({ disabledSites: ["example.com"] });
  assert.equal(S.isSiteEnabled(settings, "www.example.com"), false);
  assert.equal(S.isSiteEnabled(settings, "blog.example.com"), false);
  assert.equal(S.isSiteEnabled(settings, "notexample.com"), true);
  settings = S.withSitePaused(settings, "health.org", true);
  assert.equal(S.isSiteEnabled(settings, "health.org"), false);
  settings = S.withSitePaused(settings, "www.example.com", false);
  assert.equal(S.isSiteEnabled(settings, "example.com"), true);
  assert.deepEqual(settings.disabledSites, ["health.org"]);
});

test("only-listed mode runs on listed sites only", () => {
  let settings = S.normalizeSettings({ siteMode: "only-listed", enabledSites: ["nhs.uk"] });
  assert.equal(S.isSiteEnabled(settings, "www.nhs.uk"), true);
  assert.equal(S.isSiteEnabled(settings, "example.com"), false);
  settings = S.withSitePaused(settings, "nhs.uk", true);
  assert.equal(S.isSiteEnabled(settings, "nhs.uk"), false);
  settings = S.withSitePaused(settings, "example.com", false);
  assert.equal(S.isSiteEnabled(settings, "example.com"), true);
});

test("unknown or malformed stored values fall back to defaults", () => {
  const settings = S.normalizeSettings({ siteMode: "sometimes", showSupported: "yes", extra: 1 });
  assert.equal(settings.siteMode, "all");
  assert.equal(settings.showSupported, true);
  assert.equal("extra" in settings, false);
  assert.deepEqual(S.pageConfig(settings, "a.com"), {
    enabled: true,
    showSupported: true,
    privacyMode: false,
  });
});
