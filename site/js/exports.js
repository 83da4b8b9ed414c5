// Exports (site/FRONTEND.md, "Exports"): under every chart, buttons that
// download it as a PNG at twice its CSS size (for slides), as SVG, its data
// as CSV and copy its data as a table; under every calculator's results, an
// "Export results" panel: each of the response's tables (the figures, ROI's
// cash flows and tornado rows, CLV by year, the ranked ideas, the
// posteriors...) as CSV or copied as a table, with numbers in the reader's
// locale or machine-readable (plain decimals, "." separator).
//
// "Copy as table" puts an HTML <table> (text/html) and tab-separated lines
// (text/plain) on the clipboard: Excel, Google Sheets and Word paste either
// as a table. The PNG is the chart's SVG (the chart library's
// renderToSVGString, on the page's background colour) drawn as a data: URL
// image into a canvas at 2x; the page's CSP allows img-src data:.
// Nothing is inserted as HTML: the buttons are built with textContent.
import { chartOption, chartSVG } from './chartsview.js';
import { settings, format } from './settings.js';
import { responseTables, chartTable, toCSV, toTSV, toHTML } from './exportdata.js';
import { CONFIRM_MS } from './copy.js';
import { el } from './dom.js';

/** PNG_SCALE: a PNG has this many pixels a CSS pixel of the chart. */
export const PNG_SCALE = 2;

let uid = 0;
const modes = new WeakMap(); // section -> 'locale' | 'plain'

function button(text, label, action) {
  const b = el('button', 'button button--secondary button--small', text);
  b.type = 'button';
  b.setAttribute('aria-label', label);
  b.setAttribute('data-export', action);
  return b;
}

/** say writes a message into a status element, cleared after CONFIRM_MS unless it is an error. */
function say(status, text, error = false) {
  if (!status) return;
  status.textContent = text;
  status.classList.toggle('copy-status--error', error);
  clearTimeout(status.roikitTimer);
  if (!error) status.roikitTimer = setTimeout(() => (status.textContent === text ? (status.textContent = '') : null), CONFIRM_MS);
}

/** save downloads blob as a file named name. */
export function save(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

/** copyTable puts a table on the clipboard as text/html and text/plain; it resolves to whether it did. */
export async function copyTable(html, text) {
  try {
    if (navigator.clipboard && navigator.clipboard.write && typeof ClipboardItem === 'function') {
      await navigator.clipboard.write([
        new ClipboardItem({ 'text/html': new Blob([html], { type: 'text/html' }), 'text/plain': new Blob([text], { type: 'text/plain' }) }),
      ]);
      return true;
    }
  } catch {
    /* denied: the copy event below */
  }
  let ok = false;
  const onCopy = (e) => {
    e.clipboardData.setData('text/html', html);
    e.clipboardData.setData('text/plain', text);
    e.preventDefault();
    ok = true;
  };
  document.addEventListener('copy', onCopy);
  try {
    document.execCommand('copy');
  } catch {
    ok = false;
  }
  document.removeEventListener('copy', onCopy);
  return ok;
}

/** background is the colour behind el: the first ancestor's that is not transparent, else white. */
function background(node) {
  for (let e = node; e && e.nodeType === 1; e = e.parentElement) {
    const c = getComputedStyle(e).backgroundColor;
    if (c && c !== 'transparent' && !/rgba\([^)]*,\s*0\)$/.test(c)) return c;
  }
  return '#ffffff';
}

/** withBackground puts a rectangle of colour behind an SVG's drawing (a transparent chart on a dark slide loses its dark-theme text). */
export function withBackground(svg, color) {
  return svg.replace(/<svg\b[^>]*>/, (open) => open + `<rect width="100%" height="100%" fill="${color.replace(/"/g, '')}"/>`);
}

