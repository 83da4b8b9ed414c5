// roikit's chart library: Apache ECharts 6, only the parts the calculators'
// options use (tree-shaken by esbuild), rendered as SVG. app.js loads it
// lazily with import(data-charts URL) when a chart first scrolls into view.
//
// render(el, option, ctx) draws (or redraws) the option in el for the
// reader's locale, currency and colours (chartopts.js turns internal/charts'
// option into ECharts') and keeps it laid out for el's width; dispose(el)
// releases it. Tooltips are drawn inside the chart
// (renderMode "richText"), not as HTML with style attributes, so the page's
// Content-Security-Policy (style-src 'self') holds.
import * as echarts from 'echarts/core';
import { LineChart, BarChart, HeatmapChart, ScatterChart } from 'echarts/charts';
import {
  TitleComponent,
  TooltipComponent,
  LegendComponent,
  GridComponent,
  MarkLineComponent,
  MarkPointComponent,
  MarkAreaComponent,
  VisualMapComponent,
  AriaComponent,
  DatasetComponent,
} from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import { prepare, fallbackMeasure } from './chartopts.js';

echarts.use([
  LineChart,
  BarChart,
  HeatmapChart,
  ScatterChart,
  TitleComponent,
  TooltipComponent,
  LegendComponent,
  GridComponent,
  MarkLineComponent,
  MarkPointComponent,
  MarkAreaComponent,
  VisualMapComponent,
  AriaComponent,
  DatasetComponent,
  SVGRenderer,
]);

const state = new WeakMap(); // el -> {observer, source, ctx, width}

let measureCtx;

/** measure returns a text's width in px in the charts' font. */
function measure(font) {
  return (text, size) => {
    if (measureCtx === undefined) {
      const canvas = typeof document !== 'undefined' ? document.createElement('canvas') : null;
      measureCtx = (canvas && canvas.getContext && canvas.getContext('2d')) || null;
    }
    if (!measureCtx) return fallbackMeasure(text, size);
    measureCtx.font = size + 'px ' + (font || 'sans-serif');
    return measureCtx.measureText(String(text)).width;
  };
}

/** cspSafe returns the option with HTML tooltips replaced by drawn ones. */
function cspSafe(option) {
  const o = { ...option };
  const fix = (t) => ({ ...t, renderMode: 'richText' });
  if (Array.isArray(o.tooltip)) o.tooltip = o.tooltip.map(fix);
  else if (o.tooltip) o.tooltip = fix(o.tooltip);
  if (!o.aria) o.aria = { enabled: true };
  return o;
}

/** draw lays the option out for el's width and sets it. */
function draw(el, chart, st) {
  st.width = el.clientWidth;
  const colors = st.ctx.colors;
  const { option, height } = prepare(st.source, {
    ...st.ctx,
    width: st.width,
    measure: measure(colors && colors.font),
  });
  const h = height + 'px';
  if (el.style.height !== h) {
    el.style.height = h;
    chart.resize();
  }
  chart.setOption(cspSafe(option), { notMerge: true });
}

/**
 * render draws option (as internal/charts writes it) in el, replacing what
 * was there, for ctx = {format(value, fmt), currency (symbol), colors} (see
 * chartopts.js), and keeps it laid out for el's width.
 */
export function render(el, option, ctx) {
  let chart = echarts.getInstanceByDom(el);
  let st = state.get(el);
  if (!chart || !st) {
    chart = echarts.init(el, null, { renderer: 'svg' });
    st = {};
    state.set(el, st);
    if (typeof ResizeObserver === 'function') {
      let frame = 0;
      st.observer = new ResizeObserver(() => {
        cancelAnimationFrame(frame);
        frame = requestAnimationFrame(() => {
          const c = echarts.getInstanceByDom(el);
          if (!c) return;
          if (el.clientWidth !== st.width) draw(el, c, st);
          c.resize();
        });
      });
      st.observer.observe(el);
    }
  }
  st.source = option;
  st.ctx = ctx || { format: (v) => String(v), currency: '$', colors: null };
  draw(el, chart, st);
  return chart;
}

/** dispose releases the chart drawn in el, if any. */
export function dispose(el) {
  const st = state.get(el);
  if (st && st.observer) st.observer.disconnect();
  state.delete(el);
  const chart = echarts.getInstanceByDom(el);
  if (chart) chart.dispose();
}

/**
 * svg returns the chart drawn in el as SVG text with its size in CSS px
 * ({svg, width, height}), or null when none is drawn (exports.js).
 */
export function svg(el) {
  const chart = echarts.getInstanceByDom(el);
  if (!chart) return null;
  return { svg: chart.renderToSVGString(), width: chart.getWidth(), height: chart.getHeight() };
}
