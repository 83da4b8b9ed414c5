// node --test site/js/: the formats, with en-US expectations identical to the
// Go side's (internal/site numfmt tests and site/FRONTEND.md's examples).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatValue, formatNumber, validSettings, goJSON, DASH } from './format.js';

const us = { locale: 'en-US', currency: 'USD' };

test('en-US formats match the Go side', () => {
  const cases = [
    [31234, 'int', '31,234'],
    // The worded formats, as in internal/site numfmt_test.go.
    [0.0321, 'pvalue', 'p = 0.0321'],
    [0.802, 'pvalue', 'p = 0.802'],
    [0.0001, 'pvalue', 'p = 0.0001'],
    [0.00009, 'pvalue', 'p < 0.0001'],
    [0.068, 'change1', '6.8% higher'],
    [-0.068, 'change1', '6.8% lower'],
    [-0.0004, 'change1', 'no different'],
    [0.005, 'points', '+0.50 points'],
    [-0.0123, 'points', '-1.23 points'],
    [0.00001, 'points', '0.00 points'],
    [1, 'days', '1 day'],
    [12, 'days', '12 days'],
    [1234, 'days', '1,234 days'],
    [1, 'weeks', '1 week'],
    [0, 'months', '0 months'],
    [31234.5, 'int', '31,235'],
    [-0.4, 'int', '0'],
    [1.25, 'dec1', '1.3'],
    [1234.5678, 'dec2', '1,234.57'],
    [0.0004, 'dec3', '0.000'],
    [0.052, 'pct1', '5.2%'],
    [0.052, 'pct', '5%'],
    [0.05234, 'pct2', '5.23%'],
    [-0.0001, 'pct1', '0.0%'],
    [99.5, 'money', '$99.50'],
    [4.5, 'money', '$4.50'],
    [96, 'money', '$96'],
    [95.999, 'money', '$96'],
    [0.5, 'money', '$0.50'],
    [1234, 'money', '$1,234'],
    [-1234, 'money', '-$1,234'],
    [100, 'money', '$100'],
    [351234, 'k', '$351k'],
    [-1234567, 'k', '-$1.2M'],
    [-35000, 'k', '-$35k'],
    [999600, 'k', '$1.0M'],
    [999.5, 'k', '$1,000'],
    [99.5, 'k', '$99.50'],
    [1000, 'k', '$1k'],
    [2500000000, 'k', '$2,500.0M'],
    [0.012345, 'sig3', '0.0123'],
    [31234, 'sig3', '31,200'],
    [1234.5, 'plain', '1,235'],
    [0.5, 'plain', '0.5'],
    [0.123456, 'plain', '0.1235'],
    [0, 'plain', '0'],
  ];
  for (const [x, f, want] of cases) {
    assert.equal(formatNumber(x, f, us), want, `${x} as ${f}`);
  }
});

test('missing and non-numeric values never show NaN, Infinity, null or undefined', () => {
  for (const f of ['int', 'pct1', 'money', 'k', 'sig3', 'plain']) {
    for (const v of [null, undefined, NaN, Infinity, -Infinity, {}, []]) {
      const s = formatValue(v, f, us);
      assert.equal(s, DASH, `${String(v)} as ${f}`);
    }
  }
  assert.equal(formatValue('2024-01-31', 'date'), '2024-01-31');
  assert.equal(formatValue(true, 'plain'), 'yes');
  assert.equal(formatValue(false, 'plain'), 'no');
});

test('other locales and currencies use Intl', () => {
  const de = { locale: 'de-DE', currency: 'EUR' };
  assert.equal(formatNumber(31234, 'int', de), '31.234');
  assert.equal(formatNumber(0.052, 'pct1', de), '5,2\u00a0%');
  assert.equal(formatNumber(99.5, 'money', de), '99,50\u00a0€');
  assert.equal(formatNumber(351234, 'k', de), '351k\u00a0€');
  assert.equal(formatNumber(-1234567, 'k', { locale: 'en-GB', currency: 'GBP' }), '-£1.2M');
});

test('validSettings falls back on bad input', () => {
  assert.deepEqual(validSettings('de-DE', 'eur'), { locale: 'de-DE', currency: 'EUR' });
  assert.deepEqual(validSettings('<script>', 'XX1'), { locale: 'en-US', currency: 'USD' });
  assert.deepEqual(validSettings(undefined, undefined), { locale: 'en-US', currency: 'USD' });
  assert.deepEqual(validSettings('x'.repeat(100), 'US'), { locale: 'en-US', currency: 'USD' });
});

test('goJSON writes values as Go json.Marshal does', () => {
  const cases = [
    [31234, '31234'],
    [0.05, '0.05'],
    [1e-7, '1e-7'.replace('e-7', 'e-07')],
    [1.5e-10, '1.5e-10'],
    [1e21, '1e+21'],
    [null, 'null'],
    [true, 'true'],
    ['a<b>&c', '"a\\u003cb\\u003e\\u0026c"'],
    [[0.1, null], '[0.1,null]'],
    [{ r: 0.24, a: 4.41 }, '{"r":0.24,"a":4.41}'],
  ];
  for (const [v, want] of cases) assert.equal(goJSON(v), want);
});
