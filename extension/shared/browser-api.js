/*
 * One name for the WebExtension API in every browser: Firefox exposes `browser`, Chrome `chrome`.
 * Only standard APIs are used through it, so the same code runs in both.
 */
(function (root) {
  "use strict";
  root.ClaimLensBrowser = {
    api: root.browser && root.browser.runtime ? root.browser : root.chrome,
  };
})(globalThis);
