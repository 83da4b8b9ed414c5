// The comparison of pinned scenarios (site/FRONTEND.md, "Scenarios"): each
// scenario's request is run by the page's engine (the Go core, as the
// widget's own runs), and its answer fills a column of the table (inputs,
// then key outputs; what differs from the first scenario marked with "Δ"
// and words, not by colour alone) and a series of the overlaid chart
// (scenarioview.js). Text goes through textContent only.
import { SCENARIO_VIEWS, overlay, outputRows, inputRows } from './scenarioview.js';
import { stable } from './scenariostore.js';
import { parseAnswer } from './results.js';
import { unitOf } from './spec.js';
import { displayText } from './inputs.js';
import { format, settings } from './settings.js';
import { goJSON } from './format.js';
import { setChart } from './chartsview.js';
import { el } from './dom.js';

/** DELTA_FORMATS: outputs whose difference from the first scenario is written beside them (same unit). */
const DELTA_FORMATS = new Set(['int', 'k', 'money', 'days', 'dec1', 'dec2', 'dec3']);

/** fieldLabel is a field's label as the form shows it, without its unit. */
function fieldLabel(section, name) {
  const wrap = section.querySelector(`[data-field-wrap="${CSS.escape(name)}"]`);
  if (!wrap) return name;
  const title = wrap.querySelector('.array-title');
  if (title) return title.textContent.trim();
  const label = wrap.querySelector('label');
  if (!label) return name;
  const copy = label.cloneNode(true);
  for (const u of copy.querySelectorAll('[data-unit-label]')) u.remove();
  return copy.textContent.replace(/\s+/g, ' ').trim();
}

const fileIds = new WeakMap();
let lastFileId = 0;

/** fileId numbers each File or Blob a comparison fits (clvfit), so answers are kept per file. */
function fileId(blob) {
  if (!fileIds.has(blob)) fileIds.set(blob, ++lastFileId);
  return fileIds.get(blob);
}

export class Comparison {
  /** root: the panel's comparison element; widget: the page's primary widget; engine: the page's engine. */
  constructor(root, widget, engine) {
    this.root = root;
    this.widget = widget;
    this.engine = engine;
    this.view = SCENARIO_VIEWS[widget.name] || null;
    this.table = root.querySelector('[data-role="scenario-table"]');
    this.figure = root.querySelector('figure[data-chart="scenario-compare"]');
    const main = this.view && widget.section.querySelector(`figure[data-chart="${CSS.escape(this.view.chart)}"] figcaption`);
    if (main && this.figure) {
      const text = main.textContent.trim() + ': one series per pinned scenario';
      this.figure.querySelector('figcaption').textContent = text;
      this.figure.querySelector('.chart-canvas').setAttribute('aria-label', text);
    }
    this.answers = new Map(); // request text -> promise of {body, option, error}
    this.seq = 0;
    this.shown = [];
    this.showSame = false;
  }

  /** fields lists the form's fields in order: [{name, label}]. */
  fields() {
    const section = this.widget.section;
    return Array.from(section.querySelectorAll('[data-field-wrap]')).map((w) => {
      const name = w.getAttribute('data-field-wrap');
      return { name, label: fieldLabel(section, name) };
    });
  }

  /** answer runs a scenario's request (once per distinct request) through the page's engine. */
  answer(request) {
    const text = JSON.stringify(request);
    // clvfit: the widget's file ({blob, kind}) is fitted too; another file is another answer.
    const file = this.widget.file ? this.widget.file() : null;
    const key = stable(request) + (file ? '#file' + fileId(file.blob) : '');
    if (!this.answers.has(key)) {
      const p = this.engine.run('scenario-' + key.length + '-' + this.answers.size, this.widget.name, text, file ? { file } : {}).then((out) => {
        const body = parseAnswer(out.response);
        if (out.status !== 0 || !body || body.errors) {
          const errors = body && Array.isArray(body.errors) ? body.errors : [];
          return { error: errors.map((e) => e.message).join(' ') || 'The calculation failed.' };
        }
        let charts = [];
        try {
          charts = JSON.parse(out.charts || '[]') || [];
        } catch {
          charts = [];
        }
        const c = this.view && charts.find((x) => x.id === this.view.chart);
        return { body, option: c ? c.option : null };
      });
      this.answers.set(key, p);
      p.catch(() => this.answers.delete(key));
    }
    return this.answers.get(key);
  }