/** figureSVG is a figure's chart as standalone SVG text on its background, with its CSS size. */
async function figureSVG(figure) {
  const drawn = await chartSVG(figure);
  if (!drawn || !drawn.svg) throw new Error('no chart');
  let svg = withBackground(drawn.svg, background(figure));
  if (!/\sxmlns=/.test(svg.slice(0, svg.indexOf('>')))) svg = svg.replace('<svg', '<svg xmlns="http://www.w3.org/2000/svg"');
  return { ...drawn, svg };
}

/** chartPNG draws a figure's chart into a PNG Blob of its CSS size times scale. */
export async function chartPNG(figure, scale = PNG_SCALE) {
  const { svg, width, height } = await figureSVG(figure);
  const img = new Image();
  img.width = width;
  img.height = height;
  img.src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(svg);
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(height * scale);
  const ctx = canvas.getContext('2d');
  ctx.scale(scale, scale);
  ctx.drawImage(img, 0, 0, width, height);
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('no PNG'))), 'image/png'));
}

function modeOf(node) {
  const section = node.closest('section[data-calc]');
  return (section && modes.get(section)) || 'locale';
}

/** baseName is the file name's start for node's calculator: "roi", "plan-roi". */
function baseName(node) {
  const section = node.closest('section[data-calc]');
  const name = (section && (section.getAttribute('data-calc-id') || section.getAttribute('data-calc'))) || 'roikit';
  return String(name).replace(/[^A-Za-z0-9_-]+/g, '-');
}

function csvBlob(table, mode) {
  return new Blob([toCSV(table, mode, settings.locale)], { type: 'text/csv;charset=utf-8' });
}

async function copyAs(table, mode, status, what) {
  const ok = await copyTable(toHTML(table, mode, settings.locale), toTSV(table, mode, settings.locale));
  say(status, ok ? `Copied ${what} as a table` : 'The browser did not allow the copy', !ok);
}

/** chartRow adds a figure's export buttons under its chart. */
function chartRow(figure) {
  if (figure.querySelector('[data-role="chart-exports"]')) return;
  const id = figure.getAttribute('data-chart') || 'chart';
  const caption = figure.querySelector('figcaption');
  if (caption && !caption.id) caption.id = `chart-caption-${++uid}`;
  const row = el('div', 'exports-row');
  row.setAttribute('data-role', 'chart-exports');
  row.setAttribute('role', 'group');
  row.setAttribute('aria-label', 'Export chart' + (caption ? ': ' + caption.textContent.trim() : ''));
  const status = el('span', 'copy-status');
  status.setAttribute('role', 'status');
  const buttons = [
    button('PNG', 'Download chart as PNG', 'png'),
    button('SVG', 'Download chart as SVG', 'svg'),
    button('CSV', 'Download chart data as CSV', 'csv'),
    button('Copy as table', 'Copy as table: chart data', 'copy'),
  ];
  for (const b of buttons) if (caption) b.setAttribute('aria-describedby', caption.id);
  row.append(el('span', 'exports-row__label', 'Download chart:'), ...buttons, status);
  figure.appendChild(row);
  const data = () => chartTable(chartOption(figure), format, settings.currency);
  row.addEventListener('click', async (e) => {
    const b = e.target.closest('button[data-export]');
    if (!b) return;
    const action = b.getAttribute('data-export');
    const name = `${baseName(figure)}-${id}`;
    try {
      if (action === 'png') save(await chartPNG(figure), name + '.png');
      else if (action === 'svg') save(new Blob([(await figureSVG(figure)).svg], { type: 'image/svg+xml' }), name + '.svg');
      else if (action === 'csv') save(csvBlob(data(), modeOf(figure)), name + '.csv');
      else if (action === 'copy') return copyAs(data(), modeOf(figure), status, 'the chart data');
      say(status, 'Downloaded ' + action.toUpperCase());
    } catch {
      say(status, 'The chart could not be exported', true);
    }
  });
}

/** labelsOf maps each field path shown in the section's results to its label (a dl's dt). */
function labelsOf(section) {
  const labels = {};
  for (const f of section.querySelectorAll('[data-role="results"] [data-field]')) {
    const dd = f.closest('dd');
    const dt = dd && dd.previousElementSibling;
    if (dt && dt.tagName === 'DT') labels[f.getAttribute('data-field')] = dt.textContent.replace(/\s+/g, ' ').trim();
  }
  return labels;
}

