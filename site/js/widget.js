// A calculator widget (site/FRONTEND.md, "A calculator widget" and "Live
// behaviour"): its form becomes a request (inputs.js reads the text, the
// form spec says which fields are shown), each change is computed by the
// engine at once, and the answer becomes values, errors, warnings and
// charts in the section; the primary widget's inputs live in the URL.
//
// Nothing from the URL, the inputs or the results is inserted as HTML: text
// goes through textContent, values through input.value and attributes
// through setAttribute.
import { inputValue, isNumeric, showEcho, relocalize, queryText, isDefault, setInput } from './forminputs.js';
import { readSpec, shown, unitOf, pageMessage, fieldOf } from './spec.js';
import { settings } from './settings.js';
import { Superseded } from './engine.js';
import { showValues, showErrors, parseAnswer, visibleText } from './results.js';
import { applyCharts } from './chartsview.js';
import { copyText, linkMessage, MAX_LINK_CHARS } from './copy.js';
import { arrayEditors } from './ideas.js';
import { exclusiveCleared } from './urlquery.js';

/** ERROR_PAUSE_MS: errors wait this long after the last keystroke, so typing "0.05" does not flash one at "0". */
const ERROR_PAUSE_MS = 400;

// ---------------------------------------------------------------------------
// The widget.

export class Widget {
  /** host: {engine, onQuery()} (onQuery: the primary widget's query was written). */
  constructor(section, host) {
    this.section = section;
    this.host = host;
    this.name = section.getAttribute('data-calc');
    this.key = section.getAttribute('data-calc-id') || section.id || this.name;
    this.primary = section.hasAttribute('data-primary');
    this.form = section.querySelector('form') || section;
    this.results = section.querySelector('[data-role="results"]') || section;
    this.inputs = Array.from(section.querySelectorAll('[data-input]'));
    this.spec = readSpec(section);
    this.runs = Number(section.getAttribute('data-runs')) || 0;
    this.seq = 0;
    this.shownSeq = 0; // the run whose numbers are on screen: its charts, when they come, are drawn
    this.inFlight = null; // the request text of the run in flight or waiting
    this.lastInput = 0;
    this.queryDirty = false;
    this.edited = new Set(); // inputs the reader typed in (their entries are echoed)
    try {
      this.start = JSON.parse(section.getAttribute('data-request') || '{}') || {};
    } catch {
      this.start = {};
    }
    if (typeof this.start !== 'object' || Array.isArray(this.start)) this.start = {};
    this.arrays = arrayEditors(this); // Array fields: editable tables (ideas.js)
  }

  input(name) {
    return this.inputs.find((i) => i.getAttribute('data-input') === name) || null;
  }

