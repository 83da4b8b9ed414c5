// Embedding (site/FRONTEND.md, "Embed pages" and "Calculator pages"): the
// embed page's options (theme, accent, hide) and the height it posts to its
// host page, and the calculator page's "Embed this" panel, whose snippet
// and preview follow the current inputs.
import { settings, addOption } from './settings.js';
import { copyText } from './copy.js';
import { accentColor } from './accent.js';

/** initEmbedPage applies theme, accent and hide, and posts the page's height. */
export function initEmbedPage() {
  if (!document.body.classList.contains('embed')) return;
  const q = new URLSearchParams(location.search);
  const root = document.documentElement;
  const theme = q.get('theme');
  if (theme === 'light' || theme === 'dark' || theme === 'auto') root.setAttribute('data-theme', theme);
  const accent = accentColor(q.get('accent'));
  if (accent && window.CSS && CSS.supports('color', accent)) root.style.setProperty('--accent', accent);
  const hide = (q.get('hide') || '').split(',').map((s) => s.trim()).filter(Boolean);
  for (const name of hide) {
    for (const wrap of document.querySelectorAll(`[data-field-wrap="${CSS.escape(name)}"]`)) {
      wrap.setAttribute('data-embed-hidden', '');
      wrap.hidden = true;
    }
  }
  if (window.parent === window) return;
  const m = /^#\?secret=([A-Za-z0-9]{1,64})$/.exec(location.hash);
  const secret = m ? m[1] : null;
  let last = 0;
  let ready = false;
  const post = (again) => {
    // The root box's own height, not scrollHeight: scrollHeight is never
    // less than the frame's height, so a frame could grow but never shrink.
    const h = Math.ceil(root.getBoundingClientRect().height);
    if (!ready || h <= 0 || (h === last && !again)) return;
    last = h;
    window.parent.postMessage({ type: 'roikit:height', height: h }, '*');
    if (secret) window.parent.postMessage({ message: 'height', value: h, secret }, '*');
  };
  if (typeof ResizeObserver === 'function') new ResizeObserver(() => post()).observe(root);
  window.addEventListener('message', (e) => {
    // WordPress's wp-embed says "ready" when it starts listening, which
    // can be after the first height: say it again.
    const d = e.data;
    if (secret && e.source === window.parent && d && d.message === 'ready' && d.secret === secret) post(true);
  });
  laidOut(document).then(() => {
    ready = true;
    post();
  });
}

/**
 * laidOut resolves once the page's first height means something: the
 * stylesheets loaded (the deferred one included), the fonts ready, the
 * window loaded, the first result shown (or 3 s passed without one), then
 * one more task. Measured before that, a reloaded embed reported its
 * unstyled height (40,175 px for roi). No animation frames: Chromium does
 * not run them in an offscreen cross-site frame, and WordPress keeps its
 * embed's frame clipped to a pixel until the first height arrives.
 */
export function laidOut(doc) {
  const win = doc.defaultView;
  const event = (target, name) => new Promise((resolve) => target.addEventListener(name, resolve, { once: true }));
  const sheets = [...doc.querySelectorAll('link[rel="stylesheet"]')]
    .filter((l) => !l.sheet)
    .map((l) => Promise.race([event(l, 'load'), event(l, 'error')]));
  const loaded = doc.readyState === 'complete' ? null : event(win, 'load');
  const fonts = doc.fonts && doc.fonts.ready;
  const sections = doc.querySelectorAll('section[data-calc]');
  const result = sections.length === 0 ? null : Promise.race([
    ...[...sections].map((s) => event(s, 'roikit:result')),
    new Promise((resolve) => setTimeout(resolve, 3000)),
  ]);
  return Promise.all([...sheets, loaded, fonts, result]).then(() => new Promise((resolve) => setTimeout(resolve, 50)));
}

let embedQuery = () => new URLSearchParams();

function embedURL(panel, base) {
  const q = embedQuery();
  for (const opt of panel.querySelectorAll('[data-embed-option]')) {
    const name = opt.getAttribute('data-embed-option');
    const v = opt.type === 'checkbox' ? (opt.checked ? 'true' : '') : opt.value;
    if (v && !(name === 'theme' && v === 'auto') && !(name === 'currency' && v === 'USD')) q.set(name, v);
  }
  const u = new URL(base);
  u.search = q.toString();
  return u;
}

