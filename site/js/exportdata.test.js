// node --test site/js/: the exports' tables, CSV, TSV and HTML (exportdata.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { plainNumber, localeNumber, csvField, toCSV, toTSV, toHTML, responseTables, chartTable, chartText, csvSeparator, csvText, unguardText } from './exportdata.js';

test('plainNumber writes every digit without an exponent, and reads back the same double', () => {
  const cases = [
    [6.015578358611082e-6, '0.000006015578358611082'],
    [1e-7, '0.0000001'],
    [-2.5e-10, '-0.00000000025'],
    [1e21, '1000000000000000000000'],
    [1.2345e22, '12345000000000000000000'],
    [185657.75779096212, '185657.75779096212'],
    [-0, '0'],
    [0.1 + 0.2, '0.30000000000000004'],
    [NaN, ''],
  ];
  for (const [x, want] of cases) {
    assert.equal(plainNumber(x), want, String(x));
    if (want !== '') assert.equal(Number(want), x === 0 ? 0 : x);
  }
});

test('localeNumber follows the locale, without grouping', () => {
  assert.equal(localeNumber(185657.75779096212, 'en-US'), '185657.7578');
  assert.equal(localeNumber(185657.75779096212, 'de-DE'), '185657,7578');
  assert.equal(localeNumber(-30000, 'fr-FR'), '-30000');
  assert.equal(localeNumber(0.05, 'de-CH'), '0.05');
});

test('CSV quoting follows RFC 4180 (fields with separators, quotes or line breaks are quoted, quotes doubled)', () => {
  assert.equal(csvField('plain', ','), 'plain');
  assert.equal(csvField('a,b', ','), '"a,b"');
  assert.equal(csvField('a,b', ';'), 'a,b');
  assert.equal(csvField('say "hi"', ','), '"say ""hi"""');
  assert.equal(csvField('two\nlines', ','), '"two\nlines"');
  assert.equal(csvField(' edge', ','), '" edge"');
});

test('toCSV: plain is machine-readable, locale uses ";" where the decimal sign is ","', () => {
  const t = { columns: ['month', 'net'], rows: [[0, -30000.5], [1, 410.06]] };
  assert.equal(toCSV(t, 'plain', 'de-DE'), 'month,net\r\n0,-30000.5\r\n1,410.06\r\n');
  assert.equal(toCSV(t, 'locale', 'de-DE'), '\ufeffmonth;net\r\n0;-30000,5\r\n1;410,06\r\n');
  assert.equal(toCSV(t, 'locale', 'en-GB'), '\ufeffmonth,net\r\n0,-30000.5\r\n1,410.06\r\n');
  assert.equal(csvSeparator('plain', 'fr-FR'), ',');
  assert.equal(csvSeparator('locale', 'fr-FR'), ';');
});

test('toTSV and toHTML: one row a line, tabs between cells, text escaped', () => {
  const t = { columns: ['name', 'value'], rows: [['A\tB <c>', 1.5], ['x', null]] };
  assert.equal(toTSV(t, 'locale', 'de-DE'), 'name\tvalue\r\nA B <c>\t1,5\r\nx\t\r\n');
  assert.equal(
    toHTML(t, 'plain'),
    '<table><thead><tr><th>name</th><th>value</th></tr></thead><tbody><tr><td>A\tB &lt;c&gt;</td><td align="right">1.5</td></tr><tr><td>x</td><td></td></tr></tbody></table>'
  );
});

