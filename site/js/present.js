// Presentation mode (site/FRONTEND.md, "Presentation mode"): a "Present"
// button on calculator pages and the business case (and ?present=1 in the
// URL) turns the page into a projector view. The stylesheet does the layout
// (html.presenting: large type, the header, help text and method hidden, the
// key inputs in a compact strip, the headline, then the main chart); this
// module toggles it, sizes the main chart to the rest of the window, offers
// a high-contrast theme, and takes the keys: Esc leaves, ←/→ step through
// the pinned scenarios of window.roikitPage.scenarios ({pinned(): [{id,
// name}], apply(id): Promise, active(): id|null}, with a roikit:scenarios
// event on document when the pinned list changes; without it the arrows do
// nothing).
import { redrawCharts } from './chartsview.js';

/** PARAM is the query parameter that opens a page in presentation mode (?present=1). */
export const PARAM = 'present';
/** CONTRAST_KEY is the localStorage key of the high-contrast choice ("1" or absent). */
const CONTRAST_KEY = 'roikit.presentContrast';
/** MIN_CHART_PX is the least height of the main chart (px), however little room is left. */
const MIN_CHART_PX = 220;
/** GAP_PX is the room left under the main chart (px). */
const GAP_PX = 12;

/**
 * chartHeight is the height (px) the main chart's canvas gets so that the
 * figure ends GAP_PX above the window's bottom: viewport height minus the
 * canvas's top in the page and what the figure shows under the canvas, at
 * least MIN_CHART_PX. All in CSS px.
 */
export function chartHeight(viewport, canvasTop, below) {
  const h = Math.floor(viewport - canvasTop - below - GAP_PX);
  return Math.max(MIN_CHART_PX, h);
}

/**
 * nextScenario is the id of the pinned scenario a step (+1 or -1) goes to
 * from the active one: the first (step +1) or the last (step -1) when none
 * is active, null past either end or when none is pinned.
 */
export function nextScenario(pinned, active, step) {
  if (!Array.isArray(pinned) || pinned.length === 0) return null;
  const i = pinned.findIndex((s) => s && s.id === active);
  if (i < 0) return (step > 0 ? pinned[0] : pinned[pinned.length - 1]).id;
  const j = i + step;
  return j >= 0 && j < pinned.length ? pinned[j].id : null;
}

/** withPresent is href with ?present=1 set (on) or removed (off). */
export function withPresent(href, on) {
  const url = new URL(href);
  if (on) url.searchParams.set(PARAM, '1');
  else url.searchParams.delete(PARAM);
  return url.href;
}

/** scenariosAPI is the page's scenarios object when it keeps the contract, else null. */
function scenariosAPI() {
  const s = window.roikitPage && window.roikitPage.scenarios;
  return s && typeof s.pinned === 'function' && typeof s.apply === 'function' && typeof s.active === 'function' ? s : null;
}

/** pinnedList is the pinned scenarios ([] when there are none or no scenarios object). */
function pinnedList() {
  const s = scenariosAPI();
  if (!s) return [];
  try {
    const list = s.pinned();
    return Array.isArray(list) ? list.filter((x) => x && x.id !== undefined && x.id !== null) : [];
  } catch {
    return [];
  }
}

/** editable reports whether keys typed in el edit it (the arrows move its caret or choice). */
function editable(el) {
  if (!el || !el.closest) return false;
  return !!el.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"], [role="slider"], [role="spinbutton"], [role="listbox"], [role="combobox"]');
}

function button(action, text, label) {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = 'button button--secondary';
  b.setAttribute('data-action', action);
  b.textContent = text;
  if (label) b.setAttribute('aria-label', label);
  return b;
}

function storedContrast() {
  try {
    return localStorage.getItem(CONTRAST_KEY) === '1';
  } catch {
    return false;
  }
}

function storeContrast(on) {
  try {
    if (on) localStorage.setItem(CONTRAST_KEY, '1');
    else localStorage.removeItem(CONTRAST_KEY);
  } catch {
    /* storage blocked: the choice lasts for this page */
  }
}

/** Presenter is one page's presentation mode: its bar, its state and its keys. */
class Presenter {
  constructor(primary, host) {
    this.primary = primary;
    this.plan = primary.hasAttribute('data-plan');
    this.on = false;
    this.frame = 0;
    this.main = null;
    this.buildBar(host);
    this.fitSoon = () => {
      if (this.on && !this.frame) this.frame = requestAnimationFrame(() => this.fit());
    };
  }

