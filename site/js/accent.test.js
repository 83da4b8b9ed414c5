import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { accentColor } from './accent.js';

const table = JSON.parse(readFileSync(new URL('./testdata/accents.json', import.meta.url), 'utf8'));

test('accentColor accepts colours', () => {
  for (const v of table.accept) assert.equal(accentColor(v), v, v);
});

test('accentColor refuses anything else (the page keeps its accent)', () => {
  for (const v of table.reject) assert.equal(accentColor(v), null, JSON.stringify(v));
  for (const v of [null, undefined, 42, ['red']]) assert.equal(accentColor(v), null, String(v));
});
