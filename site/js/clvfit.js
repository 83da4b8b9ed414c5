// The clvfit widget: choose or drop a transactions CSV (or the bundled CDNOW
// sample), map its columns, fit BG/NBD and Gamma-Gamma in the Web Worker with
// a progress bar and a Cancel button, and show parameters, population
// figures, a sortable table of customers and a CSV download. The File (a
// Blob) is handed to the worker, which reads and fits it: it never leaves the
// browser, and its text never passes through the page's thread (only the
// header lines are read here, to detect the delimiter and map the columns:
// csvsniff.js). The worker answers with the figures, the table's top
// customers, the rows it could not read and every prediction as a CSV Blob.
// Loading a file (or the sample) starts afresh: what the previous file set
// (dates, mapping, date format, results, download, skipped rows) is cleared.
//
// Markup (internal/present/results/clvfit.html, inside the widget's .results):
//   [data-role=clvfit-dropzone]        drop target (gets .is-dragover)
//   input[type=file][data-role=clvfit-file]
//   [data-action=sample]        button: fetches /data/cdnow_sample_transactions.csv
//   [data-role=clvfit-mapping]         fieldset shown once a file is loaded: the detected columns,
//     select[data-map=id_column|date_column|amount_column] (guessed from the names),
//     [data-role=clvfit-mapping-hint], [data-action=fit]; the form's date_format and
//     decimal_separator fields are moved into it (the date format is asked there)
//   [data-role=clvfit-progress-wrap]   holds progress[data-role=clvfit-progress],
//     [data-role=clvfit-progress-text] and [data-action=cancel]
//   [data-role=clvfit-state]           live status text (the privacy promise, progress, errors)
//   [data-role=clvfit-output]          results: [data-field] values (dotted paths), [data-if]/[data-unless]
//   [data-role=clvfit-skipped]         the rows left out: [data-role=clvfit-skipped-text],
//     tbody[data-role=clvfit-skipped-rows] (line, reason), [data-role=clvfit-skipped-more]
//   [data-role=clvfit-customers]       table block (moved under the form and the figures, full
//     width): table[data-role=clvfit-table] with
//     button[data-sort=p_alive|expected_purchases|clv] in th, tbody[data-role=clvfit-rows],
//     a[data-action=download]
// The widget's own form fields (data-input) supply the other request fields;
// the transactions_csv and summary_csv fields are hidden (the file replaces
// them), and so are id_column, date_column and amount_column (the mapping
// replaces them).
// State on the section, as for other widgets: data-state busy|live|invalid, data-runs.
// The form's inputs are read, its errors shown and the results written by
// the same code as every widget's (widget.js).
import { inputValue } from './forminputs.js';
import { showErrors as showFieldErrors, showValues, parseAnswer } from './results.js';
import { sniffCSV, guessColumns, fileProblem } from './csvsniff.js';
import { TABLE_ROWS, renderCustomers, renderSkipped } from './clvfit-table.js';
import { clvfitScenarioHost } from './clvfitscenarios.js';
import { applyQuery } from './urlquery.js';

export { headerOf, splitCSVLine, guessColumn } from './csvsniff.js';

const SAMPLE_URL = '/data/cdnow_sample_transactions.csv';
/** SAMPLE_DATES: FHL (2005) calibrate on the 39 weeks to 1997-09-30 and hold out the rest. */
const SAMPLE_DATES = { observation_end: '1997-09-30', holdout_end: '1998-06-30' };
/** HEADER_BYTES is how much of a file is read on the page to find its delimiter and header. */
const HEADER_BYTES = 64 * 1024;
/** The form's fields the file and the mapping replace, and those the mapping holds. */
const REPLACED = ['transactions_csv', 'summary_csv', 'id_column', 'date_column', 'amount_column'];
const IN_MAPPING = ['date_format', 'decimal_separator'];
/** CLEARED: the form's fields a new file starts without (the sample sets the first two). */
const CLEARED = ['observation_end', 'holdout_end', 'date_format', 'decimal_separator'];
const DELIMITER_NAMES = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' };

