// The business case's step 5 computed from a plan (plan.js runs it for the
// page, plancompare.js for each saved plan it compares): the measured
// ideas' significance runs, then prioritize on the case request (planstate.js
// caseRequest). calc(key, name, request) runs a calculator and resolves to
// {body} | {error} | {superseded} (plan.js' Plan.calc).
import * as S from './planstate.js';

/**
 * measureResults runs significance for each named idea whose four counts
 * were typed (typed: name -> {cv, cc, tv, tc, off}, counts as text read by
 * parseCount). It resolves to {results: [{name, obs, sig, error, measured}],
 * measured: Map name -> {lift, low, high}} (an idea switched off, or whose
 * control converted no one, is not measured).
 */
export async function measureResults(calc, names, typed, parseCount, keyPrefix = 'plan-result-') {
  const measured = new Map();
  const results = await Promise.all(
    names.map(async (name, i) => {
      const obs = typed[name];
      if (!S.obsComplete(obs)) return { name, obs };
      const counts = {};
      for (const k of ['cv', 'cc', 'tv', 'tc']) counts[k] = parseCount(obs[k]);
      const out = await calc(keyPrefix + i, 'significance', S.resultRequest(counts));
      const ok = !!(out.body && out.body.relative_lift_ci);
      if (ok && !obs.off) measured.set(name, { lift: out.body.relative_lift, low: out.body.relative_lift_ci[0], high: out.body.relative_lift_ci[1] });
      return { name, obs, sig: out.body, error: out.error, measured: ok && !obs.off };
    }),
  );
  return { results, measured };
}

/** runCase runs the case's prioritize: {caseReq, kase} (kase as calc gives it). */
export async function runCase(calc, req, measured, key = 'plan-case') {
  const caseReq = S.caseRequest(req, measured);
  return { caseReq, kase: await calc(key, 'prioritize', caseReq) };
}

/**
 * planCase computes a whole plan's case from step 2's request and the
 * typed results: prioritize ranks the ideas, the chosen ideas' results
 * are measured, and the case is run. It resolves to {caseReq, kase,
 * measured}, or {kase: {error}} when the ranking fails, or {superseded}.
 */
export async function planCase(calc, req, typed, parseCount, keyPrefix) {
  const ranked = await calc(keyPrefix + 'rank', 'prioritize', req);
  if (ranked.superseded) return { superseded: true };
  if (!ranked.body) return { kase: ranked, measured: new Map(), caseReq: req };
  const names = S.chosenIdeas(ranked.body, req).map((x) => x.line.name);
  const { measured } = await measureResults(calc, names, typed || {}, parseCount, keyPrefix + 'result-');
  const { caseReq, kase } = await runCase(calc, req, measured, keyPrefix + 'case');
  return { caseReq, kase, measured };
}
