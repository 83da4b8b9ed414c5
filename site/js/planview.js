// The business case's steps 3 to 5 on the page (site/templates/planwidget.html):
// the test plan and its timeline, the results forms, and the case. Rows
// that hold inputs are kept by idea name, so a recomputation never takes
// an input from under the reader's cursor. Text goes in through
// textContent; numbers are spans with data-value and data-format, which
// settings.js' reformat rewrites when the locale or currency changes.
import { format, currencyNoun } from './settings.js';
import { el } from './dom.js';

/** num is a formatted value that follows the page's settings ("—" for null). */
export function num(value, fmt) {
  const s = el('span', '', format(value, fmt));
  s.setAttribute('data-field', 'plan');
  s.setAttribute('data-value', JSON.stringify(value === undefined ? null : value));
  s.setAttribute('data-format', fmt);
  return s;
}

/** keyedRows keeps one row per key in body, in the order of keys, making the missing ones with make(key). */
export function keyedRows(body, keys, make) {
  const have = new Map(Array.from(body.children).map((tr) => [tr.getAttribute('data-key'), tr]));
  const rows = keys.map((k) => {
    let tr = have.get(k);
    if (!tr) {
      tr = make(k);
      tr.setAttribute('data-key', k);
    }
    return tr;
  });
  const same = rows.length === body.children.length && rows.every((tr, i) => body.children[i] === tr);
  if (!same) body.replaceChildren(...rows);
  return rows;
}

/** cellInput makes the text input of a table cell, labelled for screen readers. */
export function cellInput(label, role, value, inputmode = 'decimal') {
  const input = el('input', 'input input--cell');
  input.type = 'text';
  input.autocomplete = 'off';
  input.inputMode = inputmode;
  input.setAttribute('aria-label', label);
  input.setAttribute('data-plan-cell', role);
  input.value = value || '';
  return input;
}

/**
 * renderTests fills step 3: one row per chosen idea (its lift input kept),
 * the share of traffic, visitors per arm, days and the days it runs, and a
 * timeline of bars whose offset and width are CSS variables.
 */
export function renderTests(root, tests, slots, maxDays) {
  const body = root.querySelector('[data-role="tests"]');
  if (!tests.length) {
    body.replaceChildren(el('tr', '', el('td', '', 'No idea is chosen yet: with a budget, the ideas that fit it; without one, every idea with a positive net present value.')));
    body.firstChild.firstChild.colSpan = 7;
  } else {
    const rows = keyedRows(body, tests.map((t) => t.name), (name) => {
      const tr = el('tr', '');
      tr.append(el('td', ''), el('th', '', name), el('td', '', cellInput(`Lift to detect for ${name}, in percent`, 'lift', '')), el('td', ''), el('td', ''), el('td', ''), el('td', ''));
      tr.children[1].scope = 'row';
      return tr;
    });
    rows.forEach((tr, i) => {
      const t = tests[i];
      const c = tr.children;
      c[0].textContent = String(i + 1);
      const input = c[2].querySelector('input');
      input.placeholder = t.fromStep2 === null ? '' : format(t.fromStep2, 'pct1');
      const note = c[2].querySelector('.plan-from') || c[2].appendChild(el('span', 'plan-from'));
      note.textContent = input.value.trim() === '' ? 'from step 2' : 'typed';
      c[3].replaceChildren(num(t.share, 'pct'));
      c[4].replaceChildren(t.ss ? num(t.ss.n_per_treatment, 'int') : '—');
      const over = t.ss && Number.isInteger(t.ss.days) && t.ss.days > maxDays;
      c[5].replaceChildren(t.ss && Number.isInteger(t.ss.days) ? num(t.ss.days, 'days') : t.error || '—');
      c[5].classList.toggle('plan-over', !!over);
      if (over) c[5].append(el('span', 'plan-flag', ` over the ${maxDays}-day limit`));
      c[6].replaceChildren(t.ss && Number.isInteger(t.ss.days) ? `day ${slots[i].start + 1} to ${slots[i].end}` : 'not scheduled');
    });
  }
  drawTimeline(root.querySelector('[data-role="timeline"]'), tests, slots);
  const total = slots.length ? slots[slots.length - 1].end : 0;
  root.querySelector('[data-role="tests-note"]').textContent = tests.length
    ? `Run one after another, the tests take ${format(total, 'days')} (about ${format(Math.ceil(total / 30.44), 'months')}). A test over the limit can look for a larger lift, run longer, or wait until more traffic can be personalized.`
    : '';
}

