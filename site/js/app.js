// roikit's page script (ES module, bundled by esbuild into assets/app.js).
// It makes every calculator widget of the page live (site/FRONTEND.md "Live
// behaviour"): one Web Worker per page, created from a blob URL, runs the Go
// core compiled to WebAssembly; inputs recompute debounced; results, errors,
// warnings, charts and the URL follow. On embed pages it also applies the
// embed options and reports the page's height to the parent.
//
// Safety: nothing from the URL, the inputs or the results is ever inserted as
// HTML: text goes through textContent, values through input.value and
// attributes set with setAttribute.
import { formatValue, validSettings, goJSON, DASH } from './format.js';
import { scaleOf, parseText, toDisplay } from './inputs.js';
import { setupCLVFit } from './clvfit.js';

const DEBOUNCE_MS = 150;
const SETTINGS_KEY = 'roikit:settings';

// ---------------------------------------------------------------------------
// Settings: locale and currency.

function storage() {
  try {
    return window.localStorage; // throws in a sandboxed iframe
  } catch {
    return null;
  }
}

function loadSettings() {
  const q = new URLSearchParams(location.search);
  let saved = {};
  try {
    saved = JSON.parse((storage() && storage().getItem(SETTINGS_KEY)) || '{}') || {};
  } catch {
    saved = {};
  }
  return validSettings(q.get('locale') || saved.locale || navigator.language, q.get('currency') || saved.currency || 'USD');
}

const settings = loadSettings();

function saveSettings() {
  try {
    const s = storage();
    if (s) s.setItem(SETTINGS_KEY, JSON.stringify({ currency: settings.currency }));
  } catch {
    /* storage full or denied: the setting lasts for this page */
  }
}

function format(value, fmt) {
  return formatValue(value, fmt || 'plain', settings);
}

// ---------------------------------------------------------------------------
// The engine: one worker per page, one request in flight at a time, at most
// one waiting request per widget (a newer one replaces it).

const appScript = document.getElementById('roikit-app') || document.querySelector('script[data-wasm]');

function absolute(attr) {
  const v = appScript && appScript.getAttribute(attr);
  return v ? new URL(v, document.baseURI).href : '';
}

const urls = {
  wasm: absolute('data-wasm'),
  wasmExec: absolute('data-wasm-exec'),
  worker: absolute('data-worker'),
  charts: absolute('data-charts'),
};

/** Superseded rejects a run that a newer run or cancel() replaced (name "AbortError"). */
class Superseded extends Error {
  constructor() {
    super('The run was replaced by a newer one or cancelled.');
    this.name = 'AbortError';
  }
}

class Engine {
  constructor() {
    this.worker = null;
    this.nextId = 1;
    this.current = null; // {id, key, name, request, onProgress, file, onCharts, resolve, reject}
    this.waiting = new Map(); // key -> job
    this.chartsDue = new Map(); // id -> onCharts, for results whose charts follow
  }

