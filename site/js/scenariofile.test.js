// node --test site/js/: scenario files (scenariofile.js): names, the
// envelope written and read back, and the sentences that refuse a file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scenarioFileName, scenarioText, parseScenario } from './scenariofile.js';

test('scenarioFileName makes a safe file name from a title', () => {
  assert.equal(scenarioFileName('My plan: Q3 / 2027'), 'my-plan-q3-2027.roikit.json');
  assert.equal(scenarioFileName('Éte'), 'ete.roikit.json');
  assert.equal(scenarioFileName('***'), 'scenario.roikit.json');
  assert.equal(scenarioFileName(''), 'scenario.roikit.json');
});

test('scenarioText and parseScenario round-trip', () => {
  const data = { monthly_visitors: 200000, ideas: [{ name: 'A', expected_lift: 0.05 }] };
  const text = scenarioText('prioritize', data, { locale: 'de-DE', currency: 'EUR' }, new Date('2026-12-07T00:00:00Z'));
  assert.match(text, /"saved_at": "2026-12-07T00:00:00.000Z"/);
  const back = parseScenario(text, ['prioritize']);
  assert.deepEqual(back, { kind: 'prioritize', data, settings: { locale: 'de-DE', currency: 'EUR' } });
});

test('parseScenario refuses other files with a sentence', () => {
  assert.throws(() => parseScenario('name,lift\nA,5', ['plan']), /not valid JSON/);
  assert.throws(() => parseScenario('{"a":1}', ['plan']), /no "roikit" version/);
  assert.throws(() => parseScenario('{"roikit":2,"kind":"plan","data":{}}', ['plan']), /newer roikit \(format 2\)/);
  assert.throws(() => parseScenario('{"roikit":1,"kind":"roi","data":{}}', ['plan', 'prioritize']), /holds a roi scenario; this page opens plan or prioritize/);
  assert.throws(() => parseScenario('{"roikit":1,"kind":"plan","data":[]}', ['plan']), /"data" is missing/);
});
