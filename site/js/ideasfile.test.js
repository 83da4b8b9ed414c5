// node --test site/js/: a saved scenario reads back as the same request.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scenarioQuery } from './ideasfile.js';
import { scenarioText, parseScenario } from './scenariofile.js';
import { decodeRows } from './ideasrows.js';

test('a prioritize request saved to a file comes back as the query the widget reads', () => {
  const req = { monthly_visitors: 200000, conversion_rate: 0.02, budget: 80000, rank_by: 'npv', ideas: [{ name: 'A_*~', expected_lift: 0.08 }, { name: 'B', addressable_share: 0.3, expected_lift: 0.02 }] };
  const { data } = parseScenario(scenarioText('prioritize', req), ['prioritize']);
  const q = scenarioQuery(data);
  assert.equal(q.get('monthly_visitors'), '200000');
  assert.equal(q.get('conversion_rate'), '0.02');
  assert.equal(q.get('rank_by'), 'npv');
  // The ideas go as the request's JSON, which the table reads (names with the URL form's separators too).
  assert.deepEqual(decodeRows(q.get('ideas'), ['name', 'addressable_share', 'expected_lift']), [
    { name: 'A_*~', expected_lift: '0.08' },
    { name: 'B', addressable_share: '0.3', expected_lift: '0.02' },
  ]);
  assert.equal(scenarioQuery({ budget: null }).has('budget'), false);
});
