// The charts view: draws each figure's ECharts option (pre-rendered JSON
// first, then each live result's charts) with the chart library, which
// loads when a chart with an option first comes into view (site/FRONTEND.md,
// "Charts"). A null option hides its figure. Each chart is drawn in the
// reader's locale and currency (settings.js) and in the figure's colours
// (the CSS custom properties of the theme and the embed's accent);
// redrawCharts() draws them again, on a change of settings or theme.
import { settings, format } from './settings.js';

let chartsURL = '';
let chartsModule = null;

/** useChartLibrary sets the URL of the chart library (assets/charts.HASH.js). */
export function useChartLibrary(url) {
  chartsURL = url;
}

function loadCharts() {
  if (!chartsModule) chartsModule = import(/* @vite-ignore */ chartsURL);
  return chartsModule;
}

const chartState = new WeakMap(); // figure -> {option, visible, drawn}
let observer;

function chartObserver() {
  if (observer === undefined) {
    observer =
      typeof IntersectionObserver === 'function'
        ? new IntersectionObserver(
            (entries) => {
              for (const e of entries) {
                const st = e.isIntersecting && chartState.get(e.target);
                if (st) {
                  st.visible = true;
                  drawChart(e.target);
                }
              }
            },
            { rootMargin: '200px' }
          )
        : null;
  }
  return observer;
}

function chartCanvas(figure) {
  return figure.querySelector('.chart-canvas') || figure;
}

/**
 * setChart shows option in figure (null hides it), drawing it when
 * visible; the promise settles once it is drawn (or left to draw when it
 * comes into view).
 */
export function setChart(figure, option) {
  let st = chartState.get(figure);
  if (!st) {
    const obs = chartObserver();
    st = { option: null, visible: !obs, drawn: null };
    chartState.set(figure, st);
    if (obs) obs.observe(figure);
  }
  st.option = option;
  if (option === null || option === undefined) {
    figure.hidden = true;
    if (st.drawn && chartsModule) chartsModule.then((m) => m.dispose(chartCanvas(figure))).catch(() => {});
    st.drawn = null;
    return Promise.resolve();
  }
  figure.hidden = false;
  return drawChart(figure);
}

/** currencySymbol is the symbol of the reader's currency in their locale ("€", "$", "CHF"). */
function currencySymbol() {
  try {
    const parts = new Intl.NumberFormat(settings.locale, { style: 'currency', currency: settings.currency }).formatToParts(0);
    const c = parts.find((p) => p.type === 'currency');
    return c ? c.value : settings.currency;
  } catch {
    return settings.currency;
  }
}

