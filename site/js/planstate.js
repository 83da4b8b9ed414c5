// The business case's logic without the page (site/templates/planwidget.html,
// plan.js): which ideas the plan carries on, the requests of its tests, its
// results and its case, and the plan's own state in the URL. Pure functions,
// tested under Node (planstate.test.js).
import { encodeRows, decodeRows } from './ideasrows.js';
import { records } from './csvsniff.js';

/** UNLIMITED_BUDGET stands for "no budget": every idea with a positive NPV fits. */
export const UNLIMITED_BUDGET = 1e15;

/** CASE_ALPHA: the measured lift's interval is 90 %, the 5th to 95th percentile that roi's lift range is. */
export const CASE_ALPHA = 0.1;

/** Critical mass (CONTENT-BRIEF row 1, Valdez Mendia [S3]): under 25 % rarely pays back, over 50 % is the aim. */
export const CRITICAL_LOW = 0.25;
export const CRITICAL_AIM = 0.5;

/** criticalMassNote says what an addressable share means for the program ('' when it is not a share). */
export function criticalMassNote(share, fmtPct) {
  if (typeof share !== 'number' || !(share >= 0 && share <= 1)) return '';
  const s = fmtPct(share);
  if (share < CRITICAL_LOW) return `Only ${s} of traffic can be personalized. Programs that tie under a quarter of transactions to known customers rarely pay back: growing that share may be the first project.`;
  if (share <= CRITICAL_AIM) return `${s} of traffic can be personalized: enough to start, below the half that leaders aim for.`;
  return `${s} of traffic can be personalized: above the half that marks a program with critical mass.`;
}

/**
 * withShare fills every idea's empty reach (addressable_share) with step
 * 1's share, in place; ideas that are not objects are left to the core.
 */
export function withShare(req, share) {
  if (typeof share !== 'number' || !Array.isArray(req.ideas)) return req;
  for (const idea of req.ideas) {
    if (idea && typeof idea === 'object' && idea.addressable_share === undefined) idea.addressable_share = share;
  }
  return req;
}

/**
 * chosenIdeas are the ideas the plan carries on, in rank order: the budget's
 * portfolio, or without a budget every idea with a positive NPV. Each is
 * the ranking's line joined with the request's idea of the same name.
 */
export function chosenIdeas(body, req) {
  const ideas = (body && Array.isArray(body.ideas) ? body.ideas : []).map((line) => ({ line, idea: (req.ideas || []).find((i) => i && i.name === line.name) || { name: line.name } }));
  if (body && body.portfolio && req.budget !== undefined) {
    const names = new Set(body.portfolio.names);
    return ideas.filter((x) => names.has(x.line.name));
  }
  return ideas.filter((x) => x.line.npv > 0);
}

/**
 * testRequest is the samplesize request of an idea's test, as prioritize
 * makes it: the site's conversion rate, the lift as a relative effect, two
 * arms, two sides, daily visitors = monthly x 12 / 365 at the idea's share.
 */
export function testRequest(req, idea, lift) {
  const out = {
    metric: 'proportion',
    baseline_rate: req.conversion_rate,
    mde: lift,
    mde_type: 'relative',
    sides: 2,
    variants: 2,
    daily_visitors: (req.monthly_visitors * 12) / 365,
    traffic_share: idea.addressable_share === undefined ? 1 : idea.addressable_share,
  };
  for (const k of ['alpha', 'power']) if (req[k] !== undefined) out[k] = req[k];
  return out;
}

/** schedule lays tests end to end: [{days}] -> [{start, end}] (day 0 = the first test's start); a test without days takes none. */
export function schedule(tests) {
  let day = 0;
  return tests.map((t) => {
    const d = Number.isInteger(t.days) ? t.days : 0;
    const slot = { start: day, end: day + d };
    day += d;
    return slot;
  });
}

/** resultRequest is the significance request of an idea's observed test (counts as typed), its interval at 90 %. */
export function resultRequest(obs) {
  return {
    metric: 'proportion',
    control_visitors: obs.cv,
    control_conversions: obs.cc,
    treatment_visitors: obs.tv,
    treatment_conversions: obs.tc,
    alpha: CASE_ALPHA,
  };
}

/** obsComplete: all four counts were typed. */
export function obsComplete(obs) {
  return !!obs && ['cv', 'cc', 'tv', 'tc'].every((k) => obs[k] !== undefined && obs[k] !== '');
}

