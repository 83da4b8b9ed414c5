// The business case page (/plan/, site/templates/planwidget.html): steps 1
// and 2 are the page's prioritize widget (widget.js), steps 3 to 5 follow
// its every answer here: the chosen ideas' tests (samplesize), their
// results (significance), and the case (prioritize again with what was
// measured, roi for the largest idea's tornado). The plan's own inputs
// (step 1's share, the CLV form, the tests' lifts, the observed counts)
// live in the URL beside the widget's, in a .roikit.json file and in the
// browser's storage under a name (planstate.js writes and reads them).
import { parseText, toDisplay, scaleOf } from './inputs.js';
import { format, settings } from './settings.js';
import { applyCharts } from './chartsview.js';
import { parseAnswer } from './results.js';
import { copyText } from './copy.js';
import * as S from './planstate.js';
import { renderTests, renderResults, renderCase } from './planview.js';
import { planFiles } from './planfiles.js';
import { measureResults, runCase, planCase } from './plancase.js';
import { planCompare } from './plancompare.js';

/** readInput reads a plan input's text as the widget reads its own (undefined when empty). */
function readInput(input) {
  return parseText(input.value, input.getAttribute('data-type') || 'number', scaleOf(input.getAttribute('data-scale')), { locale: settings.locale, currency: input.getAttribute('data-unit') === 'currency' });
}

/** writeInput puts a contract value into an input in the page's locale. */
function writeInput(input, value) {
  input.value = value === undefined || value === '' ? '' : toDisplay(String(value), input.getAttribute('data-type') || 'number', scaleOf(input.getAttribute('data-scale')), settings.locale);
}

/** readLift reads a typed lift in percent ("5" -> 0.05); undefined when empty, the text when not a number. */
function readLift(text) {
  return parseText(text, 'number', 2, { locale: settings.locale });
}

/** parseCount reads a typed count of step 4 as the page's locale writes it. */
function parseCount(text) {
  return parseText(text, 'integer', 0, { locale: settings.locale });
}

function fieldError(wrap, message) {
  const p = wrap && wrap.querySelector('.error-message');
  if (!p) return;
  p.querySelector('[data-error-text]').textContent = message;
  p.hidden = !message;
  wrap.classList.toggle('has-error', !!message);
}

class Plan {
  constructor(section, engine, widget) {
    this.section = section;
    this.engine = engine;
    this.widget = widget;
    this.page = section.ownerDocument;
    this.steps = [3, 4, 5].map((n) => this.page.getElementById('step-' + n));
    this.share = section.querySelector('[data-plan-input="addressable_share"]');
    this.clvInputs = Array.from(section.querySelectorAll('[data-role="clv"] [data-plan-input]'));
    this.state = { vpc: '', tests: {}, results: {} };
    this.clv = null; // {value, source: 'clv' | 'file', label}
    this.seq = 0;
    this.answer = null;
    this.calcFn = (key, name, req) => this.calc(key, name, req);
  }

  /** adjustRequest is the widget's hook: step 1's share fills the ideas' empty reach. */
  adjustRequest(req) {
    const share = this.savedShare ? this.savedShare.value : this.share ? readInput(this.share) : undefined;
    if (typeof share === 'number' && share >= 0 && share <= 1) S.withShare(req, share);
  }

  /** requestOf is step 2's request of a saved plan ({request: the widget's values, plan: {share}}), its own share in place of step 1's. */
  requestOf(data) {
    const share = data.plan && data.plan.share !== undefined && data.plan.share !== '' ? Number(data.plan.share) : undefined;
    this.savedShare = { value: share };
    try {
      return this.widget.requestFor(data.request && typeof data.request === 'object' ? data.request : {});
    } finally {
      this.savedShare = null;
    }
  }

  /** caseOf computes a saved plan's case (plancase.js planCase) as recompute does the page's. */
  caseOf(data, keyPrefix) {
    return planCase(this.calcFn, this.requestOf(data), (data.plan && data.plan.results) || {}, parseCount, keyPrefix);
  }