  init() {
    this.localize({ locale: 'en-US' }); // the build writes inputs in en-US
    if (this.primary) this.readQuery();
    this.applyUnits();
    this.applyShowWhen();
    const changed = (e) => this.changed(e);
    this.form.addEventListener('input', changed);
    this.form.addEventListener('change', changed);
    this.form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.run();
    });
    const copy = this.section.querySelector('[data-action="copy-link"]');
    if (copy) {
      copy.addEventListener('click', () => {
        if (this.queryDirty) this.writeQuery(); // the link has every input, even one typed a moment ago
        const link = this.link();
        copyText(link, copy, this.status(), linkMessage(link), link.length > MAX_LINK_CHARS);
      });
    }
    this.run();
  }

  changed(e) {
    if (!e.target || !e.target.hasAttribute || !e.target.hasAttribute('data-input')) return;
    this.lastInput = performance.now();
    if (e.target.tagName === 'SELECT') this.applyUnits();
    this.edited.add(e.target);
    showEcho(e.target);
    this.applyShowWhen();
    // The URL is written with the answer, not on every keystroke: browsers
    // throttle history.replaceState called hundreds of times.
    if (this.primary) this.queryDirty = true;
    this.run();
  }

  /** values is the request of the form's inputs and the widget's data-request, before show_when. */
  values() {
    const req = { ...this.start };
    for (const input of this.inputs) {
      const name = input.getAttribute('data-input');
      const v = inputValue(input);
      if (v === undefined) delete req[name];
      else req[name] = v;
    }
    return Object.assign(req, this.arrays.values());
  }

  /** request is the contract request: the fields shown, and what the page adds (host.adjustRequest, plan.js). */
  request() {
    return this.requestFor(this.values());
  }

  /** requestFor is the contract request of values (as values() gives them; scenarios.js runs saved ones). */
  requestFor(values) {
    const req = {};
    for (const [name, v] of Object.entries(values)) if (shown(this.spec, values, name)) req[name] = v;
    if (this.host.adjustRequest) this.host.adjustRequest(req);
    return req;
  }

  /** load puts saved values (as values() gives them) into the form, an absent field empty, and recomputes (the promise settles with the run). */
  load(values) {
    for (const input of this.inputs) {
      const v = values[input.getAttribute('data-input')];
      const def = input.tagName === 'SELECT' ? (Array.from(input.options).find((o) => o.defaultSelected) || input.options[0] || {}).value : '';
      if (input.type === 'checkbox') input.checked = v === undefined ? input.defaultChecked : v === true;
      else setInput(input, v === undefined || v === null ? def || '' : String(v));
      showEcho(input, true);
    }
    this.arrays.load(values);
    this.applyUnits();
    this.applyShowWhen();
    this.queryDirty = this.primary;
    return this.run();
  }

  /** applyShowWhen hides the fields whose show_when does not hold for the current values. */
  applyShowWhen() {
    const values = this.values();
    for (const wrap of this.section.querySelectorAll('[data-field-wrap]')) {
      const name = wrap.getAttribute('data-field-wrap');
      wrap.hidden = !shown(this.spec, values, name) || wrap.hasAttribute('data-embed-hidden');
    }
  }

  /**
   * readQuery puts the URL's values into the inputs: choices first, so
   * that the units they decide (the effect in % or points) read the numbers.
   */
  readQuery() {
    const q = Array.from(new URLSearchParams(location.search));
    for (const pass of [true, false]) {
      for (const [name, raw] of q) {
        const input = this.input(name);
        if (input && (input.tagName === 'SELECT' || input.type === 'checkbox') === pass) setInput(input, raw);
      }
      if (pass) this.applyUnits();
    }
    for (const name of exclusiveCleared(new Set(q.map(([n]) => n)))) if (this.input(name)) setInput(this.input(name), '');
    this.arrays.readQuery(new URLSearchParams(location.search));
  }

  /**
   * applyUnits gives each field whose unit depends on others (unit_when)
   * the unit of the current values: its data-unit, its scale and the unit
   * in its label; the text typed stays as it is.
   */
  applyUnits() {
    const values = this.values();
    for (const input of this.inputs) {
      const name = input.getAttribute('data-input');
      const f = fieldOf(this.spec, name);
      if (!f || !f.unit_when) continue;
      const u = unitOf(this.spec, values, name);
      input.setAttribute('data-unit', u.unit);
      if (u.scale !== 1) input.setAttribute('data-scale', String(u.scale));
      else input.removeAttribute('data-scale');
      const label = this.section.querySelector(`label[for="${CSS.escape(input.id)}"] [data-unit-label]`);
      if (label) {
        label.textContent = u.label ? '(' + u.label + ')' : '';
        label.hidden = !u.label;
      }
      showEcho(input, !this.edited.has(input)); // the unit changed: the echo of an entry follows
    }
  }

  /**
   * localize rewrites the numeric inputs, typed in the previous settings'
   * locale, in the current one ("200000" -> "200.000" in de-DE), their
   * starting values too, and their echoes.
   */
  localize(previous) {
    for (const input of this.inputs) {
      if (!isNumeric(input)) continue;
      const wasDefault = input.value === input.defaultValue;
      input.defaultValue = relocalize(input.defaultValue, previous.locale, settings.locale);
      input.value = wasDefault ? input.defaultValue : relocalize(input.value, previous.locale, settings.locale);
      showEcho(input, true); // written by the page: nothing to echo
    }
    this.arrays.localize(previous);
  }

  /**
   * link is the address that Copy link copies: the page's own for the
   * primary widget; for a widget in a guide, the calculator's page with this
   * widget's inputs (and the locale and currency picked).
   */
  link() {
    const page = this.section.getAttribute('data-calc-page');
    if (this.primary || !page) return location.href;
    const url = new URL(page, location.href);
    for (const [name, v] of Object.entries(this.request())) url.searchParams.set(name, v !== null && typeof v === 'object' ? JSON.stringify(v) : String(v));
    const q = new URLSearchParams(location.search);
    for (const name of ['locale', 'currency']) if (q.has(name)) url.searchParams.set(name, q.get(name));
    return url.href;
  }

  writeQuery() {
    this.queryDirty = false;
    const url = new URL(location.href);
    for (const input of this.inputs) {
      const name = input.getAttribute('data-input');
      if (isDefault(input)) url.searchParams.delete(name);
      else url.searchParams.set(name, queryText(input));
    }
    this.arrays.writeQuery(url.searchParams);
    try {
      history.replaceState(history.state, '', url.href);
    } catch {
      /* sandboxed iframe: the URL cannot change */
    }
    if (this.host.onQuery) this.host.onQuery();
  }

  /** embedQuery returns the contract values of the non-default inputs. */
  embedQuery() {
    const q = new URLSearchParams();
    for (const input of this.inputs) {
      if (!isDefault(input)) q.set(input.getAttribute('data-input'), queryText(input));
    }
    this.arrays.writeQuery(q);
    return q;
  }

  status() {
    return this.section.querySelector('[data-role="status"]');
  }

  /**
   * run computes the current request: its numbers are shown as soon as they
   * come, its charts right after. A request equal to the one already in
   * flight is not sent again.
   */
  async run() {
    const request = JSON.stringify(this.request());
    if (request === this.inFlight) return;
    this.inFlight = request;
    const seq = ++this.seq;
    this.section.setAttribute('data-state', 'busy');
    this.section.setAttribute('aria-busy', 'true');
    // A run's charts come right after its numbers; they are drawn if those
    // numbers are the ones on screen (a newer run may have started in
    // between, and may end invalid: the charts still match the numbers).
    const onCharts = (charts) => {
      if (seq === this.shownSeq) applyCharts(this.section, charts);
    };
    let out;
    try {
      out = await this.host.engine.run(this.key, this.name, request, { onCharts });
    } catch (err) {
      if (err instanceof Superseded) return;
      throw err;
    } finally {
      if (seq === this.seq) this.inFlight = null;
    }
    if (seq !== this.seq) return; // a newer run is coming
    const body = parseAnswer(out.response);
    if (out.status === 0 && body && !body.errors) {
      this.shownSeq = seq;
      this.showResult(body);
      return;
    }
    // Errors wait for a pause in the typing; a newer run drops them.
    const wait = this.lastInput + ERROR_PAUSE_MS - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    if (seq === this.seq) this.showInvalid(body);
  }

  showResult(body) {
    this.section.removeAttribute('aria-busy');
    showErrors(this.section, []);
    showValues(this.section, body, this.section.querySelector('[data-role="warnings"]'));
    this.results.classList.remove('is-stale');
    this.toggle('[data-role="stale"]', false);
    this.section.setAttribute('data-state', 'live');
    this.announce(this.headline());
    this.counted();
    // Others on the page (a guide's inline figures) follow the widget's answer.
    this.section.dispatchEvent(new CustomEvent('roikit:result', { detail: { body, request: this.request() } }));
  }

  showInvalid(body) {
    this.section.removeAttribute('aria-busy');
    // The core's messages speak in the contract's units; the form's, in the units shown.
    const errors = (body && Array.isArray(body.errors) ? body.errors : []).map((e) => {
      const input = e && e.field ? this.input(String(e.field)) || this.section.querySelector(`[data-cell-wrap="${CSS.escape(String(e.field))}"] [data-cell]`) : null;
      return input ? { ...e, message: pageMessage(this.spec, e, input.getAttribute('data-unit') || '') } : e;
    });
    showErrors(this.section, errors);
    this.results.classList.add('is-stale');
    this.toggle('[data-role="stale"]', true);
    this.section.setAttribute('data-state', 'invalid');
    const n = errors.length;
    this.announce(n === 1 ? 'There is a problem: ' + errors[0].message : `There are ${n} problems with the inputs.`);
    this.counted();
  }

  counted() {
    if (this.queryDirty) this.writeQuery();
    this.runs += 1;
    this.section.setAttribute('data-runs', String(this.runs));
  }

  toggle(sel, show) {
    const el = this.section.querySelector(sel);
    if (el) el.hidden = !show;
  }

  headline() {
    const h = this.results.querySelector('.headline:not([hidden])') || this.results.querySelector('[data-field]');
    return h ? visibleText(h).replace(/\s+/g, ' ').trim() : 'Results updated.';
  }

  announce(text) {
    const el = this.status();
    if (el && el.textContent !== text) el.textContent = text;
  }
}
