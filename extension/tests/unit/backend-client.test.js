"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const client = require("../../shared/backend-client.js");

function jsonResponse(status, body) {
  return {
    ok: status >= 200 && status < 300,
    status,
    json: async () => {
      if (body === undefined) throw new SyntaxError("no json");
      return body;
    },
  };
}

test("annotate posts the url and html, and returns the annotations", async () => {
  const calls = [];
  const fetchImpl = async (url, init) => {
    calls.push({ url, init });
    return jsonResponse(200, { annotations: [], summary: { claims: 0 } });
  };
  const page = { url: "https://a.example/p", html: "<p>x</p>", text: "x" };
  const result = await client.annotate(fetchImpl, "http://127.0.0.1:5000", page, false);
  assert.deepEqual(result.annotations, []);
  assert.equal(calls[0].url, "http://127.0.0.1:5000/api/annotate");
  assert.equal(calls[0].init.method, "POST");
  assert.equal(calls[0].init.headers["Content-Type"], "application/json");
  assert.deepEqual(JSON.parse(calls[0].init.body), { url: page.url, html: page.html });
});

test("privacy mode sends only the text", () => {
  const page = { url: "https://a.example/p", html: "<p>x</p>", text: "Visible text." };
  assert.deepEqual(client.annotateBody(page, true), { text: "Visible text." });
  assert.throws(() => client.annotateBody({ text: " " }, true), /no text/);
});

test("a page too large for HTML is sent as its URL and text", () => {
  const page = { url: "https://a.example/p", text: "Visible text." };
  assert.deepEqual(client.annotateBody(page, false), page);
  assert.throws(() => client.annotateBody({ url: "https://a.example/p" }, false), /no text/);
});

test("a network failure is reported as unreachable", async () => {
  const fetchImpl = async () => {
    throw new TypeError("Failed to fetch");
  };
  await assert.rejects(client.health(fetchImpl, "http://127.0.0.1:9"), (error) => {
    assert.equal(error.kind, "unreachable");
    assert.match(error.message, /Cannot reach the ClaimLens backend at http:\/\/127\.0\.0\.1:9/);
    return true;
  });
});

test("problem+json errors carry their status and detail; 429 is rate-limited", async () => {
  const problem = (status) => async () =>
    jsonResponse(status, { title: "Bad", status, detail: "'html' is too large." });
  await assert.rejects(
    client.annotate(problem(413), "http://b", { url: "u", html: "h" }, false),
    (error) => error.kind === "http" && error.status === 413 && /too large/.test(error.message),
  );
  await assert.rejects(
    client.annotate(problem(429), "http://b", { url: "u", html: "h" }, false),
    (error) => error.kind === "rate-limited",
  );
});

test("a body without annotations, or that is not JSON, is a bad response", async () => {
  await assert.rejects(
    client.annotate(async () => jsonResponse(200, { hello: 1 }), "http://b", {
      url: "u",
      html: "h",
    }),
    (error) => error.kind === "bad-response",
  );
  await assert.rejects(
    client.health(async () => jsonResponse(200, undefined), "http://b"),
    (error) => error.kind === "bad-response",
  );
});

test("a request that takes too long is aborted as a timeout", async () => {
  const hanging = (url, init) =>
    new Promise((resolve, reject) => {
      init.signal.addEventListener("abort", () => reject(new Error("aborted")));
    });
  await assert.rejects(
    client.requestJson(hanging, "http://b", "/api/health", { timeoutMs: 20 }),
    (error) => error.kind === "timeout",
  );
});

test("feedback sends only the fields the API knows and drops empty ones", async () => {
  let sent;
  const fetchImpl = async (url, init) => {
    sent = JSON.parse(init.body);
    return jsonResponse(201, { id: 7 });
  };
  const reply = await client.sendFeedback(fetchImpl, "http://b", {
    sentence: "S.",
    label: "overstated",
    predicted: "supported",
    url: "",
    model_version: "v1",
    extra: "x",
  });
  assert.deepEqual(reply, { id: 7 });
  assert.deepEqual(sent, {
    sentence: "S.",
    label: "overstated",
    predicted: "supported",
    model_version: "v1",
  });
});
