// Registers roikit's service worker (/sw.js, site/FRONTEND.md "Offline") and
// shows "A new version of roikit is available" with a Reload button when a
// newer build has been downloaded in the background. A classic script,
// loaded with defer by every page but the embed pages (which never register
// the worker, nor do pages of other sites that embed roikit).
//
// A new worker waits (it is not used) until the reader presses Reload: the
// page asks it to take over ({type: 'skip-waiting'}) and reloads once it
// controls the page, so a page and its assets always come from one build.
// Other open tabs then show the notice too, with a Reload of their own.
import { enableDeferredStyles } from './deferredstyles.js';

enableDeferredStyles();

(function () {
  if (!('serviceWorker' in navigator) || document.body.classList.contains('embed')) return;
  const sw = navigator.serviceWorker;
  let reloadAsked = false;
  const controlled = !!sw.controller;

  // The live region exists (empty) before anything is announced in it.
  const notice = document.createElement('div');
  notice.className = 'sw-update';
  notice.setAttribute('role', 'status');
  document.body.appendChild(notice);

  function show(reg) {
    if (notice.firstChild) return;
    const text = document.createElement('p');
    text.textContent = 'A new version of roikit is available.';
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'button';
    button.dataset.action = 'sw-reload';
    button.textContent = 'Reload';
    button.addEventListener('click', () => {
      reloadAsked = true;
      button.disabled = true;
      if (reg && reg.waiting) reg.waiting.postMessage({ type: 'skip-waiting' });
      else location.reload();
    });
    notice.append(text, button);
    document.documentElement.dataset.swUpdate = 'ready';
  }

  sw.addEventListener('controllerchange', () => {
    if (reloadAsked) location.reload();
    else if (controlled) show(null); // another tab switched to the new version
  });

  sw.register('/sw.js', { updateViaCache: 'none' })
    .then((reg) => {
      const offer = (w) => {
        if (w.state === 'installed' && sw.controller) show(reg);
      };
      if (reg.waiting) offer(reg.waiting);
      reg.addEventListener('updatefound', () => {
        const w = reg.installing;
        if (w) w.addEventListener('statechange', () => offer(w));
      });
      // A page left open for a workshop day still learns of a new build.
      setInterval(() => reg.update().catch(() => {}), 60 * 60 * 1000);
    })
    .catch(() => {}); // no worker (private mode, file://): the site works online as before
})();
