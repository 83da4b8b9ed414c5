// From a chart's option as the Go side writes it (internal/charts: JSON, no
// functions) to the ECharts option for this reader, this theme and this
// width (site/FRONTEND.md, "Charts"):
//
// - numbers: text carries numbers as tokens {{FORMAT:NUMBER}} and the
//   currency symbol as "¤"; the option's "roikit" key (removed here) names the
//   format (site/js/format.js) of each axis's labels and tooltip value and of
//   each series' values, tooltip and mark labels ("{c}"). All are written in
//   the reader's locale and currency.
// - theme: titles, axes, grid lines, legend and tooltip take the page's
//   colours (CSS custom properties read at render time); the main series
//   colour is the page's --accent, and the other palette colours have dark
//   variants on a dark background.
// - width: titles and subtitles wrap to the chart's width, the legend's rows
//   are counted, row labels (a tornado) all show, wrapped to a share of the
//   width, value axes get fewer ticks on narrow charts, and pins grow to
//   their label. The chart's height follows.
//
// Pure: no DOM; the caller passes format, measure and the colours
// (chartopts.test.js runs it under Node).

/** BASE_HEIGHT is the chart's height (px) when nothing needs more room. */
export const BASE_HEIGHT = 320;

const TOKEN = /\{\{([a-z0-9]+):([^}]*)\}\}/g;
const CURRENCY = /\u00a4/g;

// The Go palette (internal/charts option.go) and each colour's dark variant:
// at least 3:1 on the dark background (#12161c), like the light ones on white.
const BLUE = '#1f5fa8';
const DARK = { '#b54a00': '#ff9f5a', '#2b6e31': '#6fbf73', '#b3261e': '#ff8a80', '#6b3fa0': '#c3a6ff' };
const GREY = '#595959';

// A callout: a rounded box (75 % of the height) over a point.
const CALLOUT = 'path://M10,0H90Q100,0 100,10V65Q100,75 90,75H60L50,100L40,75H10Q0,75 0,65V10Q0,0 10,0Z';

/** fallbackMeasure estimates a text's width (px) where no canvas measures it. */
export function fallbackMeasure(text, size) {
  return String(text).length * size * 0.56;
}

/** wrap breaks text into lines of at most width px (words kept whole). */
export function wrap(text, width, size, measure) {
  const lines = [];
  for (const para of String(text).split('\n')) {
    let line = '';
    for (const word of para.split(' ')) {
      const next = line ? line + ' ' + word : word;
      if (line && measure(next, size) > width) {
        lines.push(line);
        line = word;
      } else {
        line = next;
      }
    }
    lines.push(line);
  }
  return lines;
}

/** mapStrings copies v with every string passed through fn. */
function mapStrings(v, fn) {
  if (typeof v === 'string') return fn(v);
  if (Array.isArray(v)) return v.map((x) => mapStrings(x, fn));
  if (v && typeof v === 'object') {
    const o = {};
    for (const k of Object.keys(v)) o[k] = mapStrings(v[k], fn);
    return o;
  }
  return v;
}

/** lastNumber is the value a tooltip shows of a data item: y of [x, y], v of [x, y, v]. */
function lastNumber(v) {
  if (!Array.isArray(v)) return v;
  for (let i = v.length - 1; i >= 0; i--) if (typeof v[i] === 'number') return v[i];
  return v[v.length - 1];
}

/**
 * textFormatter returns a function that writes a value (a number, or a
 * category such as "1234.5" or "> 1234.5") in format f.
 */
function textFormatter(format, f) {
  return (v) => {
    v = lastNumber(v);
    if (typeof v === 'number') return format(v, f);
    const m = /^(\D*?)(-?\d[\d.e+-]*)$/.exec(String(v));
    return m && Number.isFinite(Number(m[2])) ? m[1] + format(Number(m[2]), f) : String(v);
  };
}

function list(v) {
  if (Array.isArray(v)) return v;
  return v ? [v] : [];
}

/**
 * prepare returns {option, height}: the ECharts option of a Go option for
 * ctx = {format(value, fmt), currency (symbol), width (px),
 * measure(text, size) (px), colors: {text, muted, border, bg, accent, dark,
 * font} or null}, and the chart's height in px.
 */
export function prepare(source, ctx) {
  const { format, colors } = ctx;
  const measure = ctx.measure || fallbackMeasure;
  const width = Math.max(200, ctx.width || 640);
  const hints = (source && source.roikit) || {};
  const palette = (s) => {
    if (!colors || s[0] !== '#') return s;
    if (s === BLUE) return colors.accent || s;
    if (s === GREY) return colors.muted || s;
    return (colors.dark && DARK[s]) || s;
  };
  const text = (s) =>
    palette(s.replace(TOKEN, (_, f, x) => format(Number(x), f)).replace(CURRENCY, ctx.currency || '$'));
  const o = mapStrings({ ...source, roikit: undefined }, text);
  delete o.roikit;

  axes(o, hints, format, colors);
  series(o, hints, format, measure);
  theme(o, colors);
  const extra = layout(o, hints, width, measure);
  return { option: o, height: Math.round(BASE_HEIGHT + extra) };
}