  start() {
    // The module's download starts before the worker's scripts load.
    const wasm = JSON.stringify(urls.wasm);
    const code =
      'self.roikitWasmURL=' + wasm + ';self.roikitWasmResponse=fetch(' + wasm + ');importScripts(' + JSON.stringify(urls.wasmExec) + ',' + JSON.stringify(urls.worker) + ');';
    const blobURL = URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));
    const w = new Worker(blobURL);
    w.onmessage = (e) => this.message(e.data);
    w.onerror = (e) => {
      e.preventDefault();
      this.fail('The calculator could not start in this browser. The results shown are for the default inputs.');
    };
    this.worker = w;
  }

  fail(message) {
    const job = this.current;
    this.restart();
    if (job) {
      job.resolve({
        status: -1,
        response: JSON.stringify({ errors: [{ field: '', code: 'engine_failed', message }] }),
        charts: '[]',
      });
    }
  }

  restart() {
    if (this.worker) this.worker.terminate();
    this.worker = null;
    this.current = null;
    this.chartsDue.clear();
    queueMicrotask(() => this.pump());
  }

  /**
   * run queues a run for widget key; a waiting run of the same key is
   * superseded. file ({blob, kind}, clvfit only) is a File or Blob the worker
   * reads itself, kind "transactions" or "summary": its text never passes
   * through this thread, and the result then also has csv (a Blob of every
   * customer's predictions, or null) and customers. With onCharts, the
   * result comes without charts, as soon as the numbers are ready, and
   * onCharts(chartsJSON) is called once the worker has built them (for a
   * page that already shows the charts of this request: the first live
   * result does not wait for them).
   */
  run(key, name, request, onProgress, file, onCharts) {
    return new Promise((resolve, reject) => {
      const old = this.waiting.get(key);
      if (old) old.reject(new Superseded());
      this.waiting.delete(key);
      this.waiting.set(key, { key, name, request, onProgress, file, onCharts, resolve, reject });
      this.pump();
    });
  }

  /** cancel stops widget key's run: a run in flight ends with its worker. */
  cancel(key) {
    const old = this.waiting.get(key);
    if (old) {
      old.reject(new Superseded());
      this.waiting.delete(key);
    }
    if (this.current && this.current.key === key) {
      const job = this.current;
      this.restart();
      job.reject(new Superseded());
    }
  }

  pump() {
    if (this.current || this.waiting.size === 0) return;
    const [key, job] = this.waiting.entries().next().value;
    this.waiting.delete(key);
    if (!this.worker) this.start();
    job.id = this.nextId++;
    this.current = job;
    const msg = { id: job.id, name: job.name, request: job.request };
    if (job.file) {
      msg.file = job.file.blob;
      msg.kind = job.file.kind;
    }
    if (job.onCharts) msg.chartsLater = true;
    this.worker.postMessage(msg);
  }

  message(msg) {
    if (msg && msg.type === 'charts') {
      const onCharts = this.chartsDue.get(msg.id);
      this.chartsDue.delete(msg.id);
      if (onCharts) onCharts(msg.charts);
      return;
    }
    const job = this.current;
    if (!msg || !job || msg.id !== job.id) return;
    if (msg.type === 'progress') {
      if (job.onProgress) {
        try {
          job.onProgress(msg.progress);
        } catch {
          /* a progress display must not stop the run */
        }
      }
      return;
    }
    if (msg.type !== 'result') return;
    this.current = null;
    if (msg.fatal) this.restart();
    else if (msg.chartsLater && job.onCharts) this.chartsDue.set(job.id, job.onCharts);
    job.resolve({ status: msg.status, response: msg.response, charts: msg.charts, csv: msg.csv || null, customers: msg.customers || 0 });
    this.pump();
  }
}

const engine = new Engine();

/**
 * applyCharts draws the charts of a result (JSON text of [{id, option}]) in
 * the section's figures with the same data-chart id.
 */
function applyCharts(section, chartsJSON) {
  let charts = [];
  try {
    charts = JSON.parse(chartsJSON || '[]') || [];
  } catch {
    charts = [];
  }
  for (const c of charts) {
    const figure = section.querySelector(`figure[data-chart="${CSS.escape(String(c.id))}"]`);
    if (figure) setChart(figure, c.option);
  }
}

// ---------------------------------------------------------------------------
// Charts: the library loads when a chart with an option first comes into view.

let chartsModule = null;
function loadCharts() {
  if (!chartsModule) chartsModule = import(/* @vite-ignore */ urls.charts);
  return chartsModule;
}

const chartState = new WeakMap(); // figure -> {option, visible, drawn}
const chartObserver =
  typeof IntersectionObserver === 'function'
    ? new IntersectionObserver(
        (entries) => {
          for (const e of entries) {
            if (!e.isIntersecting) continue;
            const st = chartState.get(e.target);
            if (st) {
              st.visible = true;
              drawChart(e.target);
            }
          }
        },
        { rootMargin: '200px' }
      )
    : null;

function chartCanvas(figure) {
  return figure.querySelector('.chart-canvas') || figure;
}

