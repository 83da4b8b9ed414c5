// node --test site/js/: the service worker's routing (swroute.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { route, cacheName, staleCaches } from './swroute.js';

const precached = new Set(['/', '/calculators/roi/', '/guides/ab-test-design/', '/assets/app.1234abcd.js', '/404.html']);
const at = (s) => new URL(s, 'https://roikit.example');

test('precached pages and assets come from the cache, query strings ignored', () => {
  const cases = [
    ['/', true, { kind: 'cache', key: '/' }],
    ['/calculators/roi/', true, { kind: 'cache', key: '/calculators/roi/' }],
    ['/calculators/roi/?x=1&present=1', true, { kind: 'cache', key: '/calculators/roi/' }],
    ['/calculators/roi/#method', true, { kind: 'cache', key: '/calculators/roi/' }],
    ['/guides/ab-test-design/?utm_source=x', true, { kind: 'cache', key: '/guides/ab-test-design/' }],
    ['/assets/app.1234abcd.js', false, { kind: 'cache', key: '/assets/app.1234abcd.js' }],
  ];
  for (const [u, nav, want] of cases) assert.deepEqual(route(at(u), precached, nav), want, u);
});

test('a page without its trailing slash redirects to the precached page', () => {
  assert.deepEqual(route(at('/calculators/roi?x=1'), precached, true), { kind: 'redirect', to: '/calculators/roi/?x=1' });
  // Not for a subresource: those are never pages.
  assert.equal(route(at('/calculators/roi'), precached, false), null);
});

test('data files are cached at run time; the rest is left to the network', () => {
  assert.deepEqual(route(at('/data/cdnow_sample_transactions.csv'), precached, false), { kind: 'data', key: '/data/cdnow_sample_transactions.csv' });
  for (const u of ['/embed/roi/', '/embed/roi/?theme=dark', '/api/v1/roi', '/oembed?url=x', '/assets/app.00000000.js', '/embed.js', '/sitemap.xml']) {
    assert.equal(route(at(u), precached, u.startsWith('/embed/')), null, u);
  }
});

test('docs pages come from the network, kept for offline use', () => {
  assert.deepEqual(route(at('/docs/workshop/?x=1'), precached, true), { kind: 'page', key: '/docs/workshop/' });
  assert.deepEqual(route(at('/docs/'), precached, true), { kind: 'page', key: '/docs/' });
  assert.deepEqual(route(at('/docs/cli'), precached, true), { kind: 'page', key: '/docs/cli/' });
  assert.equal(route(at('/docs/cli/'), precached, false), null);
});

test('old versions are the stale caches', () => {
  assert.equal(cacheName('abc'), 'roikit-abc');
  assert.deepEqual(staleCaches(['roikit-old', 'roikit-abc', 'other-app', 'roikit-older'], 'abc'), ['roikit-old', 'roikit-older']);
  assert.deepEqual(staleCaches(['roikit-abc'], 'abc'), []);
});