/**
 * caseRequest is the prioritize request of the case: step 2's request with
 * each measured idea's lift and range replaced by the test's relative lift
 * and its 90 % interval, and an unlimited budget when there is none.
 * measured: name -> {lift, low, high}.
 */
export function caseRequest(req, measured) {
  const out = { ...req, ideas: (req.ideas || []).map((idea) => ({ ...idea })) };
  for (const idea of out.ideas) {
    const m = measured.get(idea.name);
    if (!m) continue;
    idea.expected_lift = m.lift;
    idea.lift_low = m.low;
    idea.lift_high = m.high;
  }
  if (out.budget === undefined) out.budget = UNLIMITED_BUDGET;
  return out;
}

/** roiRequest is the roi request of one idea of a prioritize request (the shared fields and the idea's own). */
export function roiRequest(req, idea) {
  const out = {};
  for (const k of ['monthly_visitors', 'conversion_rate', 'value_per_conversion', 'gross_margin', 'horizon_months', 'discount_rate', 'simulations', 'seed']) {
    if (req[k] !== undefined) out[k] = req[k];
  }
  for (const [k, v] of Object.entries(idea)) if (k !== 'name') out[k] = v;
  return out;
}

const MDE_COLUMNS = ['name', 'lift'];
const OBS_COLUMNS = ['name', 'cv', 'cc', 'tv', 'tc', 'off'];
const CLV_PREFIX = 'clv.';

/**
 * writePlan puts the plan's own state into URL params (the widget writes
 * its inputs itself): share, the value's source (vpc), the clv form
 * (clv.FIELD), the tests' lifts (tests) and the observed counts (obs), in
 * ideasrows.js' compact rows. Empty parts are removed.
 */
export function writePlan(params, plan) {
  const set = (k, v) => (v === '' || v === undefined || v === null ? params.delete(k) : params.set(k, String(v)));
  set('share', plan.share);
  set('vpc', plan.vpc);
  for (const k of Array.from(params.keys())) if (k.startsWith(CLV_PREFIX)) params.delete(k);
  for (const [k, v] of Object.entries(plan.clv || {})) set(CLV_PREFIX + k, v);
  const lifts = Object.entries(plan.tests || {}).map(([name, lift]) => ({ name, lift }));
  set('tests', lifts.length ? encodeRows(lifts, MDE_COLUMNS) : '');
  const obs = Object.entries(plan.results || {}).map(([name, o]) => ({ name, ...o, off: o.off ? 1 : undefined }));
  set('obs', obs.length ? encodeRows(obs, OBS_COLUMNS) : '');
  return params;
}

/** readPlan reads writePlan's params back; values stay text (the page parses them as it does the inputs). */
export function readPlan(params) {
  const plan = { share: params.get('share') ?? '', vpc: params.get('vpc') ?? '', clv: {}, tests: {}, results: {} };
  for (const [k, v] of params) if (k.startsWith(CLV_PREFIX)) plan.clv[k.slice(CLV_PREFIX.length)] = v;
  for (const row of decodeRows(params.get('tests') || '', MDE_COLUMNS, 20)) if (row.name) plan.tests[row.name] = row.lift ?? '';
  for (const row of decodeRows(params.get('obs') || '', OBS_COLUMNS, 20)) {
    if (!row.name) continue;
    const { name, off, ...counts } = row;
    plan.results[name] = { ...counts, off: off === '1' };
  }
  return plan;
}

/**
 * clvColumnMean reads a CSV of CLV predictions (the clvfit page's download,
 * or any file with a "clv" column) and returns {mean, customers, skipped}:
 * the average of the column's numbers. It throws an Error with a sentence
 * when there is no such column or no number in it.
 */
export function clvColumnMean(text) {
  const body = String(text).charCodeAt(0) === 0xfeff ? String(text).slice(1) : String(text);
  const recs = records(body, ',').filter((r) => r.some((c) => c.trim() !== ''));
  if (!recs.length) throw new Error('the file is empty.');
  const col = recs[0].map((h) => h.trim().toLowerCase()).indexOf('clv');
  if (col < 0) throw new Error('it has no "clv" column (the CLV fit page\'s download has one).');
  let sum = 0;
  let n = 0;
  let skipped = 0;
  for (const row of recs.slice(1)) {
    const cell = (row[col] || '').trim();
    const x = Number(cell);
    if (cell !== '' && Number.isFinite(x)) {
      sum += x;
      n++;
    } else skipped++;
  }
  if (!n) throw new Error('its "clv" column holds no numbers.');
  return { mean: sum / n, customers: n, skipped };
}
