import { test } from 'node:test';
import assert from 'node:assert/strict';
import { peekingRequest, peekingSummary, wholeNumber, SIMULATIONS } from './peeking.js';

const sig = { control_visitors: 10000, control_conversions: 200, treatment_visitors: 10000, treatment_conversions: 250 };

test('wholeNumber reads typed counts with separators', () => {
  assert.equal(wholeNumber('10,000'), 10000);
  assert.equal(wholeNumber('10 000'), 10000);
  assert.equal(wholeNumber('1429'), 1429);
  assert.ok(Number.isNaN(wholeNumber('')));
  assert.ok(Number.isNaN(wholeNumber('12a')));
  assert.ok(Number.isNaN(wholeNumber('-3')));
  // A fraction is not a count (it read as 145 before).
  assert.ok(Number.isNaN(wholeNumber('14.5', 'en-US')));
  assert.ok(Number.isNaN(wholeNumber('1,5', 'de-DE')));
  assert.equal(wholeNumber('10.000', 'de-DE'), 10000);
});

test('daily visitors follow the test until typed', () => {
  const out = peekingRequest(sig, { days: 14, daily: NaN }, NaN);
  assert.deepEqual(out.request, { daily_visitors: 1429, baseline_rate: 0.02, days: 14, simulations: SIMULATIONS, seed: 1 });
  const typed = peekingRequest({ ...sig, alpha: 0.1, sequential: true, sequential_tuning: 20000 }, { days: 28, daily: 5000 }, NaN);
  assert.deepEqual(typed.request, { daily_visitors: 5000, baseline_rate: 0.02, days: 28, simulations: SIMULATIONS, seed: 1, alpha: 0.1, sequential_tuning: 20000 });
  // The tuning is the widget's only when the result is sequential.
  assert.equal(peekingRequest({ ...sig, sequential_tuning: 20000 }, { days: 14, daily: NaN }, NaN).request.sequential_tuning, undefined);
});

test('bad inputs give a sentence, and means keep the last rate', () => {
  assert.match(peekingRequest(sig, { days: 0, daily: NaN }, NaN).problem, /Planned days/);
  assert.match(peekingRequest(sig, { days: 400, daily: NaN }, NaN).problem, /between 1 and 365/);
  assert.match(peekingRequest(sig, { days: 14, daily: 1 }, NaN).problem, /Visitors per day/);
  const mean = { metric: 'mean', control_n: 700, treatment_n: 700 };
  assert.match(peekingRequest(mean, { days: 14, daily: NaN }, NaN).problem, /conversion rate/);
  assert.equal(peekingRequest(mean, { days: 14, daily: NaN }, 0.03).request.baseline_rate, 0.03);
  assert.equal(peekingRequest(mean, { days: 14, daily: NaN }, 0.03).request.daily_visitors, 100);
});

test('the summary names both tests and the last day', () => {
  const fmt = (x, f) => (f === 'pct1' ? (x * 100).toFixed(1) + ' %' : String(x));
  const s = peekingSummary({ days: [1, 2, 3], fixed_winners: [0.05, 0.08, 0.1], sequential_winners: [0, 0.001, 0.002], simulations: 1000, alpha: 0.05 }, fmt);
  assert.match(s, /By day 3/);
  assert.match(s, /10\.0 % of 1000 A\/A tests with the fixed-horizon test, and in 0\.2 % with the sequential test/);
});