  init() {
    this.readURL();
    this.section.addEventListener('roikit:result', (e) => {
      this.answer = e.detail;
      this.recompute();
    });
    this.share.addEventListener('input', () => this.shareChanged());
    for (const input of this.clvInputs) input.addEventListener('input', () => this.runCLV());
    this.section.querySelector('[data-plan-action="use-clv"]').addEventListener('click', () => this.useCLV('clv'));
    this.section.querySelector('[data-plan-action="clvfit-file"]').addEventListener('change', (e) => this.readCLVFile(e.target));
    const drop = this.section.querySelector('[data-role="clv"]'); // a predictions file dropped on the CLV panel is read too
    drop.addEventListener('dragover', (e) => e.preventDefault());
    drop.addEventListener('drop', (e) => {
      e.preventDefault();
      const file = e.dataTransfer && e.dataTransfer.files[0];
      if (file) this.readCLVFrom(file);
    });
    for (const name of ['value_per_conversion', 'gross_margin']) {
      this.widget.input(name).addEventListener('input', () => {
        if (!this.writing && this.state.vpc) this.unlinkValue();
      });
    }
    this.steps[0].addEventListener('input', (e) => this.cellTyped(e, 'tests'));
    this.steps[1].addEventListener('input', (e) => this.cellTyped(e, 'results'));
    this.steps[1].addEventListener('change', (e) => this.cellTyped(e, 'results'));
    this.shareChanged(false);
    this.runCLV();
    this.files = planFiles(this);
    this.compare = planCompare(this, this.files);
    const copy = this.page.querySelector('[data-plan-action="copy-link"]');
    copy.addEventListener('click', () => {
      this.widget.writeQuery();
      this.writeURL();
      copyText(location.href, copy, this.page.querySelector('[data-role="plan-status"]'), location.href.length > 2000 ? 'Link copied. It is long: a plan file is the safer way to share it.' : 'Link copied.');
    });
    this.page.querySelector('[data-plan-action="print"]').addEventListener('click', () => window.print());
  }

  // --- Step 1 -------------------------------------------------------------

  shareChanged(rerun = true) {
    const v = readInput(this.share);
    const ok = v === undefined || (typeof v === 'number' && v >= 0 && v <= 1);
    fieldError(this.share.closest('[data-plan-wrap]'), ok ? '' : 'Addressable share must be a number from 0 % to 100 %.');
    const note = this.section.querySelector('[data-role="critical-mass"]');
    note.textContent = S.criticalMassNote(typeof v === 'number' ? v : 1, (x) => format(x, 'pct'));
    note.classList.toggle('is-warning', typeof v === 'number' && v < S.CRITICAL_LOW);
    for (const cell of this.section.querySelectorAll('[data-cell="addressable_share"]')) {
      cell.placeholder = ok && v !== undefined ? format(v, 'pct') + ' (step 1)' : '';
    }
    this.writeURL();
    if (rerun) this.widget.run();
  }

  async runCLV() {
    const req = {};
    for (const input of this.clvInputs) {
      const v = readInput(input);
      if (v !== undefined) req[input.getAttribute('data-plan-input')] = v;
    }
    const out = await this.calc('plan-clv', 'clv', req);
    const box = this.section.querySelector('[data-role="clv-result"]');
    if (out.superseded) return;
    if (out.body) {
      this.clvValue = out.body.clv;
      box.replaceChildren('Lifetime value (margin): ', Object.assign(document.createElement('strong'), { textContent: format(out.body.clv, 'money') }), '.');
      if (this.state.vpc === 'clv') this.useCLV('clv', false);
    } else {
      this.clvValue = undefined;
      box.textContent = out.error;
    }
    this.writeURL();
  }

  async readCLVFile(input) {
    const file = input.files && input.files[0];
    if (file) await this.readCLVFrom(file);
    input.value = '';
  }

  async readCLVFrom(file) {
    const box = this.section.querySelector('[data-role="clv-result"]');
    try {
      const m = S.clvColumnMean(await file.text());
      this.fileCLV = { value: m.mean, label: `the average CLV of ${format(m.customers, 'int')} customers in ${file.name}` };
      box.textContent = `Read ${file.name}: an average lifetime value of ${format(m.mean, 'money')} over ${format(m.customers, 'int')} customers${m.skipped ? ` (${format(m.skipped, 'int')} row${m.skipped === 1 ? '' : 's'} without a value skipped)` : ''}.`;
      this.useCLV('file');
    } catch (err) {
      box.textContent = `${file.name} could not be used: ${err.message}`;
    }
  }

