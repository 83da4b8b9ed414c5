// node --test site/js/: the business case's logic (planstate.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { criticalMassNote, withShare, chosenIdeas, testRequest, schedule, caseRequest, roiRequest, writePlan, readPlan, clvColumnMean, obsComplete, UNLIMITED_BUDGET } from './planstate.js';

const pct = (x) => Math.round(x * 100) + ' %';

test('criticalMassNote follows the 25 % and 50 % thresholds', () => {
  assert.match(criticalMassNote(0.2, pct), /^Only 20 %.*rarely pay back/);
  assert.match(criticalMassNote(0.25, pct), /enough to start/);
  assert.match(criticalMassNote(0.5, pct), /enough to start/);
  assert.match(criticalMassNote(0.51, pct), /critical mass/);
  assert.equal(criticalMassNote('x', pct), '');
  assert.equal(criticalMassNote(1.5, pct), '');
});

test('withShare fills only the empty reach', () => {
  const req = { ideas: [{ name: 'A' }, { name: 'B', addressable_share: 0.3 }, 'junk'] };
  withShare(req, 0.6);
  assert.deepEqual(req.ideas, [{ name: 'A', addressable_share: 0.6 }, { name: 'B', addressable_share: 0.3 }, 'junk']);
  assert.deepEqual(withShare({ ideas: [{ name: 'A' }] }, undefined).ideas, [{ name: 'A' }]);
});

test('chosenIdeas: the portfolio with a budget, the positive NPVs without', () => {
  const body = {
    ideas: [
      { name: 'B', npv: 50 },
      { name: 'A', npv: 20 },
      { name: 'C', npv: -5 },
    ],
    portfolio: { names: ['A'] },
  };
  const req = { budget: 10, ideas: [{ name: 'A', expected_lift: 0.1 }, { name: 'B' }, { name: 'C' }] };
  assert.deepEqual(chosenIdeas(body, req).map((x) => x.line.name), ['A']);
  assert.equal(chosenIdeas(body, req)[0].idea.expected_lift, 0.1);
  delete req.budget;
  assert.deepEqual(chosenIdeas({ ideas: body.ideas }, req).map((x) => x.line.name), ['B', 'A']);
});

test('testRequest is prioritize\'s test; schedule lays tests end to end', () => {
  const t = testRequest({ monthly_visitors: 365000, conversion_rate: 0.02, alpha: 0.1 }, { addressable_share: 0.5 }, 0.08);
  assert.deepEqual(t, { metric: 'proportion', baseline_rate: 0.02, mde: 0.08, mde_type: 'relative', sides: 2, variants: 2, daily_visitors: 12000, traffic_share: 0.5, alpha: 0.1 });
  assert.equal(testRequest({ monthly_visitors: 1, conversion_rate: 0.1 }, {}, 0.1).traffic_share, 1);
  assert.deepEqual(schedule([{ days: 10 }, { days: null }, { days: 5 }]), [{ start: 0, end: 10 }, { start: 10, end: 10 }, { start: 10, end: 15 }]);
});

test('caseRequest puts the measured lift and interval in, and an unlimited budget', () => {
  const req = { monthly_visitors: 1, ideas: [{ name: 'A', expected_lift: 0.08, lift_low: 0.02, lift_high: 0.14 }, { name: 'B', expected_lift: 0.1 }] };
  const out = caseRequest(req, new Map([['B', { lift: 0.05, low: 0.01, high: 0.09 }]]));
  assert.deepEqual(out.ideas[1], { name: 'B', expected_lift: 0.05, lift_low: 0.01, lift_high: 0.09 });
  assert.deepEqual(out.ideas[0], req.ideas[0]);
  assert.equal(out.budget, UNLIMITED_BUDGET);
  assert.equal(req.ideas[1].expected_lift, 0.1, 'the request itself is not changed');
  assert.equal(caseRequest({ ...req, budget: 5 }, new Map()).budget, 5);
  assert.deepEqual(roiRequest({ monthly_visitors: 1, budget: 3, rank_by: 'npv', seed: 2 }, { name: 'A', expected_lift: 0.1 }), { monthly_visitors: 1, seed: 2, expected_lift: 0.1 });
});

test('writePlan and readPlan round-trip the plan\'s own state', () => {
  const plan = { share: 0.6, vpc: 'clv', clv: { average_order_value: '80', retention_rate: '0.6' }, tests: { 'Home page': '0.05' }, results: { 'Home page': { cv: '1000', cc: '20', tv: '1000', tc: '30', off: true } } };
  const params = writePlan(new URLSearchParams('monthly_visitors=5&clv.old=1'), plan);
  assert.equal(params.get('monthly_visitors'), '5');
  assert.equal(params.has('clv.old'), false);
  const back = readPlan(params);
  assert.deepEqual(back, { share: '0.6', vpc: 'clv', clv: plan.clv, tests: plan.tests, results: plan.results });
  const empty = writePlan(params, { share: '', vpc: '', clv: {}, tests: {}, results: {} });
  assert.equal(empty.toString(), 'monthly_visitors=5');
  assert.equal(obsComplete({ cv: '1', cc: '', tv: '1', tc: '1' }), false);
  assert.equal(obsComplete(back.results['Home page']), true);
});

test('clvColumnMean averages the clv column of a predictions file', () => {
  const csv = '\ufeffcustomer_id,frequency,clv\r\n1,2,10.5\r\n2,0,\r\n"3,x",1,20.5\r\n';
  assert.deepEqual(clvColumnMean(csv), { mean: 15.5, customers: 2, skipped: 1 });
  assert.throws(() => clvColumnMean('id,value\n1,2\n'), /no "clv" column/);
  assert.throws(() => clvColumnMean('clv\nx\n'), /no numbers/);
  assert.throws(() => clvColumnMean(''), /empty/);
});
