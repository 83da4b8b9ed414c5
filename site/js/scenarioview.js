// What a comparison of scenarios shows on each calculator page (site/FRONTEND.md,
// "Scenarios"): the key outputs of its table and the one chart whose series
// are overlaid, and the overlay itself: the charts of each scenario's own
// run (as internal/charts writes them, tokens and hints kept) merged into
// one option, one series per scenario (a colour and a dash each), named
// after the scenario. Nothing is computed here that the core computes:
// the series' points are the runs'. Pure (scenarioview.test.js).

/**
 * SCENARIO_VIEWS, by calculator: chart (the data-chart id overlaid), series
 * (the indexes of its series taken from each run) and outputs ([path in the
 * response, label, format of format.js]).
 */
export const SCENARIO_VIEWS = {
  roi: {
    chart: 'cash-flow',
    series: [0],
    outputs: [
      ['npv', 'Net present value', 'k'],
      ['roi', 'Return on cost', 'pct'],
      ['payback_month', 'Payback month', 'int'],
      ['prob_positive_npv', 'Chance of a positive NPV', 'pct'],
      ['pv_benefits', 'Present value of benefits', 'k'],
      ['pv_costs', 'Present value of costs', 'k'],
      ['break_even_lift', 'Break-even lift', 'pct1'],
    ],
  },
  samplesize: {
    chart: 'visitors-vs-mde',
    series: [0],
    outputs: [
      ['n_per_treatment', 'Visitors per treatment', 'int'],
      ['n_control', 'Visitors in control', 'int'],
      ['n_total', 'Visitors in all', 'int'],
      ['days', 'Days at your traffic', 'days'],
      ['target_rate', 'Rate to detect', 'pct2'],
    ],
  },
  significance: {
    chart: 'posteriors',
    series: [0, 1],
    outputs: [
      ['p_value', 'p-value', 'pvalue'],
      ['prob_treatment_beats_control', 'Chance the treatment is better', 'pct1'],
      ['relative_lift', 'Relative lift', 'change1'],
      ['control_rate', 'Control rate', 'pct2'],
      ['treatment_rate', 'Treatment rate', 'pct2'],
      ['srm_p_value', 'Traffic split check (p-value)', 'pvalue'],
    ],
  },
  clv: {
    chart: 'cumulative-value',
    series: [0],
    outputs: [
      ['clv', 'Lifetime value (margin)', 'money'],
      ['revenue_clv', 'Lifetime revenue', 'money'],
      ['annual_margin', 'Margin per year', 'money'],
      ['expected_lifetime_years', 'Expected lifetime (years)', 'dec1'],
    ],
  },
  // clvfit: each scenario's options fitted on the file loaded on the page;
  // the holdout check's model line (series 1) overlays (the bars, what was
  // observed, are the file's and are left out).
  clvfit: {
    chart: 'holdout',
    series: [1],
    outputs: [
      ['customers', 'Customers', 'int'],
      ['bgnbd.r', 'BG/NBD r', 'dec3'],
      ['bgnbd.alpha', 'BG/NBD alpha', 'dec3'],
      ['bgnbd.a', 'BG/NBD a', 'dec3'],
      ['bgnbd.b', 'BG/NBD b', 'dec3'],
      ['gamma_gamma.p', 'Gamma-Gamma p', 'dec2'],
      ['gamma_gamma.q', 'Gamma-Gamma q', 'dec2'],
      ['gamma_gamma.v', 'Gamma-Gamma v', 'dec2'],
      ['population.expected_purchases', 'Expected purchases, all customers', 'int'],
      ['population.clv_mean', 'Average CLV per customer', 'money'],
      ['population.clv_total', 'Total CLV', 'k'],
    ],
  },
  prioritize: {
    chart: 'idea-npv',
    series: [0],
    outputs: [
      ['ideas.0.name', 'Top idea', 'plain'],
      ['ideas.0.npv', 'Top idea: net present value', 'k'],
      ['ideas.0.roi_per_dollar', 'Top idea: return per dollar', 'dec2'],
      ['ideas.0.test_days', 'Top idea: days to test it', 'int'],
      ['portfolio.npv', 'Funded ideas: net present value', 'k'],
      ['portfolio.pv_costs', 'Funded ideas: present value of costs', 'k'],
      ['portfolio.payback_month', 'Funded ideas: payback month', 'int'],
    ],
  },
};

/** SCENARIO_COLORS: one per pinned scenario, from the Go palette (chartopts.js gives them dark variants). */
export const SCENARIO_COLORS = ['#1f5fa8', '#b54a00', '#2b6e31', '#6b3fa0'];

/** SCENARIO_DASHES: each scenario's line also differs by its dash, not by colour alone. */
export const SCENARIO_DASHES = ['solid', 'dashed', 'dotted', [8, 3, 2, 3]];

/** getPath follows a dotted path ("ideas.0.name") into a response; undefined when absent. */
export function getPath(obj, path) {
  let v = obj;
  for (const part of String(path).split('.')) {
    if (v === null || typeof v !== 'object' || !Object.prototype.hasOwnProperty.call(v, part)) return undefined;
    v = v[part];
  }
  return v;
}

function list(v) {
  if (Array.isArray(v)) return v;
  return v ? [v] : [];
}

function clone(v) {
  return JSON.parse(JSON.stringify(v));
}

/** valueOf is a data item's value: {value: x} -> x. */
function valueOf(d) {
  return d && typeof d === 'object' && !Array.isArray(d) && 'value' in d ? d.value : d;
}

