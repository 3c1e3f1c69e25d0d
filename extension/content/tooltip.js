/*
 * The tooltip that explains one highlighted claim and takes feedback on it.
 *
 * It lives in a shadow root on a <claimlens-tooltip> host, so the page's CSS cannot restyle it.
 * Built with createElement/textContent only: server text never goes through innerHTML.
 * role=dialog (it holds buttons), aria-live for the feedback confirmation, Escape closes it.
 */
(function (root) {
  "use strict";

  const HOST_ID = "claimlens-tooltip";
  const LABEL_TEXT = {
    supported: "Supported",
    overstated: "Overstated",
    unsupported: "Unsupported",
    none: "Not a health claim",
  };
  const LABEL_ICON = { supported: "\u2713", overstated: "!", unsupported: "?", none: "\u2013" };
  const FEEDBACK_LABELS = ["supported", "overstated", "unsupported", "none"];

  const STYLE = `
    :host { all: initial; }
    .box { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1f2328;
      background: #fff; border: 1px solid #8c959f; border-radius: 8px; padding: 10px 12px;
      box-shadow: 0 6px 20px rgba(0,0,0,.18); max-width: 360px; box-sizing: border-box; }
    .head { display: flex; align-items: center; gap: 8px; font-weight: 600; margin-bottom: 4px; }
    .icon { display: inline-flex; width: 20px; height: 20px; border-radius: 50%;
      align-items: center; justify-content: center; color: #fff; font-size: 13px; }
    .supported .icon { background: #1a7f37; } .overstated .icon { background: #9a6700; }
    .unsupported .icon { background: #cf222e; }
    .confidence { font-weight: 400; color: #59636e; margin-left: auto; }
    p { margin: 4px 0; } .cues, .evidence { color: #424a53; font-size: 13px; }
    .cue { background: #eef1f4; border-radius: 4px; padding: 0 4px; margin-right: 4px; }
    .actions, .choices { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 8px; }
    button { font: inherit; font-size: 13px; padding: 3px 9px; border-radius: 6px;
      border: 1px solid #8c959f; background: #f6f8fa; color: #1f2328; cursor: pointer; }
    button:hover { background: #eaeef2; }
    button:focus-visible { outline: 2px solid #0969da; outline-offset: 1px; }
    .status { font-size: 13px; margin: 6px 0 0; } .status:empty { display: none; }
    .status.error { color: #cf222e; } .status.ok { color: #1a7f37; }
    [hidden] { display: none !important; }
  `;

  function el(tag, className, text) {
    const element = document.createElement(tag);
    if (className) element.className = className;
    if (text !== undefined) element.textContent = text;
    return element;
  }

  /** Human text for the evidence part of an explanation, or "" when there is none. */
  function evidenceLine(evidence) {
    if (!evidence) return "";
    const pair = [evidence.intervention, evidence.condition].filter(Boolean).join(" for ");
    const grade = evidence.grade ? ` \u2014 evidence: ${evidence.grade}` : "";
    const source = evidence.source ? ` (${evidence.source})` : "";
    return `${pair}${grade}${source}`.trim();
  }

  /**
   * Create the single tooltip for the page. `onFeedback(annotation, label)` must return a
   * promise; the tooltip shows its outcome.
   */
  function createTooltip({ onFeedback }) {
    const host = document.createElement(HOST_ID);
    host.id = HOST_ID;
    host.setAttribute("role", "dialog");
    host.setAttribute("aria-label", "ClaimLens: about this claim");
    host.setAttribute(
      "style",
      "position:absolute !important;z-index:2147483647 !important;display:none !important;" +
        "margin:0 !important;padding:0 !important;border:0 !important;",
    );
    const shadow = host.attachShadow({ mode: "open" });
    shadow.appendChild(el("style", "", STYLE));
    const box = el("div", "box");
    shadow.appendChild(box);

    let current = null; // {mark, annotation}
    let hideTimer = null;
    // Set while Escape hands focus back to the claim, so that focus does not reopen the tooltip.
    let returningFocus = false;

    const rebuild = (annotation) => {
      box.replaceChildren();
      box.className = `box ${annotation.label}`;
      const head = el("div", "head");
      head.appendChild(el("span", "icon", LABEL_ICON[annotation.label] || ""));
      head.appendChild(el("span", "label", LABEL_TEXT[annotation.label] || annotation.label));
      const confidence = Math.round((Number(annotation.confidence) || 0) * 100);
      head.appendChild(el("span", "confidence", `${confidence}% confidence`));
      box.appendChild(head);

      const explanation = annotation.explanation || {};
      if (explanation.summary) box.appendChild(el("p", "summary", explanation.summary));
      const cues = (explanation.cues || []).filter((cue) => cue && cue.text);
      if (cues.length) {
        const line = el("p", "cues", "Cue words: ");
        for (const cue of cues) line.appendChild(el("span", "cue", cue.text));
        box.appendChild(line);
      }
      const evidence = evidenceLine(explanation.evidence);
      if (evidence) box.appendChild(el("p", "evidence", `Evidence: ${evidence}`));

      const actions = el("div", "actions");
      const agree = el("button", "agree", "Looks right");
      agree.type = "button";
      const disagree = el("button", "disagree", "Wrong label \u2192 pick the right one");
      disagree.type = "button";
      disagree.setAttribute("aria-expanded", "false");
      actions.append(agree, disagree);
      box.appendChild(actions);

      const choices = el("div", "choices");
      choices.hidden = true;
      choices.setAttribute("role", "group");
      choices.setAttribute("aria-label", "The right label");
      for (const label of FEEDBACK_LABELS) {
        const choice = el("button", "choice", LABEL_TEXT[label]);
        choice.type = "button";
        choice.dataset.label = label;
        choice.addEventListener("click", () => send(label));
        choices.appendChild(choice);
      }
      box.appendChild(choices);

      const status = el("p", "status");
      status.setAttribute("role", "status");
      status.setAttribute("aria-live", "polite");
      box.appendChild(status);

      const send = (label) => {
        status.className = "status";
        status.textContent = "Sending\u2026";
        Promise.resolve(onFeedback(annotation, label)).then(
          () => {
            status.className = "status ok";
            status.textContent = "Thank you \u2014 your feedback was sent.";
            // Keep keyboard focus inside the tooltip when the focused choice disappears.
            const focusWasInChoices = choices.contains(shadow.activeElement);
            choices.hidden = true;
            if (focusWasInChoices) disagree.focus();
            disagree.setAttribute("aria-expanded", "false");
          },
          (error) => {
            status.className = "status error";
            status.textContent = `Could not send feedback: ${error.message || error}`;
          },
        );
      };
      agree.addEventListener("click", () => send(annotation.label));
      disagree.addEventListener("click", () => {
        choices.hidden = !choices.hidden;
        disagree.setAttribute("aria-expanded", String(!choices.hidden));
        if (!choices.hidden) choices.querySelector("button").focus();
      });
    };

    const place = (mark) => {
      const rect = mark.getBoundingClientRect();
      const scrollX = window.scrollX;
      const scrollY = window.scrollY;
      const width = Math.min(360, document.documentElement.clientWidth - 16);
      const left = Math.max(
        8,
        Math.min(rect.left, document.documentElement.clientWidth - width - 8),
      );
      host.style.setProperty("left", `${left + scrollX}px`, "important");
      host.style.setProperty("top", `${rect.bottom + scrollY + 6}px`, "important");
      host.style.setProperty("display", "block", "important");
    };

    const api = {
      element: host,
      get current() {
        return current;
      },
      show(mark, annotation) {
        if (returningFocus) return;
        clearTimeout(hideTimer);
        if (!host.isConnected) document.documentElement.appendChild(host);
        if (!current || current.annotation !== annotation) rebuild(annotation);
        if (current && current.mark !== mark) current.mark.setAttribute("aria-expanded", "false");
        current = { mark, annotation };
        mark.setAttribute("aria-expanded", "true");
        place(mark);
      },
      hide() {
        clearTimeout(hideTimer);
        host.style.setProperty("display", "none", "important");
        if (current) current.mark.setAttribute("aria-expanded", "false");
        current = null;
      },
      hideSoon() {
        clearTimeout(hideTimer);
        hideTimer = setTimeout(() => {
          const active = document.activeElement;
          if (host.matches(":hover") || active === host) return;
          if (current && (current.mark.matches(":hover") || active === current.mark)) return;
          api.hide();
        }, 300);
      },
      focusFirstButton() {
        const first = box.querySelector("button");
        if (first) first.focus();
      },
      remove() {
        api.hide();
        host.remove();
      },
    };

    host.addEventListener("mouseleave", () => api.hideSoon());
    host.addEventListener("focusout", () => api.hideSoon());
    host.addEventListener("keydown", (event) => {
      if (event.key !== "Escape") return;
      event.stopPropagation();
      const mark = current && current.mark;
      api.hide();
      if (!mark) return;
      returningFocus = true;
      try {
        mark.focus();
      } finally {
        returningFocus = false;
      }
    });
    return api;
  }

  root.ClaimLensTooltip = { HOST_ID, LABEL_TEXT, LABEL_ICON, createTooltip, evidenceLine };
})(globalThis);
