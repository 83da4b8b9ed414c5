import { test } from 'node:test';
import assert from 'node:assert/strict';
import { plannedWeek, planMark } from './mdeweeks.js';

const rows = Array.from({ length: 8 }, (_, i) => ({ weeks: i + 1 }));
const texts = { plan: 'Your plan', nearest: 'Your plan: {weeks}' };
const fmt = (x, f) => `${x} ${f}`;

// The same rule as Go's present.PlannedWeek and PlannedMark
// (internal/present/samplesize.go): the plan's weeks, or the last row.
test('plannedWeek is the plan weeks, or the last row when longer', () => {
  assert.equal(plannedWeek({ weeks: 2, mde_by_week: rows }), 2);
  assert.equal(plannedWeek({ weeks: 8, mde_by_week: rows }), 8);
  assert.equal(plannedWeek({ weeks: 9, mde_by_week: rows }), 8);
  assert.equal(plannedWeek({ weeks: 3 }), 0);
  assert.equal(plannedWeek({ mde_by_week: rows }), 0);
  assert.equal(plannedWeek(null), 0);
});

test('planMark says the plan, or how long it is', () => {
  assert.equal(planMark(texts, { weeks: 2, mde_by_week: rows }, fmt), 'Your plan');
  assert.equal(planMark(texts, { weeks: 12, mde_by_week: rows }, fmt), 'Your plan: 12 weeks');
  assert.equal(planMark(texts, { weeks: 1 }, fmt), '');
});
