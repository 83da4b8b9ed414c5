package calc

import (
	"math"

	"gonum.org/v1/gonum/mathext"
)

// The few distribution functions the calculators need, on gonum's special
// functions (mathext). They replace gonum's stat and stat/distuv packages,
// whose matrix types bring gonum's mat, LAPACK and BLAS packages into the
// browser's WebAssembly module; each is written as the distuv method it
// replaces (gonum v0.17), so the results are the same to the last bit.

// logRoot2Pi is ln √(2π).
const logRoot2Pi = 0.91893853320467274178032973640561763986139747363778341281715154048276569592726039769474329863595419762200564662463433744

// unitNormalCDF is Φ(x) = ½ erfc(-x/√2), the standard normal distribution
// function; its lower tail Φ(-z) keeps full relative precision far out
// (erfc, unlike 1 - erf).
func unitNormalCDF(x float64) float64 { return 0.5 * math.Erfc(-x/math.Sqrt2) }

// unitNormalPDF is φ(x) = e^(-x²/2) / √(2π), the standard normal density.
func unitNormalPDF(x float64) float64 { return math.Exp(-logRoot2Pi - x*x/2) }

// unitNormalQuantile is Φ⁻¹(p) for 0 ≤ p ≤ 1 (±Inf at 0 and 1), Wichura's
// AS 241 as implemented by mathext.NormalQuantile.
func unitNormalQuantile(p float64) float64 { return mathext.NormalQuantile(p) }

// chiSquared1Survival is P(X > x) for a chi-square variable with one degree
// of freedom: Q(1/2, x/2), the regularized upper incomplete gamma function.
// It is 1 for x < 0.
func chiSquared1Survival(x float64) float64 {
	if x < 0 {
		return 1
	}
	return mathext.GammaIncRegComp(0.5, 0.5*x)
}

// studentTDistQuantile is the p-quantile of Student's t with nu > 0 degrees
// of freedom, 0 ≤ p ≤ 1, through the inverse regularized incomplete beta
// function: for p > ½, t = √(nu (1-u)/u) with u = I⁻¹(nu/2, ½; 2(1-p)), and
// symmetrically below ½.
func studentTDistQuantile(p, nu float64) float64 {
	if p == 0.5 {
		return 0
	}
	if p > 0.5 {
		u := mathext.InvRegIncBeta(nu/2, 0.5, 2*(1-p))
		return math.Sqrt(nu * (1 - u) / u)
	}
	u := mathext.InvRegIncBeta(nu/2, 0.5, 2*p)
	return -math.Sqrt(nu * (1 - u) / u)
}

// studentTDistSurvival is P(T > t) for Student's t with nu > 0 degrees of
// freedom: ½ I(nu/2, ½; nu/(t²+nu)) for t > 0, one minus that for t < 0.
func studentTDistSurvival(t, nu float64) float64 {
	if t == 0 {
		return 0.5
	}
	u := nu / (t*t + nu)
	if t > 0 {
		return 0.5 * mathext.RegIncBeta(nu/2, 0.5, u)
	}
	return 1 - 0.5*mathext.RegIncBeta(nu/2, 0.5, u)
}

// empiricalQuantile is the p-quantile (0 ≤ p ≤ 1) of ascending values, R's
// quantile type 1: the smallest value with at least a share p of the values
// at or below it, sorted[⌈p n⌉ - 1] (the first value when p n ≤ 1). NaN if
// any value is NaN; sorted must not be empty.
func empiricalQuantile(p float64, sorted []float64) float64 {
	for _, v := range sorted {
		if math.IsNaN(v) {
			return math.NaN()
		}
	}
	k := int(math.Ceil(p*float64(len(sorted)))) - 1
	return sorted[min(max(k, 0), len(sorted)-1)]
}