/** axes installs each axis's formatters and keeps value-axis labels apart. */
function axes(o, hints, format, colors) {
  for (const dim of ['xAxis', 'yAxis']) {
    o[dim] = list(o[dim]).map((ax, i) => {
      const f = (hints[dim] || [])[i];
      const a = { ...ax, axisLabel: { ...ax.axisLabel, hideOverlap: true } };
      if (f) {
        const fmt = textFormatter(format, f);
        // Whole ticks without decimals: "0", not "0.00 €"; "50 €", not "50.00 €".
        const money = f === 'k' || f === 'money';
        a.axisLabel.formatter = (v) => {
          if (v === 0) return format(0, 'int');
          const t = fmt(v);
          return money && Number.isInteger(v) && Math.abs(v) < 100 ? t.replace(/[.,]00(?!\d)/, '') : t;
        };
        a.axisPointer = { ...a.axisPointer, label: { ...(a.axisPointer || {}).label, formatter: (p) => fmt(p.value) } };
      }
      if (dim === 'xAxis') {
        // Below the y axis's lowest label, which is centred on the corner.
        a.axisLabel.margin = 11;
      }
      if (colors) {
        a.axisLabel.color = colors.muted;
        a.nameTextStyle = { ...a.nameTextStyle, color: colors.muted };
        a.axisLine = { ...a.axisLine, lineStyle: { ...(a.axisLine || {}).lineStyle, color: colors.muted } };
        a.axisTick = { ...a.axisTick, lineStyle: { ...(a.axisTick || {}).lineStyle, color: colors.muted } };
        const split = a.splitLine || {};
        a.splitLine = { ...split, lineStyle: { ...split.lineStyle, color: colors.border } };
      }
      return a;
    });
  }
}

/** series installs each series' tooltip and label formatters and sizes its pins. */
function series(o, hints, format, measure) {
  o.series = list(o.series).map((s, i) => {
    const f = (hints.series || [])[i];
    if (!f) return s;
    const fmt = textFormatter(format, f);
    const out = { ...s, tooltip: { ...s.tooltip, valueFormatter: (v) => fmt(v) } };
    const label = (l) => {
      if (!l || typeof l.formatter !== 'string' || !l.formatter.includes('{c}')) return l;
      const tpl = l.formatter;
      return { ...l, formatter: (p) => tpl.split('{c}').join(fmt(p.value)) };
    };
    out.label = label(s.label);
    if (s.markLine) {
      out.markLine = { ...s.markLine, label: label(s.markLine.label) };
      out.markLine.data = list(s.markLine.data).map((d) => (d && d.label ? { ...d, label: label(d.label) } : d));
    }
    if (s.markPoint) {
      const ml = label(s.markPoint.label);
      out.markPoint = { ...s.markPoint, label: ml };
      out.markPoint.data = list(s.markPoint.data).map((d) => {
        if (!d || d.symbol !== 'pin' || !ml || !ml.show) return d;
        // A pin that holds its label: a callout as wide as the text, its
        // point on the coordinate.
        const w = Math.ceil(measure(fmt(d.value), 12) + 14);
        return { ...d, symbol: CALLOUT, symbolKeepAspect: false, symbolSize: [w, 30], symbolOffset: [0, -15], label: { offset: [0, -4] } };
      });
    }
    if (out.label === undefined) delete out.label;
    return out;
  });
}