function drawTimeline(box, tests, slots) {
  const total = Math.max(1, slots.length ? slots[slots.length - 1].end : 1);
  const bars = tests.map((t, i) => {
    const row = el('div', 'plan-timeline__row', el('span', 'plan-timeline__name', t.name));
    const track = el('div', 'plan-timeline__track');
    const bar = el('span', 'plan-timeline__bar');
    bar.style.setProperty('--start', String(slots[i].start / total));
    bar.style.setProperty('--width', String((slots[i].end - slots[i].start) / total));
    track.append(bar);
    row.append(track);
    return row;
  });
  box.replaceChildren(...bars);
  box.hidden = !bars.length;
}

const OBS_FIELDS = [
  ['cv', 'Visitors in control'],
  ['cc', 'Conversions in control'],
  ['tv', 'Visitors with the idea'],
  ['tc', 'Conversions with the idea'],
];

/**
 * renderResults fills step 4: one form per tested idea (kept by name) with
 * its four counts and "use in the case", and the test's reading.
 * results: [{name, obs, sig, error}].
 */
export function renderResults(root, results) {
  const box = root.querySelector('[data-role="results-forms"]');
  if (!results.length) {
    box.replaceChildren(el('p', 'plan-note', 'The ideas of the test plan get a form here for their results.'));
    return;
  }
  const forms = keyedRows(box, results.map((r) => r.name), (name) => {
    const f = el('fieldset', 'plan-result');
    f.append(el('legend', '', name));
    const grid = el('div', 'plan-result__grid');
    for (const [key, label] of OBS_FIELDS) {
      const input = cellInput(`${label}, ${name}`, key, '', 'numeric');
      grid.append(el('label', 'plan-result__field', el('span', '', label), input));
    }
    const use = el('input', '');
    use.type = 'checkbox';
    use.checked = true;
    use.setAttribute('data-plan-cell', 'use');
    f.append(grid, el('label', 'plan-result__use', use, ' Use the measured lift in the case'), el('p', 'plan-result__reading'));
    f.lastChild.setAttribute('role', 'status');
    return f;
  });
  forms.forEach((f, i) => {
    const r = results[i];
    const inputs = f.querySelectorAll('[data-plan-cell]');
    for (const input of inputs) {
      const k = input.getAttribute('data-plan-cell');
      if (k === 'use') input.checked = !(r.obs && r.obs.off);
      else if (document.activeElement !== input) input.value = (r.obs && r.obs[k]) || '';
    }
    f.classList.toggle('is-measured', !!r.measured);
    f.querySelector('.plan-result__reading').replaceChildren(...reading(r));
  });
}

function reading(r) {
  if (r.error) return [el('span', 'plan-error', r.error)];
  if (!r.sig) return ['Assumed: the lift of step 2 stands until the four counts are in.'];
  const s = r.sig;
  if (!s.relative_lift_ci) return ['The control converted no one: no relative lift can be read. The assumed lift stands.'];
  const out = [el('strong', '', r.measured ? 'Measured: ' : 'Not used: '), 'a lift of ', num(s.relative_lift, 'pct1'), ' (90 % interval ', num(s.relative_lift_ci[0], 'pct1'), ' to ', num(s.relative_lift_ci[1], 'pct1'), '), p-value ', num(s.p_value, 'pvalue'), '.'];
  if (s.srm_detected) out.push(el('span', 'plan-error', ' The split of visitors is far from even: check the test set-up before trusting it.'));
  return out;
}

