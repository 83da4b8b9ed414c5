// "Compare saved plans" on the business case's toolbar (plan.html): up to
// four plans saved in this browser (planfiles.js) ticked and set side by
// side, each plan's case (step 5) computed as the page computes its own
// (plan.js caseOf: plancase.js through the page's engine), and the key
// inputs of step 1. A figure that differs from the first plan's is marked
// with a "Δ" and, for screen readers, a sentence.
//
// When the page has no scenarios object of its own, the compared plans are
// its scenarios for presentation mode (site/FRONTEND.md): window.roikitPage
// .scenarios = {pinned(), apply(id), active()} (apply opens the saved plan)
// and a roikit:scenarios event on document when the compared list changes.
import { storedPlans } from './planfiles.js';
import { UNLIMITED_BUDGET } from './planstate.js';
import { num } from './planview.js';
import { el } from './dom.js';

/** MAX_PLANS is how many plans are compared at once. */
export const MAX_PLANS = 4;

/** ROWS are the compared figures: [key, label, value(case), format]; value null shows "—". */
const ROWS = [
  ['npv', 'Net present value', (c) => c.p && c.p.npv, 'k'],
  ['pv_costs', 'Costs, present value', (c) => c.p && c.p.pv_costs, 'k'],
  ['pv_benefits', 'Benefits, present value', (c) => c.p && c.p.pv_benefits, 'k'],
  ['roi_per_dollar', 'Return per dollar', (c) => c.p && c.p.roi_per_dollar, 'dec2'],
  ['payback_month', 'Payback month', (c) => c.p && c.p.payback_month, 'int'],
  ['prob_positive_npv', 'Chance of a positive NPV', (c) => c.p && c.p.prob_positive_npv, 'pct'],
  ['funded', 'Ideas funded', (c) => c.p && c.p.names.length, 'int'],
  ['measured', 'Ideas measured', (c) => c.p && c.p.names.filter((n) => c.measured.has(n)).length, 'int'],
  ['monthly_visitors', 'Monthly visitors', (c) => c.req.monthly_visitors, 'int'],
  ['conversion_rate', 'Conversion rate', (c) => c.req.conversion_rate, 'pct2'],
  ['value_per_conversion', 'Value per conversion', (c) => c.req.value_per_conversion, 'money'],
  ['gross_margin', 'Gross margin', (c) => (c.req.gross_margin === undefined ? 1 : c.req.gross_margin), 'pct'],
  ['budget', 'Budget', (c) => (c.req.budget >= UNLIMITED_BUDGET ? null : c.req.budget), 'money'],
];

/** CASE_KEYS are the rows read from the case's portfolio ("—" when a plan has no case). */
const CASE_KEYS = new Set(ROWS.slice(0, 8).map((r) => r[0]));

/** sameValue: two figures are equal when both are absent or their numbers match to 12 significant digits. */
export function sameValue(a, b) {
  if (a === null || a === undefined || b === null || b === undefined) return (a ?? null) === (b ?? null);
  return a === b || Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b));
}

class PlanCompare {
  constructor(plan, files) {
    this.plan = plan;
    this.files = files;
    this.box = plan.page.querySelector('[data-role="plan-compare"]');
    this.listEl = this.box.querySelector('[data-role="plan-compare-list"]');
    this.statusEl = this.box.querySelector('[data-role="plan-compare-status"]');
    this.wrap = this.box.querySelector('[data-role="plan-compare-wrap"]');
    this.chosen = [];
    this.current = null;
    this.seq = 0;
  }

  init() {
    this.listEl.addEventListener('change', (e) => this.ticked(e.target));
    this.plan.page.addEventListener('roikit:plans', () => this.refresh());
    const form = this.plan.section.querySelector('form');
    for (const part of [form, ...this.plan.steps]) part.addEventListener('input', () => (this.current = null));
    this.refresh();
  }

  say(text) {
    this.statusEl.textContent = text;
  }

  /** refresh lists the saved plans again (a plan saved, deleted or saved anew), keeps the ticks of those still there and recomputes. */
  refresh() {
    const all = storedPlans();
    const names = Object.keys(all).sort();
    const kept = this.chosen.filter((n) => all[n]);
    const changed = kept.length !== this.chosen.length;
    this.chosen = kept;
    this.listEl.replaceChildren(
      ...(names.length
        ? names.map((name, i) => {
            const box = el('input', '');
            Object.assign(box, { type: 'checkbox', id: 'plan-compare-' + i, value: name, checked: kept.includes(name) });
            const label = el('label', '', box, ' ', name);
            return el('li', '', label);
          })
        : [el('li', 'hint', 'No plan is saved in this browser yet: name the plan and press "Save in this browser".')]),
    );
    if (changed) this.announce();
    this.run();
  }