  buildBar(host) {
    const bar = document.createElement('div');
    bar.className = 'present-bar';
    bar.setAttribute('data-role', 'present-bar');
    this.toggle = button('present', 'Present');
    this.toggle.setAttribute('aria-pressed', 'false');
    this.toggle.setAttribute('aria-keyshortcuts', 'Escape');
    this.contrast = button('present-contrast', 'High contrast');
    this.contrast.setAttribute('aria-pressed', String(storedContrast()));
    this.contrast.hidden = true;
    this.nav = document.createElement('span');
    this.nav.className = 'present-scenarios';
    this.nav.setAttribute('data-role', 'present-scenarios');
    this.nav.hidden = true;
    this.prev = button('present-prev', '\u2190', 'Previous pinned scenario');
    this.prev.setAttribute('aria-keyshortcuts', 'ArrowLeft');
    this.next = button('present-next', '\u2192', 'Next pinned scenario');
    this.next.setAttribute('aria-keyshortcuts', 'ArrowRight');
    this.current = document.createElement('span');
    this.current.className = 'present-scenarios__name';
    this.current.setAttribute('data-role', 'present-scenario');
    this.nav.append(this.prev, this.current, this.next);
    this.keys = document.createElement('span');
    this.keys.className = 'present-keys';
    this.keys.setAttribute('aria-hidden', 'true');
    this.keys.hidden = true;
    this.status = document.createElement('span');
    this.status.className = 'visually-hidden';
    this.status.setAttribute('role', 'status');
    this.status.setAttribute('data-role', 'present-status');
    bar.append(this.toggle, this.contrast, this.nav, this.keys, this.status);
    host.appendChild(bar);
    this.bar = bar;

    this.toggle.addEventListener('click', () => (this.on ? this.leave() : this.enter()));
    this.contrast.addEventListener('click', () => this.setContrast(this.contrast.getAttribute('aria-pressed') !== 'true'));
    this.prev.addEventListener('click', () => this.step(-1));
    this.next.addEventListener('click', () => this.step(1));
  }

  /** mainFigure is the chart the projector view sizes to the window: the case's tornado on /plan/, else the first chart shown. */
  mainFigure() {
    if (this.plan) return document.querySelector('figure[data-role="case-chart"]');
    const figures = Array.from(this.primary.querySelectorAll(':scope > figure.chart'));
    return figures.find((f) => !f.hidden) || figures[0] || null;
  }

  enter() {
    if (this.on) return;
    this.on = true;
    const root = document.documentElement;
    root.classList.add('presenting');
    if (this.contrast.getAttribute('aria-pressed') === 'true') root.setAttribute('data-contrast', 'high');
    this.toggle.setAttribute('aria-pressed', 'true');
    this.contrast.hidden = false;
    this.keys.hidden = false;
    this.writeURL(true);
    this.showScenarios();
    window.scrollTo(0, 0);
    this.fit();
    redrawCharts();
    this.say('Presentation mode. Escape leaves it; the left and right arrow keys step through the pinned scenarios.');
  }

  leave() {
    if (!this.on) return;
    this.on = false;
    const root = document.documentElement;
    root.classList.remove('presenting');
    root.removeAttribute('data-contrast');
    this.toggle.setAttribute('aria-pressed', 'false');
    this.contrast.hidden = true;
    this.keys.hidden = true;
    this.nav.hidden = true;
    if (this.main) {
      this.main.classList.remove('present-main');
      this.main.style.removeProperty('--present-chart-h');
      this.main = null;
    }
    this.writeURL(false);
    redrawCharts();
    this.say('Left presentation mode.');
  }

  setContrast(high) {
    this.contrast.setAttribute('aria-pressed', String(high));
    storeContrast(high);
    if (!this.on) return;
    if (high) document.documentElement.setAttribute('data-contrast', 'high');
    else document.documentElement.removeAttribute('data-contrast');
    redrawCharts();
    this.say(high ? 'High contrast on.' : 'High contrast off.');
  }