  /** useCLV links the value per conversion to a lifetime value (margin: the gross margin becomes 100 %). */
  useCLV(source, rerun = true) {
    const value = source === 'file' ? this.fileCLV && this.fileCLV.value : this.clvValue;
    if (typeof value !== 'number') return;
    this.state.vpc = source;
    this.writing = true;
    writeInput(this.widget.input('value_per_conversion'), String(Math.round(value * 100) / 100));
    writeInput(this.widget.input('gross_margin'), '1');
    this.writing = false;
    this.linkNote(source === 'file' ? `From step 1's file: ${this.fileCLV.label}. A lifetime value is a margin, so the gross margin is 100 %.` : 'From the lifetime value above (a margin, so the gross margin is 100 %).');
    this.writeURL();
    if (rerun) this.widget.run();
  }

  unlinkValue() {
    this.state.vpc = '';
    this.linkNote('Typed by you. Open "Value per conversion from customer lifetime value" to link it again.');
    this.writeURL();
  }

  linkNote(text) {
    const wrap = this.section.querySelector('[data-field-wrap="value_per_conversion"]');
    let note = wrap.querySelector('[data-role="plan-link"]');
    if (!note) {
      note = document.createElement('p');
      note.className = 'plan-link';
      note.setAttribute('data-role', 'plan-link');
      wrap.append(note);
    }
    note.textContent = text;
  }

  // --- Steps 3 to 5 -------------------------------------------------------

  cellTyped(e, part) {
    const cell = e.target.closest && e.target.closest('[data-plan-cell]');
    const row = cell && cell.closest('[data-key]');
    if (!row) return;
    const name = row.getAttribute('data-key');
    if (part === 'tests') {
      if (cell.value.trim() === '') delete this.state.tests[name];
      else this.state.tests[name] = cell.value.trim();
    } else {
      const obs = {};
      for (const c of row.querySelectorAll('[data-plan-cell]')) {
        const k = c.getAttribute('data-plan-cell');
        if (k === 'use') obs.off = !c.checked;
        else if (c.value.trim() !== '') obs[k] = c.value.trim();
      }
      this.state.results[name] = obs;
    }
    this.writeURL();
    this.recompute();
  }

  /** calc runs a calculator: {body} on success, {error} with the core's sentences, {superseded}. */
  async calc(key, name, req, withCharts = false) {
    let out;
    try {
      out = await this.engine.run(key, name, JSON.stringify(req), withCharts ? {} : { onCharts: () => {} });
    } catch (err) {
      if (err && err.name === 'AbortError') return { superseded: true };
      throw err;
    }
    const body = parseAnswer(out.response);
    if (out.status === 0 && body && !body.errors) return { body, charts: out.charts };
    const errors = body && Array.isArray(body.errors) ? body.errors : [];
    return { error: errors.map((e) => e.message).join(' ') || 'The calculation failed.' };
  }

  async recompute() {
    if (!this.answer) return;
    const seq = ++this.seq;
    const { body, request: req } = this.answer;
    const stale = () => seq !== this.seq;
    const maxDays = req.max_test_days === undefined ? 56 : req.max_test_days;
    const tests = await Promise.all(
      S.chosenIdeas(body, req).map(async ({ line, idea }, i) => {
        const typed = this.state.tests[line.name];
        const lift = typed === undefined ? idea.expected_lift : readLift(typed);
        const t = { name: line.name, idea, fromStep2: typeof idea.expected_lift === 'number' ? idea.expected_lift : null, share: idea.addressable_share === undefined ? 1 : idea.addressable_share };
        if (typeof lift !== 'number') return { ...t, error: 'Type the lift to detect as a percentage.' };
        if (!(lift > 0)) return { ...t, error: 'No positive lift to test.' };
        const out = await this.calc('plan-test-' + i, 'samplesize', S.testRequest(req, idea, lift));
        return { ...t, ss: out.body, error: out.error };
      }),
    );
    if (stale()) return;
    const slots = S.schedule(tests.map((t) => ({ days: t.ss ? t.ss.days : null })));
    renderTests(this.steps[0], tests, slots, maxDays);
    const { results, measured } = await measureResults(this.calcFn, tests.map((t) => t.name), this.state.results, parseCount);
    if (stale()) return;
    renderResults(this.steps[1], results);
    const { caseReq, kase } = await runCase(this.calcFn, req, measured);
    if (stale() || kase.superseded) return;
    renderCase(this.steps[2], { ...kase, req: caseReq, measured }, this.assumptions(caseReq));
    await this.tornado(kase, caseReq, stale);
    this.page.body.setAttribute('data-plan-runs', String((Number(this.page.body.getAttribute('data-plan-runs')) || 0) + 1));
  }