  ticked(box) {
    if (!box || box.type !== 'checkbox') return;
    if (box.checked && this.chosen.length >= MAX_PLANS) {
      box.checked = false;
      this.say(`At most ${MAX_PLANS} plans are compared: untick one first.`);
      return;
    }
    this.chosen = box.checked ? [...this.chosen.filter((n) => n !== box.value), box.value] : this.chosen.filter((n) => n !== box.value);
    this.announce();
    this.run();
  }

  /** announce tells the page's other modules (presentation mode) that the compared plans changed. */
  announce() {
    document.dispatchEvent(new CustomEvent('roikit:scenarios', { detail: { pinned: this.pinned() } }));
  }

  pinned() {
    return this.chosen.map((name) => ({ id: name, name }));
  }

  /** apply opens a compared (or any saved) plan; the promise settles with the widget's run. */
  async apply(id) {
    const opened = this.files.open(String(id));
    if (!opened) return;
    await opened;
    this.current = String(id);
  }

  /** run computes each ticked plan's case and shows the table (only the latest run writes). */
  async run() {
    const seq = ++this.seq;
    if (this.chosen.length === 0) {
      this.wrap.hidden = true;
      this.box.removeAttribute('data-compared');
      this.say(this.listEl.querySelector('input') ? 'Tick two or more plans to compare them.' : '');
      return;
    }
    this.say(`Computing ${this.chosen.length} ${this.chosen.length === 1 ? 'plan' : 'plans'}…`);
    const all = storedPlans();
    const names = [...this.chosen];
    const cases = await Promise.all(names.map((name, i) => this.plan.caseOf((all[name] && all[name].data) || {}, `plan-compare-${i}-`)));
    if (seq !== this.seq || cases.some((c) => c.superseded)) return;
    this.render(names, cases);
    const failed = names.filter((_, i) => cases[i].kase.error);
    const compared = `Compared ${names.length} ${names.length === 1 ? 'plan' : 'plans'}; figures that differ from "${names[0]}" are marked Δ.`;
    this.say(failed.length ? `${compared} No case for ${failed.map((n, i) => `"${n}" (${cases[names.indexOf(n)].kase.error})`).join(', ')}.` : compared);
    this.box.setAttribute('data-compared', String((Number(this.box.getAttribute('data-compared')) || 0) + 1));
  }

  render(names, cases) {
    const rows = cases.map((c) => ({ p: c.kase.body ? c.kase.body.portfolio : null, req: c.caseReq || {}, measured: c.measured || new Map() }));
    const head = el('tr', '', el('th', '', 'Figure'));
    head.firstChild.scope = 'col';
    for (const name of names) {
      const th = el('th', '', name);
      th.scope = 'col';
      head.append(th);
    }
    this.wrap.querySelector('[data-role="plan-compare-head"]').replaceChildren(head);
    const body = ROWS.map(([key, label, value, fmt]) => {
      const tr = el('tr', '');
      tr.setAttribute('data-plan-compare-row', key);
      const th = el('th', '', label);
      th.scope = 'row';
      tr.append(th);
      const figure = (r) => (r.p || !CASE_KEYS.has(key) ? (value(r) ?? null) : null);
      const first = figure(rows[0]);
      rows.forEach((r, i) => {
        const v = figure(r);
        const td = el('td', '');
        td.setAttribute('data-value', JSON.stringify(v));
        const shown = key === 'budget' && v === null ? 'none' : key === 'payback_month' && v === null && r.p ? 'not within the horizon' : num(v, fmt);
        if (key === 'measured' && r.p) td.append(num(v, fmt), ` of ${r.p.names.length}`);
        else td.append(shown);
        if (i > 0 && !sameValue(v, first)) {
          td.setAttribute('data-differs', '');
          const mark = el('span', 'plan-compare__delta', 'Δ');
          mark.setAttribute('aria-hidden', 'true');
          td.prepend(mark, ' ');
          td.append(el('span', 'visually-hidden', ` (differs from "${names[0]}")`));
        }
        tr.append(td);
      });
      return tr;
    });
    this.wrap.querySelector('[data-role="plan-compare-body"]').replaceChildren(...body);
    this.wrap.hidden = false;
  }
}

let current = null;

/** planCompare sets up the toolbar's comparison for a plan (plan.js) and its files (planfiles.js); null when the page has none. */
export function planCompare(plan, files) {
  if (!plan.page.querySelector('[data-role="plan-compare"]')) return null;
  current = new PlanCompare(plan, files);
  current.init();
  return current;
}

/** initPlanScenarios makes the compared plans the page's scenarios (presentation mode) unless the page has its own. */
export function initPlanScenarios() {
  const c = current;
  if (!c || !window.roikitPage || window.roikitPage.scenarios) return;
  window.roikitPage.scenarios = {
    pinned: () => c.pinned(),
    apply: (id) => c.apply(id),
    active: () => c.current,
  };
}
