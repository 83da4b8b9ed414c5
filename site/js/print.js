// Print (site/FRONTEND.md, "Print"): a printed calculator page, embed or
// guide is a report. The stylesheet's print rules hide the navigation, the
// forms and the buttons; the results (headline and key figures) come first,
// then the charts, each widget's assumptions table (print-only: every input
// shown in its form, "More options" included, with its unit) and the
// scenario's URL. This module keeps those tables and URL lines in step with
// the forms (on load, on each change and answer, and just before printing)
// and draws every chart once the page is idle: the charts view draws a chart
// only when it scrolls into view, and a print does not wait for the chart
// library to load.
import { drawAllCharts } from './chartsview.js';
import { readSpec, fieldOf } from './spec.js';
import { settings } from './settings.js';

/** SETTINGS are the query parameters of a page that a scenario's URL keeps besides its inputs. */
const SETTINGS = ['currency', 'locale'];

/** currencyFirst reports whether the locale writes the currency symbol before the amount. */
export function currencyFirst(locale, currency) {
  try {
    const parts = new Intl.NumberFormat(locale, { style: 'currency', currency }).formatToParts(1);
    return parts.findIndex((p) => p.type === 'currency') < parts.findIndex((p) => p.type === 'integer');
  } catch {
    return true;
  }
}

/**
 * withUnit writes a value as the form shows it with its unit: "5 %",
 * "14 days", "$100" or "100 €" (money: where the locale puts the symbol).
 */
export function withUnit(value, unit, money, locale, currency) {
  if (!unit) return value;
  if (money) return currencyFirst(locale, currency) ? unit + value : value + '\u00a0' + unit;
  return value + '\u00a0' + unit;
}

/**
 * scenarioURL is the address that reopens a widget's scenario: the page's
 * own address for a calculator page's widget (its inputs are in the query),
 * else the calculator page with the widget's values that it does not start
 * with (query) and the reader's
 * currency and locale (params: the page's query; an embed's theme, accent
 * and hide stay out).
 */
export function scenarioURL({ href, primary, embed, calcPage, query, params }) {
  if (primary && !embed) {
    const u = new URL(href);
    u.hash = '';
    return u.href;
  }
  const u = new URL(calcPage, href);
  const q = new URLSearchParams(query);
  for (const [k, v] of new URLSearchParams(params)) {
    if (SETTINGS.includes(k) && !q.has(k)) q.set(k, v);
  }
  u.search = q.toString();
  u.hash = '';
  return u.href;
}

/**
 * scenarioQuery is the query of a request's values that differ from what
 * the calculator's page starts with: its starting request (start: the
 * widget's data-request, the same on the calculator and embed pages), else
 * the field's default (spec: the widget's form spec).
 */
export function scenarioQuery(request, spec, start = {}) {
  const q = new URLSearchParams();
  for (const [name, v] of Object.entries(request)) {
    if (v === undefined || v === null) continue;
    const f = fieldOf(spec, name);
    const base = Object.prototype.hasOwnProperty.call(start, name) ? start[name] : f ? f.default : undefined;
    if (base !== undefined && String(base) === String(v)) continue;
    q.set(name, String(v));
  }
  return q;
}

/** startOf is a widget section's starting request (data-request), or {}. */
function startOf(section) {
  try {
    const v = JSON.parse(section.getAttribute('data-request') || '{}');
    return v && typeof v === 'object' && !Array.isArray(v) ? v : {};
  } catch {
    return {};
  }
}

/** ownText is an element's text without its .unit and visually hidden parts. */
function ownText(el) {
  let out = '';
  for (const n of el.childNodes) {
    if (n.nodeType === Node.TEXT_NODE) out += n.nodeValue;
    else if (n.nodeType === Node.ELEMENT_NODE && !n.matches('.unit, .visually-hidden, [hidden]')) out += ownText(n);
  }
  return out.replace(/\s+/g, ' ').trim();
}

/** defaultText is a field's default as its empty input would mean it, or ''. */
function defaultText(spec, input) {
  const f = fieldOf(spec, input.getAttribute('data-input'));
  if (!f || typeof f.default !== 'number') return '';
  const scale = Number(input.getAttribute('data-scale')) || 1;
  return new Intl.NumberFormat(settings.locale, { maximumFractionDigits: 10 }).format(Number((f.default * scale).toPrecision(12)));
}

/** valueText is what a field's control shows, with its unit. */
function valueText(wrap, input, spec) {
  if (input.type === 'checkbox') return input.checked ? 'Yes' : 'No';
  if (input.tagName === 'SELECT') {
    const o = input.selectedOptions && input.selectedOptions[0];
    return o ? o.textContent.trim() : '';
  }
  const unitEl = wrap.querySelector('label .unit');
  const unit = unitEl && !unitEl.hidden ? unitEl.textContent.replace(/^\s*\(|\)\s*$/g, '').trim() : '';
  const money = input.getAttribute('data-unit') === 'currency';
  const value = String(input.value).trim();
  if (value === '') {
    const d = defaultText(spec, input);
    if (d === '') return 'Not set';
    return withUnit(d, unit, money, settings.locale, settings.currency) + ' (default)';
  }
  return withUnit(value, unit, money, settings.locale, settings.currency);
}

