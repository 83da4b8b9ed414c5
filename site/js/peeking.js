// The peeking demonstration of the significance page (site/FRONTEND.md,
// "Peeking demonstration"): simulated A/A tests at the reader's traffic,
// read once a day for the planned days, and the share of them the
// fixed-horizon test and the sequential test would have called winners.
// The module computes it (roikit.peeking, through the engine's worker with
// the name "peeking") and draws its chart (internal/charts.Peeking); this
// script only gathers the inputs and shows the answer.
//
// Inputs: the planned days (default 14) and the visitors per day, both
// arms together, which follow the significance widget's visitors divided
// by the days until the reader types their own; the baseline rate is the
// control's conversion rate, alpha and the tuning are the widget's.
import { setChart } from './chartsview.js';
import { format, settings } from './settings.js';
import { parseNumber } from './inputs.js';

export const DEFAULT_DAYS = 14;
export const SIMULATIONS = 1000;
const PAUSE_MS = 250;

/**
 * wholeNumber reads a typed count in the reader's locale as the forms do
 * (inputs.js parseNumber: "10,000", "10.000" in de-DE, "10 000"); NaN when
 * it is not a whole number of 0 or more ("14.5", "-3", "12a").
 */
export function wholeNumber(text, locale) {
  const read = parseNumber(String(text || ''), locale);
  const n = read && read.text !== null ? Number(read.text) : NaN;
  return Number.isInteger(n) && n >= 0 ? n : NaN;
}

/**
 * peekingRequest builds the demonstration's request from the widget's
 * contract request (sig) and the demonstration's own inputs ({days,
 * daily}: numbers, daily NaN when it follows the widget). It returns
 * {request} or {problem: a sentence}.
 */
export function peekingRequest(sig, own, lastRate) {
  const days = own.days;
  if (!Number.isInteger(days) || days < 1 || days > 365) return { problem: 'Planned days must be a whole number between 1 and 365.' };
  const mean = sig.metric === 'mean';
  const visitors = mean ? Number(sig.control_n) + Number(sig.treatment_n) : Number(sig.control_visitors) + Number(sig.treatment_visitors);
  let daily = own.daily;
  if (!Number.isFinite(daily)) daily = Math.round(visitors / days);
  if (!Number.isInteger(daily) || daily < 2 || daily > 1e8) return { problem: 'Visitors per day must be a whole number between 2 and 100,000,000.' };
  let rate = mean ? lastRate : Number(sig.control_conversions) / Number(sig.control_visitors);
  if (!(rate > 0 && rate < 1)) rate = lastRate;
  if (!(rate > 0 && rate < 1)) return { problem: 'The demonstration needs a control conversion rate between 0 % and 100 %.' };
  const request = { daily_visitors: daily, baseline_rate: rate, days, simulations: SIMULATIONS, seed: 1 };
  if (Number(sig.alpha) > 0) request.alpha = Number(sig.alpha);
  if (sig.sequential === true && Number(sig.sequential_tuning) > 0) request.sequential_tuning = Number(sig.sequential_tuning);
  return { request, daily, rate };
}

/** peekingSummary is the sentence under the chart, from the demonstration's response. */
export function peekingSummary(resp, fmt) {
  const last = resp.days.length - 1;
  return (
    'By day ' + fmt(resp.days[last], 'int') + ', checking every day would have called a winner in ' + fmt(resp.fixed_winners[last], 'pct1') +
    ' of ' + fmt(resp.simulations, 'int') + ' A/A tests with the fixed-horizon test, and in ' + fmt(resp.sequential_winners[last], 'pct1') +
    ' with the sequential test (alpha ' + fmt(resp.alpha, 'pct1') + '). None of them had a real difference.'
  );
}

/** initPeeking makes the demonstration of root live, run by engine. */
export function initPeeking(root, engine) {
  const box = root.querySelector('[data-peeking]');
  const section = root.querySelector('section[data-calc="significance"][data-primary]') || root.querySelector('section[data-calc="significance"]');
  if (!box || !section) return;
  const daysInput = box.querySelector('[data-peeking-input="days"]');
  const dailyInput = box.querySelector('[data-peeking-input="daily_visitors"]');
  const status = box.querySelector('[data-role="peeking-status"]');
  const figure = box.querySelector('figure[data-chart="peeking"]');
  let sig = null;
  let lastRate = NaN;
  let dailyTyped = false;
  let timer = 0;

  let latest = 0; // the newest run: an older one's answer is dropped
  const run = () => {
    if (!sig) return;
    const mine = ++latest;
    const out = peekingRequest(
      sig,
      { days: wholeNumber(daysInput.value, settings.locale), daily: dailyTyped ? wholeNumber(dailyInput.value, settings.locale) : NaN },
      lastRate
    );
    if (out.problem) {
      status.textContent = out.problem;
      if (figure) figure.hidden = true; // no chart of other inputs under the problem
      return;
    }
    lastRate = out.rate;
    if (!dailyTyped) dailyInput.value = format(out.daily, 'int');
    box.setAttribute('aria-busy', 'true');
    const started = performance.now();
    engine.run('peeking', 'peeking', JSON.stringify(out.request)).then(
      (res) => {
        if (mine !== latest) return;
        box.removeAttribute('aria-busy');
        let body = {};
        try {
          body = JSON.parse(res.response);
        } catch {
          body = {};
        }
        if (res.status !== 0) {
          status.textContent = ((body.errors || [])[0] || {}).message || 'The demonstration could not run.';
          return;
        }
        status.textContent = peekingSummary(body, format);
        box.setAttribute('data-peeking-ms', String(Math.round(performance.now() - started)));
        let option = null;
        try {
          option = (JSON.parse(res.charts || '[]')[0] || {}).option || null;
        } catch {
          option = null;
        }
        if (figure) {
          figure.hidden = false;
          setChart(figure, option).then(() => box.setAttribute('data-peeking-runs', String((Number(box.getAttribute('data-peeking-runs')) || 0) + 1)));
        }
      },
      () => {} // superseded by a newer run
    );
  };
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(run, PAUSE_MS);
  };
  section.addEventListener('roikit:result', (e) => {
    sig = (e.detail && e.detail.request) || null;
    later();
  });
  daysInput.addEventListener('input', later);
  dailyInput.addEventListener('input', () => {
    dailyTyped = dailyInput.value.trim() !== '';
    later();
  });
}
