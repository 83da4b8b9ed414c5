// Results where the reader is (site/FRONTEND.md, "Results in view"). Where
// the results sit beside the form (wide screens), they stay in view while
// the form scrolls: the section gets the class calc--dock, which makes them
// sticky, only while they fit in the window (a taller panel would hide its
// own end). Where the results follow the form (narrow screens), a compact
// summary at the top of the form, sticky while the form scrolls, repeats the
// headline and links to the full results.
/** DOCK_MARGIN_PX is the room kept above and below a docked results panel. */
const DOCK_MARGIN_PX = 32;

/** headlineOf is the results' headline shown, or null. */
function headlineOf(results) {
  const h = results.querySelector('.headline:not([hidden])');
  return h && !h.closest('[hidden]') ? h : null;
}

/**
 * summaryNodes copies a headline's visible text as text and <strong> nodes
 * (its figures stay bold; no attributes, so no data-field, are copied).
 */
function summaryNodes(el, bold = false, out = []) {
  for (const n of el.childNodes) {
    if (n.nodeType === Node.TEXT_NODE) {
      if (!bold) out.push(document.createTextNode(n.nodeValue));
      else {
        const b = document.createElement('strong');
        b.textContent = n.nodeValue;
        out.push(b);
      }
    } else if (n.nodeType === Node.ELEMENT_NODE && !n.hidden && !n.classList.contains('visually-hidden')) {
      summaryNodes(n, bold || n.tagName === 'STRONG' || n.tagName === 'B', out);
    }
  }
  return out;
}

function dockSection(section) {
  const results = section.querySelector('[data-role="results"]');
  if (!results) return;
  const fit = () => section.classList.toggle('calc--dock', results.getBoundingClientRect().height + DOCK_MARGIN_PX <= window.innerHeight);
  if (typeof ResizeObserver === 'function') new ResizeObserver(fit).observe(results);
  window.addEventListener('resize', fit);
  fit();

  const summary = section.querySelector('[data-role="summary"]');
  const text = summary && summary.querySelector('[data-role="summary-text"]');
  if (!text) return;
  let frame = 0;
  const update = () => {
    frame = 0;
    const h = headlineOf(results);
    const stale = results.classList.contains('is-stale');
    const nodes = h ? summaryNodes(h) : [];
    if (nodes.length && stale) nodes.unshift(document.createTextNode('Last valid result: '));
    const want = nodes.map((n) => n.textContent).join('').replace(/\s+/g, ' ').trim();
    if (text.textContent.replace(/\s+/g, ' ').trim() !== want) text.replaceChildren(...nodes);
    summary.classList.toggle('is-stale', stale);
    summary.hidden = want === '';
  };
  // The headline changes with each answer, the currency and the locale.
  new MutationObserver(() => {
    if (!frame) frame = requestAnimationFrame(update);
  }).observe(results, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['hidden', 'class'] });
  update();
}

/** initDock docks the results of every widget under root. */
export function initDock(root = document) {
  for (const section of root.querySelectorAll('section.calc')) dockSection(section);
}
