/*
 * ClaimLens content script: sends the page to the service worker for annotation, anchors each
 * returned claim by its quote, highlights it, and explains it in a tooltip.
 *
 * Runs in its own scope. Re-annotates (debounced) when a large amount of text is added later
 * (single-page apps, "read more" buttons). Claims that cannot be placed are reported to the
 * service worker so the popup can list them.
 */
(function () {
  "use strict";
  if (globalThis.__claimLensContentLoaded) return;
  globalThis.__claimLensContentLoaded = true;

  const api = ClaimLensBrowser.api;
  const { TO_WORKER, TO_CONTENT, createRouter, answer, request } = ClaimLensMessages;
  const { buildTextIndex } = ClaimLensTextIndex;
  const { createQuoteMatcher, quoteSelectorOf } = ClaimLensMatch;
  const { MARK_TAG, highlightOffsets, removeHighlights } = ClaimLensHighlighter;
  const { HOST_ID, createTooltip } = ClaimLensTooltip;

  // Text added after the first run that is worth a new request (a paragraph or more).
  const BIG_CHANGE_CHARS = 400;
  const CHANGE_DEBOUNCE_MS = 1200;
  const FLASH_MS = 1600;
  // The backend's request limits (API.md): 2048 characters of URL, 4 MiB of HTML.
  const MAX_URL_CHARS = 2048;
  const MAX_HTML_CHARS = 3.5 * 1024 * 1024;

  const state = {
    config: null,
    result: null,
    annotations: new Map(),
    generation: 0,
    running: false,
    rerunRequested: false,
    addedChars: 0,
    textLengthAtRun: 0,
    changeTimer: null,
    observer: null,
    tooltip: null,
    lastReport: null,
  };

  const ask = (type, payload) => request(api, { type, ...payload });

  function report(status, extra = {}) {
    const tabState = (state.lastReport = {
      status,
      hostname: location.hostname,
      url: location.href,
      enabled: Boolean(state.config && state.config.enabled),
      ...extra,
    });
    return ask(TO_WORKER.REPORT_TAB_STATE, { state: tabState }).catch(() => undefined);
  }

  // Leaving the page must not leave its claims in the popup; coming back from the back/forward
  // cache brings them back.
  window.addEventListener("pagehide", () => {
    ask(TO_WORKER.REPORT_TAB_STATE, { state: { status: "left", url: location.href } }).catch(
      () => undefined,
    );
  });
  window.addEventListener("pageshow", (event) => {
    if (event.persisted && state.lastReport) report(state.lastReport.status, state.lastReport);
  });

  // ---- highlights -------------------------------------------------------------------------

  function createMark(annotation) {
    const mark = document.createElement(MARK_TAG);
    mark.setAttribute("data-claimlens-label", annotation.label);
    mark.setAttribute("data-claimlens-id", annotation.id);
    return mark;
  }

  /** The first piece is the claim's single tab stop; the last carries the label marker. */
  function decorate(marks, annotation) {
    const first = marks[0];
    first.setAttribute("tabindex", "0");
    first.setAttribute("role", "button");
    first.setAttribute("aria-roledescription", `${annotation.label} health claim`);
    first.setAttribute("aria-haspopup", "dialog");
    first.setAttribute("aria-expanded", "false");
    first.setAttribute("aria-describedby", HOST_ID);
    first.setAttribute("data-claimlens-first", "");
    marks[marks.length - 1].setAttribute("data-claimlens-last", "");
  }

  function withObserverPaused(work) {
    if (state.observer) state.observer.disconnect();
    try {
      return work();
    } finally {
      if (state.observer && state.config && state.config.enabled) observe();
    }
  }

  function clearHighlights() {
    withObserverPaused(() => {
      if (state.tooltip) state.tooltip.hide();
      removeHighlights(document.body);
    });
  }

  function render(result) {
    return withObserverPaused(() => {
      if (state.tooltip) state.tooltip.hide();
      removeHighlights(document.body);
      state.annotations.clear();
      const index = buildTextIndex(document.body);
      const matcher = createQuoteMatcher(index.text);
      const claims = [];
      for (const annotation of result.annotations) {
        const shown = state.config.showSupported || annotation.label !== "supported";
        let placed = false;
        if (shown) {
          const quote = quoteSelectorOf(annotation);
          const hit = quote ? matcher.match(quote) : null;
          if (hit) {
            const marks = highlightOffsets(index, hit.start, hit.end, () => createMark(annotation));
            if (marks.length) {
              decorate(marks, annotation);
              placed = true;
            }
          }
          state.annotations.set(annotation.id, annotation);
        }
        claims.push({
          id: annotation.id,
          label: annotation.label,
          confidence: annotation.confidence,
          sentence: annotation.sentence,
          shown,
          placed,
        });
      }
      return claims;
    });
  }

  // ---- annotation runs ----------------------------------------------------------------------

  /** The page's address as the backend accepts it: no fragment, and no query if too long. */
  function pageUrl() {
    const url = new URL(location.href);
    url.hash = "";
    if (url.href.length > MAX_URL_CHARS) url.search = "";
    return url.href;
  }

  // The server sees the HTML without the site's stylesheets, so it cannot know what they hide
  // (hover cards, collapsed menus). Mark the top of each subtree the browser hides, serialize,
  // and remove the marks again, so the server drops the same text the reader cannot see.
  function serializeMarkingHidden() {
    const marked = [];
    const walker = document.createTreeWalker(
      document.body || document.documentElement,
      NodeFilter.SHOW_ELEMENT,
      {
        acceptNode(element) {
          const style = getComputedStyle(element);
          if (style.display === "none" || style.visibility === "hidden") {
            marked.push(element);
            return NodeFilter.FILTER_REJECT;
          }
          return NodeFilter.FILTER_ACCEPT;
        },
      },
    );
    while (walker.nextNode()) {
      /* visit every element; acceptNode records the hidden ones */
    }
    for (const element of marked) element.setAttribute("data-claimlens-hidden", "");
    try {
      return document.documentElement.outerHTML;
    } finally {
      for (const element of marked) element.removeAttribute("data-claimlens-hidden");
    }
  }

  function collectPage() {
    const visibleText = () => buildTextIndex(document.body).text;
    if (state.config.privacyMode) return { text: visibleText() };
    const html = serializeMarkingHidden();
    // Past the backend's HTML limit the visible text (far smaller) still gets the page read.
    if (html.length > MAX_HTML_CHARS) return { url: pageUrl(), text: visibleText() };
    return { url: pageUrl(), html };
  }

  async function annotatePage() {
    if (state.running) {
      state.rerunRequested = true;
      return;
    }
    state.running = true;
    const generation = ++state.generation;
    try {
      clearHighlights();
      state.addedChars = 0;
      report("working");
      // Timings go into the tab state: where the time goes on a slow page (collect, backend,
      // anchoring and highlighting).
      const started = performance.now();
      const page = collectPage();
      const collected = performance.now();
      const result = await ask(TO_WORKER.ANNOTATE_PAGE, { page });
      if (generation !== state.generation || !state.config.enabled) return;
      const answered = performance.now();
      state.result = result;
      const claims = render(result);
      const rendered = performance.now();
      state.textLengthAtRun = buildTextIndex(document.body).text.length;
      const timings = {
        collectMs: Math.round(collected - started),
        backendMs: Math.round(answered - collected),
        renderMs: Math.round(rendered - answered),
      };
      report("done", {
        summary: result.summary,
        modelVersion: result.model_version,
        claims,
        timings,
        textChars: state.textLengthAtRun,
      });
    } catch (error) {
      if (generation !== state.generation) return;
      report("error", { error: { kind: error.kind || "internal", message: error.message } });
    } finally {
      state.running = false;
      if (state.rerunRequested && state.config.enabled) {
        state.rerunRequested = false;
        annotatePage();
      }
    }
  }

  function pause() {
    state.generation++;
    clearTimeout(state.changeTimer);
    if (state.observer) state.observer.disconnect();
    clearHighlights();
    if (state.tooltip) state.tooltip.remove();
    state.annotations.clear();
    state.result = null;
    report("paused");
  }

  // ---- text added later ---------------------------------------------------------------------

  function isOwnNode(node) {
    const element = node.nodeType === 1 ? node : node.parentElement;
    return Boolean(element && element.closest(`${MARK_TAG}, ${HOST_ID}`));
  }

  function onMutations(mutations) {
    for (const mutation of mutations) {
      if (mutation.type === "characterData") {
        if (!isOwnNode(mutation.target)) state.addedChars += mutation.target.data.length;
        continue;
      }
      for (const node of mutation.addedNodes) {
        if (isOwnNode(node)) continue;
        if (node.nodeType === 1 && node.localName === HOST_ID) continue;
        state.addedChars += (node.textContent || "").length;
      }
    }
    if (state.addedChars < BIG_CHANGE_CHARS) return;
    clearTimeout(state.changeTimer);
    state.changeTimer = setTimeout(annotateIfTextGrew, CHANGE_DEBOUNCE_MS);
  }

  /** Busy pages churn their DOM (ads, carousels): only real growth of visible text counts. */
  function annotateIfTextGrew() {
    state.addedChars = 0;
    const length = buildTextIndex(document.body).text.length;
    if (length - state.textLengthAtRun >= BIG_CHANGE_CHARS) annotatePage();
  }

  function observe() {
    if (!state.observer) state.observer = new MutationObserver(onMutations);
    state.observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  }

  // ---- tooltip wiring -----------------------------------------------------------------------

  function focusableMarkFor(id) {
    return document.querySelector(`${MARK_TAG}[data-claimlens-id="${CSS.escape(id)}"][tabindex]`);
  }

  function sendFeedback(annotation, label) {
    return ask(TO_WORKER.SEND_FEEDBACK, {
      feedback: {
        url: pageUrl(),
        sentence: annotation.sentence,
        label,
        predicted: annotation.label,
        model_version: annotation.model_version || (state.result && state.result.model_version),
      },
    });
  }

  function tooltip() {
    if (!state.tooltip) state.tooltip = createTooltip({ onFeedback: sendFeedback });
    return state.tooltip;
  }

  function markFromEvent(event) {
    const target = event.target;
    const mark = target && target.closest ? target.closest(MARK_TAG) : null;
    if (!mark) return null;
    const annotation = state.annotations.get(mark.getAttribute("data-claimlens-id"));
    const anchor = annotation && focusableMarkFor(annotation.id);
    return anchor ? { anchor, annotation } : null;
  }

  function wireTooltipEvents() {
    const showFrom = (event) => {
      const found = markFromEvent(event);
      if (found) tooltip().show(found.anchor, found.annotation);
    };
    document.addEventListener("mouseover", showFrom, true);
    document.addEventListener("focusin", showFrom, true);
    const leave = (event) => {
      if (markFromEvent(event) && state.tooltip) state.tooltip.hideSoon();
    };
    document.addEventListener("mouseout", leave, true);
    document.addEventListener("focusout", leave, true);
    document.addEventListener(
      "keydown",
      (event) => {
        if (event.key === "Escape" && state.tooltip && state.tooltip.current) {
          // Inside the tooltip, its own handler closes it and gives focus back to the claim.
          if (event.target !== state.tooltip.element) state.tooltip.hide();
          return;
        }
        const found = markFromEvent(event);
        if (!found || !["Enter", " ", "ArrowDown"].includes(event.key)) return;
        event.preventDefault();
        tooltip().show(found.anchor, found.annotation);
        tooltip().focusFirstButton();
      },
      true,
    );
  }

  // ---- messages from the service worker -----------------------------------------------------

  function showClaim(id) {
    const pieces = document.querySelectorAll(
      `${MARK_TAG}[data-claimlens-id="${CSS.escape(String(id))}"]`,
    );
    if (!pieces.length) return { found: false };
    pieces[0].scrollIntoView({ block: "center", inline: "nearest" });
    withObserverPaused(() => {
      for (const piece of pieces) piece.setAttribute("data-claimlens-flash", "");
    });
    setTimeout(() => {
      withObserverPaused(() => {
        for (const piece of pieces) piece.removeAttribute("data-claimlens-flash");
      });
    }, FLASH_MS);
    return { found: true };
  }

  async function applyConfig() {
    const before = state.config;
    state.config = await ask(TO_WORKER.GET_PAGE_CONFIG, { hostname: location.hostname });
    if (!state.config.enabled) {
      if (!before || before.enabled) pause();
      return;
    }
    const wasOff = !before || !before.enabled;
    const privacyChanged = before && before.privacyMode !== state.config.privacyMode;
    if (wasOff || privacyChanged || !state.result) {
      observe();
      await annotatePage();
    } else if (before.showSupported !== state.config.showSupported) {
      const claims = render(state.result);
      report("done", {
        summary: state.result.summary,
        modelVersion: state.result.model_version,
        claims,
      });
    }
  }

  const router = createRouter({
    [TO_CONTENT.PAGE_CONFIG_CHANGED]: () => applyConfig().then(() => ({ applied: true })),
    [TO_CONTENT.SHOW_CLAIM]: (message) => showClaim(message.id),
  });
  api.runtime.onMessage.addListener((message, sender, sendResponse) =>
    answer(router, message, sender, sendResponse),
  );

  // Only HTML documents with a body have text to read (not XML or bare SVG files).
  if (!document.body) return;
  wireTooltipEvents();
  applyConfig().catch((error) => {
    report("error", { error: { kind: error.kind || "internal", message: error.message } });
  });
})();
