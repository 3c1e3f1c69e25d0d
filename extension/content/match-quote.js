/*
 * Find a W3C TextQuoteSelector {exact, prefix, suffix} in a page's text. Pure functions, loaded
 * by the content script and by Node tests.
 *
 * Order of attempts: the exact string; among several occurrences, the one whose surroundings
 * best match prefix/suffix; then the same search over a normalised form of both texts that
 * forgives whitespace runs, curly vs straight quotes, dash variants, non-breaking spaces, soft
 * hyphens and zero-width characters; last, a search that ignores whitespace altogether (a space
 * added or lost where two elements meet). Returns {start, end} offsets into the original text,
 * or null when the quote is not there.
 */
(function (root, factory) {
  "use strict";
  const api = factory();
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.ClaimLensMatch = api;
})(globalThis, function () {
  "use strict";

  const DROPPED = /[\u00AD\u200B\u200C\u200D\u2060\uFEFF]/;
  const WHITESPACE = /[\s\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]/;
  const REPLACEMENTS = new Map([
    ["\u2018", "'"],
    ["\u2019", "'"],
    ["\u201A", "'"],
    ["\u201B", "'"],
    ["\u2032", "'"],
    ["\u00B4", "'"],
    ["`", "'"],
    ["\u201C", '"'],
    ["\u201D", '"'],
    ["\u201E", '"'],
    ["\u201F", '"'],
    ["\u2033", '"'],
    ["\u00AB", '"'],
    ["\u00BB", '"'],
    ["\u2010", "-"],
    ["\u2011", "-"],
    ["\u2012", "-"],
    ["\u2013", "-"],
    ["\u2014", "-"],
    ["\u2015", "-"],
    ["\u2212", "-"],
    ["\u2026", "..."],
    ["\uFB01", "fi"],
    ["\uFB02", "fl"],
  ]);

  /**
   * Normalise `text` for tolerant matching. Returns {text, map} where map[i] is the index in the
   * original text of normalised character i, and map[text.length] is the original length.
   * Whitespace runs become one space, or nothing at all with `dropSpaces`.
   */
  function normalizeWithMap(text, { dropSpaces = false } = {}) {
    const out = [];
    const map = [];
    let pendingSpace = -1;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (DROPPED.test(ch)) continue;
      if (WHITESPACE.test(ch)) {
        if (pendingSpace < 0 && !dropSpaces) pendingSpace = i;
        continue;
      }
      if (pendingSpace >= 0) {
        if (out.length > 0) {
          out.push(" ");
          map.push(pendingSpace);
        }
        pendingSpace = -1;
      }
      const replacement = REPLACEMENTS.get(ch) || ch;
      for (const piece of replacement) {
        out.push(piece);
        map.push(i);
      }
    }
    map.push(text.length);
    return { text: out.join(""), map };
  }

  /** The normalised form alone (for quotes and context strings). */
  function normalize(text, options) {
    return normalizeWithMap(text || "", options).text;
  }

  // The space-free last resort only for quotes long enough not to turn up by chance.
  const MIN_COMPACT_QUOTE = 16;

  function allOccurrences(haystack, needle) {
    const found = [];
    if (!needle) return found;
    let at = haystack.indexOf(needle);
    while (at !== -1) {
      found.push(at);
      at = haystack.indexOf(needle, at + 1);
    }
    return found;
  }

  function commonSuffixLength(a, b) {
    let n = 0;
    while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
    return n;
  }

  function commonPrefixLength(a, b) {
    let n = 0;
    while (n < a.length && n < b.length && a[n] === b[n]) n++;
    return n;
  }

  /** How well the text around [start, end) agrees with the selector's prefix and suffix. */
  function contextScore(text, start, end, prefix, suffix) {
    const before = normalize(text.slice(Math.max(0, start - prefix.length * 2 - 8), start));
    const after = normalize(text.slice(end, end + suffix.length * 2 + 8));
    const wantBefore = normalize(prefix);
    const wantAfter = normalize(suffix);
    return (
      commonSuffixLength(before.trimEnd(), wantBefore.trimEnd()) +
      commonPrefixLength(after.trimStart(), wantAfter.trimStart())
    );
  }

  function pickBest(text, candidates, prefix, suffix) {
    if (candidates.length === 0) return null;
    if (candidates.length === 1 || (!prefix && !suffix)) return candidates[0];
    let best = candidates[0];
    let bestScore = -1;
    for (const candidate of candidates) {
      const score = contextScore(text, candidate.start, candidate.end, prefix, suffix);
      if (score > bestScore) {
        best = candidate;
        bestScore = score;
      }
    }
    return best;
  }

  /**
   * Prepare `text` for many quote lookups (the normalised form is computed once).
   * Returns {match(selector)} where match gives {start, end, tolerant} or null.
   */
  function createQuoteMatcher(text) {
    let normalized = null;
    let compact = null;

    // Occurrences of `exact` in a normalised form of the text, as offsets into the original.
    const tolerantHits = (form, exact, options) => {
      const needle = normalize(exact, options).trim();
      if (!needle) return [];
      return allOccurrences(form.text, needle).map((at) => ({
        start: form.map[at],
        end: form.map[at + needle.length - 1] + 1,
        tolerant: true,
      }));
    };

    return {
      match(selector) {
        const exact = (selector && selector.exact) || "";
        const prefix = (selector && selector.prefix) || "";
        const suffix = (selector && selector.suffix) || "";
        if (!exact.trim()) return null;

        const exactHits = allOccurrences(text, exact).map((start) => ({
          start,
          end: start + exact.length,
          tolerant: false,
        }));
        const direct = pickBest(text, exactHits, prefix, suffix);
        if (direct) return direct;

        normalized = normalized || normalizeWithMap(text);
        const tolerant = pickBest(text, tolerantHits(normalized, exact), prefix, suffix);
        if (tolerant) return tolerant;

        // Last: ignore whitespace entirely, for a space added or lost at an element boundary
        // ("<li>One</li><li>Two</li>" read as "OneTwo" on one side and "One Two" on the other).
        const spaceless = normalize(exact, { dropSpaces: true });
        if (spaceless.length < MIN_COMPACT_QUOTE) return null;
        compact = compact || normalizeWithMap(text, { dropSpaces: true });
        return pickBest(text, tolerantHits(compact, exact, { dropSpaces: true }), prefix, suffix);
      },
    };
  }

  /** One-off lookup of a TextQuoteSelector in `text`. */
  function matchQuote(text, selector) {
    return createQuoteMatcher(text).match(selector);
  }

  /** The TextQuoteSelector in an annotation's target, or null. */
  function quoteSelectorOf(annotation) {
    const selectors = (annotation && annotation.target && annotation.target.selector) || [];
    const list = Array.isArray(selectors) ? selectors : [selectors];
    const quote = list.find((s) => s && s.type === "TextQuoteSelector");
    if (quote) return quote;
    // Without a selector the sentence itself is the best quote we have.
    return annotation && annotation.sentence ? { exact: annotation.sentence } : null;
  }

  return { normalizeWithMap, normalize, createQuoteMatcher, matchQuote, quoteSelectorOf };
});
