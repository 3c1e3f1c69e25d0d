/*
 * Options page: restore the saved settings into the form, save them back through the service
 * worker (their single owner), test the backend, and request host access for a backend that is
 * not the default one.
 */
(function () {
  "use strict";

  const api = ClaimLensBrowser.api;
  const { TO_WORKER, request } = ClaimLensMessages;
  const Settings = ClaimLensSettings;
  const form = document.getElementById("options");
  const ask = (type, payload) => request(api, { type, ...payload });

  function say(id, text, isError = false) {
    const line = document.getElementById(id);
    line.textContent = text;
    line.classList.toggle("error", isError);
  }

  function fill(settings) {
    form.backendUrl.value = settings.backendUrl;
    form.siteMode.value = settings.siteMode;
    form.disabledSites.value = settings.disabledSites.join("\n");
    form.enabledSites.value = settings.enabledSites.join("\n");
    form.showSupported.checked = settings.showSupported;
    form.privacyMode.checked = settings.privacyMode;
  }

  function read() {
    return {
      backendUrl: Settings.normalizeBackendUrl(form.backendUrl.value),
      siteMode: form.siteMode.value,
      disabledSites: Settings.normalizeHostList(form.disabledSites.value),
      enabledSites: Settings.normalizeHostList(form.enabledSites.value),
      showSupported: form.showSupported.checked,
      privacyMode: form.privacyMode.checked,
    };
  }

  async function restore() {
    fill(await ask(TO_WORKER.GET_SETTINGS, {}));
    document.body.dataset.ready = "true";
  }

  async function save(event) {
    event.preventDefault();
    try {
      fill(await ask(TO_WORKER.SAVE_SETTINGS, { settings: read() }));
      say("save-result", "Saved.");
    } catch (error) {
      say("save-result", error.message, true);
    }
  }

  async function testBackend() {
    say("backend-result", "Checking\u2026");
    try {
      await ask(TO_WORKER.SAVE_SETTINGS, { settings: read() });
      const health = await ask(TO_WORKER.CHECK_BACKEND, {});
      if (health.reachable) {
        say("backend-result", `Connected to ${health.backendUrl} (model ${health.modelVersion}).`);
      } else {
        say("backend-result", health.error.message, true);
      }
    } catch (error) {
      say("backend-result", error.message, true);
    }
  }

  function grantBackend() {
    let pattern;
    try {
      pattern = Settings.originPattern(form.backendUrl.value);
    } catch (error) {
      say("backend-result", error.message, true);
      return;
    }
    // permissions.request needs the click's user gesture, so it is the first call made.
    api.permissions.request({ origins: [pattern] }).then(
      (granted) =>
        say(
          "backend-result",
          granted ? `Access to ${pattern} granted.` : "Access was not granted.",
        ),
      (error) => say("backend-result", error.message, true),
    );
  }

  form.addEventListener("submit", save);
  document.getElementById("test-backend").addEventListener("click", testBackend);
  document.getElementById("grant-backend").addEventListener("click", grantBackend);
  document.getElementById("reset").addEventListener("click", () => fill(Settings.DEFAULTS));
  restore().catch((error) => say("save-result", error.message, true));
})();