/** setChart shows option in figure (null hides it), drawing it when visible. */
function setChart(figure, option) {
  let st = chartState.get(figure);
  if (!st) {
    st = { option: null, visible: !chartObserver, drawn: null };
    chartState.set(figure, st);
    if (chartObserver) chartObserver.observe(figure);
  }
  st.option = option;
  if (option === null || option === undefined) {
    figure.hidden = true;
    if (st.drawn && chartsModule) chartsModule.then((m) => m.dispose(chartCanvas(figure))).catch(() => {});
    st.drawn = null;
    return;
  }
  figure.hidden = false;
  drawChart(figure);
}

function drawChart(figure) {
  const st = chartState.get(figure);
  if (!st || !st.visible || !st.option || st.drawn === st.option || !urls.charts) return;
  const option = st.option;
  loadCharts()
    .then((m) => {
      if (st.option !== option) return;
      m.render(chartCanvas(figure), option);
      st.drawn = option;
    })
    .catch(() => {
      figure.classList.add('chart--unavailable');
    });
}

function initCharts(root) {
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

// ---------------------------------------------------------------------------
// Values: dotted paths, data-field, data-if/unless.

function getPath(obj, path) {
  let v = obj;
  for (const part of path.split('.')) {
    if (v === null || typeof v !== 'object' || !Object.prototype.hasOwnProperty.call(v, part)) return undefined;
    v = v[part];
  }
  return v;
}

/** visibleText is el's text without the text of hidden descendants. */
function visibleText(el) {
  let out = '';
  for (const n of el.childNodes) {
    if (n.nodeType === Node.TEXT_NODE) out += n.nodeValue;
    else if (n.nodeType === Node.ELEMENT_NODE && !n.hidden && !n.classList.contains('visually-hidden')) out += visibleText(n);
  }
  return out;
}

function present(v) {
  return v !== undefined && v !== null && v !== false;
}

function parseDataValue(el) {
  const raw = el.getAttribute('data-value');
  if (raw === null) return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

/** reformat rewrites every formatted value under root for the current settings. */
function reformat(root) {
  for (const el of root.querySelectorAll('[data-field][data-value]')) {
    const fmt = el.getAttribute('data-format');
    if (!fmt) continue;
    el.textContent = format(parseDataValue(el), fmt);
  }
}

// ---------------------------------------------------------------------------
// Inputs: text <-> contract values.

function scaleExponent(input) {
  return scaleOf(input.getAttribute('data-scale'));
}

/**
 * inputValue returns the contract value of an input: undefined when empty
 * (the field is absent), a number for numeric text, and the text itself
 * when it is not a number, so the core names the problem.
 */
function inputValue(input) {
  const type = input.getAttribute('data-type') || 'string';
  if (input.type === 'checkbox') return input.checked;
  if (input.tagName === 'SELECT') {
    if (input.value === '') return undefined;
    if (type === 'number' || type === 'integer') {
      const n = Number(input.value);
      return Number.isFinite(n) ? n : input.value;
    }
    if (type === 'boolean') return input.value === 'true';
    return input.value;
  }
  return parseText(input.value, type, scaleExponent(input));
}

/** displayText writes a contract value (as found in a URL) as input text. */
function displayText(input, raw) {
  return toDisplay(raw, input.getAttribute('data-type') || 'string', scaleExponent(input));
}

/** queryText writes an input's value for the URL query (contract values). */
function queryText(input) {
  const v = inputValue(input);
  if (v === undefined) return '';
  return String(v);
}

function isDefault(input) {
  if (input.type === 'checkbox') return input.checked === input.defaultChecked;
  if (input.tagName === 'SELECT') {
    const def = Array.from(input.options).find((o) => o.defaultSelected) || input.options[0];
    return !def || input.value === def.value;
  }
  return input.value === input.defaultValue;
}

/** setInput puts a URL value into an input: text only, never markup. */
function setInput(input, raw) {
  if (input.type === 'checkbox') {
    if (raw === 'true' || raw === 'false') input.checked = raw === 'true';
    return;
  }
  if (input.tagName === 'SELECT') {
    if (Array.from(input.options).some((o) => o.value === raw)) input.value = raw;
    return; // a value the list does not offer is ignored
  }
  input.value = displayText(input, raw.slice(0, 200000));
}

// ---------------------------------------------------------------------------
// Widgets.

class Widget {
  constructor(section) {
    this.section = section;
    this.name = section.getAttribute('data-calc');
    this.key = section.getAttribute('data-calc-id') || section.id || this.name;
    this.primary = section.hasAttribute('data-primary');
    this.form = section.querySelector('form') || section;
    this.results = section.querySelector('[data-role="results"]') || section;
    this.inputs = Array.from(section.querySelectorAll('[data-input]'));
    this.runs = Number(section.getAttribute('data-runs')) || 0;
    this.seq = 0;
    this.timer = 0;
    try {
      this.start = JSON.parse(section.getAttribute('data-request') || '{}') || {};
    } catch {
      this.start = {};
    }
    if (typeof this.start !== 'object' || Array.isArray(this.start)) this.start = {};
  }

  input(name) {
    return this.inputs.find((i) => i.getAttribute('data-input') === name) || null;
  }

  wrap(name) {
    return this.section.querySelector(`[data-field-wrap="${CSS.escape(name)}"]`);
  }

  init() {
    if (this.primary) this.readQuery();
    this.applyShowWhen();
    this.form.addEventListener('input', (e) => this.changed(e));
    this.form.addEventListener('change', (e) => this.changed(e));
    this.form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.schedule(0);
    });
    const copy = this.section.querySelector('[data-action="copy-link"]');
    if (copy) copy.addEventListener('click', () => copyText(location.href, copy, this.status(), 'Link copied.'));
    this.schedule(0);
  }

  changed(e) {
    if (!e.target || !e.target.hasAttribute || !e.target.hasAttribute('data-input')) return;
    this.applyShowWhen();
    // The URL is written with the debounced run, not on every keystroke:
    // browsers throttle history.replaceState called hundreds of times.
    if (this.primary) this.queryDirty = true;
    this.schedule(DEBOUNCE_MS);
  }

  schedule(ms) {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.run(), ms);
  }

  /** applyShowWhen hides fields whose data-show-when condition does not hold. */
  applyShowWhen() {
    for (const wrap of this.section.querySelectorAll('[data-show-when]')) {
      wrap.hidden = !this.holds(wrap.getAttribute('data-show-when')) || wrap.hasAttribute('data-embed-hidden');
    }
  }

  holds(cond) {
    return String(cond)
      .split(/\s*(?:&&|;)\s*/)
      .every((c) => {
        const m = /^\s*([\w.]+)\s*(!=|=)\s*(.*?)\s*$/.exec(c);
        if (!m) return true;
        const input = this.input(m[1]);
        let v = input ? inputValue(input) : this.start[m[1]];
        if (v === undefined && input && input.tagName === 'SELECT') v = input.value;
        const options = m[3].split(/[|,]/);
        const hit = options.includes(String(v));
        return m[2] === '=' ? hit : !hit;
      });
  }

  shown(input) {
    const wrap = input.closest('[data-show-when]');
    return !wrap || this.holds(wrap.getAttribute('data-show-when'));
  }

  request() {
    const req = { ...this.start };
    for (const input of this.inputs) {
      const name = input.getAttribute('data-input');
      const v = inputValue(input);
      if (v === undefined || !this.shown(input)) delete req[name];
      else req[name] = v;
    }
    return req;
  }

  readQuery() {
    const q = new URLSearchParams(location.search);
    for (const [name, raw] of q) {
      const input = this.input(name);
      if (input) setInput(input, raw);
    }
  }

  writeQuery() {
    const url = new URL(location.href);
    for (const input of this.inputs) {
      const name = input.getAttribute('data-input');
      if (isDefault(input)) url.searchParams.delete(name);
      else url.searchParams.set(name, queryText(input));
    }
    try {
      history.replaceState(history.state, '', url.href);
    } catch {
      /* sandboxed iframe: the URL cannot change */
    }
    updateEmbedPanels();
  }

  /** embedQuery returns the contract values of the non-default inputs. */
  embedQuery() {
    const q = new URLSearchParams();
    for (const input of this.inputs) {
      if (!isDefault(input)) q.set(input.getAttribute('data-input'), queryText(input));
    }
    return q;
  }

  status() {
    return this.section.querySelector('[data-role="status"]');
  }

  async run() {
    if (this.queryDirty) {
      this.queryDirty = false;
      this.writeQuery();
    }
    const seq = ++this.seq;
    const request = JSON.stringify(this.request());
    this.section.setAttribute('data-state', 'busy');
    this.section.setAttribute('aria-busy', 'true');
    // The first run of an untouched form computes what the page was
    // pre-rendered with: its charts are already drawn, so the numbers come
    // first and the charts follow.
    const pristine = this.runs === 0 && this.inputs.every(isDefault);
    const onCharts = pristine ? (charts) => seq === this.seq && this.applyCharts(charts) : null;
    let out;
    try {
      out = await engine.run(this.key, this.name, request, null, null, onCharts);
    } catch (err) {
      if (err instanceof Superseded) return;
      throw err;
    }
    if (seq !== this.seq) return; // a newer run is coming
    this.apply(out);
  }

  apply(out) {
    let body;
    try {
      body = JSON.parse(out.response);
    } catch {
      body = { errors: [{ field: '', code: 'engine_failed', message: 'The calculator returned an unreadable answer.' }] };
    }
    this.section.removeAttribute('aria-busy');
    if (out.status === 0 && body && !body.errors) {
      this.showErrors([]);
      this.showResult(body);
      this.applyCharts(out.charts);
      this.results.classList.remove('is-stale');
      this.toggle('[data-role="stale"]', false);
      this.section.setAttribute('data-state', 'live');
      this.announce(this.headline());
    } else {
      const errors = body && Array.isArray(body.errors) ? body.errors : [];
      this.showErrors(errors);
      this.results.classList.add('is-stale');
      this.toggle('[data-role="stale"]', true);
      this.section.setAttribute('data-state', 'invalid');
      const n = errors.length;
      this.announce(n === 1 ? 'There is a problem: ' + errors[0].message : `There are ${n} problems with the inputs.`);
    }
    this.runs += 1;
    this.section.setAttribute('data-runs', String(this.runs));
  }

  applyCharts(chartsJSON) {
    applyCharts(this.section, chartsJSON);
  }

  toggle(sel, show) {
    const el = this.section.querySelector(sel);
    if (el) el.hidden = !show;
  }

  headline() {
    const h = this.results.querySelector('.headline') || this.results.querySelector('[data-field]');
    return h ? visibleText(h).replace(/\s+/g, ' ').trim() : 'Results updated.';
  }

  announce(text) {
    const el = this.status();
    if (el && el.textContent !== text) el.textContent = text;
  }

  showResult(body) {
    for (const el of this.section.querySelectorAll('[data-field]')) {
      if (el.hasAttribute('data-calc-ref') || el.closest('[data-chart]')) continue;
      const v = getPath(body, el.getAttribute('data-field'));
      const value = v === undefined ? null : v;
      el.setAttribute('data-value', goJSON(value));
      el.textContent = el.hasAttribute('data-format') || typeof value !== 'object' || value === null ? format(value, el.getAttribute('data-format')) : DASH;
    }
    for (const el of this.section.querySelectorAll('[data-if]')) el.hidden = !present(getPath(body, el.getAttribute('data-if')));
    for (const el of this.section.querySelectorAll('[data-unless]')) el.hidden = present(getPath(body, el.getAttribute('data-unless')));
    const list = this.section.querySelector('[data-role="warnings"]');
    if (list) {
      list.replaceChildren();
      for (const w of Array.isArray(body.warnings) ? body.warnings : []) {
        const li = document.createElement('li');
        li.setAttribute('data-code', String(w.code || ''));
        li.textContent = String(w.message || '');
        list.appendChild(li);
      }
      list.hidden = list.children.length === 0;
    }
  }

  /** showErrors puts each error next to its field, the rest in the summary. */
  showErrors(errors) {
    const byField = new Map();
    const general = [];
    for (const e of errors) {
      const field = String((e && e.field) || '');
      const wrap = field ? this.wrap(field) : null;
      if (wrap && !wrap.hidden && !byField.has(field)) byField.set(field, e);
      else general.push(e);
    }
    for (const wrap of this.section.querySelectorAll('[data-field-wrap]')) {
      const field = wrap.getAttribute('data-field-wrap');
      const e = byField.get(field);
      const msg = wrap.querySelector('.error-message');
      const text = msg && (msg.querySelector('[data-error-text]') || msg);
      const input = wrap.querySelector('[data-input]');
      wrap.classList.toggle('field--error', !!e);
      if (msg) msg.hidden = !e;
      if (text && text !== msg) text.textContent = e ? String(e.message) : '';
      if (input) {
        if (e) input.setAttribute('aria-invalid', 'true');
        else input.removeAttribute('aria-invalid');
      }
    }
    const summary = this.section.querySelector('[data-role="error-summary"]');
    if (summary) {
      summary.replaceChildren();
      if (general.length) {
        const h = document.createElement('p');
        h.className = 'error-summary__title';
        h.textContent = 'There is a problem';
        const ul = document.createElement('ul');
        for (const e of general) {
          const li = document.createElement('li');
          li.textContent = String((e && e.message) || 'The inputs could not be used.');
          ul.appendChild(li);
        }
        summary.append(h, ul);
      }
      summary.hidden = general.length === 0;
    }
  }
}

