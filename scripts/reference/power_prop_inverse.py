#!/usr/bin/python3
"""Reference values for samplesize's mde_by_week (test-only; not part of the build).

Reimplements R's stats::power.prop.test (R 4.2.2, src/library/stats/R/power.R)
solving for p2 given n, p1, power and sig.level, as R does it:

    p.body <- quote(pnorm(((sqrt(n) * abs(p1 - p2) -
                 (qnorm(sig.level / tside, lower = FALSE) *
                  sqrt((p1 + p2) * (1 - (p1 + p2)/2)))) /
                 sqrt(p1 * (1 - p1) + p2 * (1 - p2)))))
    p2 <- uniroot(function(p2) eval(p.body) - power, c(p1, 1), tol = tol, extendInt = "yes")$root

with tol = .Machine$double.eps^0.25 in R; here brentq at xtol 1e-14 finds the
same root to full precision (R's answer differs from the exact root only by
uniroot's tolerance). strict = FALSE (R's default) counts one tail for
two sides; tside = 2 for two sides.

The generalised form (roikit's samplesize formula, CONTRACT.md) with
k = n_treatment / n_control, correction and variance reduction keep = 1 - R^2:

    sqrt(n_c) |p2 - p1| = z_a sqrt(pbar (1 - pbar)(1 + 1/k) keep) + z_b sqrt((p1 q1 + p2 q2 / k) keep)

solved for p2 in (p1, 1) by brentq; for k = 1, keep = 1 it is exactly the R
equation above (pbar(1-pbar)*2 = (p1+p2)(1-(p1+p2)/2)). Means are closed form:
delta = (z_a + z_b) sd sqrt(keep (1 + 1/k) / n_c).

Run: /usr/bin/python3 scripts/reference/power_prop_inverse.py
prints JSON: each case's request and its eight weeks (n_total, absolute and
relative MDE, null when unreachable). calc/testdata/mde_by_week.json holds
its output.
"""
import json
import math

from scipy.optimize import brentq
from scipy.stats import norm


def r_power_prop_p2(n, p1, power, sig_level, tside=2):
    """R's power.prop.test(n=, p1=, power=, sig.level=)$p2 (strict = FALSE)."""
    qa = norm.isf(sig_level / tside)

    def body(p2):
        return norm.cdf((math.sqrt(n) * abs(p1 - p2) - qa * math.sqrt((p1 + p2) * (1 - (p1 + p2) / 2)))
                        / math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))) - power

    hi = 1 - 1e-15
    if body(hi) < 0:
        return None  # no p2 below 1 reaches the power
    return brentq(body, p1, hi, xtol=1e-15, rtol=8.9e-16, maxiter=500)


def alpha_per_comparison(alpha, variants, correction):
    m = variants - 1
    if correction == "bonferroni":
        return alpha / m
    if correction == "sidak":
        return -math.expm1(math.log1p(-alpha) / m)
    return alpha


def week_mde(req, n_total):
    variants = req.get("variants", 2)
    cs = req.get("control_share", 1 / variants)
    k = (1 - cs) / ((variants - 1) * cs)
    apc = alpha_per_comparison(req.get("alpha", 0.05), variants, req.get("correction", "bonferroni"))
    sides = req.get("sides", 2)
    za = norm.isf(apc / sides)
    zb = norm.ppf(req.get("power", 0.8))
    keep = 1 - req.get("variance_reduction", 0)
    nc = n_total * cs
    if n_total == 0:
        return None, None
    if req.get("metric", "proportion") == "mean":
        sd = req["baseline_sd"]
        d = (za + zb) * sd * math.sqrt(keep * (1 + 1 / k) / nc)
        m = req.get("baseline_mean")
        return d, (d / abs(m) if m else None)
    p1 = req["baseline_rate"]

    def f(p2):
        pbar = (p1 + k * p2) / (1 + k)
        return math.sqrt(nc) * (p2 - p1) - (za * math.sqrt(pbar * (1 - pbar) * (1 + 1 / k) * keep)
                                             + zb * math.sqrt((p1 * (1 - p1) + p2 * (1 - p2) / k) * keep))

    if f(1.0) < 0:
        return None, None  # the effect needs a rate above 1
    p2 = brentq(f, p1, 1.0, xtol=1e-16, rtol=8.9e-16, maxiter=500)
    return p2 - p1, (p2 - p1) / p1


CASES = [
    ("two arms, even split, two sides (R equivalence)", {"baseline_rate": 0.05, "mde": 0.1, "daily_visitors": 1000}),
    ("one-sided", {"baseline_rate": 0.05, "mde": 0.1, "daily_visitors": 1000, "sides": 1}),
    ("four variants, bonferroni", {"baseline_rate": 0.1, "mde": 0.1, "daily_visitors": 3000, "variants": 4}),
    ("uneven control_share, traffic_share", {"baseline_rate": 0.03, "mde": 0.1, "daily_visitors": 2500, "control_share": 0.7, "traffic_share": 0.6}),
    ("variance_reduction, sidak, 3 arms", {"baseline_rate": 0.2, "mde": 0.05, "daily_visitors": 800, "variance_reduction": 0.3, "variants": 3, "correction": "sidak", "alpha": 0.1, "power": 0.9}),
    ("means metric", {"metric": "mean", "baseline_mean": 2.5, "baseline_sd": 12, "mde": 0.05, "daily_visitors": 4000, "variance_reduction": 0.2}),
    ("unreachable in week 1 (even p2 = 1 is not detected)", {"baseline_rate": 0.5, "mde": 0.1, "daily_visitors": 2}),
    ("unreachable: no visitor in week 1, too few after", {"baseline_rate": 0.5, "mde": 0.1, "daily_visitors": 0.1}),
    ("mean without baseline mean, absolute effect", {"metric": "mean", "baseline_sd": 3, "mde": 0.2, "mde_type": "absolute", "daily_visitors": 0.1}),
]


def main():
    out = []
    for name, req in CASES:
        per_day = req["daily_visitors"] * req.get("traffic_share", 1)
        weeks = []
        for w in range(1, 9):
            # floor of the exact product (a whole number that floating point
            # lands just below counts as that number)
            n = math.floor(round(7 * w * per_day, 9))
            a, r = week_mde(req, n)
            weeks.append({"weeks": w, "n_total": n, "absolute_mde": a, "relative_mde": r})
        out.append({"name": name, "request": req, "mde_by_week": weeks,
                    "source": "scripts/reference/power_prop_inverse.py, week_mde: " + (
                        "closed form delta = (z_a + z_b) sd sqrt(keep (1 + 1/k) / n_control), scipy.stats.norm quantiles"
                        if req.get("metric") == "mean" else
                        "scipy 1.10.1 brentq root of the samplesize formula in p2 on (p1, 1)")})
    # R equivalence: power.prop.test(n = n_total/2, p1, power, sig.level) for case 0.
    r = CASES[0][1]
    for wk in out[0]["mde_by_week"]:
        p2 = r_power_prop_p2(wk["n_total"] / 2, r["baseline_rate"], 0.8, 0.05)
        wk["r_power_prop_test_p2"] = p2
    out[0]["source"] += "; r_power_prop_test_p2: R 4.2.2 power.prop.test(n = n_total/2, p1 = 0.05, power = 0.8, sig.level = 0.05)$p2, its p.body and uniroot reimplemented (r_power_prop_p2)"
    print(json.dumps({"source": "scripts/reference/power_prop_inverse.py (scipy 1.10.1 brentq; R 4.2.2 power.prop.test's p.body reimplemented)",
                      "cases": out}, indent=1))


if __name__ == "__main__":
    main()
