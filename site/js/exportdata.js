// The data of exports (site/FRONTEND.md, "Exports"): a calculator's response
// and a chart's option turned into tables ({title, key, columns, rows}), and
// tables written as CSV (a download), tab-separated text and an HTML
// <table> (the clipboard's two types for "Copy as table").
//
// Numbers are written in one of two modes:
//   locale   the reader's locale, no grouping, up to 10 significant digits:
//            de-DE 185657.7578 -> "185657,7578"; a CSV then separates
//            fields with ";" where the locale's decimal sign is ","
//            (as Excel does in those locales) and starts with a byte-order
//            mark so that Excel reads it as UTF-8.
//   plain    machine-readable: "." decimals, no grouping, no exponent, every
//            digit of the shortest form that reads back as the same double
//            (6.015578358611082e-6 -> "0.000006015578358611082"); CSV with ",".
//
// Pure: no DOM (exportdata.test.js runs it under Node).

/** MODES are the number modes of an export. */
export const MODES = ['locale', 'plain'];

/** SKIP are the response keys that are not results. */
const SKIP = new Set(['warnings', 'errors']);

/** TITLES name the response's tables; INDEX names the index column of a list of numbers. */
const TITLES = {
  cash_flows: 'Cash flows by month',
  sensitivity: 'Sensitivity (tornado rows)',
  npv_histogram: 'Distribution of the net present value',
  cumulative_clv: 'Cumulative value by year',
  ideas: 'Ideas, ranked',
  posteriors: 'Posteriors',
};
const INDEX = { cumulative_clv: ['year', 1] };

/**
 * plainNumber writes a finite number with "." decimals and no exponent,
 * with the digits of JavaScript's shortest round-trip form.
 */
export function plainNumber(x) {
  if (!Number.isFinite(x)) return '';
  if (Object.is(x, -0)) return '0';
  const s = String(x);
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const [, sign, lead, frac = '', expText] = m;
  const exp = Number(expText);
  const digits = lead + frac;
  if (exp < 0) return sign + '0.' + '0'.repeat(-exp - 1) + digits;
  if (digits.length <= exp + 1) return sign + digits + '0'.repeat(exp + 1 - digits.length);
  return sign + digits.slice(0, exp + 1) + '.' + digits.slice(exp + 1);
}

const cache = new Map();

/** localeNumber writes a number in locale: no grouping, up to 10 significant digits. */
export function localeNumber(x, locale) {
  if (!Number.isFinite(x)) return '';
  let f = cache.get(locale);
  if (!f) {
    f = new Intl.NumberFormat(locale, { useGrouping: false, maximumSignificantDigits: 10 });
    cache.set(locale, f);
  }
  return f.format(x);
}

/** decimalSign is the locale's decimal separator ("." or ","). */
export function decimalSign(locale) {
  const p = new Intl.NumberFormat(locale).formatToParts(1.5).find((q) => q.type === 'decimal');
  return p ? p.value : '.';
}

/** exportCell writes one cell for a spreadsheet (CSV, tab-separated text): cellText, text guarded by csvText. */
function exportCell(v, mode, locale) {
  return typeof v === 'string' ? csvText(v) : cellText(v, mode, locale);
}

/** cellText writes one cell's value: numbers in the mode, null as empty, objects as JSON. */
export function cellText(v, mode, locale) {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return mode === 'plain' ? plainNumber(v) : localeNumber(v, locale);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/**
 * csvText guards a text cell against spreadsheet formula injection, as
 * OWASP's "CSV Injection" page recommends (and calc.CSVText in the core):
 * text starting with =, +, -, @, a tab or a carriage return gets a leading
 * ' so that a spreadsheet shows it as text instead of running it; a plain
 * number written as text (-3.5) is left as it is.
 */
export function csvText(s) {
  const t = String(s);
  return /^[=+\-@\t\r]/.test(t) && !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t) ? "'" + t : t;
}

/** unguardText undoes csvText on a cell read back: a ' before =, +, -, @, a tab or a carriage return is dropped. */
export function unguardText(s) {
  return /^'[=+\-@\t\r]/.test(s) ? s.slice(1) : s;
}

