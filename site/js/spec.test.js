// node --test site/js/: the page's condition evaluator against Go's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { condHolds, valueIn, shown, fieldOf, unitOf, pageMessage, itemOf } from './spec.js';

// Written by internal/site's TestConditionCasesForThePage from calc's
// evaluator (Cond.Holds): every condition of every calculator, on requests
// that make it hold and fail.
const golden = JSON.parse(readFileSync(new URL('./testdata/conditions.json', import.meta.url), 'utf8'));

test('condHolds answers as Go on every condition of every calculator', () => {
  assert.ok(golden.cases.length >= 50, `${golden.cases.length} cases`);
  let holds = 0;
  for (const c of golden.cases) {
    const spec = golden.specs[c.calc];
    const got = condHolds(c.clauses, c.request, spec);
    assert.equal(got, c.want, `${c.calc}.${c.field} ${c.rule} ${JSON.stringify(c.clauses)} on ${JSON.stringify(c.request)}`);
    if (got) holds++;
  }
  assert.ok(holds > 0 && holds < golden.cases.length, 'both sides of the conditions are tried');
});

test('every show_when of the specs is among the cases', () => {
  for (const [name, spec] of Object.entries(golden.specs)) {
    for (const f of spec.fields) {
      if (!f.show_when) continue;
      const cases = golden.cases.filter((c) => c.calc === name && c.field === f.name && c.rule === 'show_when');
      assert.ok(cases.length > 0, `${name}.${f.name}`);
      for (const c of cases) assert.deepEqual(c.clauses, f.show_when);
    }
  }
});

// The bug the parsed conditions fixed: a bare condition ("lift_low") was
// always true on the page, so clearing lift_low left the simulations shown.
test('a presence condition holds only when the field is given', () => {
  const roi = golden.specs.roi;
  assert.deepEqual(fieldOf(roi, 'simulations').show_when, [{ field: 'lift_low' }]);
  assert.equal(shown(roi, { expected_lift: 0.05 }, 'simulations'), false);
  assert.equal(shown(roi, { lift_low: -0.01 }, 'simulations'), true);
  assert.equal(shown(roi, { lift_low: 0 }, 'simulations'), true); // 0 is a value
  assert.equal(shown(roi, {}, 'monthly_visitors'), true); // no condition
});

test('a field left out has its default', () => {
  const ss = golden.specs.samplesize;
  assert.equal(valueIn(ss, {}, 'metric'), 'proportion');
  assert.equal(valueIn(ss, { metric: 'mean' }, 'metric'), 'mean');
  assert.equal(valueIn(ss, {}, 'daily_visitors'), undefined);
  assert.equal(shown(ss, {}, 'baseline_rate'), true);
  assert.equal(shown(ss, {}, 'baseline_sd'), false);
  assert.equal(condHolds([{ field: 'metric', in: ['mean'] }], { metric: null }, ss), false);
  assert.equal(condHolds([], {}, ss), true);
});

test('the effect is entered in percent, points or the metric units by mde_type and metric', () => {
  const ss = golden.specs.samplesize;
  assert.deepEqual(unitOf(ss, {}, 'mde'), { unit: 'fraction', scale: 100, label: '%' });
  assert.deepEqual(unitOf(ss, { mde_type: 'absolute' }, 'mde'), { unit: 'points', scale: 100, label: 'points' });
  assert.deepEqual(unitOf(ss, { mde_type: 'absolute', metric: 'mean' }, 'mde'), { unit: 'number', scale: 1, label: '' });
  assert.deepEqual(unitOf(ss, { metric: 'mean' }, 'mde'), { unit: 'fraction', scale: 100, label: '%' });
  assert.deepEqual(unitOf(ss, {}, 'daily_visitors'), { unit: 'count', scale: 1, label: '' });
});

test('range and required messages speak in the form units', () => {
  const ss = golden.specs.samplesize;
  const range = { field: 'mde', code: 'out_of_range', message: 'core' };
  assert.match(pageMessage(ss, range, 'fraction'), /greater than 0 %/);
  assert.match(pageMessage(ss, range, 'points'), /greater than 0 points/);
  assert.doesNotMatch(pageMessage(ss, { field: 'baseline_rate', code: 'out_of_range' }, 'fraction'), /fraction/);
  assert.doesNotMatch(pageMessage(ss, { field: 'baseline_rate', code: 'required' }, 'fraction'), /fraction|0\.05/);
  assert.equal(pageMessage(ss, { field: 'daily_visitors', code: 'out_of_range', message: 'core' }, 'count'), 'core');
});

test('an item field of an Array field (a cell of the ideas table) gets the form\'s message, with its item number', () => {
  const ps = golden.specs.prioritize;
  assert.deepEqual(itemOf(ps, 'ideas[1].expected_lift').n, 2);
  assert.equal(itemOf(ps, 'ideas[1].nope'), null);
  assert.equal(itemOf(ps, 'expected_lift'), null);
  const core = { field: 'ideas[1].expected_lift', code: 'out_of_range', message: 'Expected lift of idea 2 must be between -100 % and 1000 % (as a fraction: 0.05 means 5 %).' };
  const got = pageMessage(ps, core, 'fraction');
  assert.match(got, /^Expected lift of idea 2 must be between -100 % and 1000 %\.$/);
  assert.doesNotMatch(got, /fraction|\{n\}/);
  // A field the form shows in its own units keeps the core's message.
  assert.equal(pageMessage(ps, { field: 'ideas[0].one_time_cost', code: 'out_of_range', message: 'core' }, 'currency'), 'core');
});
