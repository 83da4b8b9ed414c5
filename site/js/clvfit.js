// The clvfit widget: choose or drop a transactions CSV (or the bundled CDNOW
// sample), map its columns, fit BG/NBD and Gamma-Gamma in the Web Worker with
// a progress bar and a Cancel button, and show parameters, population
// figures, a sortable table of customers and a CSV download. The File (a
// Blob) is handed to the worker, which reads and fits it: it never leaves the
// browser, and its text never passes through the page's thread (only the
// header line is read here, to map the columns). The worker answers with the
// figures, the table's top customers and every prediction as a CSV Blob.
//
// Markup (internal/present/results/clvfit.html, inside the widget's .results):
//   [data-role=clvfit-dropzone]        drop target (gets .is-dragover)
//   input[type=file][data-role=clvfit-file]
//   [data-action=sample]        button: fetches /data/cdnow_sample_transactions.csv
//   [data-role=clvfit-mapping]         fieldset shown when the header lacks the expected names,
//     select[data-map=id_column|date_column|amount_column], [data-action=fit]
//   [data-role=clvfit-progress-wrap]   holds progress[data-role=clvfit-progress],
//     [data-role=clvfit-progress-text] and [data-action=cancel]
//   [data-role=clvfit-state]           live status text (the privacy promise, progress, errors)
//   [data-role=clvfit-output]          results: [data-field] values (dotted paths), [data-if]/[data-unless]
//   [data-role=clvfit-customers]       table block: table[data-role=clvfit-table] with
//     button[data-sort=p_alive|expected_purchases|clv] in th, tbody[data-role=clvfit-rows],
//     a[data-action=download]
// The widget's own form fields (data-input) supply the other request fields;
// the transactions_csv and summary_csv fields are hidden (the file replaces them).
// State on the section, as for other widgets: data-state busy|live|invalid, data-runs.
// The form's inputs are read, its errors shown and the results written by
// the same code as every widget's (widget.js).
import { inputValue } from './widget.js';
import { showErrors as showFieldErrors, showValues, parseAnswer } from './results.js';

const SAMPLE_URL = '/data/cdnow_sample_transactions.csv';
const TABLE_ROWS = 100;

/** splitCSVLine splits one CSV line into fields (quotes honoured). */
export function splitCSVLine(line) {
  const out = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  out.push(cur.trim());
  return out;
}

/** headerOf returns the column names of a CSV text's first line. */
export function headerOf(text) {
  const end = text.search(/\r?\n/);
  const line = (end < 0 ? text : text.slice(0, end)).replace(/^\uFEFF/, '');
  return splitCSVLine(line).filter((h) => h !== '');
}

/** guessColumn picks the header name for a role, or ''. */
export function guessColumn(header, role) {
  const pats = {
    id_column: [/^customer_?id$/i, /^(cust|client|user|member)_?id$/i, /^id$/i, /id$/i, /customer/i],
    date_column: [/^date$/i, /date/i, /^(day|time|timestamp|order_?date)$/i, /time/i],
    amount_column: [/^amount$/i, /^(revenue|value|sales|total|price|spend|monetary)/i, /amount|revenue|total|price/i],
  }[role];
  for (const p of pats) {
    const hit = header.find((h) => p.test(h));
    if (hit) return hit;
  }
  return '';
}

/** HEADER_BYTES is how much of a file is read on the page to find its header. */
const HEADER_BYTES = 64 * 1024;