  /** fit marks the main chart and gives its canvas the rest of the window's height. */
  fit() {
    this.frame = 0;
    if (!this.on) return;
    const figure = this.mainFigure();
    if (figure !== this.main) {
      if (this.main) {
        this.main.classList.remove('present-main');
        this.main.style.removeProperty('--present-chart-h');
      }
      this.main = figure;
      if (figure) figure.classList.add('present-main');
    }
    const canvas = figure && !figure.hidden && figure.querySelector('.chart-canvas');
    if (!canvas) return;
    const c = canvas.getBoundingClientRect();
    const f = figure.getBoundingClientRect();
    const h = chartHeight(window.innerHeight, c.top + window.scrollY, Math.max(0, f.bottom - c.bottom));
    const want = h + 'px';
    if (figure.style.getPropertyValue('--present-chart-h') !== want) figure.style.setProperty('--present-chart-h', want);
  }

  writeURL(on) {
    try {
      history.replaceState(history.state, '', withPresent(location.href, on));
    } catch {
      /* sandboxed: the URL cannot change */
    }
  }

  say(text) {
    // A change of text is what a status region announces: clear it first so the same sentence is said again.
    this.status.textContent = '';
    requestAnimationFrame(() => {
      this.status.textContent = text;
    });
  }

  /** showScenarios shows the pinned scenarios' controls and the active one's name (while presenting and some are pinned). */
  showScenarios() {
    const list = pinnedList();
    const s = scenariosAPI();
    let active = null;
    try {
      active = s ? s.active() : null;
    } catch {
      active = null;
    }
    this.nav.hidden = !this.on || list.length === 0;
    const i = list.findIndex((x) => x.id === active);
    this.current.textContent = i >= 0 ? `${list[i].name || 'Scenario'} (${i + 1} of ${list.length})` : `${list.length} pinned`;
    this.prev.disabled = i === 0;
    this.next.disabled = i === list.length - 1;
    this.keys.textContent = list.length ? 'Esc leaves \u00b7 \u2190 \u2192 scenarios' : 'Esc leaves';
  }

  /** step applies the pinned scenario before (-1) or after (+1) the active one; without scenarios it does nothing. */
  step(dir) {
    const s = scenariosAPI();
    const list = pinnedList();
    if (!s || list.length === 0) return;
    let active = null;
    try {
      active = s.active();
    } catch {
      active = null;
    }
    const id = nextScenario(list, active, dir);
    if (id === null) {
      this.say(dir > 0 ? 'This is the last pinned scenario.' : 'This is the first pinned scenario.');
      return;
    }
    const i = list.findIndex((x) => x.id === id);
    let applied;
    try {
      applied = Promise.resolve(s.apply(id));
    } catch (err) {
      applied = Promise.reject(err);
    }
    applied
      .then(() => {
        this.showScenarios();
        this.say(`Scenario ${i + 1} of ${list.length}: ${list[i].name || id}.`);
        this.fitSoon();
      })
      .catch(() => {
        this.showScenarios();
        this.say(`Scenario ${list[i].name || id} could not be shown.`);
      });
  }

  onKey(e) {
    if (!this.on || e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || e.isComposing) return;
    if (e.key === 'Escape') {
      e.preventDefault();
      // Focus in the bar (whose presenting controls hide) goes to the Present button; in the inputs it stays.
      const inside = this.bar.contains(document.activeElement);
      this.leave();
      if (inside || !document.activeElement || document.activeElement === document.body) this.toggle.focus();
      return;
    }
    if ((e.key === 'ArrowLeft' || e.key === 'ArrowRight') && !e.shiftKey && !editable(e.target)) {
      if (!scenariosAPI()) return;
      e.preventDefault();
      this.step(e.key === 'ArrowRight' ? 1 : -1);
    }
  }

  start() {
    document.addEventListener('keydown', (e) => this.onKey(e));
    document.addEventListener('roikit:scenarios', () => this.on && this.showScenarios());
    window.addEventListener('resize', this.fitSoon);
    if (typeof ResizeObserver === 'function') {
      const ro = new ResizeObserver(this.fitSoon);
      const main = document.getElementById('main') || document.body;
      ro.observe(main);
    }
    document.addEventListener('roikit:result', this.fitSoon, true);
    if (new URLSearchParams(location.search).get(PARAM) === '1') this.enter();
  }
}

/**
 * initPresent adds the Present button to a calculator page or the business
 * case (a page with a primary widget and a settings bar; never an embed) and
 * opens the page presenting when its URL has ?present=1. It returns the
 * presenter (null on other pages).
 */
export function initPresent(doc = document) {
  if (!doc.body || doc.body.classList.contains('embed')) return null;
  const primary = doc.querySelector('section.calc[data-primary]');
  const host = doc.querySelector('main .settings');
  if (!primary || !host) return null;
  const p = new Presenter(primary, host);
  p.start();
  return p;
}
