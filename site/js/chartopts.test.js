// node --test site/js/: the chart options for the reader (chartopts.js):
// numbers in their locale and currency, the theme's colours, the layout by
// width. The options are shaped as internal/charts writes them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prepare, wrap, fallbackMeasure, BASE_HEIGHT } from './chartopts.js';
import { formatValue } from './format.js';

const de = { locale: 'de-DE', currency: 'EUR' };
const ctxFor = (settings, extra = {}) => ({
  format: (v, f) => formatValue(v, f, settings),
  currency: settings.currency === 'EUR' ? '€' : '$',
  width: 640,
  colors: null,
  ...extra,
});

/** tornado is a roi tornado as internal/charts writes it (two rows). */
function tornado(rows = 2) {
  const labels = Array.from({ length: rows }, (_, i) => `Input number ${i} ({{money:${1000 * (i + 1)}}} to {{money:${2000 * (i + 1)}}})`);
  return {
    animation: false,
    title: { text: 'What moves the net present value', subtext: 'Change from the base NPV of {{money:-806297}}', left: 'center' },
    tooltip: { trigger: 'axis' },
    legend: { bottom: '0' },
    grid: { left: '12', right: '32', top: '92', bottom: '72' },
    xAxis: [{ type: 'value', name: 'Change in NPV (\u00a4)' }],
    yAxis: [{ type: 'category', data: labels, inverse: true }],
    series: [
      { type: 'bar', name: 'Input at its low value', data: labels.map(() => ({ value: -100 })), itemStyle: { color: '#b54a00' } },
      { type: 'bar', name: 'Input at its high value', data: labels.map(() => ({ value: 100 })), itemStyle: { color: '#1f5fa8' } },
    ],
    roikit: { xAxis: ['k'], yAxis: [''], series: ['money', 'money'], rowLabels: true },
  };
}

