// node --test site/js/: the live table's notes against the build's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { formatValue } from './format.js';
import { ideaNotes } from './ideanotes.js';

// Written by internal/site's TestIdeaNotesForThePage from present.Notes
// (the words of present.NoteTexts, numbers in en-US).
const golden = JSON.parse(readFileSync(new URL('./testdata/ideanotes.json', import.meta.url), 'utf8'));
const enUS = (v, f) => formatValue(v, f, { locale: 'en-US', currency: 'USD' });

test('ideaNotes writes the notes the build writes', () => {
  assert.ok(golden.cases.length >= 3);
  for (const c of golden.cases) assert.deepEqual(ideaNotes(golden.texts, c.request, c.response, enUS), c.want, JSON.stringify(c.request));
});

test('the reason names the days and the share of traffic, in the locale', () => {
  const body = { ideas: [{ name: 'A', test_days: 1969, testable: false }] };
  const notes = ideaNotes(golden.texts, { ideas: [{ name: 'A', expected_lift: 0.02, addressable_share: 0.3 }] }, body, (v, f) => formatValue(v, f, { locale: 'de-DE', currency: 'EUR' }));
  assert.match(notes['ideas.0.testable'], /^No: needs 1\.969 days at 30\s?% of traffic$/);
  // No share in the request: the idea reaches all the traffic.
  assert.match(ideaNotes(golden.texts, { ideas: [{ name: 'A', expected_lift: 0.02 }] }, body, enUS)['ideas.0.testable'], /at 100% of traffic/);
});
