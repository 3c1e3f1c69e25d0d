/*
 * Named messages between the extension's parts. The service worker owns settings and every call
 * to the backend; the content script, popup and options page ask it with these message types,
 * and the service worker pushes the few in TO_CONTENT to content scripts.
 */
(function (root, factory) {
  "use strict";
  const messages = factory();
  if (typeof module === "object" && module.exports) module.exports = messages;
  else root.ClaimLensMessages = messages;
})(globalThis, function () {
  "use strict";

  const TO_WORKER = Object.freeze({
    GET_SETTINGS: "get-settings",
    SAVE_SETTINGS: "save-settings",
    GET_PAGE_CONFIG: "get-page-config",
    ANNOTATE_PAGE: "annotate-page",
    SEND_FEEDBACK: "send-feedback",
    REPORT_TAB_STATE: "report-tab-state",
    GET_TAB_STATE: "get-tab-state",
    SET_SITE_PAUSED: "set-site-paused",
    SHOW_CLAIM_IN_TAB: "show-claim-in-tab",
    CHECK_BACKEND: "check-backend",
  });

  const TO_CONTENT = Object.freeze({
    PAGE_CONFIG_CHANGED: "page-config-changed",
    SHOW_CLAIM: "show-claim",
  });

  /**
   * Build a dispatcher from a map of message type -> handler(message, sender).
   * Dispatching a message whose type has no handler throws, so a typo never fails silently.
   */
  function createRouter(handlers) {
    const known = new Map(Object.entries(handlers));
    return {
      dispatch(message, sender) {
        const type = message && message.type;
        const handler = known.get(type);
        if (!handler) throw new Error(`Unknown message type: ${String(type)}`);
        return handler(message, sender);
      },
      types: () => [...known.keys()],
    };
  }

  /**
   * Run a router's result through a promise and answer `sendResponse` with
   * {ok: true, value} or {ok: false, error}; returns true so the channel stays open.
   */
  function answer(router, message, sender, sendResponse) {
    Promise.resolve()
      .then(() => router.dispatch(message, sender))
      .then(
        (value) => sendResponse({ ok: true, value }),
        (error) => sendResponse({ ok: false, error: serializeError(error) }),
      );
    return true;
  }

  function serializeError(error) {
    if (error && typeof error === "object") {
      return {
        kind: error.kind || "internal",
        message: error.message || String(error),
        status: error.status || null,
      };
    }
    return { kind: "internal", message: String(error), status: null };
  }

  /** Send a message through `runtime.sendMessage` and unwrap the {ok, value, error} answer. */
  async function request(api, message) {
    const reply = await api.runtime.sendMessage(message);
    if (!reply) throw new Error(`No answer to ${message.type}`);
    if (!reply.ok) {
      const error = new Error(reply.error.message);
      error.kind = reply.error.kind;
      error.status = reply.error.status;
      throw error;
    }
    return reply.value;
  }

  return { TO_WORKER, TO_CONTENT, createRouter, answer, request, serializeError };
});
