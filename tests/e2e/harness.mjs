// Test harness for the Dramatis end-to-end tests (node --test + playwright-core).
//
// - `startServer()` serves the built site (dist/, or $DRAMATIS_DIST) with a
//   tiny static server on 127.0.0.1 and an OS-assigned port, both at `/` and
//   under the sub-path `/sub/dramatis/`, the way a plain static host would.
// - `launchBrowser()` starts Debian's headless Chromium (or $CHROMIUM).
// - `openPage()` opens the reader in a fresh browser context and records
//   console errors, page errors, failed requests and every request URL, so a
//   test can assert that nothing left the origin. Requests to other origins
//   are recorded and then aborted: the tests never touch the network.
// - `screenshot(page, name)` saves tests/e2e/artifacts/NAME.png.

import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const REPO = path.resolve(HERE, '..', '..');
export const DIST = path.resolve(REPO, process.env.DRAMATIS_DIST || 'dist');
export const ARTIFACTS = path.join(HERE, 'artifacts');
export const SUB_PATH = '/sub/dramatis/';

/** Generous timeouts: never assert timing, only wait long enough. */
export const LOAD_TIMEOUT = 20_000;
export const UI_TIMEOUT = 5_000;

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
  '.tsv': 'text/tab-separated-values; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.bin': 'application/octet-stream',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
};

/** Map a URL path to a file under `root`, or null when it is outside the site. */
function resolveFile(root, urlPath) {
  // The site lives at `/` and, as it would on a project page, under SUB_PATH.
  const rel = urlPath.startsWith(SUB_PATH) ? '/' + urlPath.slice(SUB_PATH.length) : urlPath;
  let decoded;
  try {
    decoded = decodeURIComponent(rel);
  } catch {
    return null;
  }
  const file = path.resolve(root, '.' + path.posix.normalize(decoded));
  if (file !== root && !file.startsWith(root + path.sep)) return null;
  return file;
}

/**
 * Start a static server for `root` (default: the built site).
 * Returns { origin, url, subUrl, requests, close() }.
 */
export async function startServer(root = DIST) {
  const requests = [];
  const server = createServer(async (req, res) => {
    const { pathname } = new URL(req.url, 'http://localhost');
    requests.push(`${req.method} ${pathname}`);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    // A sub-path without its trailing slash: redirect, as static hosts do.
    if (pathname === SUB_PATH.slice(0, -1)) {
      res.writeHead(301, { Location: SUB_PATH }).end();
      return;
    }
    let file = resolveFile(root, pathname);
    let info = file && (await stat(file).catch(() => null));
    if (info && info.isDirectory()) {
      file = path.join(file, 'index.html');
      info = await stat(file).catch(() => null);
    }
    if (!info || !info.isFile()) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found\n');
      return;
    }
    res.writeHead(200, {
      'Content-Type': MIME[path.extname(file).toLowerCase()] || 'application/octet-stream',
      'Content-Length': info.size,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    createReadStream(file).pipe(res);
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: `${origin}/`,
    subUrl: `${origin}${SUB_PATH}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** Launch headless Chromium (Debian's /usr/bin/chromium unless $CHROMIUM says otherwise). */
export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    timeout: 60_000,
  });
}

/**
 * Open `url` in a new browser context with `contextOptions` (viewport,
 * colorScheme, hasTouch, ...). Returns { context, page, log } where `log` has:
 *   consoleErrors: console messages of type "error" (text + location)
 *   pageErrors:    uncaught exceptions
 *   requests:      every request URL the page made
 *   failed:        requests that failed or answered >= 400
 *   offOrigin():   the request URLs that went outside `origin`
 */
export async function openPage(browser, url, contextOptions = {}) {
  const origin = new URL(url).origin;
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    ...contextOptions,
  });
  const log = {
    consoleErrors: [],
    pageErrors: [],
    requests: [],
    failed: [],
    offOrigin() {
      return this.requests.filter((u) => isOffOrigin(u, origin));
    },
  };
  // Record everything, let only our own origin through.
  await context.route('**/*', (route) => {
    const u = route.request().url();
    if (isOffOrigin(u, origin)) return route.abort('blockedbyclient');
    return route.continue();
  });
  const page = await context.newPage();
  page.setDefaultTimeout(UI_TIMEOUT);
  page.on('console', (msg) => {
    if (msg.type() === 'error') {
      const loc = msg.location();
      log.consoleErrors.push(`${msg.text()}${loc && loc.url ? ` (${loc.url}:${loc.lineNumber})` : ''}`);
    }
  });
  page.on('pageerror', (err) => log.pageErrors.push(String(err && err.stack ? err.stack : err)));
  page.on('request', (req) => log.requests.push(req.url()));
  page.on('requestfailed', (req) =>
    log.failed.push(`${req.url()}: ${req.failure() ? req.failure().errorText : 'failed'}`),
  );
  page.on('response', (res) => {
    if (res.status() >= 400) log.failed.push(`${res.url()}: HTTP ${res.status()}`);
  });
  await page.goto(url, { waitUntil: 'load', timeout: LOAD_TIMEOUT });
  return { context, page, log };
}

function isOffOrigin(u, origin) {
  if (u.startsWith('data:') || u.startsWith('blob:') || u.startsWith('about:')) return false;
  try {
    return new URL(u).origin !== origin;
  } catch {
    return true;
  }
}

/** Wait until the reader has rendered an article with at least one mention. */
export async function waitForArticle(page, timeout = LOAD_TIMEOUT) {
  await page.locator('article .mention').first().waitFor({ state: 'attached', timeout });
}

/** All mentions in the article: [{ text, label, actor, m }]. */
export async function mentions(page) {
  return page.$$eval('article .mention', (els) =>
    els.map((e) => ({
      text: e.textContent.replace(/\s+/g, ' ').trim(),
      label: e.dataset.label,
      actor: e.dataset.actor,
      m: e.dataset.m,
    })),
  );
}

/** Save a PNG to tests/e2e/artifacts/NAME.png; returns its path. */
export async function screenshot(page, name, options = {}) {
  await mkdir(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, ...options });
  return file;
}

/** Check that the built site exists, with a helpful message when it does not. */
export async function assertDistBuilt() {
  const info = await stat(path.join(DIST, 'index.html')).catch(() => null);
  if (!info) {
    throw new Error(`no ${path.join(DIST, 'index.html')}: run 'make build' first (or set DRAMATIS_DIST)`);
  }
}

/**
 * Register a test file's shared set-up (built dist/, a static server, one
 * browser) with node:test's `before`/`after`, and return `open(t, options)`,
 * which opens the reader in a fresh context closed when test `t` ends and
 * waits for the article. `options.url` defaults to the server's root.
 */
export function useReader(before, after) {
  let server;
  let browser;
  before(async () => {
    await assertDistBuilt();
    server = await startServer();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
  const open = async (t, { url, ...contextOptions } = {}) => {
    const opened = await openPage(browser, url ?? server.url, contextOptions);
    t.after(() => opened.context.close());
    await waitForArticle(opened.page);
    return opened;
  };
  return { open, server: () => server };
}

/** The first mention in the article whose whole text is `text`. */
export function mentionNamed(page, text) {
  const exact = new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
  return page.locator('article .mention').filter({ hasText: exact }).first();
}