/** caseHeadline is the case's sentence (its numbers follow the settings). */
function caseHeadline(p, n) {
  if (!p || !p.names.length) return ['No idea pays back within the budget: the plan has nothing to fund yet. Step 2 shows each idea\'s value.'];
  const out = [`The plan funds ${n} idea${n === 1 ? '' : 's'}, worth `, el('strong', '', num(p.npv, 'k')), ' in today\'s money'];
  if (p.roi_per_dollar !== null) out.push(': ', el('strong', '', num(p.roi_per_dollar, 'dec2')), ` back per ${currencyNoun()} spent`);
  out.push(p.payback_month !== null ? [', paid back in month ', num(p.payback_month, 'int')] : ', not paid back within the horizon');
  if (p.prob_positive_npv !== null) out.push(', with a ', num(p.prob_positive_npv, 'pct'), ' chance of a positive net present value');
  out.push('.');
  return out.flat();
}

/**
 * renderCase fills step 5 from the case's prioritize answer: the headline,
 * the totals, each idea with its lift, range and source (measured or
 * assumed), and the assumptions. kase: {body, req, measured (Map), error}.
 */
export function renderCase(root, kase, assumptions) {
  const p = kase.body ? kase.body.portfolio : null;
  const names = p ? new Set(p.names) : new Set();
  root.querySelector('[data-role="case-headline"]').replaceChildren(...(kase.error ? [el('span', 'plan-error', kase.error)] : caseHeadline(p, names.size)));
  const dl = root.querySelector('[data-role="case-totals"]');
  dl.replaceChildren();
  if (p && p.names.length) {
    const measuredIn = p.names.filter((n) => kase.measured.has(n)).length;
    for (const [label, v, fmt] of [
      ['Net present value', p.npv, 'k'],
      ['Costs, present value', p.pv_costs, 'k'],
      ['Benefits, present value', p.pv_benefits, 'k'],
      ['Return per dollar', p.roi_per_dollar, 'dec2'],
      ['Payback month', p.payback_month, 'int'],
      ['Chance of a positive NPV', p.prob_positive_npv, 'pct'],
    ]) {
      dl.append(el('div', 'plan-total', el('dt', '', label), el('dd', '', num(v, fmt))));
    }
    dl.append(el('div', 'plan-total', el('dt', '', 'Ideas measured'), el('dd', '', `${measuredIn} of ${p.names.length}`)));
  }
  const body = root.querySelector('[data-role="case-ideas"]');
  const lines = kase.body ? kase.body.ideas : [];
  body.replaceChildren(
    ...lines.map((line) => {
      const idea = (kase.req.ideas || []).find((i) => i.name === line.name) || {};
      const measured = kase.measured.has(line.name);
      const range = idea.lift_low !== undefined ? [num(idea.lift_low, 'pct1'), ' to ', num(idea.lift_high, 'pct1')] : ['—'];
      const tr = el('tr', names.has(line.name) ? 'is-chosen' : '');
      const th = el('th', '', line.name);
      th.scope = 'row';
      tr.append(th, el('td', '', num(idea.expected_lift, 'pct1')), el('td', '', ...range), el('td', measured ? 'plan-measured' : 'plan-assumed', measured ? 'Measured (step 4)' : 'Assumed (step 2)'), el('td', '', num(line.npv, 'k')), el('td', '', num(line.roi_per_dollar, 'dec2')), el('td', '', names.has(line.name) ? 'Yes' : 'No'));
      return tr;
    }),
  );
  root.querySelector('[data-role="case-assumptions"]').replaceChildren(
    ...assumptions.map(([label, value, note]) => {
      const th = el('th', '', label);
      th.scope = 'row';
      return el('tr', '', th, el('td', '', value, note ? el('span', 'plan-from', ' ' + note) : null));
    }),
  );
  const warnings = root.querySelector('[data-role="case-warnings"]');
  warnings.replaceChildren(...(kase.body && kase.body.warnings ? kase.body.warnings : []).map((w) => el('li', '', w.message)));
}