test('responseTables: figures, lists of objects, lists of numbers, histograms and posteriors', () => {
  const body = {
    npv: 100,
    roi: null,
    significant: true,
    absolute_lift_ci: [0.1, 0.2],
    cash_flows: [{ month: 0, net: -5 }, { month: 1, net: 3 }],
    ideas: [{ name: 'B', rank: 2 }, { name: 'A', rank: 1 }],
    cumulative_clv: [10, 15, 17],
    npv_histogram: { bin_edges: [0, 1, 2], counts: [4, 6] },
    control_posterior: { alpha: 1, beta: 2 },
    treatment_posterior: { alpha: 3, beta: 4 },
    solo: { a: 1 },
    warnings: [{ code: 'x', message: 'y' }],
  };
  const tables = responseTables(body, { npv: 'Net present value' });
  const byKey = Object.fromEntries(tables.map((t) => [t.key, t]));
  assert.deepEqual(Object.keys(byKey), ['figures', 'cash_flows', 'ideas', 'cumulative_clv', 'npv_histogram', 'posteriors']);
  assert.deepEqual(byKey.figures.rows, [
    ['Net present value', 'npv', 100],
    ['', 'roi', null],
    ['', 'significant', true],
    ['', 'absolute_lift_ci.low', 0.1],
    ['', 'absolute_lift_ci.high', 0.2],
    ['', 'solo.a', 1],
  ]);
  assert.deepEqual(byKey.cash_flows.columns, ['month', 'net']);
  assert.deepEqual(byKey.cash_flows.rows, [[0, -5], [1, 3]]);
  assert.deepEqual(byKey.ideas.rows, [['A', 1], ['B', 2]]);
  assert.deepEqual(byKey.cumulative_clv.rows, [[1, 10], [2, 15], [3, 17]]);
  assert.deepEqual(byKey.npv_histogram.rows, [[0, 1, 4], [1, 2, 6]]);
  assert.deepEqual(byKey.posteriors.rows, [['control', 1, 2], ['treatment', 3, 4]]);
});

test('chartTable: points, categories on either axis, named points and tokens', () => {
  const fmt = (v, f) => (f === 'pct' ? Math.round(v * 100) + '%' : String(v));
  const line = { xAxis: [{ type: 'value', name: 'Month' }], yAxis: [{ name: 'Net (¤)' }], series: [{ name: 'Net', data: [{ value: [0, -3] }, { value: [1, 2] }] }] };
  assert.deepEqual(chartTable(line, fmt, 'EUR'), { key: 'chart', title: 'Chart data', columns: ['series', 'Month', 'Net (EUR)'], rows: [['Net', 0, -3], ['Net', 1, 2]] });
  const bars = { xAxis: { type: 'category', data: ['-10', '10'] }, yAxis: { name: 'Count' }, series: [{ name: 'Sims', data: [{ value: 2 }, 5] }] };
  assert.deepEqual(chartTable(bars, fmt).rows, [['Sims', -10, 2], ['Sims', 10, 5]]);
  const tornado = { xAxis: { type: 'value', name: 'Change' }, yAxis: { type: 'category', data: ['Lift ({{pct:0.02}} to {{pct:0.14}})'] }, series: [{ name: 'Low', data: [{ value: -7 }] }] };
  assert.deepEqual(chartTable(tornado, fmt).rows, [['Low', -7, 'Lift (2% to 14%)']]);
  const scatter = { xAxis: { type: 'log', name: 'Days' }, yAxis: { name: 'Return' }, series: [{ name: 'Testable', data: [{ name: 'Email', value: [38, 2.5] }] }] };
  assert.deepEqual(chartTable(scatter, fmt), { key: 'chart', title: 'Chart data', columns: ['series', 'name', 'Days', 'Return'], rows: [['Testable', 'Email', 38, 2.5]] });
  assert.equal(chartText('{{pct:0.5}} of ¤', fmt, 'USD'), '50% of USD');
});

test('csvText guards text a spreadsheet would run as a formula (OWASP), not numbers (issue 15)', () => {
  const cases = [
    ['=1+2', "'=1+2"],
    ["+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1:A9)', "'@SUM(A1:A9)"],
    ['\t=1', "'\t=1"],
    ['\r=1', "'\r=1"],
    ['-', "'-"],
    ['-3.5', '-3.5'],
    ['+12', '+12'],
    ['-1e-3', '-1e-3'],
    ['Search, site', 'Search, site'],
    ['a=b', 'a=b'],
  ];
  for (const [text, want] of cases) {
    assert.equal(csvText(text), want, text);
    assert.equal(unguardText(csvText(text)), text, text);
  }
  const table = { columns: ['name', 'npv'], rows: [['=HYPERLINK("http://x","y")', -3.5], ['@A1', -1200.25], ['-x', null]] };
  assert.equal(toCSV(table, 'plain'), 'name,npv\r\n"\'=HYPERLINK(""http://x"",""y"")",-3.5\r\n\'@A1,-1200.25\r\n\'-x,\r\n');
  assert.equal(toCSV(table, 'locale', 'de-DE').split('\r\n')[2], "'@A1;-1200,25");
  assert.equal(toTSV(table, 'plain').split('\r\n')[1], '\'=HYPERLINK("http://x","y")\t-3.5');
});