// ---------------------------------------------------------------------------
// Copying, settings, the "Embed this" panel, embed pages.

async function copyText(text, button, statusEl, done) {
  let ok = false;
  try {
    if (navigator.clipboard && navigator.clipboard.writeText) {
      await navigator.clipboard.writeText(text);
      ok = true;
    }
  } catch {
    ok = false;
  }
  if (!ok) {
    // Fallback: a selected read-only field beside the button to copy by hand.
    let field = button.parentElement && button.parentElement.querySelector('input[data-role="copy-fallback"]');
    if (!field) {
      field = document.createElement('input');
      field.type = 'text';
      field.readOnly = true;
      field.className = 'input copy-fallback';
      field.setAttribute('data-role', 'copy-fallback');
      field.setAttribute('aria-label', 'Link to copy');
      button.insertAdjacentElement('afterend', field);
    }
    field.value = text;
    field.focus();
    field.select();
    try {
      ok = document.execCommand('copy');
    } catch {
      ok = false;
    }
  }
  if (statusEl) statusEl.textContent = ok ? done : 'Select the text and copy it.';
}

function initSettings() {
  for (const select of document.querySelectorAll('select[data-setting="currency"]')) {
    if (!Array.from(select.options).some((o) => o.value === settings.currency)) {
      const o = document.createElement('option');
      o.value = settings.currency;
      o.textContent = settings.currency;
      select.appendChild(o);
    }
    select.value = settings.currency;
    select.addEventListener('change', () => {
      Object.assign(settings, validSettings(settings.locale, select.value));
      saveSettings();
      reformat(document);
      updateEmbedPanels();
    });
  }
  reformat(document);
}

