import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scaleOf, shift, parseText, toDisplay } from './inputs.js';

test('percent inputs carry exact contract fractions', () => {
  assert.equal(parseText('5', 'number', 2), 0.05);
  assert.equal(parseText('5.2', 'number', 2), 0.052); // 5.2 / 100 would be 0.052000000000000005
  assert.equal(parseText('7', 'number', 2), 0.07);
  assert.equal(parseText(' 1,234.5 ', 'number', 0), 1234.5);
  assert.equal(parseText('1e3', 'number', 0), 1000);
  assert.equal(parseText('-3', 'number', 2), -0.03);
  assert.equal(parseText('', 'number', 2), undefined);
  assert.equal(parseText('   ', 'integer', 0), undefined);
});

test('text that is not a number goes to the core as text', () => {
  for (const bad of ['<script>alert(1)</script>', '1e400', '5%', '1,23', '0x10', 'NaN', 'Infinity', '.', '--1', '1.2.3']) {
    assert.equal(parseText(bad, 'number', 2), bad, bad);
  }
  assert.equal(typeof parseText('1.5', 'integer', 0), 'number'); // the core says "whole number"
});

test('URL values shown in inputs', () => {
  assert.equal(toDisplay('0.03', 'number', 2), '3');
  assert.equal(toDisplay('0.052', 'number', 2), '5.2');
  assert.equal(toDisplay('0.07', 'number', 2), '7');
  assert.equal(toDisplay('1e-7', 'number', 2), '0.00001');
  assert.equal(toDisplay('5000', 'number', 0), '5000');
  assert.equal(toDisplay('<b>x</b>', 'number', 2), '<b>x</b>');
  // The round trip keeps the contract value.
  for (const v of ['0.05', '0.052', '0.1234', '0.9999', '0.001']) {
    assert.equal(parseText(toDisplay(v, 'number', 2), 'number', 2), Number(v), v);
  }
});

test('scale and shift', () => {
  assert.equal(scaleOf('100'), 2);
  assert.equal(scaleOf(null), 0);
  assert.equal(scaleOf('3'), 0);
  assert.equal(shift('5.2', -2), 0.052);
  assert.equal(shift('5.2e1', -2), 0.52);
  assert.ok(Number.isNaN(shift('1e2e3', 1)));
});
