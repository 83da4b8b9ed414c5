import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scaleOf, shift, parseText, parseNumber, toDisplay, displayText, echoText, separators } from './inputs.js';

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

// The input parser over locales: [locale, entry, k (10^k scale), options, contract value].
// The separators are Intl.NumberFormat's (CLDR): de-DE writes 1.234.567,5,
// fr-FR 1 234 567,5 (narrow no-break space), de-CH 1’234’567.5, en-IN 12,34,567.5.
const accepted = [
  ['en-US', '10', 2, {}, 0.1],
  ['en-US', '10%', 2, {}, 0.1],
  ['en-US', '10 %', 2, {}, 0.1],
  ['en-US', '2.5', 0, {}, 2.5],
  ['en-US', '200,000', 0, {}, 200000],
  ['en-US', '1,000,000', 0, {}, 1000000],
  ['en-US', '200.000', 0, {}, 200], // en-US reads "." as the decimal point (and the form echoes "= 200")
  ['en-US', '2,5', 0, {}, 2.5], // not a thousands group: a decimal comma
  ['en-US', '1.020,00', 0, {}, 1020], // both separators: the last one is the decimal
  ['en-US', '-0.5', 2, {}, -0.005],
  ['en-US', '\u22123', 2, {}, -0.03], // the minus sign U+2212
  ['en-US', '+7', 2, {}, 0.07],
  ['en-US', '.5', 0, {}, 0.5],
  ['en-US', '1e6', 0, {}, 1e6],
  ['en-US', '$1,200', 0, { currency: true }, 1200],
  ['en-US', '12.50 USD', 0, { currency: true }, 12.5],
  ['en-US', '-$5', 0, { currency: true }, -5],
  ['de-DE', '2,5', 0, {}, 2.5],
  ['de-DE', '200.000', 0, {}, 200000],
  ['de-DE', '1.234.567,89', 0, {}, 1234567.89],
  ['de-DE', '2.5', 0, {}, 2.5], // not a thousands group: read as a decimal, and echoed
  ['de-DE', '2,5 %', 2, {}, 0.025],
  ['de-DE', '1.020,00 €', 0, { currency: true }, 1020],
  ['de-DE', '€12,50', 0, { currency: true }, 12.5],
  ['fr-FR', '1\u202f234,5', 0, {}, 1234.5],
  ['fr-FR', '200 000', 0, {}, 200000],
  ['fr-FR', '2,5', 2, {}, 0.025],
  ['de-CH', '1\u2019234.5', 0, {}, 1234.5],
  ['de-CH', "200'000", 0, {}, 200000],
  ['en-IN', '12,34,567', 0, {}, 1234567],
  ['ja-JP', '1,234', 0, {}, 1234],
];

test('entries read in the page locale', () => {
  for (const [locale, entry, k, opts, want] of accepted) {
    assert.equal(parseText(entry, 'number', k, { locale, ...opts }), want, `${locale} ${JSON.stringify(entry)}`);
  }
});

// Rejects go to the core as text, which names the field and the range.
const rejected = [
  ['en-US', '<script>alert(1)</script>', 2],
  ['en-US', '1e400', 2],
  ['en-US', '5%', 0], // a percent sign where no percentage is asked
  ['en-US', '0x10', 0],
  ['en-US', 'NaN', 0],
  ['en-US', 'Infinity', 0],
  ['en-US', '.', 0],
  ['en-US', '--1', 0],
  ['en-US', '1.2.3', 0], // "2" is no thousands group
  ['en-US', '1,2.3', 0],
  ['en-US', '1,23,4', 0],
  ['en-US', '$5', 0], // a currency sign on a field that is not money
  ['en-US', '5 %%', 2],
  ['de-DE', '1.2,3.4', 0],
  ['de-DE', '1,5e3', 0], // exponents with the decimal point only
  ['de-DE', '12,5,0', 0],
];

