// The samplesize results' table "What this test can detect by week"
// (the response's mde_by_week): the row of the reader's plan is marked,
// by a class, aria-current and the words of its badge, never by colour
// alone. The rule is Go's present.PlannedWeek: the row of the plan's
// whole weeks (`weeks`), or the last row (8 weeks) when the plan is
// longer; the words are the table's data-plan-text and data-nearest-text
// ({weeks} = the plan's weeks, format "weeks"), which Go's
// present.PlannedMark writes alike for the pre-rendered page.
import { format } from './settings.js';

/** plannedWeek is the marked row's weeks for a samplesize response, or 0 (no table, no weeks). */
export function plannedWeek(body) {
  const rows = body && Array.isArray(body.mde_by_week) ? body.mde_by_week : [];
  const weeks = body && Number.isInteger(body.weeks) ? body.weeks : 0;
  if (rows.length === 0 || weeks < 1) return 0;
  return Math.min(weeks, rows.length);
}

/** planMark is the badge's words: texts.plan, or texts.nearest with {weeks} when the plan is longer than the table. */
export function planMark(texts, body, fmt = format) {
  const w = plannedWeek(body);
  if (!w) return '';
  if (body.weeks <= body.mde_by_week.length) return String(texts.plan || '');
  return String(texts.nearest || '').replace('{weeks}', fmt(body.weeks, 'weeks'));
}

/** markPlannedWeek marks the planned row of the table in root for a response. */
export function markPlannedWeek(root, body) {
  const table = root && root.querySelector('[data-role="mde-weeks"]');
  if (!table) return;
  const w = plannedWeek(body);
  const text = planMark({ plan: table.getAttribute('data-plan-text'), nearest: table.getAttribute('data-nearest-text') }, body);
  for (const tr of table.querySelectorAll('tr[data-week-row]')) {
    const on = Number(tr.getAttribute('data-week-row')) === w;
    tr.classList.toggle('is-planned', on);
    if (on) tr.setAttribute('aria-current', 'true');
    else tr.removeAttribute('aria-current');
    const mark = tr.querySelector('[data-role="plan-mark"]');
    if (mark) {
      mark.textContent = on ? text : '';
      mark.hidden = !on;
    }
  }
}

/** initMDEWeeks follows every widget's answers (their roikit:result events) on the page. */
export function initMDEWeeks(doc) {
  doc.addEventListener('roikit:result', (e) => {
    if (e.target instanceof Element && e.detail) markPlannedWeek(e.target, e.detail.body);
  }, true);
}
