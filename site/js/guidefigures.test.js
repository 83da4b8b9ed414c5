// node --test site/js/: what a guide's inline figure shows for a widget's
// answer (guidefigures.js figureUpdate); the page itself is checked by
// test/browser's TestGuideFiguresFollowTheWidget.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { figureUpdate } from './guidefigures.js';
import { formatValue } from './format.js';

const us = (v, fmt) => formatValue(v, fmt, { locale: 'en-US', currency: 'USD' });
const de = (v, fmt) => formatValue(v, fmt, { locale: 'de-DE', currency: 'EUR' });

test('a figure follows the answer and is marked only when its text changes', () => {
  const cases = [
    // written-in raw, answer's value, format, formatter, want
    ['31234', 31234, 'int', us, { raw: '31234', text: '31,234', updated: false }],
    ['31234', 20512, 'int', us, { raw: '20512', text: '20,512', updated: true }],
    // The WASM build's last digits differ: the text is the same, so the written-in value stays.
    ['0.10000000000000002', 0.1, 'pct1', us, { raw: '0.10000000000000002', text: '10.0%', updated: false }],
    ['0.1', 0.12345, 'pct1', us, { raw: '0.12345', text: '12.3%', updated: true }],
    // A change below the format's precision is no change for the reader.
    ['31234.2', 31233.9, 'int', us, { raw: '31234.2', text: '31,234', updated: false }],
    ['1e-07', 2e-7, 'plain', us, { raw: '2e-07', text: '0.0000002', updated: true }],
    // An answer without the value (a path the new inputs leave out) shows a dash.
    ['13', undefined, 'int', us, { raw: 'null', text: '\u2014', updated: true }],
    ['13', null, 'int', us, { raw: 'null', text: '\u2014', updated: true }],
    ['"2025-01-31"', '2025-02-28', 'date', us, { raw: '"2025-02-28"', text: '2025-02-28', updated: true }],
    ['true', false, 'plain', us, { raw: 'false', text: 'no', updated: true }],
    ['1234.5', 1234.5, 'money', de, { raw: '1234.5', text: formatValue(1234.5, 'money', { locale: 'de-DE', currency: 'EUR' }), updated: false }],
    ['1234.5', 2000, 'money', de, { raw: '2000', text: '2.000\u00a0€', updated: true }],
  ];
  for (const [writtenRaw, value, fmt, formatFn, want] of cases) {
    assert.deepEqual(figureUpdate(writtenRaw, value, fmt, formatFn), want, `${writtenRaw} -> ${String(value)} (${fmt})`);
  }
});
