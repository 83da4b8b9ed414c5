package calc

import "math"

// defaultSequentialTuning is the sample size at which the always-valid
// interval is tightest when the request does not say: GrowthBook's default
// (gbstats' sequential_tuning_parameter, 5000).
const defaultSequentialTuning = 5000.0

// sequentialRho2 is the squared tuning constant rho² of the asymptotic
// confidence sequence (Waudby-Smith et al. 2023, arXiv 2103.06476v7, eq. 161,
// as GrowthBook's gbstats computes it):
//
//	rho² = (-2 ln alpha + ln(1 - 2 ln alpha)) / M
//
// with M the tuning sample size (> 0) at which the interval is tightest and
// 0 < alpha < 1. The result is > 0 and unitless (per visitor).
func sequentialRho2(alpha, tuning float64) float64 {
	la := math.Log(alpha)
	return (-2*la + math.Log(1-2*la)) / tuning
}

// sequentialHalfWidth is the half-width of the two-sided 1-alpha asymptotic
// confidence sequence for an estimate whose squared standard error is v
// (the estimate's own units squared), after n visitors in both arms
// together (eq. 9 of Waudby-Smith et al. 2023, with the sample standard
// deviation sqrt(v n) of one visitor's contribution):
//
//	half-width = sqrt(v n) sqrt(2 T ln(sqrt(T)/alpha) / (n² rho²)),  T = n rho² + 1
//
// It is 0 when v is 0; n >= 1.
func sequentialHalfWidth(v, n, rho2, alpha float64) float64 {
	t := n*rho2 + 1
	return math.Sqrt(v*n) * math.Sqrt(2*t*(math.Log(t)/2-math.Log(alpha))/(n*n*rho2))
}

// sequentialPValue is the always-valid p-value of the same confidence
// sequence for a difference e with squared standard error v after n
// visitors (eq. 155 of Waudby-Smith et al. 2023): the smallest alpha whose
// interval excludes 0,
//
//	p = min(1, sqrt(T) exp(-rho² n e² / (2 v T))),  T = n rho² + 1
//
// so p < alpha exactly when e ± sequentialHalfWidth excludes 0. With v = 0
// the interval is the point e: p is 1 when e = 0, else 0.
func sequentialPValue(e, v, n, rho2 float64) float64 {
	if v == 0 {
		if e == 0 {
			return 1
		}
		return 0
	}
	t := n*rho2 + 1
	return math.Min(1, math.Sqrt(t)*math.Exp(-rho2*n*e*e/(2*v*t)))
}

// applySequential replaces the fixed-horizon intervals and p-value of resp
// by the always-valid ones of the asymptotic confidence sequence, as
// GrowthBook's gbstats SequentialTwoSidedTTest computes them (the contract's
// "significance: sequential"). mC and mT are the arms' observed rates or
// means, vC and vT the squared standard errors of each (p(1-p)/n unpooled
// for rates, sd²/n for means), n the visitors of both arms:
//
//	absolute: e = mT - mC,         V = vC + vT
//	relative: e = (mT - mC)/|mC|,  V = vT/mC² + vC mT²/mC⁴  (left null when resp has none)
//	interval: e ± sequentialHalfWidth(V, n),  p_value = sequentialPValue of the absolute e and V
//
// The classic p-value stays in fixed_horizon_p_value.
func applySequential(r *SignificanceRequest, resp *SignificanceResponse, mC, mT, vC, vT, n float64) {
	rho2 := sequentialRho2(r.Alpha, r.SequentialTuning)
	d := mT - mC
	v := vC + vT
	hw := sequentialHalfWidth(v, n, rho2, r.Alpha)
	resp.AbsoluteLiftCI = [2]float64{d - hw, d + hw}
	resp.PValue = sequentialPValue(d, v, n, rho2)
	if resp.RelativeLift != nil {
		rel := *resp.RelativeLift
		// V = v_T/m_C^2 + v_C m_T^2/m_C^4, written as (v_T + v_C q^2)/m_C^2
		// with q = m_T/m_C so that m_C^4 cannot underflow for a tiny m_C.
		q := mT / mC
		vr := (vT + vC*q*q) / (mC * mC)
		hr := sequentialHalfWidth(vr, n, rho2, r.Alpha)
		if lo, hi := rel-hr, rel+hr; isFinite(lo) && isFinite(hi) {
			resp.RelativeLiftCI = &[2]float64{lo, hi}
		} else {
			resp.RelativeLift, resp.RelativeLiftCI = nil, nil
			resp.warn("relative_lift_undefined", "The relative lift is not shown because the control's average is too close to 0 for a change relative to it to mean anything. The absolute lift and the p-value are still valid.")
		}
	}
}
