// The deferred stylesheet (site/css/deferred.css: the printed report and
// what the page scripts add) is linked with media="print" so that it never
// blocks the first paint; enableDeferredStyles applies it to every medium.
// sw-register.js runs it on every page but the embeds, app.js on the pages
// with a calculator (embeds included); a second call changes nothing.
export function enableDeferredStyles(doc = document) {
  for (const link of doc.querySelectorAll('link[data-deferred-styles]')) {
    if (link.media !== 'all') link.media = 'all';
  }
}
