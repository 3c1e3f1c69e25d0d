/*
 * Settings: defaults, validation and the per-site rule. Pure functions, so the service worker
 * (their single owner), the options page and Node tests share one definition.
 */
(function (root, factory) {
  "use strict";
  const settings = factory();
  if (typeof module === "object" && module.exports) module.exports = settings;
  else root.ClaimLensSettings = settings;
})(globalThis, function () {
  "use strict";

  const DEFAULT_BACKEND_URL = "http://127.0.0.1:5000";
  const SITE_MODES = Object.freeze({ ALL: "all", ONLY_LISTED: "only-listed" });

  const DEFAULTS = Object.freeze({
    backendUrl: DEFAULT_BACKEND_URL,
    siteMode: SITE_MODES.ALL,
    // Hosts where the extension is off while siteMode is "all" (the popup's pause switch).
    disabledSites: [],
    // Hosts where the extension runs while siteMode is "only-listed".
    enabledSites: [],
    showSupported: true,
    // Send only the page's visible text, never its URL or HTML.
    privacyMode: false,
  });

  /** Check and tidy a backend URL: http(s) only, no credentials, no trailing slash. */
  function normalizeBackendUrl(value) {
    let url;
    try {
      url = new URL(String(value || "").trim());
    } catch {
      throw new Error("The backend URL is not a valid address, e.g. http://127.0.0.1:5000");
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") {
      throw new Error("The backend URL must start with http:// or https://");
    }
    if (url.username || url.password) {
      throw new Error("The backend URL must not contain a user name or password");
    }
    const path = url.pathname.replace(/\/+$/, "");
    return `${url.protocol}//${url.host}${path}`;
  }

  /** The match pattern that grants host permission for a backend URL (for permissions.request). */
  function originPattern(backendUrl) {
    const url = new URL(normalizeBackendUrl(backendUrl));
    return `${url.protocol}//${url.host}/*`;
  }

  /** Turn a user's entry ("https://www.Example.com/page", "example.com") into a bare host name. */
  function normalizeHost(entry) {
    let text = String(entry || "")
      .trim()
      .toLowerCase();
    if (!text) return "";
    if (!/^[a-z][a-z0-9+.-]*:\/\//.test(text)) text = `http://${text}`;
    try {
      return new URL(text).hostname.replace(/^www\./, "");
    } catch {
      return "";
    }
  }

  function normalizeHostList(list) {
    const hosts = (Array.isArray(list) ? list : String(list || "").split(/[\s,]+/))
      .map(normalizeHost)
      .filter(Boolean);
    return [...new Set(hosts)].sort();
  }

  /** Merge stored values over the defaults, dropping anything unknown or malformed. */
  function normalizeSettings(stored) {
    const input = stored && typeof stored === "object" ? stored : {};
    const result = { ...DEFAULTS };
    if (input.backendUrl !== undefined) result.backendUrl = normalizeBackendUrl(input.backendUrl);
    if (Object.values(SITE_MODES).includes(input.siteMode)) result.siteMode = input.siteMode;
    if (input.disabledSites !== undefined)
      result.disabledSites = normalizeHostList(input.disabledSites);
    if (input.enabledSites !== undefined)
      result.enabledSites = normalizeHostList(input.enabledSites);
    if (typeof input.showSupported === "boolean") result.showSupported = input.showSupported;
    if (typeof input.privacyMode === "boolean") result.privacyMode = input.privacyMode;
    return result;
  }

  /** True when `hostname` is `listed` or one of its subdomains. */
  function hostMatches(hostname, listed) {
    const host = normalizeHost(hostname);
    return host === listed || host.endsWith(`.${listed}`);
  }

  /** Whether the extension should annotate pages on `hostname` under these settings. */
  function isSiteEnabled(settings, hostname) {
    if (!normalizeHost(hostname)) return false;
    if (settings.siteMode === SITE_MODES.ONLY_LISTED) {
      return settings.enabledSites.some((listed) => hostMatches(hostname, listed));
    }
    return !settings.disabledSites.some((listed) => hostMatches(hostname, listed));
  }

  /** Settings after the popup's pause/resume switch for one site. */
  function withSitePaused(settings, hostname, paused) {
    const host = normalizeHost(hostname);
    const next = { ...settings };
    const without = (list) => list.filter((listed) => !hostMatches(host, listed));
    if (settings.siteMode === SITE_MODES.ONLY_LISTED) {
      next.enabledSites = paused
        ? without(settings.enabledSites)
        : normalizeHostList([...settings.enabledSites, host]);
    } else {
      next.disabledSites = paused
        ? normalizeHostList([...settings.disabledSites, host])
        : without(settings.disabledSites);
    }
    return next;
  }

  /** What a content script on `hostname` needs to know, and nothing more. */
  function pageConfig(settings, hostname) {
    return {
      enabled: isSiteEnabled(settings, hostname),
      showSupported: settings.showSupported,
      privacyMode: settings.privacyMode,
    };
  }

  return {
    DEFAULTS,
    DEFAULT_BACKEND_URL,
    SITE_MODES,
    normalizeBackendUrl,
    originPattern,
    normalizeHost,
    normalizeHostList,
    normalizeSettings,
    isSiteEnabled,
    withSitePaused,
    pageConfig,
  };
});
