#!/usr/bin/python3
"""Test-only reference for roikit's sequential (always-valid) significance.

An independent implementation of GrowthBook's gbstats SequentialTwoSidedTTest,
written from its published formulas (gbstats/frequentist/tests.py and
gbstats/shared/... as documented at docs.growthbook.io/statistics/sequential),
which follow Waudby-Smith et al. 2023, "Time-uniform central limit theory and
asymptotic confidence sequences", arXiv 2103.06476v7:

  rho = sqrt((-2 ln alpha + ln(-2 ln alpha + 1)) / M)              eq. 161
  half-width = sqrt(s2) sqrt(2 (N rho^2 + 1) / (N^2 rho^2)
                             ln(sqrt(N rho^2 + 1) / alpha))         eq. 9
      with s2 = V N, V the variance of the point estimate, N = n_C + n_T
  p = min(1, sqrt(N rho^2 + 1) exp(-rho^2 N e^2 / (2 V (N rho^2 + 1))))   eq. 155

gbstats' variance of the point estimate (frequentist_variance):
  absolute: V = var_C / n_C + var_T / n_T
  relative: V = var_T / (m_C^2 n_T) + var_C m_T^2 / (m_C^4 n_C)
with var = p (1 - p) for a proportion (ProportionStatistic.variance) and the
sample variance sd^2 for a mean.

The fixed-horizon p-value is computed with SciPy: the pooled two-proportion
z test (scipy.stats.norm.sf) and Welch's t test
(scipy.stats.ttest_ind_from_stats(equal_var=False)).

Run: /usr/bin/python3 scripts/reference/gbstats_sequential.py > calc/testdata/sequential_reference.json
(Debian's python3 with SciPy 1.10.1). The Go test TestSequentialReference reads the output.
"""
import json
import math
import sys

import numpy as np
from scipy import stats


def rho(alpha, tuning):
    # gbstats sequential_rho; Waudby-Smith et al. 2023 eq. 161
    return np.sqrt((-2 * np.log(alpha) + np.log(-2 * np.log(alpha) + 1)) / tuning)


def halfwidth(v, n, alpha, tuning):
    # gbstats SequentialTwoSidedTTest.confidence_interval; eq. 9
    r = rho(alpha, tuning)
    s2 = v * n
    width_term = (2 * (n * r ** 2 + 1)) / (n ** 2 * r ** 2) * np.log(np.sqrt(n * r ** 2 + 1) / alpha)
    return float(np.sqrt(s2) * np.sqrt(width_term))


def pvalue(e, v, n, alpha, tuning):
    # eq. 155, the always-valid p-value of the same sequence
    r2 = rho(alpha, tuning) ** 2
    if v == 0:
        return 1.0 if e == 0 else 0.0
    t = n * r2 + 1
    return float(min(1.0, np.sqrt(t) * np.exp(-r2 * n * e ** 2 / (2 * v * t))))


def sequential(m_c, var_c, n_c, m_t, var_t, n_t, alpha, tuning):
    n = n_c + n_t
    d = m_t - m_c
    v_abs = var_c / n_c + var_t / n_t
    hw = halfwidth(v_abs, n, alpha, tuning)
    out = {
        "absolute_lift": d,
        "absolute_lift_ci": [d - hw, d + hw],
        "p_value": pvalue(d, v_abs, n, alpha, tuning),
    }
    if m_c != 0:
        rel = d / abs(m_c)
        v_rel = var_t / (m_c ** 2 * n_t) + var_c * m_t ** 2 / (m_c ** 4 * n_c)
        hr = halfwidth(v_rel, n, alpha, tuning)
        out["relative_lift"] = rel
        out["relative_lift_ci"] = [rel - hr, rel + hr]
    else:
        out["relative_lift"] = None
        out["relative_lift_ci"] = None
    out["significant"] = out["p_value"] < alpha
    return out


def proportion_case(name, n_c, c_c, n_t, c_t, alpha=0.05, tuning=5000.0):
    p_c, p_t = c_c / n_c, c_t / n_t
    out = sequential(p_c, p_c * (1 - p_c), n_c, p_t, p_t * (1 - p_t), n_t, alpha, tuning)
    pool = (c_c + c_t) / (n_c + n_t)
    if 0 < pool < 1:
        z = (p_t - p_c) / math.sqrt(pool * (1 - pool) * (1 / n_c + 1 / n_t))
        out["fixed_horizon_p_value"] = float(2 * stats.norm.sf(abs(z)))
    else:
        out["fixed_horizon_p_value"] = 1.0
    req = {"control_visitors": n_c, "control_conversions": c_c, "treatment_visitors": n_t,
           "treatment_conversions": c_t, "alpha": alpha, "sequential": True, "sequential_tuning": tuning}
    return {"name": name, "request": req, "expected": out,
            "source": "scripts/reference/gbstats_sequential.py: gbstats SequentialTwoSidedTTest formulas "
                      "(Waudby-Smith et al. 2023 eqs. 9, 155, 161); fixed p from scipy.stats.norm.sf of the pooled z"}


def mean_case(name, n_c, m_c, sd_c, n_t, m_t, sd_t, alpha=0.05, tuning=5000.0):
    out = sequential(m_c, sd_c ** 2, n_c, m_t, sd_t ** 2, n_t, alpha, tuning)
    w = stats.ttest_ind_from_stats(m_t, sd_t, n_t, m_c, sd_c, n_c, equal_var=False)
    out["fixed_horizon_p_value"] = float(w.pvalue)
    req = {"metric": "mean", "control_n": n_c, "control_mean": m_c, "control_sd": sd_c, "treatment_n": n_t,
           "treatment_mean": m_t, "treatment_sd": sd_t, "alpha": alpha, "sequential": True, "sequential_tuning": tuning}
    return {"name": name, "request": req, "expected": out,
            "source": "scripts/reference/gbstats_sequential.py: gbstats SequentialTwoSidedTTest formulas "
                      "(Waudby-Smith et al. 2023 eqs. 9, 155, 161); fixed p from scipy.stats.ttest_ind_from_stats(equal_var=False)"}


def main():
    cases = [
        proportion_case("proportion 200 vs 250 of 10,000", 10000, 200, 10000, 250),
        proportion_case("proportion 1,000 vs 1,100 of 50,000, tuning 100,000", 50000, 1000, 50000, 1100, tuning=100000.0),
        proportion_case("proportion alpha 0.1, unequal arms", 8000, 400, 12000, 690, alpha=0.1),
        proportion_case("proportion negative lift, tuning 1", 3000, 330, 3100, 250, tuning=1.0),
        proportion_case("proportion tiny test", 40, 4, 45, 9),
        proportion_case("proportion control at 0", 500, 0, 500, 6),
        mean_case("mean revenue per visitor", 5000, 2.5, 12.0, 5000, 2.8, 13.0),
        mean_case("mean negative control, alpha 0.01", 20000, -4.0, 30.0, 21000, -3.1, 29.0, alpha=0.01, tuning=20000.0),
        mean_case("mean large test, tuning 1e9", 2000000, 10.0, 5.0, 2000000, 10.01, 5.1, tuning=1e9),
    ]
    json.dump({"generator": "scripts/reference/gbstats_sequential.py (Python %s, NumPy %s, SciPy %s)" % (
        sys.version.split()[0], np.__version__, __import__("scipy").__version__), "cases": cases},
        sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
