// node --test site/js/: what a comparison shows (scenarioview.js): the
// overlaid chart built from each scenario's own chart, and the table's rows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SCENARIO_VIEWS, SCENARIO_COLORS, overlay, outputRows, inputRows, getPath } from './scenarioview.js';

// A chart as internal/charts writes it (roi's cash flow, shortened).
function cashFlow(points, max, desc) {
  return {
    aria: { enabled: true, label: { enabled: true, description: desc } },
    title: { text: 'Cumulative discounted cash flow', subtext: 'Pays back in month 6' },
    tooltip: { trigger: 'axis' },
    xAxis: [{ type: 'value', name: 'Month', min: 0, max }],
    yAxis: [{ type: 'value', name: 'Net (¤)' }, { type: 'value', name: 'Days' }],
    series: [
      { type: 'line', name: 'Cumulative discounted net', data: points.map((p) => ({ value: p })), lineStyle: { width: 2 }, areaStyle: { opacity: 0.1 }, markLine: { data: [{ yAxis: 0 }] }, markPoint: { data: [] } },
      { type: 'line', name: 'Days', yAxisIndex: 1, data: [] },
    ],
    roikit: { xAxis: ['int'], yAxis: ['k', 'int'], series: ['money', 'int'] },
  };
}

test('overlay: one series per scenario, named, coloured and dashed by place, the points as each run gave them', () => {
  const a = cashFlow([[0, -30000], [1, -29000]], 36, 'A desc.');
  const b = cashFlow([[0, -45000], [1, -40000], [2, 1]], 48, 'B desc.');
  const o = overlay([{ name: 'Base', option: a }, { name: 'Broken', option: null }, { name: 'Bold', option: b }], { series: [0] });
  assert.deepEqual(o.series.map((s) => s.name), ['Base', 'Bold']);
  assert.deepEqual(o.series.map((s) => s.lineStyle.color), [SCENARIO_COLORS[0], SCENARIO_COLORS[2]]); // colour by place: Bold stays third
  assert.deepEqual(o.series.map((s) => s.lineStyle.type), ['solid', 'dotted']);
  assert.deepEqual(o.series[1].data, b.series[0].data);
  assert.ok(o.series.every((s) => !s.markLine && !s.markPoint && !s.areaStyle));
  assert.equal(o.xAxis[0].max, 48); // the longest horizon
  assert.equal(o.yAxis.length, 1);
  assert.deepEqual(o.roikit, { xAxis: ['int'], yAxis: ['k'], series: ['money', 'money'] });
  assert.equal(o.title.subtext, 'Base · Bold');
  assert.match(o.aria.label.description, /2 scenarios overlaid.*Base: A desc\. Bold: B desc\./);
  assert.deepEqual(o.legend, { show: true, bottom: '0' });
  assert.equal(a.series.length, 2); // the runs' charts are not changed
  assert.equal(overlay([{ name: 'X', option: null }], { series: [0] }), null);
});

test('overlay: several series of a scenario keep their own dash; a category axis is the union', () => {
  const post = (c, t) => ({ title: { text: 'Posteriors' }, xAxis: [{ type: 'value' }], yAxis: [{ type: 'value' }], series: [
    { type: 'line', name: 'Control', data: c, lineStyle: { width: 2.5 } },
    { type: 'line', name: 'Treatment', data: t, lineStyle: { width: 2.5, type: 'dashed' } },
  ] });
  const o = overlay([{ name: 'A', option: post([[1, 2]], [[1, 3]]) }, { name: 'B', option: post([[2, 2]], [[2, 3]]) }], { series: [0, 1] });
  assert.deepEqual(o.series.map((s) => [s.name, s.lineStyle.type, s.lineStyle.color]), [
    ['A · Control', 'solid', SCENARIO_COLORS[0]], ['A · Treatment', 'dashed', SCENARIO_COLORS[0]],
    ['B · Control', 'solid', SCENARIO_COLORS[1]], ['B · Treatment', 'dashed', SCENARIO_COLORS[1]],
  ]);
  const bars = (cats, vals) => ({ title: { text: 'NPV' }, xAxis: [{ type: 'value' }], yAxis: [{ type: 'category', data: cats }], series: [
    { type: 'bar', name: 'NPV', data: vals.map((v) => ({ value: v, itemStyle: { color: '#2b6e31' } })) },
  ] });
  const b = overlay([{ name: 'A', option: bars(['Email', 'Search'], [1, 2]) }, { name: 'B', option: bars(['Search', 'Chat'], [5, 6]) }], { series: [0] });
  assert.deepEqual(b.yAxis[0].data, ['Email', 'Search', 'Chat']);
  assert.deepEqual(b.series.map((s) => s.data.map((d) => (d === '-' ? '-' : d.value))), [[1, 2, '-'], ['-', 5, 6]]);
  assert.ok(b.series.every((s) => s.data.every((d) => d === '-' || d.itemStyle === undefined))); // the scenario's colour, not green/red per bar
});

test('outputRows marks what differs from the first scenario; a failed run is neither', () => {
  const view = { outputs: [['npv', 'NPV', 'k'], ['ideas.0.name', 'Top', 'plain'], ['payback_month', 'Payback', 'int'], ['portfolio.npv', 'Funded', 'k']] };
  const rows = outputRows(view, [{ npv: 1, ideas: [{ name: 'A' }], payback_month: null }, { npv: 1 + 1e-15, ideas: [{ name: 'B' }], payback_month: 6 }, null]);
  assert.deepEqual(rows.map((r) => r.path), ['npv', 'ideas.0.name', 'payback_month']); // no scenario has a portfolio
  assert.deepEqual(rows.map((r) => r.differs), [[false, false, false], [false, true, false], [false, true, false]]);
  assert.deepEqual(rows[1].values, ['A', 'B', undefined]);
  assert.equal(getPath({ a: [{ b: 0 }] }, 'a.0.b'), 0);
  assert.equal(getPath({ a: 1 }, 'a.b'), undefined);
});

test('inputRows keeps the form order and leaves out fields no scenario has', () => {
  const fields = [{ name: 'a', label: 'A' }, { name: 'gone', label: 'G' }, { name: 'ideas', label: 'Ideas' }];
  const rows = inputRows(fields, [{ a: 1, ideas: [{ name: 'X' }] }, { a: 2, ideas: [{ name: 'X' }] }]);
  assert.deepEqual(rows.map((r) => [r.name, r.differs]), [['a', [false, true]], ['ideas', [false, false]]]);
});

test('every calculator has a view with a chart, series and outputs', () => {
  assert.deepEqual(Object.keys(SCENARIO_VIEWS).sort(), ['clv', 'clvfit', 'prioritize', 'roi', 'samplesize', 'significance']);
  for (const v of Object.values(SCENARIO_VIEWS)) {
    assert.ok(v.chart && v.series.length && v.outputs.length >= 4);
  }
});
