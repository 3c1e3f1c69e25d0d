/*
 * ClaimLens service worker: the single owner of settings and of every call to the backend.
 * The content script, popup and options page reach it through named messages (one router; an
 * unknown message throws). It keeps each tab's last annotation state for the popup.
 */
if (typeof importScripts === "function") {
  // Chrome's service worker; Firefox loads the same files from manifest background.scripts.
  importScripts(
    "shared/browser-api.js",
    "shared/messages.js",
    "shared/settings.js",
    "shared/backend-client.js",
  );
}

(function () {
  "use strict";

  const api = ClaimLensBrowser.api;
  const { TO_WORKER, TO_CONTENT, createRouter, answer } = ClaimLensMessages;
  const Settings = ClaimLensSettings;
  const Backend = ClaimLensBackend;
  const SETTINGS_KEY = "settings";
  const TAB_KEY_PREFIX = "tab:";

  // ---- settings -----------------------------------------------------------------------------

  async function loadSettings() {
    const stored = await api.storage.local.get(SETTINGS_KEY);
    try {
      return Settings.normalizeSettings(stored[SETTINGS_KEY]);
    } catch {
      return Settings.normalizeSettings({});
    }
  }

  async function saveSettings(next) {
    const settings = Settings.normalizeSettings(next);
    await api.storage.local.set({ [SETTINGS_KEY]: settings });
    await notifyTabs();
    return settings;
  }

  // ---- per-tab state (kept in session storage: the worker may be stopped at any time) ------

  // storage.session is cleared when the browser closes; fall back to memory where it is missing.
  const memoryTabs = new Map();
  const sessionArea = api.storage.session || null;

  async function putTabState(tabId, tabState) {
    const key = TAB_KEY_PREFIX + tabId;
    if (sessionArea) await sessionArea.set({ [key]: tabState });
    else memoryTabs.set(key, tabState);
  }

  async function getTabState(tabId) {
    const key = TAB_KEY_PREFIX + tabId;
    if (!sessionArea) return memoryTabs.get(key) || null;
    const stored = await sessionArea.get(key);
    return stored[key] || null;
  }

  async function knownTabIds() {
    const keys = sessionArea ? Object.keys(await sessionArea.get(null)) : [...memoryTabs.keys()];
    return keys
      .filter((key) => key.startsWith(TAB_KEY_PREFIX))
      .map((key) => Number(key.slice(TAB_KEY_PREFIX.length)));
  }

  async function forgetTab(tabId) {
    const key = TAB_KEY_PREFIX + tabId;
    if (sessionArea) await sessionArea.remove(key);
    else memoryTabs.delete(key);
  }

  /** Tell every tab with a content script that its page settings may have changed. */
  async function notifyTabs() {
    const tabIds = await knownTabIds();
    await Promise.all(
      tabIds.map((tabId) =>
        api.tabs
          .sendMessage(tabId, { type: TO_CONTENT.PAGE_CONFIG_CHANGED })
          .catch(() => forgetTab(tabId)),
      ),
    );
  }

  function tabIdOf(sender) {
    if (!sender || !sender.tab || typeof sender.tab.id !== "number") {
      throw new Error("This message must come from a page's content script.");
    }
    return sender.tab.id;
  }

  // ---- handlers -----------------------------------------------------------------------------

  async function annotatePage(message) {
    const settings = await loadSettings();
    const page = message.page || {};
    return Backend.annotate(fetch, settings.backendUrl, page, settings.privacyMode);
  }

  async function sendFeedback(message) {
    const settings = await loadSettings();
    const feedback = { ...message.feedback };
    // Privacy mode never tells the backend which page was read.
    if (settings.privacyMode) delete feedback.url;
    return Backend.sendFeedback(fetch, settings.backendUrl, feedback);
  }

  async function setSitePaused(message) {
    const settings = await loadSettings();
    return saveSettings(Settings.withSitePaused(settings, message.hostname, message.paused));
  }

  async function tabStateForPopup(message) {
    const settings = await loadSettings();
    const stored = await getTabState(message.tabId);
    // "left": the tab moved on to a page the content script does not run on (or has not yet).
    const tabState = stored && stored.status !== "left" ? stored : null;
    return {
      tab: tabState,
      backendUrl: settings.backendUrl,
      siteEnabled: tabState ? Settings.isSiteEnabled(settings, tabState.hostname) : null,
    };
  }

  async function checkBackend() {
    const settings = await loadSettings();
    try {
      const health = await Backend.health(fetch, settings.backendUrl);
      return {
        reachable: true,
        backendUrl: settings.backendUrl,
        modelVersion: health.model_version,
      };
    } catch (error) {
      return {
        reachable: false,
        backendUrl: settings.backendUrl,
        error: { kind: error.kind || "internal", message: error.message },
      };
    }
  }

  const router = createRouter({
    [TO_WORKER.GET_SETTINGS]: () => loadSettings(),
    [TO_WORKER.SAVE_SETTINGS]: (message) => saveSettings(message.settings),
    [TO_WORKER.GET_PAGE_CONFIG]: async (message) =>
      Settings.pageConfig(await loadSettings(), message.hostname),
    [TO_WORKER.ANNOTATE_PAGE]: annotatePage,
    [TO_WORKER.SEND_FEEDBACK]: sendFeedback,
    [TO_WORKER.REPORT_TAB_STATE]: async (message, sender) => {
      await putTabState(tabIdOf(sender), { ...message.state, updatedAt: Date.now() });
      return { stored: true };
    },
    [TO_WORKER.GET_TAB_STATE]: tabStateForPopup,
    [TO_WORKER.SET_SITE_PAUSED]: setSitePaused,
    [TO_WORKER.SHOW_CLAIM_IN_TAB]: (message) =>
      api.tabs.sendMessage(message.tabId, { type: TO_CONTENT.SHOW_CLAIM, id: message.id }),
    [TO_WORKER.CHECK_BACKEND]: checkBackend,
  });

  api.runtime.onMessage.addListener((message, sender, sendResponse) =>
    answer(router, message, sender, sendResponse),
  );
  api.tabs.onRemoved.addListener((tabId) => {
    forgetTab(tabId);
  });

  // Exposed for the browser tests, which configure the extension through the same functions.
  globalThis.ClaimLensWorker = { loadSettings, saveSettings, getTabState, knownTabIds };
})();
