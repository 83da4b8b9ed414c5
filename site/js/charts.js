// roikit's chart library: Apache ECharts 6, only the parts the calculators'
// options use (tree-shaken by esbuild), rendered as SVG. app.js loads it
// lazily with import(data-charts URL) when a chart first scrolls into view.
//
// render(el, option) draws (or redraws) the option in el and keeps it sized
// to el; dispose(el) releases it. Tooltips are drawn inside the chart
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

const observers = new WeakMap();

/** cspSafe returns the option with HTML tooltips replaced by drawn ones. */
function cspSafe(option) {
  const o = { ...option };
  const fix = (t) => ({ ...t, renderMode: 'richText' });
  if (Array.isArray(o.tooltip)) o.tooltip = o.tooltip.map(fix);
  else if (o.tooltip) o.tooltip = fix(o.tooltip);
  if (!o.aria) o.aria = { enabled: true };
  return o;
}

/** render draws option in el, replacing what was there. */
export function render(el, option) {
  let chart = echarts.getInstanceByDom(el);
  if (!chart) {
    chart = echarts.init(el, null, { renderer: 'svg' });
    if (typeof ResizeObserver === 'function') {
      let frame = 0;
      const ro = new ResizeObserver(() => {
        cancelAnimationFrame(frame);
        frame = requestAnimationFrame(() => {
          const c = echarts.getInstanceByDom(el);
          if (c) c.resize();
        });
      });
      ro.observe(el);
      observers.set(el, ro);
    }
  }
  chart.setOption(cspSafe(option), { notMerge: true, lazyUpdate: true });
  return chart;
}

/** dispose releases the chart drawn in el, if any. */
export function dispose(el) {
  const ro = observers.get(el);
  if (ro) {
    ro.disconnect();
    observers.delete(el);
  }
  const chart = echarts.getInstanceByDom(el);
  if (chart) chart.dispose();
}