/** theme colours the text, lines and tooltip with the page's colours. */
function theme(o, colors) {
  o.tooltip = list(o.tooltip).map((t) => ({ ...t, confine: true }));
  if (o.tooltip.length === 1) o.tooltip = o.tooltip[0];
  if (!colors) return;
  o.textStyle = { ...o.textStyle, color: colors.text, fontFamily: colors.font || undefined };
  o.title = { ...o.title, textStyle: { ...(o.title || {}).textStyle, color: colors.text } };
  o.title.subtextStyle = { ...o.title.subtextStyle, color: colors.muted };
  if (o.legend) o.legend = { ...o.legend, textStyle: { ...o.legend.textStyle, color: colors.text }, inactiveColor: colors.border };
  if (o.visualMap) o.visualMap = { ...o.visualMap, textStyle: { ...o.visualMap.textStyle, color: colors.text } };
  // Mark labels in the text colour, with a halo of the background over lines.
  const halo = (l) => (l ? { ...l, color: colors.text, textBorderColor: colors.bg, textBorderWidth: 2 } : l);
  // A callout's label in the background colour, on the accent.
  const inCallout = (d) => (d && d.symbol === CALLOUT ? { ...d, label: { ...d.label, color: colors.bg } } : d);
  o.series = list(o.series).map((s) => {
    const out = { ...s };
    if (s.markLine) {
      const data = list(s.markLine.data).map((d) => (d && d.label ? { ...d, label: halo(d.label) } : d));
      out.markLine = { ...s.markLine, label: halo(s.markLine.label || {}), data };
    }
    if (s.markPoint) out.markPoint = { ...s.markPoint, data: list(s.markPoint.data).map(inCallout) };
    return out;
  });
  const tip = (t) => ({
    ...t,
    backgroundColor: colors.bg,
    borderColor: colors.border,
    textStyle: { ...t.textStyle, color: colors.text },
  });
  o.tooltip = Array.isArray(o.tooltip) ? o.tooltip.map(tip) : tip(o.tooltip);
}

/**
 * layout wraps the title and subtitle to the width, counts the legend's
 * rows, fits row labels, and returns the height the chart needs beyond
 * BASE_HEIGHT.
 */
function layout(o, hints, width, measure) {
  const inner = width - 24;
  const title = { ...o.title, top: 4, itemGap: 4 };
  const tLines = title.text ? wrap(title.text, inner, 15, measure) : [];
  const sLines = title.subtext ? wrap(title.subtext, inner, 12, measure) : [];
  title.text = tLines.join('\n');
  title.textStyle = { ...title.textStyle, fontSize: 15, lineHeight: 20 };
  if (title.subtext) title.subtext = sLines.join('\n');
  title.subtextStyle = { ...title.subtextStyle, fontSize: 12, lineHeight: 16 };
  o.title = title;
  // The design height holds one line of each (4 + 20 + 4 + 16).
  const titleExtra = Math.max(0, tLines.length - 1) * 20 + Math.max(0, sLines.length - 1) * 16 + (title.subtext ? 0 : -20);
  const grid = { ...o.grid };
  // ... and a y axis name above the plot: without one, the plot moves up.
  const named = list(o.yAxis).some((ax) => ax.name && ax.nameLocation !== 'middle');
  grid.top = (Number(grid.top) || 92) + titleExtra - (named ? 0 : 24);
  let extra = titleExtra - (named ? 0 : 24);

  if (o.legend) {
    const names = list(o.series).map((s) => s.name).filter(Boolean);
    let rows = 1;
    let x = 0;
    for (const n of names) {
      const w = 25 + 5 + measure(n, 12) + 10;
      if (x > 0 && x + w > inner) {
        rows++;
        x = 0;
      }
      x += w;
    }
    grid.bottom = (Number(grid.bottom) || 64) + (rows - 1) * 22;
    extra += (rows - 1) * 22;
  }
  if (width < 480) grid.right = Math.min(Number(grid.right) || 32, 16);

  if (hints.rowLabels) {
    const ax = list(o.yAxis)[0];
    const labels = (ax && ax.data) || [];
    const longest = Math.max(0, ...labels.map((l) => measure(String(l), 12)));
    const labelWidth = Math.ceil(Math.min(longest, Math.max(96, width * 0.38)));
    // A label too long for one line breaks before its "(...)" first.
    const rowLines = (l) => {
      const t = String(l);
      return wrap(measure(t, 12) > labelWidth ? t.replace(' (', '\n(') : t, labelWidth, 12, measure);
    };
    const lines = labels.map(rowLines);
    const fmt = ax.axisLabel && ax.axisLabel.formatter;
    o.yAxis[0] = {
      ...ax,
      axisLabel: {
        ...ax.axisLabel,
        interval: 0,
        hideOverlap: false,
        lineHeight: 14,
        formatter: (v) => rowLines(fmt ? fmt(v) : v).join('\n'),
      },
    };
    grid.left = labelWidth + 16;
    const rowHeight = Math.max(24, ...lines.map((l) => l.length * 14 + 8));
    const need = grid.top + labels.length * rowHeight + (Number(grid.bottom) || 64);
    extra = Math.max(extra, need - BASE_HEIGHT);
  }
  o.grid = grid;
  // About one tick per 90 px of plot (a label like "-300k €" is ~50 px).
  const plot = width - (Number(grid.left) || 64) - (Number(grid.right) || 32);
  o.xAxis = o.xAxis.map((ax) => (ax.type === 'value' ? { ...ax, splitNumber: Math.max(2, Math.min(5, Math.floor(plot / 90))) } : ax));
  return extra;
}
