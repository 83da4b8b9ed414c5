// The rows of an Array field (the prioritize page's ideas) as text: the
// compact form the URL holds, spreadsheet paste (tab-separated) and CSV
// files (as `roikit prioritize --input` reads them). No DOM here: the
// editor is ideas.js.
import { records, sniffCSV, normalizeName } from './csvsniff.js';
import { csvText, unguardText } from './exportdata.js';

/** CELL_SEP and ROW_SEP join a URL's cells and rows: characters a query keeps as they are. */
export const CELL_SEP = '*';
export const ROW_SEP = '_';

/** escapeCell writes a cell's text so that it holds no separator ("~" -> "~0", "*" -> "~1", "_" -> "~2"). */
function escapeCell(text) {
  return text.replace(/~/g, '~0').replace(/\*/g, '~1').replace(/_/g, '~2');
}

function unescapeCell(text) {
  return text.replace(/~([012])/g, (_, d) => ['~', '*', '_'][Number(d)]);
}

/**
 * encodeRows writes items (objects of contract values) in the URL's
 * compact form: one row per item joined by "_", each row the values of
 * names in order joined by "*", an absent value empty and trailing empty
 * cells left out: "Email*0.3*0.02***10000".
 */
export function encodeRows(items, names) {
  return items
    .map((item) => {
      const cells = names.map((n) => (item[n] === undefined || item[n] === null ? '' : escapeCell(String(item[n]))));
      while (cells.length && cells[cells.length - 1] === '') cells.pop();
      return cells.join(CELL_SEP);
    })
    .join(ROW_SEP);
}

/**
 * decodeRows reads encodeRows' form (or a JSON array of objects, the
 * request's own) back into items whose values are the URL's text (numbers
 * as written there, in contract units); at most max items.
 */
export function decodeRows(text, names, max = 100) {
  const t = String(text).trim();
  if (t.startsWith('[')) {
    try {
      const arr = JSON.parse(t);
      if (Array.isArray(arr)) {
        return arr.slice(0, max).map((o) => {
          const item = {};
          for (const n of names) if (o && typeof o === 'object' && o[n] !== undefined && o[n] !== null) item[n] = String(o[n]);
          return item;
        });
      }
    } catch {
      /* not JSON: read as rows */
    }
  }
  if (t === '') return [];
  return t
    .split(ROW_SEP)
    .slice(0, max)
    .map((row) => {
      const item = {};
      row.split(CELL_SEP).forEach((cell, j) => {
        if (j < names.length && cell !== '') item[names[j]] = unescapeCell(cell);
      });
      return item;
    });
}

/** parseTSV splits pasted spreadsheet text into rows of cells (tabs between cells, a line per row; empty lines dropped). */
export function parseTSV(text) {
  return records(String(text), '\t').filter((r) => r.some((c) => c.trim() !== ''));
}

/**
 * headerColumns: when every non-empty cell of row names a column (its
 * field name or its label, units in parentheses ignored), the column index
 * of each cell (-1 for an empty one); otherwise null (the row is data).
 * columns: [{name, label}].
 */
export function headerColumns(row, columns) {
  const keys = columns.map((c) => [normalizeName(c.name), normalizeName(String(c.label || '').replace(/\(.*?\)/g, ''))]);
  const map = row.map((cell) => {
    const k = normalizeName(String(cell).replace(/\(.*?\)/g, ''));
    return k === '' ? -1 : keys.findIndex((ks) => ks.includes(k));
  });
  const named = row.filter((c) => String(c).trim() !== '').length;
  return named > 0 && map.every((j, i) => j >= 0 || String(row[i]).trim() === '') ? map : null;
}

/** csvCell quotes a CSV cell holding a comma, a quote or a line break. */
function csvCell(text) {
  return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
}

/**
 * toCSV writes items (contract values) as CSV: a header of the names, one
 * row per item, absent values empty, text (an idea's name) guarded against
 * formula injection (csvText; fromCSV and `roikit prioritize --input` drop
 * the guard).
 */
export function toCSV(items, names) {
  const cell = (v) => (v === undefined || v === null ? '' : csvCell(typeof v === 'string' ? csvText(v) : String(v)));
  const lines = [names.join(',')];
  for (const item of items) lines.push(names.map((n) => cell(item[n])).join(','));
  return lines.join('\r\n') + '\r\n';
}

/**
 * fromCSV reads a CSV text with a header naming the fields (as `roikit
 * prioritize --input`: names in any case, "-" or " " for "_"; the
 * delimiter detected) into items of the values' text (contract units).
 * It throws an Error naming the problem: no header and rows, an unknown
 * column, a row longer than the header.
 */
export function fromCSV(text, columns, max = 100) {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const recs = records(body, sniffCSV(body).delimiter).filter((r) => r.some((c) => c.trim() !== ''));
  if (recs.length < 2) throw new Error('the file needs a header row naming the fields and at least one row.');
  const names = columns.map((c) => c.name);
  const header = recs[0].map((h) => normalizeName(h));
  header.forEach((h, i) => {
    if (h !== '' && !names.includes(h)) throw new Error(`column ${i + 1} ("${recs[0][i].trim()}") is not a field; the columns are ${names.join(', ')}.`);
  });
  return recs.slice(1, max + 1).map((row, n) => {
    if (row.length > header.length) throw new Error(`row ${n + 2} has ${row.length} cells but the header names ${header.length} columns.`);
    const item = {};
    row.forEach((cell, i) => {
      if (header[i] !== '' && cell.trim() !== '') item[header[i]] = unguardText(cell.trim());
    });
    return item;
  });
}
