"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const {
  TO_WORKER,
  TO_CONTENT,
  createRouter,
  answer,
  request,
} = require("../../shared/messages.js");

test("message ids are unique constants", () => {
  const ids = [...Object.values(TO_WORKER), ...Object.values(TO_CONTENT)];
  assert.equal(new Set(ids).size, ids.length);
  assert.ok(Object.isFrozen(TO_WORKER));
});

test("the router calls the named handler and throws on an unknown message", () => {
  const router = createRouter({ [TO_WORKER.GET_SETTINGS]: (message, sender) => [message, sender] });
  const message = { type: TO_WORKER.GET_SETTINGS };
  assert.deepEqual(router.dispatch(message, "me"), [message, "me"]);
  assert.throws(
    () => router.dispatch({ type: "get-setings" }),
    /Unknown message type: get-setings/,
  );
  assert.throws(() => router.dispatch(undefined), /Unknown message type/);
});

test("answer replies ok with the value, or with the error's kind and message", async () => {
  const failure = Object.assign(new Error("down"), { kind: "unreachable" });
  const router = createRouter({
    good: async () => 42,
    bad: async () => {
      throw failure;
    },
  });
  const reply = (message) =>
    new Promise((resolve) => assert.equal(answer(router, message, {}, resolve), true));
  assert.deepEqual(await reply({ type: "good" }), { ok: true, value: 42 });
  assert.deepEqual(await reply({ type: "bad" }), {
    ok: false,
    error: { kind: "unreachable", message: "down", status: null },
  });
  const unknown = await reply({ type: "nope" });
  assert.equal(unknown.ok, false);
  assert.match(unknown.error.message, /Unknown message type: nope/);
});

test("request unwraps answers and rethrows errors with their kind", async () => {
  const fakeApi = (reply) => ({ runtime: { sendMessage: async () => reply } });
  assert.equal(await request(fakeApi({ ok: true, value: "v" }), { type: "x" }), "v");
  await assert.rejects(
    request(fakeApi({ ok: false, error: { kind: "timeout", message: "slow" } }), { type: "x" }),
    (error) => error.kind === "timeout" && error.message === "slow",
  );
});
