// The charts view: draws each figure's ECharts option (pre-rendered JSON
// first, then each live result's charts) with the chart library, which
// loads when a chart with an option first comes into view (site/FRONTEND.md,
// "Charts"). A null option hides its figure.

let chartsURL = '';
let chartsModule = null;

/** useChartLibrary sets the URL of the chart library (assets/charts.HASH.js). */
export function useChartLibrary(url) {
  chartsURL = url;
}

function loadCharts() {
  if (!chartsModule) chartsModule = import(/* @vite-ignore */ chartsURL);
  return chartsModule;
}

const chartState = new WeakMap(); // figure -> {option, visible, drawn}
let observer;

function chartObserver() {
  if (observer === undefined) {
    observer =
      typeof IntersectionObserver === 'function'
        ? new IntersectionObserver(
            (entries) => {
              for (const e of entries) {
                const st = e.isIntersecting && chartState.get(e.target);
                if (st) {
                  st.visible = true;
                  drawChart(e.target);
                }
              }
            },
            { rootMargin: '200px' }
          )
        : null;
  }
  return observer;
}

function chartCanvas(figure) {
  return figure.querySelector('.chart-canvas') || figure;
}

/**
 * setChart shows option in figure (null hides it), drawing it when
 * visible; the promise settles once it is drawn (or left to draw when it
 * comes into view).
 */
export function setChart(figure, option) {
  let st = chartState.get(figure);
  if (!st) {
    const obs = chartObserver();
    st = { option: null, visible: !obs, drawn: null };
    chartState.set(figure, st);
    if (obs) obs.observe(figure);
  }
  st.option = option;
  if (option === null || option === undefined) {
    figure.hidden = true;
    if (st.drawn && chartsModule) chartsModule.then((m) => m.dispose(chartCanvas(figure))).catch(() => {});
    st.drawn = null;
    return Promise.resolve();
  }
  figure.hidden = false;
  return drawChart(figure);
}

function drawChart(figure) {
  const st = chartState.get(figure);
  if (!st || !st.visible || !st.option || st.drawn === st.option || !chartsURL) return Promise.resolve();
  const option = st.option;
  return loadCharts()
    .then((m) => {
      if (st.option !== option) return;
      m.render(chartCanvas(figure), option);
      st.drawn = option;
    })
    .catch(() => {
      figure.classList.add('chart--unavailable');
    });
}

/**
 * applyCharts draws the charts of a result (JSON text of [{id, option}]) in
 * the section's figures with the same data-chart id; once those in view are
 * drawn, it counts the update in the section's data-chart-runs (the tests
 * and the benchmark wait on it).
 */
export function applyCharts(section, chartsJSON) {
  let charts = [];
  try {
    charts = JSON.parse(chartsJSON || '[]') || [];
  } catch {
    charts = [];
  }
  const drawn = [];
  for (const c of charts) {
    const figure = section.querySelector(`figure[data-chart="${CSS.escape(String(c.id))}"]`);
    if (figure) drawn.push(setChart(figure, c.option));
  }
  return Promise.all(drawn).then(() => {
    section.setAttribute('data-chart-runs', String((Number(section.getAttribute('data-chart-runs')) || 0) + 1));
  });
}

/** initCharts draws every figure's pre-rendered option under root. */
export function initCharts(root) {
  for (const figure of root.querySelectorAll('figure[data-chart]')) {
    const data = figure.querySelector('script[data-chart-option]');
    let option = null;
    try {
      option = data ? JSON.parse(data.textContent || 'null') : null;
    } catch {
      option = null;
    }
    setChart(figure, option);
  }
}

// ---------------------------------------------------------------------------
// For print (print.js): every chart drawn, not only those scrolled into view.

/**
 * drawAllCharts draws every figure's chart under root, in view or not, and
 * keeps drawing them on later results; it settles once they are drawn.
 */
export function drawAllCharts(root = document) {
  const drawn = [];
  for (const figure of root.querySelectorAll('figure[data-chart]')) {
    const st = chartState.get(figure);
    if (!st) continue;
    st.visible = true;
    drawn.push(drawChart(figure));
  }
  return Promise.all(drawn);
}