  /**
   * show compares scenarios ([{id, name, request}], request: the widget's
   * values); fewer than one hides the comparison. It settles once the
   * table is written and the chart drawn.
   */
  async show(scenarios) {
    const seq = ++this.seq;
    this.shown = scenarios;
    this.root.hidden = scenarios.length === 0;
    if (scenarios.length === 0 || !this.view) {
      if (this.figure) await setChart(this.figure, null);
      return;
    }
    if (this.widget.file && !this.widget.file()) {
      // clvfit: a scenario holds options only; they are fitted on the file the page holds.
      this.table.replaceChildren(el('p', 'hint scenario-nofile', 'Load a transactions file to compare: each pinned scenario is then fitted on it, here in the browser.'));
      this.root.removeAttribute('aria-busy');
      if (this.figure) await setChart(this.figure, null);
      return;
    }
    this.root.setAttribute('aria-busy', 'true');
    const requests = scenarios.map((s) => this.widget.requestFor(s.request));
    const answers = await Promise.all(requests.map((r) => this.answer(r).catch((err) => ({ error: String((err && err.message) || err) }))));
    if (seq !== this.seq) return;
    this.writeTable(scenarios, requests, answers);
    const option = overlay(
      scenarios.map((s, i) => ({ name: s.name, option: answers[i].option || null })),
      this.view
    );
    this.root.removeAttribute('aria-busy');
    if (this.figure) {
      this.figure.setAttribute('data-series', String(option ? option.series.length : 0));
      await setChart(this.figure, option);
    }
    this.root.setAttribute('data-compare-runs', String((Number(this.root.getAttribute('data-compare-runs')) || 0) + 1));
  }

  /** refresh writes the table again (a change of locale or currency). */
  refresh() {
    if (this.shown.length) this.show(this.shown);
  }

  /** inputText writes a scenario's input value as the form shows it. */
  inputText(name, v, values) {
    if (v === undefined || v === null || v === '') return '\u2014';
    if (Array.isArray(v)) {
      const names = v.map((x) => (x && typeof x === 'object' ? x.name : '')).filter(Boolean);
      return `${v.length} ${v.length === 1 ? 'item' : 'items'}${names.length ? ': ' + names.join(', ') : ''}`;
    }
    const input = this.widget.input(name);
    if (input && input.type === 'checkbox') return v ? 'Yes' : 'No';
    if (input && input.tagName === 'SELECT') {
      const o = Array.from(input.options).find((x) => x.value === String(v));
      return o ? o.textContent.trim() : String(v);
    }
    if (typeof v !== 'number') return String(v);
    const u = unitOf(this.widget.spec, values, name);
    if (u.unit === 'currency') return format(v, 'money');
    const text = displayText(v, Math.round(Math.log10(u.scale)), settings.locale);
    if (!u.label) return text;
    return u.label === '%' ? text + '\u00a0%' : text + ' ' + u.label;
  }

  /** cell writes one value cell: its text, its raw value (data-value) and, when it differs from the first, the mark. */
  cell(text, raw, differs, first, delta) {
    const td = el('td');
    td.setAttribute('data-value', goJSON(raw === undefined ? null : raw));
    if (differs) {
      td.classList.add('scenario-diff');
      td.setAttribute('data-differs', '');
      td.append(el('span', 'scenario-diff__mark', 'Δ '), el('span', 'visually-hidden', `differs from ${first}: `));
    }
    td.append(el('span', 'scenario-cell__value', text));
    if (differs && delta) td.append(el('span', 'scenario-diff__delta', delta));
    return td;
  }

