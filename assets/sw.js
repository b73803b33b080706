// Dramatis service worker: the reader works offline after the first visit.
//
// Trunk names the app's files by content hash (dramatis-app-<hash>.js,
// _bg.wasm, style-<hash>.css), and the site may live under any sub-path, so
// nothing here is hard-coded: on install the worker reads index.html (at
// its own scope) and caches every relative file it names, plus the manifest
// and icons. Pages are network-first (a new deploy is picked up at once, and
// its new hashed files are cached on their first fetch); hashed files are
// cache-first (they never change). Only this origin is ever fetched.
const CACHE = 'dramatis-v1';
const SCOPE = self.registration.scope;
const INDEX = new URL('./', SCOPE).href;
const EXTRA = ['worker.js', 'manifest.webmanifest', 'icon.svg', 'icon-192.png', 'icon-512.png'];
const HASHED = /-[0-9a-f]{16}(_bg)?\.(js|wasm|css)$/;

/** The relative file names an index.html refers to ("./x", 'x.css'). */
function referenced(html) {
  const out = new Set();
  for (const m of html.matchAll(/(?:href|src|from|module_or_path:)\s*=?\s*["']\.?\/?([A-Za-z0-9._-]+\.(?:js|wasm|css|webmanifest|png|svg))["']/g)) {
    out.add(m[1]);
  }
  return [...out];
}

async function precache() {
  const cache = await caches.open(CACHE);
  const res = await fetch(INDEX, { cache: 'no-cache' });
  if (!res.ok) throw new Error(`index: HTTP ${res.status}`);
  const html = await res.clone().text();
  await cache.put(INDEX, res);
  const files = [...new Set([...referenced(html), ...EXTRA])].map((f) => new URL(f, SCOPE).href);
  await Promise.all(
    files.map(async (u) => {
      const r = await fetch(u, { cache: 'no-cache' });
      if (r.ok) await cache.put(u, r);
    }),
  );
}

/** A fresh index.html: keep it, and drop hashed files a new deploy no longer names. */
async function refresh(res) {
  const cache = await caches.open(CACHE);
  const html = await res.clone().text();
  await cache.put(INDEX, res);
  const keep = new Set(referenced(html).map((f) => new URL(f, SCOPE).href));
  for (const req of await cache.keys()) {
    if (HASHED.test(new URL(req.url).pathname) && !keep.has(req.url)) await cache.delete(req);
  }
}

self.addEventListener('install', (e) => {
  e.waitUntil(precache().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (e) => {
  e.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (e) => {
  const req = e.request;
  const url = new URL(req.url);
  if (req.method !== 'GET' || url.origin !== self.location.origin || !req.url.startsWith(SCOPE)) return;
  if (req.mode === 'navigate') {
    // The page itself (any ?src= or #actor=): fresh when online, cached when not.
    e.respondWith(
      fetch(req)
        .then((res) => {
          if (res.ok && url.search === '') {
            const copy = res.clone();
            e.waitUntil(refresh(copy));
          }
          return res;
        })
        .catch(() => caches.match(INDEX)),
    );
    return;
  }
  if (HASHED.test(url.pathname)) {
    e.respondWith(
      caches.match(req).then(
        (hit) =>
          hit ||
          fetch(req).then((res) => {
            if (res.ok) {
              const copy = res.clone();
              caches.open(CACHE).then((c) => c.put(req, copy));
            }
            return res;
          }),
      ),
    );
    return;
  }
  // Everything else (manifest, icons, ?src= files): network first, cache as fallback.
  e.respondWith(
    fetch(req)
      .then((res) => {
        if (res.ok) {
          const copy = res.clone();
          caches.open(CACHE).then((c) => c.put(req, copy));
        }
        return res;
      })
      .catch(() => caches.match(req).then((hit) => hit || Response.error())),
  );
});