function primaryWidget() {
  return widgets.find((w) => w.primary) || null;
}

/** updateEmbedPanels keeps each "Embed this" snippet and preview in step. */
function updateEmbedPanels() {
  for (const panel of document.querySelectorAll('details[data-embed-for]')) updateEmbedPanel(panel);
}

function embedURL(panel, base) {
  const w = primaryWidget();
  const q = w ? w.embedQuery() : new URLSearchParams();
  for (const opt of panel.querySelectorAll('[data-embed-option]')) {
    const name = opt.getAttribute('data-embed-option');
    const v = opt.type === 'checkbox' ? (opt.checked ? 'true' : '') : opt.value;
    if (v && !(name === 'theme' && v === 'auto')) q.set(name, v);
  }
  if (settings.currency !== 'USD') q.set('currency', settings.currency);
  const u = new URL(base);
  u.search = q.toString();
  return u;
}

function updateEmbedPanel(panel) {
  const name = panel.getAttribute('data-embed-for');
  const snippet = panel.querySelector('[data-role="embed-snippet"]');
  let base = null;
  if (snippet) {
    if (!snippet.hasAttribute('data-src-base')) {
      const m = /<iframe[^>]*\ssrc="([^"]*)"/.exec(snippet.value);
      const src = m ? m[1].replace(/&amp;/g, '&') : new URL(`/embed/${encodeURIComponent(name)}/`, location.href).href;
      try {
        const u = new URL(src, location.href);
        u.search = '';
        snippet.setAttribute('data-src-base', u.href);
      } catch {
        snippet.setAttribute('data-src-base', new URL(`/embed/${encodeURIComponent(name)}/`, location.href).href);
      }
    }
    base = snippet.getAttribute('data-src-base');
    const url = embedURL(panel, base).href;
    const escaped = url.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
    snippet.value = snippet.value.replace(/(<iframe[^>]*\ssrc=")[^"]*(")/, (_, a, b) => a + escaped + b);
  }
  if (!panel.open) return;
  const local = embedURL(panel, new URL(`/embed/${encodeURIComponent(name)}/`, location.href).href);
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
  const src = local.pathname + local.search;
  if (frame.getAttribute('src') !== src) {
    clearTimeout(panel.roikitTimer);
    panel.roikitTimer = setTimeout(() => frame.setAttribute('src', src), frame.hasAttribute('src') ? 400 : 0);
  }
}