export function setupCLVFit(section, api) {
  const $ = (sel) => section.querySelector(sel);
  const root = $('[data-role=clvfit]');
  if (!root) return;
  section.setAttribute('data-clvfit', 'ready');
  const fileInput = $('[data-role=clvfit-file]');
  const drop = $('[data-role=clvfit-dropzone]');
  const mapping = $('[data-role=clvfit-mapping]');
  const progWrap = $('[data-role=clvfit-progress-wrap]');
  const prog = $('[data-role=clvfit-progress]');
  const progText = $('[data-role=clvfit-progress-text]');
  const state = $('[data-role=clvfit-state]');
  const output = $('[data-role=clvfit-output]');
  const customers = $('[data-role=clvfit-customers]');
  const tbody = $('[data-role=clvfit-rows]');
  const download = $('[data-action=download]');
  const tableNote = $('[data-role=clvfit-table-note]');
  const warnings = section.querySelector('[data-role=warnings]');
  const errorSummary = section.querySelector('[data-role=error-summary]');
  const results = section.querySelector('[data-role=results]');

  // The file replaces the CSV text fields of the form.
  for (const name of ['transactions_csv', 'summary_csv']) {
    const wrap = section.querySelector(`[data-field-wrap="${name}"]`);
    if (wrap) wrap.hidden = true;
  }

  let csvFile = null; // the chosen File or Blob, kept in memory only
  let fileName = '';
  let predictions = []; // the table's rows: the top customers by each sort key
  let customerCount = 0; // every customer's prediction is in the CSV download
  let sortKey = 'clv';
  let running = false;
  let downloadURL = '';

  const setState = (text) => {
    state.textContent = text;
  };

  function setBusy(busy) {
    running = busy;
    progWrap.hidden = !busy;
    if (busy) section.setAttribute('data-state', 'busy');
  }

  function buildRequest() {
    const req = {};
    for (const el of section.querySelectorAll('[data-input]')) {
      const name = el.getAttribute('data-input');
      if (name === 'transactions_csv' || name === 'summary_csv' || name === 'predictions') continue;
      const v = inputValue(el);
      if (v !== undefined) req[name] = v;
    }
    for (const sel of mapping.querySelectorAll('select[data-map]')) {
      if (!mapping.hidden || sel.value) req[sel.getAttribute('data-map')] = sel.value;
    }
    req.predictions = true;
    return req;
  }

  function fillMapping(header) {
    for (const sel of mapping.querySelectorAll('select[data-map]')) {
      const role = sel.getAttribute('data-map');
      sel.textContent = '';
      if (role === 'amount_column') {
        const none = document.createElement('option');
        none.value = '';
        none.textContent = '(none: purchases only)';
        sel.append(none);
      }
      for (const h of header) {
        const o = document.createElement('option');
        o.value = h;
        o.textContent = h;
        sel.append(o);
      }
      sel.value = guessColumn(header, role) || (role === 'amount_column' ? '' : header[0] || '');
    }
  }

  function expected(name, fallback) {
    const el = section.querySelector(`[data-input="${name}"]`);
    return (el && el.value.trim()) || fallback;
  }

  async function useFile(blob, name) {
    csvFile = blob;
    fileName = name;
    const header = headerOf(await blob.slice(0, HEADER_BYTES).text());
    const idCol = expected('id_column', 'customer_id');
    const dateCol = expected('date_column', 'date');
    const lower = header.map((h) => h.toLowerCase());
    if (lower.includes(idCol.toLowerCase()) && lower.includes(dateCol.toLowerCase())) {
      mapping.hidden = true;
      return fit();
    }
    fillMapping(header);
    mapping.hidden = false;
    setState(`${fileName}: the columns are ${header.join(', ')}. Choose which hold the customer id, the date and the amount, then press "Fit the model".`);
    const first = mapping.querySelector('select');
    if (first) first.focus();
  }

  let fitSeq = 0; // the latest fit: an older one that ends (cancelled or not) changes nothing

  async function fit() {
    if (!csvFile) return;
    const token = ++fitSeq;
    if (running) api.cancel();
    if (errorSummary) errorSummary.hidden = true;
    // Indeterminate (no value) until the worker's first report: it may still
    // be loading the module when a file is chosen right after the page opens.
    prog.removeAttribute('value');
    progText.textContent = 'Starting the calculator';
    setBusy(true);
    setState(`Reading ${fileName} on this device…`);
    const started = performance.now();
    let res;
    try {
      res = await api.run('clvfit', JSON.stringify(buildRequest()), onProgress, { blob: csvFile, kind: 'transactions' });
    } catch {
      // Cancelled by the reader, or replaced by a newer fit (which shows its own state).
      if (token !== fitSeq) return;
      if (running) {
        setBusy(false);
        section.setAttribute('data-state', 'live');
        setState(`Cancelled: ${fileName} is still loaded here: press "Fit the model" or choose the file again to rerun.`);
        mapping.hidden = false;
        if (!mapping.querySelector('select').options.length) fillMapping(headerOf(await csvFile.slice(0, HEADER_BYTES).text()));
      }
      return;
    }
    if (token !== fitSeq) return;
    setBusy(false);
    const elapsed = Math.round(performance.now() - started);
    const body = parseAnswer(res.response);
    if (res.status !== 0 || body.errors) {
      showErrors(body.errors || []);
      section.setAttribute('data-state', 'invalid');
    } else {
      render(body, res.charts, res.csv, res.customers);
      section.setAttribute('data-state', 'live');
      setState(`Fitted ${fmt(body.customers, 'int')} customers from ${fileName} in ${elapsed} ms, on this device: the file was not uploaded.`);
    }
    section.setAttribute('data-runs', String(Number(section.getAttribute('data-runs') || '0') + 1));
  }

  // The phases the worker reports, in order, with their share of the bar.
  const phases = {
    read: [0, 0.02, () => 'Opening the file'],
    parse: [0.02, 0.45, (p) => `Reading the file: ${Math.round(100 * p.fraction)} %`],
    summarize: [0.45, 0.5, () => 'Summarizing each customer'],
    fit: [0.5, 0.85, (p) => `Fitting the model: iteration ${p.iteration}`],
    predict: [0.85, 0.97, (p) => `Predicting each customer: ${Math.round(100 * p.fraction)} %`],
    write: [0.97, 1, () => 'Preparing the table, the charts and the download'],
  };

  function onProgress(p) {
    if (!p) return;
    const [from, to, text] = phases[p.phase] || phases.fit;
    const f = Math.min(1, Math.max(0, Number(p.fraction) || 0));
    prog.value = from + (to - from) * f;
    progText.textContent = text({ fraction: f, iteration: p.iteration || 0 });
  }

  function fmt(v, f) {
    try {
      return api.format(v, f);
    } catch {
      return String(v);
    }
  }

  function showErrors(errs) {
    showFieldErrors(section, errs);
    if (results) results.classList.add('is-stale');
    setState((errs[0] && errs[0].message) || 'The file could not be fitted.');
  }

  function render(body, chartsJSON, csvBlob, customersCount) {
    showFieldErrors(section, []);
    if (results) results.classList.remove('is-stale');
    showValues(output, body, warnings);
    predictions = body.customers_predictions || [];
    customerCount = customersCount || predictions.length;
    customers.hidden = predictions.length === 0;
    renderTable();
    if (downloadURL) URL.revokeObjectURL(downloadURL);
    downloadURL = csvBlob ? URL.createObjectURL(csvBlob) : '';
    download.href = downloadURL || '#';
    download.hidden = !csvBlob;
    if (tableNote) {
      tableNote.textContent =
        customerCount > TABLE_ROWS
          ? `The first ${TABLE_ROWS} of ${fmt(customerCount, 'int')} customers; sort by a column, or download every prediction.`
          : `All ${fmt(customerCount, 'int')} customers; sort by a column, or download the predictions.`;
    }
    api.renderCharts(chartsJSON);
  }

  function renderTable() {
    const key = sortKey;
    const rows = predictions
      .map((r, i) => [r, i])
      .sort((x, y) => {
        const a = x[0][key] ?? -Infinity;
        const b = y[0][key] ?? -Infinity;
        return b - a || x[1] - y[1];
      })
      .slice(0, TABLE_ROWS);
    tbody.textContent = '';
    for (const [r] of rows) {
      const tr = document.createElement('tr');
      const cells = [
        [r.customer_id, null],
        [r.frequency, 'int'],
        [r.p_alive, 'pct1'],
        [r.expected_purchases, 'dec2'],
        [r.clv, 'money'],
      ];
      cells.forEach(([v, f], i) => {
        const td = document.createElement(i === 0 ? 'th' : 'td');
        if (i === 0) td.setAttribute('scope', 'row');
        td.textContent = f ? fmt(v ?? null, f) : String(v);
        tr.append(td);
      });
      tbody.append(tr);
    }
    for (const btn of section.querySelectorAll('[data-sort]')) {
      const th = btn.closest('th');
      if (th) th.setAttribute('aria-sort', btn.getAttribute('data-sort') === key ? 'descending' : 'none');
    }
  }

  // Events.
  fileInput.addEventListener('change', async () => {
    const f = fileInput.files && fileInput.files[0];
    if (f) await useFile(f, f.name);
  });
  drop.addEventListener('dragover', (e) => {
    e.preventDefault();
    drop.classList.add('is-dragover');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('is-dragover'));
  drop.addEventListener('drop', async (e) => {
    e.preventDefault();
    drop.classList.remove('is-dragover');
    const f = e.dataTransfer && e.dataTransfer.files && e.dataTransfer.files[0];
    if (f) await useFile(f, f.name);
  });
  $('[data-action=sample]').addEventListener('click', async () => {
    setState('Loading the CDNOW sample from this site…');
    try {
      const resp = await fetch(new URL(SAMPLE_URL, document.baseURI));
      if (!resp.ok) throw new Error(String(resp.status));
      // FHL (2005) calibrate on the 39 weeks to 1997-09-30 and hold out the rest.
      for (const [name, v] of [
        ['observation_end', '1997-09-30'],
        ['holdout_end', '1998-06-30'],
      ]) {
        const el = section.querySelector(`[data-input="${name}"]`);
        if (el && !el.value.trim()) el.value = v;
      }
      await useFile(await resp.blob(), 'the CDNOW sample');
    } catch {
      setState('The CDNOW sample could not be loaded. Choose a CSV file instead.');
    }
  });
  $('[data-action=fit]').addEventListener('click', () => fit());
  $('[data-action=cancel]').addEventListener('click', () => api.cancel());
  for (const btn of section.querySelectorAll('[data-sort]')) {
    btn.addEventListener('click', () => {
      sortKey = btn.getAttribute('data-sort');
      renderTable();
    });
  }
  // Changed options refit the loaded file, 300 ms after the last keystroke
  // (a fit takes longer than the other calculators' runs).
  let timer = 0;
  section.addEventListener('input', (e) => {
    const t = e.target;
    if (!t.hasAttribute || !t.hasAttribute('data-input') || !csvFile) return;
    clearTimeout(timer);
    timer = setTimeout(() => fit(), 300);
  });
  section.addEventListener('change', (e) => {
    const t = e.target;
    if (t.tagName === 'SELECT' && t.hasAttribute('data-input') && csvFile) fit();
  });
  section.addEventListener('submit', (e) => e.preventDefault());
}