function localEmbed(name) {
  return new URL(`/embed/${encodeURIComponent(name)}/`, location.href).href;
}

/** snippetBase is the snippet iframe's src without its query, read once from the built snippet. */
function snippetBase(snippet, name) {
  if (!snippet.hasAttribute('data-src-base')) {
    const m = /<iframe[^>]*\ssrc="([^"]*)"/.exec(snippet.value);
    let base = localEmbed(name);
    try {
      const u = new URL(m ? m[1].replace(/&amp;/g, '&') : base, location.href);
      u.search = '';
      base = u.href;
    } catch {
      /* keep this site's embed page */
    }
    snippet.setAttribute('data-src-base', base);
  }
  return snippet.getAttribute('data-src-base');
}

function updateEmbedPanel(panel) {
  const name = panel.getAttribute('data-embed-for');
  const snippet = panel.querySelector('[data-role="embed-snippet"]');
  if (snippet) {
    const url = embedURL(panel, snippetBase(snippet, name)).href;
    const escaped = url.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
    snippet.value = snippet.value.replace(/(<iframe[^>]*\ssrc=")[^"]*(")/, (_, a, b) => a + escaped + b);
  }
  if (!panel.open) return;
  const holder = panel.querySelector('[data-role="embed-preview"]');
  if (!holder) return;
  let frame = holder.tagName === 'IFRAME' ? holder : holder.querySelector('iframe');
  if (!frame) {
    frame = document.createElement('iframe');
    frame.setAttribute('title', 'Preview of the embedded calculator');
    frame.setAttribute('loading', 'lazy');
    frame.setAttribute('data-roikit', '');
    frame.className = 'embed-preview__frame';
    holder.appendChild(frame);
  }
  const local = embedURL(panel, localEmbed(name));
  const src = local.pathname + local.search;
  if (frame.getAttribute('src') !== src) {
    clearTimeout(panel.roikitTimer);
    panel.roikitTimer = setTimeout(() => frame.setAttribute('src', src), frame.hasAttribute('src') ? 400 : 0);
  }
}

/**
 * syncEmbedSettings sets each panel's number format and currency to the
 * page's: the locale when the reader picked one (else the embed follows its
 * own reader's), the currency always.
 */
export function syncEmbedSettings() {
  for (const panel of document.querySelectorAll('details[data-embed-for]')) {
    for (const [name, value] of [['locale', settings.chosen ? settings.locale : ''], ['currency', settings.currency]]) {
      const select = panel.querySelector(`select[data-embed-option="${name}"]`);
      if (select) addOption(select, value, value);
    }
    updateEmbedPanel(panel);
  }
}

/** updateEmbedPanels keeps each "Embed this" snippet and preview in step with the inputs. */
export function updateEmbedPanels() {
  for (const panel of document.querySelectorAll('details[data-embed-for]')) updateEmbedPanel(panel);
}

/** initEmbedPanels wires the panels; query() gives the primary widget's non-default inputs. */
export function initEmbedPanels(query) {
  if (query) embedQuery = query;
  const panels = document.querySelectorAll('details[data-embed-for]');
  for (const panel of panels) {
    panel.addEventListener('toggle', () => updateEmbedPanel(panel));
    panel.addEventListener('change', () => updateEmbedPanel(panel));
    const button = panel.querySelector('[data-action="copy-snippet"]');
    const snippet = panel.querySelector('[data-role="embed-snippet"]');
    if (button && snippet) {
      button.addEventListener('click', () => {
        updateEmbedPanel(panel);
        copyText(snippet.value, button, panel.querySelector('[data-role="status"]') || null, 'Snippet copied.');
        snippet.select();
      });
    }
    updateEmbedPanel(panel);
  }
  if (panels.length === 0) return;
  window.addEventListener('message', (e) => {
    // The preview iframe reports its height like any embed.
    const d = e.data;
    if (!d || d.type !== 'roikit:height') return;
    for (const f of document.querySelectorAll('details[data-embed-for] iframe')) {
      if (f.contentWindow === e.source && Number.isFinite(d.height) && d.height > 0) f.height = String(Math.min(Math.ceil(d.height), 20000));
    }
  });
}