/** categoryAxis returns which axis ('xAxis' or 'yAxis') of an option is a category axis with data, or ''. */
function categoryAxis(o) {
  for (const dim of ['xAxis', 'yAxis']) {
    const ax = list(o[dim])[0];
    if (ax && ax.type === 'category' && Array.isArray(ax.data)) return dim;
  }
  return '';
}

/**
 * overlay merges the chart of each scenario into one option: charts is
 * [{name, option}] (option: that scenario's chart as internal/charts
 * writes it, or null when its run failed), view one of SCENARIO_VIEWS.
 * Each scenario gives the view's series, renamed "NAME" (or "NAME ·
 * SERIES" when the view takes several), coloured and dashed as its place;
 * marks (pins, lines of one scenario) are left out. On a category axis
 * (years, ideas) the categories are the union, each scenario's bars at its
 * own categories. Returns null when no scenario has the chart.
 */
export function overlay(charts, view) {
  const have = charts.map((c, i) => ({ ...c, place: i })).filter((c) => c.option && Array.isArray(c.option.series));
  if (have.length === 0) return null;
  const base = clone(have[0].option);
  const hints = base.roikit || {};
  const cat = categoryAxis(base);
  const cats = [];
  if (cat) {
    for (const c of have) for (const x of list(c.option[cat])[0].data || []) if (!cats.includes(x)) cats.push(x);
    base[cat] = [{ ...list(base[cat])[0], data: cats }];
  }
  const series = [];
  const seriesHints = [];
  let xMax = -Infinity;
  for (const c of have) {
    const color = SCENARIO_COLORS[c.place % SCENARIO_COLORS.length];
    const dash = SCENARIO_DASHES[c.place % SCENARIO_DASHES.length];
    const x0 = list(c.option.xAxis)[0];
    if (x0 && typeof x0.max === 'number') xMax = Math.max(xMax, x0.max);
    for (const idx of view.series) {
      const src = c.option.series[idx];
      if (!src) continue;
      const s = clone(src);
      delete s.markPoint;
      delete s.markLine;
      delete s.areaStyle;
      delete s.yAxisIndex;
      s.name = view.series.length > 1 ? `${c.name} · ${src.name}` : c.name;
      s.itemStyle = { ...s.itemStyle, color };
      if (s.type === 'line') {
        // Several series of one scenario keep their own dash (control solid, treatment dashed).
        s.lineStyle = { ...s.lineStyle, color, width: 2.5, type: view.series.length > 1 ? (src.lineStyle && src.lineStyle.type) || 'solid' : dash };
      }
      if (Array.isArray(s.data)) {
        s.data = s.data.map((d) => (d && typeof d === 'object' && !Array.isArray(d) ? { ...d, itemStyle: undefined } : d));
        if (cat) {
          const own = list(c.option[cat])[0].data || [];
          const at = new Map(own.map((x, i) => [x, s.data[i]]));
          s.data = cats.map((x) => (at.has(x) ? at.get(x) : '-')); // '-': no bar there
        }
      }
      series.push(JSON.parse(JSON.stringify(s)));
      seriesHints.push((hints.series || [])[idx] || null);
    }
  }
  base.series = series;
  base.color = SCENARIO_COLORS.slice();
  base.legend = { show: true, bottom: '0' };
  base.yAxis = list(base.yAxis).slice(0, 1);
  const x = list(base.xAxis)[0];
  if (x && x.type === 'value' && xMax > -Infinity) base.xAxis = [{ ...x, max: xMax }];
  base.roikit = { ...hints, series: seriesHints, yAxis: (hints.yAxis || []).slice(0, 1) };
  const names = have.map((c) => c.name);
  base.title = { ...base.title, subtext: names.join(' · ') };
  base.aria = {
    enabled: true,
    label: {
      enabled: true,
      description: `${base.title.text || 'Chart'}: ${have.length} scenarios overlaid, one series each (${names.join(', ')}). ` + have.map((c) => `${c.name}: ${getPath(c.option, 'aria.label.description') || ''}`).join(' '),
    },
  };
  return base;
}

/** sameValue: two values of a response (or of a request) are equal (numbers within 1e-12 relative). */
export function sameValue(a, b) {
  if (typeof a === 'number' && typeof b === 'number') return a === b || Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b));
  return JSON.stringify(a === undefined ? null : a) === JSON.stringify(b === undefined ? null : b);
}

/**
 * outputRows returns the table's output rows: [{path, label, format,
 * values: [v per scenario], differs: [bool per scenario]}], a scenario's
 * value undefined when its run failed; differs compares with the first.
 * Outputs that no scenario has are left out.
 */
export function outputRows(view, bodies) {
  const rows = view.outputs.map(([path, label, format]) => {
    const values = bodies.map((b) => (b ? getPath(b, path) : undefined));
    const differs = values.map((v, i) => Boolean(i > 0 && bodies[i] && bodies[0] && !sameValue(v, values[0])));
    return { path, label, format, values, differs };
  });
  // An output no scenario has (the funded ideas, without a budget) is left out.
  return rows.filter((r) => r.values.some((v) => v !== undefined && v !== null));
}

/**
 * inputRows returns the table's input rows for requests (the scenarios'
 * values) and fields ([{name, label}] in the form's order): those where
 * some scenario has a value, each with values and differs as outputRows.
 */
export function inputRows(fields, requests) {
  const rows = [];
  for (const f of fields) {
    const values = requests.map((r) => r[f.name]);
    if (values.every((v) => v === undefined || v === null || v === '')) continue;
    rows.push({ ...f, values, differs: values.map((v, i) => i > 0 && !sameValue(v, values[0])) });
  }
  return rows;
}