function modeChoice(section) {
  const fs = el('fieldset', 'exports-panel__mode');
  fs.appendChild(el('legend', '', 'Numbers'));
  const name = `export-mode-${++uid}`;
  const sample = (mode) => (mode === 'plain' ? '1234.5' : new Intl.NumberFormat(settings.locale, { useGrouping: false }).format(1234.5));
  for (const [value, text] of [
    ['locale', 'As in your locale'],
    ['plain', 'Machine-readable (plain decimals)'],
  ]) {
    const label = el('label', 'exports-panel__option');
    const input = el('input');
    input.type = 'radio';
    input.name = name;
    input.value = value;
    input.checked = value === 'locale';
    input.setAttribute('data-export-mode', value);
    const sampleEl = el('span', 'exports-panel__sample', ` (${sample(value)})`);
    sampleEl.setAttribute('data-mode-sample', value);
    label.append(input, ' ' + text, sampleEl);
    fs.appendChild(label);
  }
  fs.addEventListener('change', (e) => {
    if (e.target.matches('input[data-export-mode]') && e.target.checked) modes.set(section, e.target.value);
  });
  return fs;
}

/** resultsPanel adds a section's "Export results" panel; it lists the latest response's tables. */
function resultsPanel(section) {
  const panel = el('details', 'exports-panel');
  panel.setAttribute('data-role', 'exports');
  panel.hidden = true;
  panel.appendChild(el('summary', '', 'Export results'));
  const list = el('ul', 'exports-panel__list');
  const status = el('p', 'copy-status exports-panel__status');
  status.setAttribute('role', 'status');
  panel.append(modeChoice(section), list, status);
  const actions = Array.from(section.querySelectorAll('.calc-actions')).find((a) => a.closest('section[data-calc]') === section);
  if (actions) actions.before(panel);
  else section.appendChild(panel);
  let tables = [];
  panel.addEventListener('toggle', () => {
    for (const s of panel.querySelectorAll('[data-mode-sample="locale"]')) s.textContent = ` (${new Intl.NumberFormat(settings.locale, { useGrouping: false }).format(1234.5)})`;
  });
  list.addEventListener('click', (e) => {
    const b = e.target.closest('button[data-export]');
    const item = b && b.closest('[data-export-table]');
    const table = item && tables.find((t) => t.key === item.getAttribute('data-export-table'));
    if (!table) return;
    const mode = modes.get(section) || 'locale';
    if (b.getAttribute('data-export') === 'copy') copyAs(table, mode, status, table.title);
    else {
      save(csvBlob(table, mode), `${baseName(section)}-${table.key.replace(/_/g, '-')}.csv`);
      say(status, `Downloaded ${table.title} as CSV`);
    }
  });
  section.addEventListener('roikit:result', (e) => {
    tables = responseTables(e.detail && e.detail.body, labelsOf(section));
    const keys = tables.map((t) => t.key).join(' ');
    panel.hidden = tables.length === 0;
    if (list.getAttribute('data-keys') === keys) return; // the same tables: the buttons (and focus) stay
    list.setAttribute('data-keys', keys);
    list.replaceChildren(
      ...tables.map((t) => {
        const li = el('li');
        li.setAttribute('data-export-table', t.key);
        li.append(el('span', 'exports-panel__name', t.title), button('Download CSV', `Download CSV of ${t.title}`, 'csv'), button('Copy as table', `Copy as table: ${t.title}`, 'copy'));
        return li;
      })
    );
  });
}

/** initExports adds the export buttons under every chart and results under root (before the widgets' first answers). */
export function initExports(root = document) {
  for (const figure of root.querySelectorAll('figure[data-chart]')) chartRow(figure);
  for (const section of root.querySelectorAll('section[data-calc]')) {
    if (section.getAttribute('data-calc') !== 'clvfit') resultsPanel(section);
  }
}