/** luminance is the relative luminance of a computed colour ("rgb(r, g, b)"), 0 to 1. */
function luminance(rgb) {
  const m = /rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)/.exec(rgb || '');
  if (!m) return 1;
  const [r, g, b] = [m[1], m[2], m[3]].map((v) => {
    const c = Number(v) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/**
 * figureColors reads the theme's colours where the figure is: each custom
 * property resolved (light-dark() included) as the colour of a probe.
 */
function figureColors(figure) {
  if (typeof getComputedStyle !== 'function') return null;
  const probe = document.createElement('span');
  probe.hidden = true;
  figure.appendChild(probe);
  const read = (name) => {
    probe.style.color = `var(${name})`;
    return getComputedStyle(probe).color;
  };
  const colors = { text: read('--text'), muted: read('--muted'), border: read('--border'), bg: read('--bg'), accent: read('--accent') };
  // Single quotes: the chart's SVG text (exports.js) writes the font into a double-quoted style attribute.
  colors.font = getComputedStyle(figure).fontFamily.replace(/"/g, "'");
  colors.dark = luminance(colors.bg) < 0.2;
  probe.remove();
  return colors;
}

function drawChart(figure) {
  const st = chartState.get(figure);
  if (!st || !st.visible || !st.option || st.drawn === st.option || !chartsURL) return Promise.resolve();
  const option = st.option;
  return loadCharts()
    .then((m) => {
      if (st.option !== option) return;
      m.render(chartCanvas(figure), option, { format, currency: currencySymbol(), colors: figureColors(figure) });
      st.drawn = option;
    })
    .catch(() => {
      figure.classList.add('chart--unavailable');
    });
}

/**
 * applyCharts draws the charts of a result (JSON text of [{id, option}]) in
 * the section's figures with the same data-chart id; once those in view are
 * drawn, it counts the update in the section's data-chart-runs (the tests
 * and the benchmark wait on it).
 */
export function applyCharts(section, chartsJSON) {
  let charts = [];
  try {
    charts = JSON.parse(chartsJSON || '[]') || [];
  } catch {
    charts = [];
  }
  const drawn = [];
  for (const c of charts) {
    const figure = section.querySelector(`figure[data-chart="${CSS.escape(String(c.id))}"]`);
    if (figure) drawn.push(setChart(figure, c.option));
  }
  return Promise.all(drawn).then(() => {
    section.setAttribute('data-chart-runs', String((Number(section.getAttribute('data-chart-runs')) || 0) + 1));
  });
}

/** initCharts draws every figure's pre-rendered option under root. */
export function initCharts(root) {
  watchTheme();
  for (const figure of root.querySelectorAll('figure[data-chart]')) {
    const data = figure.querySelector('script[data-chart-option]');
    let option = null;
    try {
      option = data ? JSON.parse(data.textContent || 'null') : null;
    } catch {
      option = null;
    }
    setChart(figure, option);
  }
}

/**
 * redrawCharts draws every drawn chart again with the current settings and
 * theme (app.js calls it when the reader picks a locale or a currency).
 */
export function redrawCharts() {
  if (typeof document === 'undefined') return Promise.resolve();
  const drawn = [];
  for (const figure of document.querySelectorAll('figure[data-chart]')) {
    const st = chartState.get(figure);
    if (st && st.drawn) {
      st.drawn = null;
      drawn.push(drawChart(figure));
    }
  }
  return Promise.all(drawn);
}

let watching = false;

/** watchTheme redraws the charts when the theme changes (data-theme, --accent, the system's scheme, print). */
function watchTheme() {
  if (watching || typeof document === 'undefined') return;
  watching = true;
  if (typeof MutationObserver === 'function') {
    new MutationObserver(() => redrawCharts()).observe(document.documentElement, {
      attributes: true,
      attributeFilter: ['data-theme', 'style'],
    });
  }
  if (typeof matchMedia === 'function') {
    const mq = matchMedia('(prefers-color-scheme: dark)');
    if (mq.addEventListener) mq.addEventListener('change', () => redrawCharts());
  }
  // Printing takes the print colours (site.css @media print); the redraw
  // runs within the event, before the page is laid out for print.
  if (typeof window !== 'undefined' && window.addEventListener) {
    window.addEventListener('beforeprint', () => redrawCharts());
    window.addEventListener('afterprint', () => redrawCharts());
  }
}

// ---------------------------------------------------------------------------
// For print (print.js): every chart drawn, not only those scrolled into view.

/**
 * drawAllCharts draws every figure's chart under root, in view or not, and
 * keeps drawing them on later results; it settles once they are drawn.
 */
export function drawAllCharts(root = document) {
  const drawn = [];
  for (const figure of root.querySelectorAll('figure[data-chart]')) {
    const st = chartState.get(figure);
    if (!st) continue;
    st.visible = true;
    drawn.push(drawChart(figure));
  }
  return Promise.all(drawn);
}

// ---------------------------------------------------------------------------
// For exports (exports.js): a figure's option and its drawn SVG.

/** chartOption is the option (as internal/charts writes it) shown in figure, or null. */
export function chartOption(figure) {
  const st = chartState.get(figure);
  return (st && st.option) || null;
}

/**
 * chartSVG draws figure's chart if it is not yet drawn and resolves to
 * {svg, width, height} (the SVG text and the chart's CSS size), or null.
 */
export function chartSVG(figure) {
  const st = chartState.get(figure);
  if (!st || !st.option) return Promise.resolve(null);
  st.visible = true;
  return drawChart(figure)
    .then(() => loadCharts())
    .then((m) => (m.svg ? m.svg(chartCanvas(figure)) : null));
}
