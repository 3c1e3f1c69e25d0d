/*
 * What the browser tests need around the extension: the real backend on a free loopback port
 * (trained into a temporary models directory), a static server for fixture pages, and headless
 * Chromium with the unpacked extension loaded. Every wait is bounded.
 */
"use strict";

const { spawn, execFile } = require("node:child_process");
const fs = require("node:fs");
const http = require("node:http");
const net = require("node:net");
const os = require("node:os");
const path = require("node:path");

const EXTENSION_DIR = path.resolve(__dirname, "..", "..");
const REPO_ROOT = path.resolve(EXTENSION_DIR, "..");
const CHROMIUM = process.env.CLAIMLENS_CHROMIUM || "/usr/bin/chromium";
const OWN_FIXTURES = path.join(EXTENSION_DIR, "tests", "fixtures");
const SEED_FIXTURES = path.join(REPO_ROOT, "tests", "fixtures", "pages");

function pythonExecutable() {
  if (process.env.CLAIMLENS_PYTHON) return process.env.CLAIMLENS_PYTHON;
  const venv = path.join(REPO_ROOT, ".venv", "bin", "python");
  return fs.existsSync(venv) ? venv : "python3";
}

/** Resolve with `promise`, or reject after `ms` with a message naming what was awaited. */
function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Timed out after ${ms} ms: ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Poll `check` (async, returns a truthy value when done) every `intervalMs`, up to `ms`. */
async function waitFor(check, { ms = 10000, intervalMs = 100, what = "condition" } = {}) {
  const deadline = Date.now() + ms;
  let lastError = null;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  const reason = lastError ? ` (last error: ${lastError.message})` : "";
  throw new Error(`Timed out after ${ms} ms waiting for ${what}${reason}`);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function makeTempDir(prefix) {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/**
 * Start `python -m backend` on a free port with its own models, instance and database under
 * `workDir`. Waits (bounded) until /api/ready answers: the first start trains a model.
 */
async function startBackend({ workDir, modelsDir, readyTimeoutMs = 240000 }) {
  const port = await freePort();
  const databasePath = path.join(workDir, "feedback.sqlite3");
  const env = {
    ...process.env,
    CLAIMLENS_MODELS_DIR: modelsDir || path.join(workDir, "models"),
    CLAIMLENS_INSTANCE_DIR: path.join(workDir, "instance"),
    CLAIMLENS_DATABASE_URL: `sqlite:///${databasePath}`,
    CLAIMLENS_ALLOW_PRIVATE_NETWORKS: "1",
    CLAIMLENS_RATE_LIMIT: "",
    PYTHONUNBUFFERED: "1",
  };
  const logPath = path.join(workDir, "backend.log");
  const log = fs.openSync(logPath, "a");
  const child = spawn(pythonExecutable(), ["-m", "backend", "--port", String(port)], {
    cwd: REPO_ROOT,
    env,
    stdio: ["ignore", log, log],
  });
  const url = `http://127.0.0.1:${port}`;
  let exited = null;
  child.on("exit", (code) => {
    exited = code;
  });
  // Never leave a backend running after the test process ends, however it ends.
  process.once("exit", () => child.kill("SIGKILL"));
  await waitFor(
    async () => {
      if (exited !== null) {
        throw new Error(`backend exited with ${exited}: ${fs.readFileSync(logPath, "utf8")}`);
      }
      const response = await fetch(`${url}/api/ready`);
      return response.ok;
    },
    { ms: readyTimeoutMs, intervalMs: 250, what: `the backend at ${url} to be ready` },
  ).catch((error) => {
    child.kill("SIGKILL");
    throw error;
  });
  return {
    url,
    port,
    databaseUrl: env.CLAIMLENS_DATABASE_URL,
    logPath,
    async stop() {
      if (exited !== null) return;
      const gone = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await withTimeout(gone, 10000, "the backend to stop").catch(() => child.kill("SIGKILL"));
    },
  };
}

/** POST JSON to the backend directly (the tests' own view of what the backend answers). */
async function postJson(url, body) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${url} answered ${response.status}: ${await response.text()}`);
  return response.json();
}

/** Feedback rows in the backend's store, read through the project's own storage package. */
function readFeedback(databaseUrl) {
  const script =
    "import json, sys\n" +
    "from storage import open_store\n" +
    "with open_store(sys.argv[1]) as store:\n" +
    "    print(json.dumps(store.feedback_rows(), default=str))\n";
  return new Promise((resolve, reject) => {
    execFile(
      pythonExecutable(),
      ["-c", script, databaseUrl],
      { cwd: REPO_ROOT, timeout: 30000 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`reading feedback failed: ${stderr || error.message}`));
        else resolve(JSON.parse(stdout));
      },
    );
  });
}

/** Serve files from `dirs` (first match wins) on a free loopback port. */
async function startStaticServer(dirs = [OWN_FIXTURES, SEED_FIXTURES]) {
  const server = http.createServer((request, response) => {
    const name = decodeURIComponent(new URL(request.url, "http://x").pathname).replace(/^\/+/, "");
    const match = dirs
      .map((dir) => path.resolve(dir, name))
      .find((candidate, i) => {
        const inside = candidate.startsWith(path.resolve(dirs[i]) + path.sep);
        return inside && fs.existsSync(candidate) && fs.statSync(candidate).isFile();
      });
    if (!match) {
      response.writeHead(404, { "Content-Type": "text/plain" });
      response.end("not found");
      return;
    }
    const type = match.endsWith(".html") ? "text/html; charset=utf-8" : "application/octet-stream";
    response.writeHead(200, { "Content-Type": type, "Cache-Control": "no-store" });
    fs.createReadStream(match).pipe(response);
  });
  const port = await freePort();
  await new Promise((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** The seed fixture pages that exist (tests/fixtures/pages/seed_*.html), sorted. */
function seedPages() {
  if (!fs.existsSync(SEED_FIXTURES)) return [];
  return fs
    .readdirSync(SEED_FIXTURES)
    .filter((name) => /^seed_\d+\.html$/.test(name))
    .sort();
}

/**
 * Launch Chromium with the extension; resolves to {context, worker, extensionId, close,
 * backendRequests}. `backendRequests` lists the JSON bodies the service worker sent to /api/*.
 */
async function launchBrowser({ userDataDir }) {
  // Lets the tests see the service worker's own requests (what it sends to the backend).
  process.env.PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS = "1";
  const { chromium } = require("playwright-core");
  const context = await withTimeout(
    chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: false,
      viewport: { width: 1280, height: 800 },
      args: [
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        `--disable-extensions-except=${EXTENSION_DIR}`,
        `--load-extension=${EXTENSION_DIR}`,
      ],
    }),
    60000,
    "Chromium to start",
  );
  let worker = context.serviceWorkers()[0];
  if (!worker) {
    worker = await context.waitForEvent("serviceworker", { timeout: 30000 });
  }
  const extensionId = new URL(worker.url()).host;
  const backendRequests = [];
  context.on("request", (request) => {
    const url = new URL(request.url());
    if (request.method() !== "POST" || !url.pathname.startsWith("/api/")) return;
    let body = null;
    try {
      body = JSON.parse(request.postData() || "null");
    } catch {
      body = request.postData();
    }
    backendRequests.push({ path: url.pathname, body });
  });
  return {
    context,
    worker,
    extensionId,
    backendRequests,
    extensionUrl: (page) => `chrome-extension://${extensionId}/${page}`,
    close: () => withTimeout(context.close(), 20000, "Chromium to close"),
  };
}

module.exports = {
  EXTENSION_DIR,
  REPO_ROOT,
  CHROMIUM,
  OWN_FIXTURES,
  SEED_FIXTURES,
  withTimeout,
  waitFor,
  freePort,
  makeTempDir,
  startBackend,
  postJson,
  readFeedback,
  startStaticServer,
  seedPages,
  launchBrowser,
};