function initEmbedPanels() {
  for (const panel of document.querySelectorAll('details[data-embed-for]')) {
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
  if (document.querySelector('details[data-embed-for]')) {
    window.addEventListener('message', (e) => {
      // The preview iframe reports its height like any embed.
      const d = e.data;
      if (!d || d.type !== 'roikit:height') return;
      for (const f of document.querySelectorAll('details[data-embed-for] iframe')) {
        if (f.contentWindow === e.source && Number.isFinite(d.height) && d.height > 0) f.height = String(Math.min(Math.ceil(d.height), 20000));
      }
    });
  }
}

/** initEmbedPage applies theme, accent and hide, and posts the height. */
function initEmbedPage() {
  if (!document.body.classList.contains('embed')) return;
  const q = new URLSearchParams(location.search);
  const root = document.documentElement;
  const theme = q.get('theme');
  if (theme === 'light' || theme === 'dark' || theme === 'auto') root.setAttribute('data-theme', theme);
  const accent = q.get('accent');
  if (accent && accent.length <= 64 && window.CSS && CSS.supports('color', accent)) root.style.setProperty('--accent', accent);
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
  const post = () => {
    // The root box's own height, not scrollHeight: scrollHeight is never
    // less than the frame's height, so a frame could grow but never shrink.
    const h = Math.ceil(root.getBoundingClientRect().height);
    if (h === last || h <= 0) return;
    last = h;
    window.parent.postMessage({ type: 'roikit:height', height: h }, '*');
    if (secret) window.parent.postMessage({ message: 'height', value: h, secret }, '*');
  };
  if (typeof ResizeObserver === 'function') new ResizeObserver(post).observe(root);
  window.addEventListener('load', post);
  post();
}

// ---------------------------------------------------------------------------
// Start.

const widgets = [];

function clvfitAPI(section) {
  const key = section.getAttribute('data-calc-id') || section.id || 'clvfit';
  return {
    run: (name, requestJSON, onProgress, file) => engine.run(key, name, requestJSON, onProgress, file),
    cancel: () => engine.cancel(key),
    format: (value, fmt) => format(value, fmt),
    renderCharts: (chartsJSON) => applyCharts(section, chartsJSON),
  };
}

function init() {
  // Start the worker now: fetching and compiling the module overlaps with
  // the rest of the set-up.
  if (document.querySelector('section[data-calc]') && urls.wasm) engine.start();
  initEmbedPage();
  initSettings();
  initCharts(document);
  for (const section of document.querySelectorAll('section[data-calc]')) {
    if (section.getAttribute('data-calc') === 'clvfit') {
      try {
        setupCLVFit(section, clvfitAPI(section));
      } catch (err) {
        console.error('roikit: clvfit widget', err); // eslint-disable-line no-console
      }
      continue;
    }
    const w = new Widget(section);
    widgets.push(w);
  }
  for (const w of widgets) w.init();
  initEmbedPanels();
  window.roikitPage = { engine, widgets, settings, version: '1' };
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
else init();