test('entries that are not numbers are passed on as text', () => {
  for (const [locale, entry, k] of rejected) {
    assert.equal(parseText(entry, 'number', k, { locale }), entry, `${locale} ${JSON.stringify(entry)}`);
  }
  assert.equal(typeof parseText('1.5', 'integer', 0), 'number'); // the core says "whole number"
});

test('ambiguous entries are flagged', () => {
  assert.equal(parseNumber('200.000', 'de-DE').ambiguous, true);
  assert.equal(parseNumber('200,000', 'en-US').ambiguous, true);
  assert.equal(parseNumber('1.500', 'en-US').ambiguous, true);
  assert.equal(parseNumber('2.5', 'de-DE').ambiguous, true);
  assert.equal(parseNumber('2.5', 'en-US').ambiguous, false);
  assert.equal(parseNumber('1,000,000', 'en-US').ambiguous, false);
  assert.equal(parseNumber('200000', 'en-US').ambiguous, false);
  assert.equal(parseNumber('1 500', 'fr-FR').ambiguous, false);
});

test('the echo shows how an entry was read', () => {
  const us = { locale: 'en-US', currency: 'USD' };
  const de = { locale: 'de-DE', currency: 'EUR' };
  assert.equal(echoText('200,000', 'number', 0, 'count', us), '= 200,000 (200 thousand)');
  assert.equal(echoText('200.000', 'number', 0, 'count', us), '= 200');
  assert.equal(echoText('200.000', 'number', 0, 'count', de), '= 200.000 (200 Tausend)');
  assert.equal(echoText('200000', 'number', 0, 'count', us), '= 200,000');
  assert.equal(echoText('2.5', 'number', 2, 'fraction', de), '= 2,5\u00a0%');
  assert.equal(echoText('0.5', 'number', 2, 'points', us), '');
  assert.equal(echoText('1.020,00', 'number', 0, 'currency', us), '= $1,020');
  assert.equal(echoText('5', 'number', 2, 'fraction', us), ''); // read as written
  assert.equal(echoText('2,5', 'number', 0, 'number', de), '');
  assert.equal(echoText('abc', 'number', 0, 'number', us), '');
  assert.equal(echoText('', 'number', 0, 'number', us), '');
});

test('URL values shown in inputs, in the locale', () => {
  assert.equal(toDisplay('0.03', 'number', 2), '3');
  assert.equal(toDisplay('0.052', 'number', 2), '5.2');
  assert.equal(toDisplay('0.07', 'number', 2), '7');
  assert.equal(toDisplay('1e-7', 'number', 2), '0.00001');
  assert.equal(toDisplay('5000', 'number', 0), '5,000');
  assert.equal(toDisplay('200000', 'number', 0, 'de-DE'), '200.000');
  assert.equal(toDisplay('0.025', 'number', 2, 'de-DE'), '2,5');
  assert.equal(toDisplay('<b>x</b>', 'number', 2), '<b>x</b>');
  assert.equal(displayText('1234567.125', 0, 'fr-FR'), '1\u202f234\u202f567,125');
  // The round trip keeps the contract value, in every locale.
  for (const locale of ['en-US', 'de-DE', 'fr-FR', 'de-CH', 'en-IN']) {
    for (const v of ['0.05', '0.052', '0.1234', '0.9999', '0.001', '2500000', '1234.5']) {
      assert.equal(parseText(toDisplay(v, 'number', 2, locale), 'number', 2, { locale }), Number(v), `${locale} ${v}`);
    }
  }
});

test('separators follow Intl', () => {
  assert.deepEqual(separators('de-DE'), { decimal: ',', group: '.' });
  assert.deepEqual(separators('en-US'), { decimal: '.', group: ',' });
});

test('scale and shift', () => {
  assert.equal(scaleOf('100'), 2);
  assert.equal(scaleOf(null), 0);
  assert.equal(scaleOf('3'), 0);
  assert.equal(shift('5.2', -2), 0.052);
  assert.equal(shift('5.2e1', -2), 0.52);
  assert.ok(Number.isNaN(shift('1e2e3', 1)));
});