  writeTable(scenarios, requests, answers) {
    const first = scenarios[0].name;
    const table = el('table', 'table scenario-table');
    const cap = el('caption', '', `Inputs and key results of ${scenarios.length} pinned ${scenarios.length === 1 ? 'scenario' : 'scenarios'}. Cells marked Δ differ from the first, “${first}”.`);
    table.append(cap);
    const head = el('tr');
    head.append(el('th', '', 'Scenario'));
    head.firstChild.setAttribute('scope', 'col');
    scenarios.forEach((s, i) => {
      const th = el('th', '', s.name);
      th.setAttribute('scope', 'col');
      if (i === 0) th.append(el('span', 'scenario-table__ref', ' (reference)'));
      head.append(th);
    });
    const thead = el('thead');
    thead.append(head);
    table.append(thead);
    const group = (title, n) => {
      const tr = el('tr', 'scenario-table__group');
      const th = el('th', '', title);
      th.setAttribute('scope', 'colgroup');
      th.colSpan = n + 1;
      tr.append(th);
      return tr;
    };
    const inputs = el('tbody');
    inputs.setAttribute('data-role', 'scenario-inputs');
    inputs.append(group('Inputs', scenarios.length));
    // Inputs the same in every scenario fold under a button: the differences come first.
    const same = el('tbody');
    same.setAttribute('data-role', 'scenario-same-inputs');
    same.hidden = !this.showSame;
    const rows = inputRows(this.fields(), requests);
    for (const row of rows) {
      const tr = el('tr');
      tr.setAttribute('data-input-row', row.name);
      const th = el('th', '', row.label);
      th.setAttribute('scope', 'row');
      tr.append(th);
      row.values.forEach((v, i) => tr.append(this.cell(this.inputText(row.name, v, scenarios[i].request), v, row.differs[i], first, '')));
      (row.differs.some(Boolean) || scenarios.length === 1 ? inputs : same).append(tr);
    }
    if (same.children.length) {
      const tr = el('tr', 'scenario-table__more');
      const th = el('th');
      th.colSpan = scenarios.length + 1;
      const n = same.children.length;
      const b = el('button', 'button button--secondary button--small');
      b.type = 'button';
      b.setAttribute('aria-expanded', String(!same.hidden));
      const label = () => `${same.hidden ? 'Show' : 'Hide'} ${n} unchanged ${n === 1 ? 'input' : 'inputs'}`;
      b.textContent = label();
      b.addEventListener('click', () => {
        same.hidden = !same.hidden;
        this.showSame = !same.hidden;
        b.setAttribute('aria-expanded', String(this.showSame));
        b.textContent = label();
      });
      th.append(b);
      tr.append(th);
      inputs.append(tr);
    }
    const outputs = el('tbody');
    outputs.setAttribute('data-role', 'scenario-outputs');
    outputs.append(group('Results', scenarios.length));
    const bodies = answers.map((a) => a.body || null);
    for (const row of outputRows(this.view, bodies)) {
      const tr = el('tr');
      tr.setAttribute('data-output-row', row.path);
      const th = el('th', '', row.label);
      th.setAttribute('scope', 'row');
      tr.append(th);
      row.values.forEach((v, i) => {
        if (!bodies[i]) {
          tr.append(this.cell('Not computed', null, false, first, ''));
          return;
        }
        const d = row.differs[i] && typeof v === 'number' && typeof row.values[0] === 'number' && DELTA_FORMATS.has(row.format) ? v - row.values[0] : null;
        const delta = d === null ? '' : ` (${d > 0 ? '+' : ''}${format(d, row.format)})`;
        tr.append(this.cell(format(v === undefined ? null : v, row.format), v, row.differs[i], first, delta));
      });
      outputs.append(tr);
    }
    table.append(inputs, same, outputs);
    const problems = answers.map((a, i) => (a.error ? `${scenarios[i].name}: ${a.error}` : '')).filter(Boolean);
    const notes = el('ul', 'scenario-problems');
    notes.setAttribute('data-role', 'scenario-run-problems');
    for (const p of problems) notes.append(el('li', '', p));
    notes.hidden = problems.length === 0;
    this.table.replaceChildren(table, notes);
  }
}