test('text: number tokens and the currency sign in the reader locale and currency', () => {
  const { option } = prepare(tornado(), ctxFor(de));
  assert.equal(option.roikit, undefined);
  assert.equal(option.title.subtext, 'Change from the base NPV of ' + formatValue(-806297, 'money', de));
  assert.match(option.title.subtext, /806\.297\s€/);
  assert.equal(option.xAxis[0].name, 'Change in NPV (€)');
  assert.equal(option.yAxis[0].data[0], `Input number 0 (${formatValue(1000, 'money', de)} to ${formatValue(2000, 'money', de)})`);
  const text = JSON.stringify(option);
  assert.doesNotMatch(text, /\{\{|\u00a4|\$/);
});

test('axis labels and the tooltip header use the axis format', () => {
  const { option } = prepare(tornado(), ctxFor(de));
  const label = option.xAxis[0].axisLabel.formatter;
  assert.equal(label(-300000), formatValue(-300000, 'k', de));
  assert.equal(label(0), '0');
  assert.equal(label(50), '50\u00a0€'); // whole ticks without decimals
  assert.equal(option.xAxis[0].axisPointer.label.formatter({ value: 1234567 }), formatValue(1234567, 'k', de));
  // Categories holding numbers ("1234.5", "> 41.5") are written in the format.
  const hist = prepare(
    { title: {}, xAxis: [{ type: 'category', data: ['1234.5', '> 41.5'] }], yAxis: [{ type: 'value' }], series: [], roikit: { xAxis: ['money'] } },
    ctxFor(de)
  ).option;
  assert.equal(hist.xAxis[0].axisLabel.formatter('1234.5'), formatValue(1234.5, 'money', de));
  assert.equal(hist.xAxis[0].axisLabel.formatter('> 41.5'), '> ' + formatValue(41.5, 'money', de));
  assert.equal(hist.xAxis[0].axisLabel.formatter('7+'), '7+');
});

test('series values: tooltip, label and mark labels use the series format', () => {
  const src = {
    title: { text: 'T' },
    xAxis: [{ type: 'value' }],
    yAxis: [{ type: 'value' }],
    series: [
      {
        type: 'line',
        name: 'Visitors',
        data: [[5, 31234]],
        markPoint: { label: { show: true, formatter: '{c}' }, data: [{ coord: [10, 31234], value: '1234567', symbol: 'pin', symbolSize: 44 }] },
        markLine: { data: [{ yAxis: 338, label: { show: true, formatter: 'Lifetime value {c}' } }] },
      },
      { type: 'line', name: 'Interval', data: [[1.5, 'Treatment − control']] },
    ],
    roikit: { series: ['int', 'money'] },
  };
  const { option } = prepare(src, ctxFor(de, { measure: fallbackMeasure }));
  const [visitors, interval] = option.series;
  assert.equal(visitors.tooltip.valueFormatter([5, 31234]), '31.234');
  assert.equal(interval.tooltip.valueFormatter([1.5, 'Treatment − control']), formatValue(1.5, 'money', de));
  assert.equal(visitors.markLine.data[0].label.formatter({ value: 338 }), 'Lifetime value 338');
  assert.equal(visitors.markPoint.label.formatter({ value: '1234567' }), '1.234.567');
  // The pin grows to hold its label.
  const pin = visitors.markPoint.data[0];
  assert.ok(pin.symbolSize[0] >= fallbackMeasure('1.234.567', 12) + 8, `pin ${pin.symbolSize}`);
});

test('theme: the page colours; the main series takes the accent; dark variants', () => {
  const colors = { text: 'rgb(232, 236, 241)', muted: 'rgb(169, 179, 191)', border: 'rgb(59, 69, 82)', bg: 'rgb(18, 22, 28)', accent: 'rgb(233, 30, 99)', dark: true, font: 'serif' };
  const { option } = prepare(tornado(), ctxFor(de, { colors }));
  assert.equal(option.title.textStyle.color, colors.text);
  assert.equal(option.title.subtextStyle.color, colors.muted);
  assert.equal(option.legend.textStyle.color, colors.text);
  assert.equal(option.xAxis[0].axisLabel.color, colors.muted);
  assert.equal(option.xAxis[0].splitLine.lineStyle.color, colors.border);
  assert.equal(option.tooltip.backgroundColor, colors.bg);
  assert.equal(option.textStyle.fontFamily, 'serif');
  assert.equal(option.series[1].itemStyle.color, colors.accent);
  assert.notEqual(option.series[0].itemStyle.color, '#b54a00'); // orange, lighter on dark
  const light = prepare(tornado(), ctxFor(de, { colors: { ...colors, dark: false } })).option;
  assert.equal(light.series[0].itemStyle.color, '#b54a00');
  // Without colours (no page), the Go palette stays.
  assert.equal(prepare(tornado(), ctxFor(de)).option.series[1].itemStyle.color, '#1f5fa8');
});

test('layout: every row label shows, wrapped to the width; the chart grows with rows', () => {
  for (const width of [375, 640, 1280]) {
    const small = prepare(tornado(2), ctxFor(de, { width }));
    const big = prepare(tornado(14), ctxFor(de, { width }));
    const ax = big.option.yAxis[0];
    assert.equal(ax.axisLabel.interval, 0);
    assert.equal(ax.axisLabel.hideOverlap, false);
    const labelWidth = big.option.grid.left - 16;
    assert.ok(labelWidth <= Math.max(96, width * 0.38) + 1, `label width ${labelWidth} at ${width}`);
    for (const l of ax.data) {
      for (const line of ax.axisLabel.formatter(l).split('\n')) {
        assert.ok(fallbackMeasure(line, 12) <= labelWidth || !line.includes(' '), `"${line}" wider than ${labelWidth}`);
      }
    }
    const lines = Math.max(...ax.data.map((l) => ax.axisLabel.formatter(l).split('\n').length));
    assert.ok(big.height - big.option.grid.top - big.option.grid.bottom >= 14 * (lines * 14), `height ${big.height} at ${width}`);
    assert.ok(big.height > small.height);
    assert.ok(small.height >= BASE_HEIGHT - 24);
  }
});

test('layout: long subtitles wrap to the width and push the plot down', () => {
  const src = {
    title: { text: 'Visitors needed by effect size', subtext: 'Your test: {{int:31234}} in control and {{int:15617}} per treatment to detect {{pct:0.1}} (relative)' },
    grid: { top: '92', bottom: '64' },
    xAxis: [{ type: 'value' }],
    yAxis: [{ type: 'value', name: 'Visitors per variant', nameLocation: 'end' }],
    series: [],
  };
  const wide = prepare(src, ctxFor(de, { width: 1280 }));
  const narrow = prepare(src, ctxFor(de, { width: 375 }));
  assert.equal(wide.option.title.subtext.split('\n').length, 1);
  const lines = narrow.option.title.subtext.split('\n');
  assert.ok(lines.length >= 2);
  for (const l of lines) assert.ok(fallbackMeasure(l, 12) <= 375 - 24, l);
  assert.ok(narrow.option.grid.top > wide.option.grid.top);
  assert.ok(narrow.height > wide.height);
  assert.ok(narrow.option.xAxis[0].splitNumber < wide.option.xAxis[0].splitNumber);
});

test('wrap keeps words whole and breaks at newlines', () => {
  const m = (t) => t.length;
  assert.deepEqual(wrap('aa bb cc', 5, 12, m), ['aa bb', 'cc']);
  assert.deepEqual(wrap('a\nb', 10, 12, m), ['a', 'b']);
  assert.deepEqual(wrap('averylongword x', 4, 12, m), ['averylongword', 'x']);
});
