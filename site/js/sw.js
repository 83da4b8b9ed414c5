// roikit's service worker (site/FRONTEND.md, "Offline"), bundled by esbuild
// into build/assets/sw.js; `roikit build` writes it to /sw.js after one line
// that sets self.ROIKIT_SW = {version, files: [{url, integrity}], pages:
// [url], bundle: {url, integrity}}: this build's precache lists (the hashed
// assets, the favicon and the manifest, each with its SHA-256 as
// subresource integrity; every page but the embed, docs and 404 pages, which
// come in one file, the page bundle: internal/site/pagebundle.go), and the
// version, a hash of the lists and of this script.
//
// - install: every file of the list is fetched into the cache of this
//   version ('roikit-VERSION'), and each page of the bundle is put there as
//   the response the host sends (its body and headers); each file and the
//   bundle are checked against their integrity: a file of another build (a
//   deploy during the install) fails the install, and the browser tries
//   again later. Never a mix of versions.
// - The first worker activates at once; a newer one waits until the page's
//   "Reload" (sw-register.js) sends {type: 'skip-waiting'}. activate deletes
//   the caches of other versions.
// - fetch: precached URLs from this version's cache, query ignored, falling
//   back to the network; /data/ files cached when first fetched, docs pages
//   fetched from the network and kept for offline use (swroute.js).
import { route, cacheName, staleCaches } from './swroute.js';

const config = self.ROIKIT_SW || { version: 'dev', files: [], pages: [] };
const CACHE = cacheName(config.version);
const precached = new Set([...config.files.map((f) => f.url), ...(config.pages || [])]);

/** putPages caches each page of the bundle as the response the host sends. */
async function putPages(cache, bundle, pages) {
  if (!bundle) return;
  // Revalidated like the pages it holds (a 304 costs no body).
  const res = await fetch(new Request(bundle.url, { integrity: bundle.integrity, cache: 'no-cache' }));
  if (!res.ok) throw new Error('page bundle: ' + res.status);
  const list = (await res.json()).pages;
  const want = new Set(pages);
  if (list.length !== want.size || !list.every((p) => want.has(p.url))) throw new Error('page bundle: not the pages of this version');
  await Promise.all(list.map((p) => cache.put(p.url, new Response(p.body, { status: 200, headers: p.headers }))));
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      Promise.all([
        cache.addAll(
          config.files.map(
            (f) =>
              new Request(f.url, {
                integrity: f.integrity,
                // Hashed assets may come from the HTTP cache; the rest is
                // revalidated (a 304 costs no body).
                cache: f.url.startsWith('/assets/') ? 'default' : 'no-cache',
              }),
          ),
        ),
        putPages(cache, config.bundle, config.pages || []),
      ]),
    ),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys().then((names) => Promise.all(staleCaches(names, config.version).map((n) => caches.delete(n)))));
});

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'skip-waiting') self.skipWaiting();
});

async function fromCache(key, request) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(key);
  return hit || fetch(request);
}

async function data(key, request) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(key);
  if (hit) return hit;
  const res = await fetch(request);
  if (res.ok && res.status === 200) await cache.put(key, res.clone());
  return res;
}

/** networkFirst answers a docs page from the network, keeping a copy; offline, the copy. */
async function networkFirst(key, request) {
  const cache = await caches.open(CACHE);
  try {
    const res = await fetch(request);
    if (res.ok && res.status === 200 && !res.redirected) await cache.put(key, res.clone());
    return res;
  } catch (err) {
    const hit = await cache.match(key);
    if (hit) return hit;
    throw err;
  }
}

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  const r = route(url, precached, req.mode === 'navigate');
  if (!r) return;
  if (r.kind === 'cache') event.respondWith(fromCache(r.key, req));
  else if (r.kind === 'redirect') event.respondWith(Response.redirect(r.to, 301));
  else if (r.kind === 'data') event.respondWith(data(r.key, req));
  else if (r.kind === 'page') event.respondWith(networkFirst(r.key, req));
});