/** fillAssumptions rewrites a widget's assumptions table from its form: the fields shown, in order. */
export function fillAssumptions(section) {
  const table = section.querySelector('table[data-role="assumptions"]');
  if (!table) return;
  const spec = readSpec(section);
  const body = table.tBodies[0] || table.createTBody();
  const rows = [];
  for (const wrap of section.querySelectorAll('form [data-field-wrap]')) {
    const input = wrap.querySelector('[data-input]');
    const label = wrap.querySelector('label');
    if (!input || !label || wrap.closest('[hidden]')) continue;
    if (input.tagName === 'TEXTAREA' || input.type === 'file') continue; // data, not an assumption
    const tr = document.createElement('tr');
    tr.setAttribute('data-assumption', input.getAttribute('data-input'));
    const th = document.createElement('th');
    th.scope = 'row';
    th.textContent = ownText(label);
    const td = document.createElement('td');
    td.textContent = valueText(wrap, input, spec);
    tr.append(th, td);
    rows.push(tr);
  }
  body.replaceChildren(...rows);
  table.hidden = rows.length === 0;
}

/** settingsParams is the page's query, with the reader's currency when it is not the default. */
function settingsParams() {
  const params = new URLSearchParams(location.search);
  if (!params.has('currency') && settings.currency !== 'USD') params.set('currency', settings.currency);
  return params;
}

/** fillURL writes the widget's scenario URL into its print-only line. */
function fillURL(section, widget) {
  const line = section.querySelector('[data-role="print-url"]');
  const link = line && line.querySelector('a');
  if (!link) return;
  const embed = document.body.classList.contains('embed');
  const credit = document.querySelector('.embed-credit a[href]');
  const name = section.getAttribute('data-calc') || '';
  let url = '';
  try {
    // As Copy link (the widget's link), but an embed links to the calculator's page.
    if (!embed && widget && typeof widget.link === 'function') url = scenarioURL({ href: widget.link(), primary: true });
    else url = scenarioURL({
      href: location.href,
      primary: section.hasAttribute('data-primary'),
      embed,
      calcPage: embed && credit ? credit.href : `/calculators/${encodeURIComponent(name)}/`,
      query: widget ? scenarioQuery(widget.request(), readSpec(section), startOf(section)) : new URLSearchParams(),
      params: settingsParams(),
    });
  } catch {
    url = '';
  }
  link.href = url;
  link.textContent = url;
  line.hidden = url === '';
}

/**
 * scaleCharts lets each chart's SVG scale to the printed page's width (a
 * viewBox of its drawn size) while printing, and takes it off after (on
 * screen the chart view resizes the chart itself).
 */
export function scaleCharts(printing) {
  for (const svg of document.querySelectorAll('figure[data-chart] .chart-canvas svg')) {
    if (printing && !svg.hasAttribute('viewBox')) {
      const w = Number(svg.getAttribute('width'));
      const h = Number(svg.getAttribute('height'));
      if (w > 0 && h > 0) {
        svg.setAttribute('viewBox', `0 0 ${w} ${h}`);
        svg.setAttribute('data-print-viewbox', '');
      }
    } else if (!printing && svg.hasAttribute('data-print-viewbox')) {
      svg.removeAttribute('viewBox');
      svg.removeAttribute('data-print-viewbox');
    }
  }
}

/** themeBefore is the page's data-theme while it prints in the light theme, else null. */
let themeBefore = null;

/**
 * lightForPrint puts a dark page in the light theme while it prints, and
 * back after. The print stylesheet's colours apply only once the page is laid
 * out for print, after beforeprint: the charts, which chartsview.js redraws
 * when data-theme changes (at once, the chart library being loaded), take
 * the light theme's colours from this switch instead of the dark ones.
 */
function lightForPrint(printing) {
  const root = document.documentElement;
  if (printing && themeBefore === null) {
    const theme = root.getAttribute('data-theme') || 'auto';
    const systemDark = typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches;
    if (theme === 'dark' || (theme === 'auto' && systemDark)) {
      themeBefore = theme;
      root.setAttribute('data-theme', 'light');
    }
  } else if (!printing && themeBefore !== null) {
    root.setAttribute('data-theme', themeBefore);
    themeBefore = null;
  }
}

function idle(fn) {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(fn, { timeout: 3000 });
  else setTimeout(fn, 1000);
}

/**
 * initPrint keeps every widget's print-only report in step and draws every
 * chart once the page has loaded and is idle. widgets: the page's Widget
 * objects (their request() gives the values of a scenario URL).
 */
export function initPrint(widgets) {
  const sections = Array.from(document.querySelectorAll('section.calc'));
  const update = (s) => {
    fillAssumptions(s);
    fillURL(s, (widgets || []).find((w) => w.section === s));
  };
  for (const s of sections) {
    for (const type of ['input', 'change', 'roikit:result']) s.addEventListener(type, () => update(s));
    update(s);
  }
  window.addEventListener('beforeprint', () => {
    sections.forEach(update);
    lightForPrint(true);
    scaleCharts(true);
    // Again once the charts redrawn for the light theme are in (microtasks, before the print).
    Promise.resolve()
      .then(() => undefined)
      .then(() => undefined)
      .then(() => scaleCharts(true));
  });
  window.addEventListener('afterprint', () => {
    scaleCharts(false);
    lightForPrint(false);
  });
  const drawAll = () => idle(() => drawAllCharts(document));
  if (document.readyState === 'complete') drawAll();
  else window.addEventListener('load', drawAll, { once: true });
}
