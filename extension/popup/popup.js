/*
 * Popup: counts per label for the current tab, the list of claims (click one to scroll to it),
 * claims that could not be placed, a pause switch for the site, and the backend's status.
 * Everything comes from the service worker; text is set with textContent only.
 */
(function () {
  "use strict";

  const api = ClaimLensBrowser.api;
  const { TO_WORKER, request } = ClaimLensMessages;
  const LABELS = ["supported", "overstated", "unsupported"];
  const LABEL_TEXT = {
    supported: "Supported",
    overstated: "Overstated",
    unsupported: "Unsupported",
  };
  const REFRESH_MS = 800;
  const MAX_REFRESHES = 60;

  const $ = (id) => document.getElementById(id);
  const ask = (type, payload) => request(api, { type, ...payload });
  let tabId = null;
  let hostname = null;
  let refreshes = 0;

  async function currentTabId() {
    // ?tab=ID opens the popup for a given tab in a normal page (used by the browser tests).
    const fromQuery = new URLSearchParams(location.search).get("tab");
    if (fromQuery) return Number(fromQuery);
    const [tab] = await api.tabs.query({ active: true, currentWindow: true });
    return tab ? tab.id : null;
  }

  function showNotice(text) {
    const notice = $("backend-status");
    notice.textContent = text;
    notice.hidden = !text;
  }

  function claimItem(claim, clickable) {
    const item = document.createElement("li");
    const body = document.createElement(clickable ? "button" : "div");
    body.dataset.label = claim.label;
    body.dataset.claimId = claim.id;
    if (!clickable) body.className = "unplaced";
    const tag = document.createElement("span");
    tag.className = "tag";
    tag.textContent = LABEL_TEXT[claim.label] || claim.label;
    body.append(tag, document.createTextNode(claim.sentence));
    if (clickable) {
      body.type = "button";
      body.title = "Show on the page";
      body.addEventListener("click", () =>
        ask(TO_WORKER.SHOW_CLAIM_IN_TAB, { tabId, id: claim.id }).catch((error) =>
          showNotice(`Could not show the claim: ${error.message}`),
        ),
      );
    }
    item.appendChild(body);
    return item;
  }

  function pageStatusText(tab) {
    if (!tab) return "ClaimLens does not run on this page (only on http and https pages).";
    switch (tab.status) {
      case "working":
        return "Reading the page\u2026";
      case "paused":
        return `Paused on ${tab.hostname}.`;
      case "error":
        return "";
      case "done": {
        const total = (tab.claims || []).length;
        return total
          ? `${total} health claim${total === 1 ? "" : "s"} found.`
          : "No health claims found.";
      }
      default:
        return "";
    }
  }

  function renderTab(view) {
    const tab = view.tab;
    hostname = tab ? tab.hostname : null;
    const toggle = $("site-enabled");
    toggle.disabled = !tab;
    toggle.checked = Boolean(view.siteEnabled);
    $("site-switch-label").textContent = view.siteEnabled
      ? "On for this site"
      : "Off for this site";
    $("page-status").textContent = pageStatusText(tab);
    if (tab && tab.status === "error" && tab.error) showNotice(tab.error.message);

    const summary = (tab && tab.status === "done" && tab.summary) || {};
    for (const label of LABELS) {
      document.querySelector(`[data-count="${label}"]`).textContent = String(summary[label] || 0);
    }
    const claims = (tab && tab.status === "done" && tab.claims) || [];
    const placed = claims.filter((claim) => claim.shown && claim.placed);
    const unplaced = claims.filter((claim) => claim.shown && !claim.placed);
    $("claims").replaceChildren(...placed.map((claim) => claimItem(claim, true)));
    $("unplaced").replaceChildren(...unplaced.map((claim) => claimItem(claim, false)));
    $("unplaced-section").hidden = unplaced.length === 0;
  }

  async function refresh() {
    const view = await ask(TO_WORKER.GET_TAB_STATE, { tabId });
    renderTab(view);
    if (view.tab && view.tab.status === "working" && refreshes++ < MAX_REFRESHES) {
      setTimeout(refresh, REFRESH_MS);
    }
  }

  async function checkBackend() {
    const health = await ask(TO_WORKER.CHECK_BACKEND, {});
    document.body.dataset.backend = health.reachable ? "reachable" : "unreachable";
    if (!health.reachable) showNotice(health.error.message);
  }

  $("site-enabled").addEventListener("change", async (event) => {
    if (!hostname) return;
    await ask(TO_WORKER.SET_SITE_PAUSED, { hostname, paused: !event.target.checked });
    refreshes = 0;
    setTimeout(refresh, REFRESH_MS / 2);
  });
  $("open-options").addEventListener("click", (event) => {
    event.preventDefault();
    api.runtime.openOptionsPage();
  });

  (async () => {
    tabId = await currentTabId();
    await Promise.all([refresh(), checkBackend()]);
    document.body.dataset.ready = "true";
  })().catch((error) => showNotice(`ClaimLens could not read this tab: ${error.message}`));
})();