/** setupCLVFit makes the clvfit widget live; it returns what the Scenarios panel works with (clvfitscenarios.js), or null. */
export function setupCLVFit(section, api) {
  const $ = (sel) => section.querySelector(sel);
  const root = $('[data-role=clvfit]');
  if (!root) return null;
  section.setAttribute('data-clvfit', 'ready');
  const fileInput = $('[data-role=clvfit-file]');
  const drop = $('[data-role=clvfit-dropzone]');
  const mapping = $('[data-role=clvfit-mapping]');
  const mappingHint = $('[data-role=clvfit-mapping-hint]');
  const progWrap = $('[data-role=clvfit-progress-wrap]');
  const prog = $('[data-role=clvfit-progress]');
  const progText = $('[data-role=clvfit-progress-text]');
  const state = $('[data-role=clvfit-state]');
  const output = $('[data-role=clvfit-output]');
  const skippedBlock = $('[data-role=clvfit-skipped]');
  const customers = $('[data-role=clvfit-customers]');
  const table = $('[data-role=clvfit-table]');
  const tbody = $('[data-role=clvfit-rows]');
  const download = $('[data-action=download]');
  const tableNote = $('[data-role=clvfit-table-note]');
  const warnings = $('[data-role=warnings]');
  const errorSummary = $('[data-role=error-summary]');
  const results = $('[data-role=results]');
  const staleNote = $('[data-role=stale]');
  const input = (name) => section.querySelector(`[data-input="${name}"]`);
  const wrapOf = (name) => section.querySelector(`[data-field-wrap="${name}"]`);

  // The file and the mapping replace the CSV text and column fields of the
  // form; the date format and decimal separator are asked with the mapping.
  for (const name of REPLACED) if (wrapOf(name)) wrapOf(name).hidden = true;
  if (section.hasAttribute('data-primary')) applyQuery(section, new URLSearchParams(location.search), REPLACED);
  const fitButton = $('[data-action=fit]');
  for (const name of IN_MAPPING) {
    const wrap = wrapOf(name);
    if (wrap) fitButton.closest('p').before(wrap);
  }
  // The customers get the widget's full width, under the form and the figures.
  const body = $('.calc-body');
  if (body && customers) body.after(customers);

  let csvFile = null; // the chosen File or Blob, kept in memory only
  let fileName = '';
  let predictions = []; // the table's rows: the top customers by each sort key
  let sortKey = 'clv';
  let running = false;
  let downloadURL = '';
  let shown = false; // results of the loaded file are on screen
  let fitSeq = 0; // the latest fit or file: an older one that ends (cancelled or not) changes nothing

  const setState = (text) => {
    state.textContent = text;
  };

  function setBusy(busy) {
    running = busy;
    progWrap.hidden = !busy;
    if (busy) section.setAttribute('data-state', 'busy');
  }

  /** setStale marks the results on screen as not those of the current settings (text: why), or clears the mark. */
  function setStale(text) {
    const on = !!text && shown;
    if (results) results.classList.toggle('is-stale', on);
    customers.classList.toggle('is-stale', on);
    if (staleNote) {
      staleNote.hidden = !on;
      if (on) staleNote.textContent = text;
    }
  }

  function buildRequest() {
    const req = {};
    for (const el of section.querySelectorAll('[data-input]')) {
      const name = el.getAttribute('data-input');
      if (REPLACED.includes(name) || name === 'predictions') continue;
      const wrap = el.closest('[data-field-wrap]');
      if (wrap && wrap.hidden) continue;
      const v = inputValue(el);
      if (v !== undefined) req[name] = v;
    }
    for (const sel of mapping.querySelectorAll('select[data-map]')) req[sel.getAttribute('data-map')] = sel.value;
    req.predictions = true;
    return req;
  }

  function fillMapping(header, guess) {
    for (const sel of mapping.querySelectorAll('select[data-map]')) {
      const role = sel.getAttribute('data-map');
      sel.textContent = '';
      const none = document.createElement('option');
      none.value = '';
      none.textContent = role === 'amount_column' ? '(none: purchases only)' : '(choose a column)';
      sel.append(none);
      for (const h of header.filter((c) => c !== '')) {
        const o = document.createElement('option');
        o.value = h;
        o.textContent = h;
        sel.append(o);
      }
      sel.value = guess[role] || '';
    }
  }

  /**
   * reset forgets what the previous file (or the sample) set: a fit in
   * flight, the dates, the date format and decimal separator, the mapping,
   * the results, charts, download and skipped rows.
   */
  function reset() {
    fitSeq++;
    if (running) {
      api.cancel();
      setBusy(false);
    }
    for (const name of CLEARED) {
      const el = input(name);
      if (!el) continue;
      if (el.tagName === 'SELECT') el.selectedIndex = Math.max(0, Array.from(el.options).findIndex((o) => o.defaultSelected));
      else el.value = '';
    }
    fillMapping([], {});
    showFieldErrors(section, []);
    if (errorSummary) errorSummary.hidden = true;
    shown = false;
    setStale('');
    output.hidden = true;
    if (warnings) warnings.replaceChildren();
    predictions = [];
    tbody.textContent = '';
    customers.hidden = true;
    if (downloadURL) URL.revokeObjectURL(downloadURL);
    downloadURL = '';
    download.href = '#';
    download.hidden = true;
    renderSkipped(skippedBlock, null, 0, fmt);
    const ids = Array.from(section.querySelectorAll('figure[data-chart]'), (f) => ({ id: f.getAttribute('data-chart'), option: null }));
    api.renderCharts(JSON.stringify(ids));
  }

  /** useFile starts afresh with blob: detects its delimiter and columns, guesses the mapping and fits when it can. */
  async function useFile(blob, name, dates = {}) {
    reset();
    csvFile = blob;
    fileName = name;
    for (const [field, v] of Object.entries(dates)) if (input(field)) input(field).value = v;
    const token = fitSeq;
    const head = await blob.slice(0, HEADER_BYTES).text();
    const { delimiter, header } = sniffCSV(head, blob.size > HEADER_BYTES);
    if (token !== fitSeq) return; // another file came meanwhile
    const problem = fileProblem(head, blob.size, fileName, header);
    if (problem) {
      // Not a transaction log: say why, without a mapping of no columns.
      csvFile = null;
      mapping.hidden = true;
      section.setAttribute('data-state', 'invalid');
      section.setAttribute('data-runs', String(Number(section.getAttribute('data-runs') || '0') + 1));
      return setState(problem);
    }
    const guess = guessColumns(header.filter((h) => h !== ''));
    fillMapping(header, guess);
    mapping.hidden = false;
    section.dispatchEvent(new CustomEvent('roikit:file'));
    if (mappingHint) {
      const sep = header.length > 1 ? `, separated by ${DELIMITER_NAMES[delimiter]}s` : '';
      mappingHint.textContent = `${header.length} columns${sep}, in ${fileName}. Each role below is guessed from the column names: change one and the fit reruns.`;
    }
    if (guess.id_column && guess.date_column) return fit();
    setState(`${fileName}: the columns are ${header.join(', ')}. Choose which hold the customer id, the date and the amount, then press "Fit the model".`);
    const first = mapping.querySelector('select');
    if (first) first.focus();
  }

  async function fit() {
    if (!csvFile) return;
    const token = ++fitSeq;
    if (running) api.cancel();
    if (errorSummary) errorSummary.hidden = true;
    setStale(`Updating: these results are for ${fileName} with the previous settings.`);
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
        setStale(`Cancelled: these results are for ${fileName} with the previous settings.`);
        setState(`Cancelled: ${fileName} is still loaded here: press "Fit the model" or choose the file again to rerun.`);
      }
      return;
    }
    if (token !== fitSeq) return;
    setBusy(false);
    const elapsed = Math.round(performance.now() - started);
    const answer = parseAnswer(res.response);
    if (res.status !== 0 || answer.errors) {
      showErrors(answer.errors || []);
      section.setAttribute('data-state', 'invalid');
    } else {
      render(answer, res.charts, res.csv, res.customers);
      section.setAttribute('data-state', 'live');
      const skipped = answer.skipped_rows && answer.skipped_rows.count ? ` ${fmt(answer.skipped_rows.count, 'int')} unreadable rows were left out.` : '';
      setState(`Fitted ${fmt(answer.customers, 'int')} customers from ${fileName} in ${elapsed} ms, on this device: the file was not uploaded.${skipped}`);
    }
    section.setAttribute('data-runs', String(Number(section.getAttribute('data-runs') || '0') + 1));
    section.dispatchEvent(new CustomEvent('roikit:fitted'));
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
    setStale(`These results are for ${fileName} with the last settings that could be fitted. Correct what is marked in red to update them.`);
    const dateFormat = errs.some((e) => e && e.field === 'date_format') && input('date_format');
    if (dateFormat) {
      // The dates read both ways: the reader chooses; choosing reruns the fit.
      mapping.hidden = false;
      dateFormat.focus();
    }
    setState((errs[0] && errs[0].message) || 'The file could not be fitted.');
  }

  function render(answer, chartsJSON, csvBlob, customersCount) {
    showFieldErrors(section, []);
    shown = true;
    setStale('');
    output.hidden = false;
    showValues(output, answer, warnings);
    renderSkipped(skippedBlock, answer.skipped_rows, answer.rows, fmt);
    predictions = answer.customers_predictions || [];
    const count = customersCount || predictions.length;
    customers.hidden = predictions.length === 0;
    renderCustomers(table, tbody, predictions, sortKey, fmt);
    if (downloadURL) URL.revokeObjectURL(downloadURL);
    downloadURL = csvBlob ? URL.createObjectURL(csvBlob) : '';
    download.href = downloadURL || '#';
    download.hidden = !csvBlob;
    if (tableNote) {
      tableNote.textContent =
        count > TABLE_ROWS
          ? `The first ${TABLE_ROWS} of ${fmt(count, 'int')} customers; sort by a column, or download every prediction.`
          : `All ${fmt(count, 'int')} customers; sort by a column, or download the predictions.`;
    }
    api.renderCharts(chartsJSON);
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
    let blob;
    try {
      const resp = await fetch(new URL(SAMPLE_URL, document.baseURI));
      if (!resp.ok) throw new Error(String(resp.status));
      blob = await resp.blob();
    } catch {
      setState('The CDNOW sample could not be loaded. Choose a CSV file instead.');
      return;
    }
    await useFile(blob, 'the CDNOW sample', SAMPLE_DATES);
  });
  fitButton.addEventListener('click', () => fit());
  $('[data-action=cancel]').addEventListener('click', () => api.cancel());
  for (const btn of section.querySelectorAll('[data-sort]')) {
    btn.addEventListener('click', () => {
      sortKey = btn.getAttribute('data-sort');
      renderCustomers(table, tbody, predictions, sortKey, fmt);
    });
  }
  // Changed options refit the loaded file, 300 ms after the last keystroke
  // (a fit takes longer than the other calculators' runs); a changed column
  // or choice refits at once.
  let timer = 0;
  section.addEventListener('input', (e) => {
    const t = e.target;
    if (!t.hasAttribute || !t.hasAttribute('data-input') || t.tagName === 'SELECT' || !csvFile) return;
    clearTimeout(timer);
    timer = setTimeout(() => fit(), 300);
  });
  section.addEventListener('change', (e) => {
    const t = e.target;
    if (t.tagName !== 'SELECT' || !csvFile) return;
    if (t.hasAttribute('data-input') || t.hasAttribute('data-map')) {
      clearTimeout(timer);
      fit();
    }
  });
  section.addEventListener('submit', (e) => e.preventDefault());
  return clvfitScenarioHost(section, {
    mapping,
    file: () => (csvFile ? { blob: csvFile, kind: 'transactions' } : null),
    refit: () => (csvFile ? fit() : Promise.resolve()),
  });
}