  async tornado(kase, caseReq, stale) {
    const figure = this.steps[2].querySelector('[data-role="case-chart"]');
    const chosen = kase.body ? S.chosenIdeas(kase.body, caseReq) : [];
    const biggest = chosen.reduce((a, b) => (!a || b.line.npv > a.line.npv ? b : a), null);
    if (!biggest) {
      figure.hidden = true;
      return;
    }
    const out = await this.calc('plan-roi', 'roi', S.roiRequest(caseReq, biggest.idea), true);
    if (stale() || !out.body) return;
    figure.querySelector('[data-role="case-chart-title"]').textContent = `What moves the net present value of ${biggest.line.name}, the largest idea`;
    figure.hidden = false;
    const charts = (JSON.parse(out.charts || '[]') || []).filter((c) => c.id === 'tornado');
    await applyCharts(this.steps[2], JSON.stringify(charts));
  }

  /** assumptions are the case's inputs as the printed report lists them: [label, text, source]. */
  assumptions(req) {
    const vpcSource = { clv: 'from the lifetime value (step 1)', file: 'from a CLV predictions file (step 1)' }[this.state.vpc] || '';
    const share = this.share ? readInput(this.share) : undefined;
    const rows = [
      ['Monthly visitors', format(req.monthly_visitors, 'int')],
      ['Conversion rate', format(req.conversion_rate, 'pct2')],
      ['Value per conversion', format(req.value_per_conversion, 'money'), vpcSource],
      ['Gross margin', format(req.gross_margin === undefined ? 1 : req.gross_margin, 'pct')],
      ['Addressable share', format(typeof share === 'number' ? share : 1, 'pct'), 'for ideas without their own'],
      ['Horizon', format(req.horizon_months === undefined ? 36 : req.horizon_months, 'months')],
      ['Discount rate (annual)', format(req.discount_rate === undefined ? 0.1 : req.discount_rate, 'pct')],
      ['Budget', req.budget >= S.UNLIMITED_BUDGET ? 'none: every idea with a positive NPV' : format(req.budget, 'money')],
    ];
    return rows;
  }

  // --- State: URL, file, storage -------------------------------------------

  planState() {
    const clv = {};
    for (const input of this.clvInputs) if (input.value.trim() !== '') clv[input.getAttribute('data-plan-input')] = String(readInput(input));
    const share = this.share ? readInput(this.share) : undefined;
    return { share: share === undefined ? '' : String(share), vpc: this.state.vpc, clv, tests: { ...this.state.tests }, results: { ...this.state.results } };
  }

  setPlanState(plan) {
    writeInput(this.share, plan.share);
    for (const input of this.clvInputs) writeInput(input, (plan.clv || {})[input.getAttribute('data-plan-input')]);
    this.state = { vpc: plan.vpc || '', tests: { ...(plan.tests || {}) }, results: { ...(plan.results || {}) } };
    for (const box of [this.steps[0].querySelector('[data-role="tests"]'), this.steps[1].querySelector('[data-role="results-forms"]')]) box.replaceChildren();
    if (this.state.vpc) this.linkNote(this.state.vpc === 'file' ? 'From a CLV predictions file read earlier (a margin, so the gross margin is 100 %).' : 'From the lifetime value in step 1 (a margin, so the gross margin is 100 %).');
    this.shareChanged(false);
    this.runCLV();
  }

  readURL() {
    const plan = S.readPlan(new URLSearchParams(location.search));
    if (plan.share !== '') writeInput(this.share, plan.share);
    for (const input of this.clvInputs) {
      const v = plan.clv[input.getAttribute('data-plan-input')];
      if (v !== undefined) writeInput(input, v);
    }
    this.state = { vpc: plan.vpc, tests: plan.tests, results: plan.results };
    if (plan.vpc) this.linkNote('From the lifetime value in step 1 (a margin, so the gross margin is 100 %).');
  }

  writeURL() {
    const url = new URL(location.href);
    S.writePlan(url.searchParams, this.planState());
    try {
      history.replaceState(history.state, '', url.href);
    } catch {
      /* sandboxed: the URL cannot change */
    }
  }
}

/** initPlan makes the business case live when the page has one; it returns the widget host hook. */
export function planHost(section) {
  if (!section.hasAttribute('data-plan')) return null;
  const hook = { plan: null };
  hook.adjustRequest = (req) => hook.plan && hook.plan.adjustRequest(req);
  return hook;
}

/** startPlan wires steps 3 to 5 to the plan's widget once the widgets exist. */
export function startPlan(hook, engine, widget) {
  hook.plan = new Plan(widget.section, engine, widget);
  hook.plan.init();
  return hook.plan;
}
