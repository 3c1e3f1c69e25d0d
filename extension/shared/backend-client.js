/*
 * Calls to the ClaimLens backend (only the service worker uses this). Every failure becomes a
 * BackendError with a `kind` the popup can explain: unreachable, timeout, rate-limited, http,
 * bad-response. `fetch` is passed in so Node tests can stand in for the network.
 */
(function (root, factory) {
  "use strict";
  const client = factory();
  if (typeof module === "object" && module.exports) module.exports = client;
  else root.ClaimLensBackend = client;
})(globalThis, function () {
  "use strict";

  const ANNOTATE_TIMEOUT_MS = 30000;
  const SMALL_TIMEOUT_MS = 8000;

  class BackendError extends Error {
    constructor(kind, message, status = null) {
      super(message);
      this.name = "BackendError";
      this.kind = kind;
      this.status = status;
    }
  }

  async function readProblem(response) {
    try {
      const body = await response.json();
      return (body && (body.detail || body.title)) || "";
    } catch {
      return "";
    }
  }

  /** POST or GET JSON to `baseUrl + path`; resolves to the parsed body or throws BackendError. */
  async function requestJson(fetchImpl, baseUrl, path, { method = "GET", body, timeoutMs } = {}) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs || SMALL_TIMEOUT_MS);
    let response;
    try {
      response = await fetchImpl(`${baseUrl}${path}`, {
        method,
        headers: body === undefined ? {} : { "Content-Type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: controller.signal,
        credentials: "omit",
        cache: "no-store",
      });
    } catch (error) {
      if (controller.signal.aborted) {
        throw new BackendError("timeout", `The backend at ${baseUrl} did not answer in time.`);
      }
      throw new BackendError(
        "unreachable",
        `Cannot reach the ClaimLens backend at ${baseUrl}. Is it running? ` +
          "Start it with `python -m backend`, or change the address in Options.",
      );
    } finally {
      clearTimeout(timer);
    }
    if (!response.ok) {
      const detail = await readProblem(response);
      const kind = response.status === 429 ? "rate-limited" : "http";
      const prefix = `The backend answered ${response.status}`;
      throw new BackendError(kind, detail ? `${prefix}: ${detail}` : `${prefix}.`, response.status);
    }
    try {
      return await response.json();
    } catch {
      throw new BackendError("bad-response", `The backend at ${baseUrl} did not send JSON.`);
    }
  }

  /** Check the answer to /api/annotate has the fields the content script relies on. */
  function checkAnnotations(result) {
    if (!result || !Array.isArray(result.annotations)) {
      throw new BackendError("bad-response", "The backend's answer has no annotations list.");
    }
    return result;
  }

  /**
   * Body for /api/annotate: the page as the browser has it ({url, html}); only its text in
   * privacy mode ({text}, no URL); {url, text} when the page sent text instead of HTML.
   */
  function annotateBody(page, privacyMode) {
    const hasText = typeof page.text === "string" && page.text.trim() !== "";
    if (privacyMode || typeof page.html !== "string") {
      if (!hasText) throw new BackendError("empty", "The page has no text to read.");
      return privacyMode || !page.url ? { text: page.text } : { url: page.url, text: page.text };
    }
    return { url: page.url, html: page.html };
  }

  async function annotate(fetchImpl, baseUrl, page, privacyMode) {
    const body = annotateBody(page, privacyMode);
    const result = await requestJson(fetchImpl, baseUrl, "/api/annotate", {
      method: "POST",
      body,
      timeoutMs: ANNOTATE_TIMEOUT_MS,
    });
    return checkAnnotations(result);
  }

  async function sendFeedback(fetchImpl, baseUrl, feedback) {
    const body = {
      sentence: feedback.sentence,
      label: feedback.label,
      predicted: feedback.predicted,
    };
    if (feedback.url) body.url = feedback.url;
    if (feedback.comment) body.comment = feedback.comment;
    if (feedback.model_version) body.model_version = feedback.model_version;
    return requestJson(fetchImpl, baseUrl, "/api/feedback", { method: "POST", body });
  }

  async function health(fetchImpl, baseUrl) {
    return requestJson(fetchImpl, baseUrl, "/api/health");
  }

  return { BackendError, requestJson, annotateBody, annotate, sendFeedback, health };
});
