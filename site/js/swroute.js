// What the service worker (sw.js) does with a request, as a pure function so
// it runs under Node (swroute.test.js). site/FRONTEND.md, "Offline".
//
// The build writes /sw.js with the precache list of one version of the site
// (every page but the embed, docs and 404 pages, the hashed assets, the
// favicon and the manifest). A precached URL is answered from that version's cache only, its
// query string ignored (/calculators/roi/?x=1 is the cached
// /calculators/roi/): the pages and assets of one build are always served
// together. /data/ files (the clvfit sample) are cached when first fetched;
// docs pages are fetched from the network and kept for offline use.
// Everything else (the API, /embed/ pages, other origins) goes to the
// network untouched.

/**
 * route says how the worker answers a GET of url (a URL on the worker's
 * origin; other origins are not the worker's business):
 *   {kind: 'cache', key}    answer with the precached key (a path);
 *   {kind: 'redirect', to}  a page's address without its trailing slash:
 *                           redirect to the precached page (query kept);
 *   {kind: 'data', key}     a /data/ file: the cache, else the network,
 *                           stored for next time;
 *   {kind: 'page', key}     a docs page (not precached): the network, kept
 *                           in the cache for when the network is gone;
 *   null                    leave it to the network.
 * precached is a Set of the precached paths; navigate is true for a
 * navigation request.
 */
export function route(url, precached, navigate) {
  const path = url.pathname;
  if (precached.has(path)) return { kind: 'cache', key: path };
  if (navigate && !path.endsWith('/') && precached.has(path + '/')) {
    return { kind: 'redirect', to: path + '/' + url.search };
  }
  if (path.startsWith('/data/') && !navigate) return { kind: 'data', key: path };
  if (path.startsWith('/docs/') && navigate) return { kind: 'page', key: path.endsWith('/') ? path : path + '/' };
  return null;
}

/** cacheName is the name of one version's cache. */
export function cacheName(version) {
  return 'roikit-' + version;
}

/** staleCaches are the names among names that belong to another version of roikit. */
export function staleCaches(names, version) {
  const keep = cacheName(version);
  return names.filter((n) => n.startsWith('roikit-') && n !== keep);
}
