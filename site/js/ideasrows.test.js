// node --test site/js/: the ideas table's text forms (ideasrows.js): the URL's compact
// rows, spreadsheet paste and CSV files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeRows, decodeRows, parseTSV, headerColumns, toCSV, fromCSV } from './ideasrows.js';

const names = ['name', 'addressable_share', 'expected_lift', 'lift_low', 'lift_high', 'one_time_cost', 'monthly_cost', 'ramp_months', 'risk_adjustment'];
const columns = names.map((name) => ({ name, label: name === 'lift_low' ? 'Lift, pessimistic case' : name.replace(/_/g, ' ') }));

test('encodeRows is compact and decodeRows reads it back', () => {
  const items = [
    { name: 'Email', addressable_share: 0.3, expected_lift: 0.02, one_time_cost: 10000 },
    { name: 'A*B_C~D', expected_lift: 1e-7 },
  ];
  const text = encodeRows(items, names);
  assert.equal(text, 'Email*0.3*0.02***10000_A~1B~2C~0D**1e-7');
  const back = decodeRows(text, names);
  assert.deepEqual(back, items.map((it) => Object.fromEntries(Object.entries(it).map(([k, v]) => [k, String(v)]))));
  // A query keeps the separators as they are.
  assert.equal(new URLSearchParams({ ideas: text }).toString(), 'ideas=' + text.replace(/~/g, '%7E'));
});

test('decodeRows reads a JSON array and caps the rows', () => {
  assert.deepEqual(decodeRows('[{"name":"X","expected_lift":0.1,"junk":1}]', names), [{ name: 'X', expected_lift: '0.1' }]);
  assert.equal(decodeRows(Array(30).fill('a').join('_'), names, 20).length, 20);
  assert.deepEqual(decodeRows('', names), []);
});

test('parseTSV and headerColumns tell a header row from data', () => {
  const grid = parseTSV('Name\tExpected lift (%)\tLift, pessimistic case\r\nA\t5\t1\r\n\r\n');
  assert.deepEqual(grid, [['Name', 'Expected lift (%)', 'Lift, pessimistic case'], ['A', '5', '1']]);
  assert.deepEqual(headerColumns(grid[0], columns), [0, 2, 3]);
  assert.equal(headerColumns(grid[1], columns), null);
  assert.equal(headerColumns(['Name', 'Colour'], columns), null);
});

test('toCSV and fromCSV round-trip, as roikit prioritize --input reads', () => {
  const items = [{ name: 'Search, site', expected_lift: 0.03 }, { name: 'Say "hi"', one_time_cost: 5 }];
  const csv = toCSV(items, names);
  assert.equal(csv.split('\r\n')[0], names.join(','));
  assert.deepEqual(fromCSV(csv, columns), [
    { name: 'Search, site', expected_lift: '0.03' },
    { name: 'Say "hi"', one_time_cost: '5' },
  ]);
  assert.deepEqual(fromCSV('Name;Expected-Lift\nA;0.05\n', columns), [{ name: 'A', expected_lift: '0.05' }]);
  assert.throws(() => fromCSV('name,colour\nA,red\n', columns), /column 2 \("colour"\) is not a field/);
  assert.throws(() => fromCSV('name\n', columns), /header row/);
});

test('toCSV guards idea names a spreadsheet would run as formulas; fromCSV reads them back as typed (issue 15)', () => {
  const items = [{ name: '=1+2', expected_lift: -0.05 }, { name: '@SUM(A1:A9)', one_time_cost: 5 }, { name: "-cmd|' /C calc'!A0" }];
  const csv = toCSV(items, names);
  assert.deepEqual(csv.split('\r\n').slice(1, 4).map((l) => l.split(',')[0]), ["'=1+2", "'@SUM(A1:A9)", "'-cmd|' /C calc'!A0"]);
  assert.ok(csv.split('\r\n')[1].includes(',-0.05'), 'a negative number stays a number');
  assert.deepEqual(fromCSV(csv, columns).map((i) => i.name), ['=1+2', '@SUM(A1:A9)', "-cmd|' /C calc'!A0"]);
});