/** csvField quotes a field that holds the separator, a quote, a line break or edge spaces (RFC 4180). */
export function csvField(text, sep) {
  const s = String(text);
  if (s.includes(sep) || /["\r\n]/.test(s) || /^\s|\s$/.test(s)) return '"' + s.replace(/"/g, '""') + '"';
  return s;
}

/** csvSeparator is the CSV field separator of a mode and locale. */
export function csvSeparator(mode, locale) {
  return mode === 'plain' || decimalSign(locale) !== ',' ? ',' : ';';
}

/**
 * toCSV writes a table ({columns, rows}) as CSV text: CRLF line ends; in the
 * locale mode a byte-order mark first and ";" where the decimal sign is ",";
 * text cells (not numbers) guarded by csvText.
 */
export function toCSV(table, mode = 'plain', locale = 'en-US') {
  const sep = csvSeparator(mode, locale);
  const line = (cells) => cells.map((c) => csvField(c, sep)).join(sep);
  const lines = [line(table.columns.map(csvText))];
  for (const r of table.rows) lines.push(line(r.map((v) => exportCell(v, mode, locale))));
  return (mode === 'plain' ? '' : '\ufeff') + lines.join('\r\n') + '\r\n';
}

/** tsvCell keeps a cell on its line and in its column: tabs and line breaks become spaces. */
function tsvCell(s) {
  return String(s).replace(/[\t\r\n]+/g, ' ');
}

/** toTSV writes a table as tab-separated lines (the clipboard's text/plain). */
export function toTSV(table, mode = 'locale', locale = 'en-US') {
  const lines = [table.columns.map((c) => tsvCell(csvText(c))).join('\t')];
  for (const r of table.rows) lines.push(r.map((v) => tsvCell(exportCell(v, mode, locale))).join('\t'));
  return lines.join('\r\n') + '\r\n';
}

/** escapeHTML escapes text for an HTML element or attribute. */
export function escapeHTML(s) {
  return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

/** toHTML writes a table as an HTML <table> (the clipboard's text/html); numbers align right. */
export function toHTML(table, mode = 'locale', locale = 'en-US') {
  const head = '<tr>' + table.columns.map((c) => '<th>' + escapeHTML(c) + '</th>').join('') + '</tr>';
  const body = table.rows
    .map((r) => '<tr>' + r.map((v) => (typeof v === 'number' ? '<td align="right">' : '<td>') + escapeHTML(cellText(v, mode, locale)) + '</td>').join('') + '</tr>')
    .join('');
  return '<table><thead>' + head + '</thead><tbody>' + body + '</tbody></table>';
}

// ---------------------------------------------------------------------------
// A response's tables.

function isScalar(v) {
  return v === null || ['number', 'string', 'boolean'].includes(typeof v);
}

function isRecord(v) {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** columnsOf is the union of the rows' keys, in the order they first appear. */
function columnsOf(rows) {
  const cols = [];
  for (const r of rows) for (const k of Object.keys(r)) if (!cols.includes(k)) cols.push(k);
  return cols;
}

/** recordTable is a table of a list of objects, ranked lists by rank. */
function recordTable(key, list) {
  let rows = list.filter(isRecord);
  if (rows.length && rows.every((r) => typeof r.rank === 'number')) rows = rows.slice().sort((a, b) => a.rank - b.rank);
  const columns = columnsOf(rows);
  return { key, title: TITLES[key] || key, columns, rows: rows.map((r) => columns.map((c) => (r[c] === undefined ? null : r[c]))) };
}

/** histogramTable is a table of {bin_edges (n+1), counts (n)}. */
function histogramTable(key, h) {
  const rows = h.counts.map((c, i) => [h.bin_edges[i], h.bin_edges[i + 1], c]);
  return { key, title: TITLES[key] || key, columns: ['bin_low', 'bin_high', 'count'], rows };
}

/** label is the page's label of a field path (labels: path -> text), or ''. */
function figureRow(path, v, labels) {
  return [labels[path] || '', path, v];
}

/**
 * responseTables turns a calculator's response into tables: "figures"
 * (every single value: [label, field, value], an object's values as
 * "object.field", a pair as ".low"/".high"), then each list of objects (as
 * its own table, a ranked list by rank), each longer list of numbers (with
 * an index column), each histogram (bin_edges and counts), and objects of
 * the same fields side by side (the posteriors: a row each). labels maps a
 * field path to the page's label of it.
 */
export function responseTables(body, labels = {}) {
  const figures = { key: 'figures', title: 'Figures', columns: ['label', 'field', 'value'], rows: [] };
  const tables = [];
  const records = [];
  for (const [key, v] of Object.entries(body || {})) {
    if (SKIP.has(key)) continue;
    if (isScalar(v)) figures.rows.push(figureRow(key, v, labels));
    else if (Array.isArray(v) && v.length && v.every(isRecord)) tables.push(recordTable(key, v));
    else if (Array.isArray(v) && v.every((x) => typeof x === 'number' || x === null)) {
      if (v.length === 2) {
        figures.rows.push(figureRow(key + '.low', v[0], labels), figureRow(key + '.high', v[1], labels));
      } else if (v.length) {
        const [name, start] = INDEX[key] || ['index', 0];
        tables.push({ key, title: TITLES[key] || key, columns: [name, key], rows: v.map((x, i) => [i + start, x]) });
      }
    } else if (isRecord(v) && Array.isArray(v.bin_edges) && Array.isArray(v.counts) && v.bin_edges.length === v.counts.length + 1) {
      tables.push(histogramTable(key, v));
    } else if (isRecord(v) && Object.values(v).every(isScalar)) records.push([key, v]);
  }
  // Objects of the same fields (control_posterior, treatment_posterior) make one table.
  const shape = (r) => Object.keys(r).join(',');
  const grouped = records.filter(([, r]) => records.filter(([, o]) => shape(o) === shape(r)).length > 1);
  if (grouped.length) {
    const columns = Object.keys(grouped[0][1]);
    const key = grouped.every(([k]) => k.endsWith('_posterior')) ? 'posteriors' : grouped.map(([k]) => k).join('-');
    tables.push({
      key,
      title: TITLES[key] || key,
      columns: ['name', ...columns],
      rows: grouped.map(([k, r]) => [k.replace(/_posterior$/, ''), ...columns.map((c) => r[c])]),
    });
  }
  for (const [key, r] of records) {
    if (grouped.some(([k]) => k === key)) continue;
    for (const [f, x] of Object.entries(r)) figures.rows.push(figureRow(key + '.' + f, x, labels));
  }
  return figures.rows.length ? [figures, ...tables] : tables;
}

// ---------------------------------------------------------------------------
// A chart's data.

const TOKEN = /\{\{([a-z0-9]+):([^}]*)\}\}/g;
const NUMERIC = /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i;

/**
 * chartText resolves a chart string's number tokens ({{FORMAT:NUMBER}},
 * written with format(value, fmt)) and its currency sign ("¤", the
 * currency's code).
 */
export function chartText(s, format, currency) {
  return String(s)
    .replace(TOKEN, (_, f, x) => format(Number(x), f))
    .replace(/\u00a4/g, currency);
}

function first(a) {
  return Array.isArray(a) ? a[0] : a;
}

/**
 * chartTable is the data of a chart's option (as internal/charts writes
 * it): a row per data point, [series, name, x, y]: a point [x, y] as it is,
 * a single value against its category (on the category axis, x or y); a
 * category that is a number ("-349100", a bin's centre) is a number. The
 * columns are named after the axes. format and currency: see chartText.
 */
export function chartTable(option, format = (v) => String(v), currency = '') {
  const text = (s) => chartText(s, format, currency);
  const xAxis = first(option && option.xAxis) || {};
  const yAxis = first(option && option.yAxis) || {};
  const categories = (ax) => (ax.type === 'category' && Array.isArray(ax.data) ? ax.data : null);
  const xCat = categories(xAxis);
  const yCat = categories(yAxis);
  const cell = (v) => (typeof v === 'string' ? (NUMERIC.test(v) ? Number(v) : text(v)) : v === undefined ? null : v);
  const rows = [];
  for (const s of (option && option.series) || []) {
    if (!Array.isArray(s.data)) continue;
    s.data.forEach((item, i) => {
      const raw = isRecord(item) ? item.value : item;
      const name = isRecord(item) && item.name !== undefined ? text(item.name) : '';
      let x;
      let y;
      if (Array.isArray(raw)) [x, y] = raw;
      else if (yCat && !xCat) [x, y] = [raw, yCat[i]];
      else [x, y] = [xCat ? xCat[i] : i, raw];
      rows.push([text(s.name || ''), name, cell(x), cell(y)]);
    });
  }
  const named = rows.some((r) => r[1] !== '');
  const columns = ['series', 'name', text(xAxis.name || 'x'), text(yAxis.name || 'y')];
  const keep = (r) => (named ? r : [r[0], r[2], r[3]]);
  return { key: 'chart', title: 'Chart data', columns: keep(columns), rows: rows.map(keep) };
}
