package calc

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"
)

// TestDistributionFunctions checks the distribution functions against
// values computed with mpmath 1.3 at 40 significant digits (ncdf, npdf,
// gammainc, betainc and findroot on the t distribution function); R's
// pnorm, dnorm, pchisq(lower.tail = FALSE), pt(lower.tail = FALSE) and qt
// print the same leading digits (e.g. qt(0.975, 5) = 2.570582).
func TestDistributionFunctions(t *testing.T) {
	cases := []struct {
		name string
		got  float64
		want float64
		rel  float64
	}{
		{"Φ(-1.96)", unitNormalCDF(-1.96), 0.024997895148220434137, 1e-14},
		{"Φ(-10)", unitNormalCDF(-10), 7.619853024160526066e-24, 1e-13},
		{"Φ(0.5)", unitNormalCDF(0.5), 0.69146246127401310364, 1e-15},
		{"Φ(3)", unitNormalCDF(3), 0.99865010196836990547, 1e-15},
		{"φ(0)", unitNormalPDF(0), 0.39894228040143267794, 1e-15},
		{"φ(1.5)", unitNormalPDF(1.5), 0.12951759566589172761, 1e-15},
		{"φ(-4)", unitNormalPDF(-4), 0.00013383022576488535177, 1e-14},
		{"Φ⁻¹(0.975)", unitNormalQuantile(0.975), 1.959963984540054, 1e-15}, // R: qnorm(0.975)
		{"χ²₁ tail at 3.8415", chiSquared1Survival(3.841458820694124), 0.050000000000000058397, 1e-13},
		{"χ²₁ tail at 0.5", chiSquared1Survival(0.5), 0.47950012218695346232, 1e-14},
		{"χ²₁ tail at 50", chiSquared1Survival(50), 1.5374597944280348502e-12, 1e-12},
		{"χ²₁ tail at -1", chiSquared1Survival(-1), 1, 0},
		{"P(t₅ > 2)", studentTDistSurvival(2, 5), 0.050969739414929178123, 1e-13},
		{"P(t₃.₅ > -1.5)", studentTDistSurvival(-1.5, 3.5), 0.89109090649232738263, 1e-13},
		{"P(t₂ > 10)", studentTDistSurvival(10, 2), 0.0049262285116628454234, 1e-13},
		{"P(t₁₀₀₀ > 0.3)", studentTDistSurvival(0.3, 1000), 0.38211975208362201798, 1e-12},
		{"P(t₇ > 0)", studentTDistSurvival(0, 7), 0.5, 0},
		{"t₅ quantile 0.975", studentTDistQuantile(0.975, 5), 2.5705818356363155147, 1e-13},
		{"t₁₀ quantile 0.025", studentTDistQuantile(0.025, 10), -2.2281388519862747484, 1e-13},
		{"t₂.₅ quantile 0.999", studentTDistQuantile(0.999, 2.5), 13.822193110865964639, 1e-12},
		{"t₃₀ quantile 0.6", studentTDistQuantile(0.6, 30), 0.25560536495191277249, 1e-12},
		{"t₉ quantile 0.5", studentTDistQuantile(0.5, 9), 0, 0},
	}
	for _, c := range cases {
		if math.Abs(c.got-c.want) > c.rel*math.Abs(c.want) {
			t.Errorf("%s = %.17g, want %.17g (relative error %.2g)", c.name, c.got, c.want, math.Abs(c.got-c.want)/math.Abs(c.want))
		}
	}
}

// TestEmpiricalQuantile: R's quantile(1:10, p, type = 1) gives 1 for p = 0
// and 0.1, 2 for 0.11, 5 for 0.5, 9 for 0.9, 10 for 0.91 and 1.
func TestEmpiricalQuantile(t *testing.T) {
	x := []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}
	for _, c := range []struct{ p, want float64 }{{0, 1}, {0.1, 1}, {0.11, 2}, {0.5, 5}, {0.9, 9}, {0.91, 10}, {1, 10}} {
		if got := empiricalQuantile(c.p, x); got != c.want {
			t.Errorf("empiricalQuantile(%v) = %v, want %v", c.p, got, c.want)
		}
	}
	if got := empiricalQuantile(0.5, []float64{1, math.NaN()}); !math.IsNaN(got) {
		t.Errorf("with a NaN: %v, want NaN", got)
	}
}

// TestDistributionsAsGonum: the functions replace gonum's distuv methods
// and stat.Quantile (to keep gonum's matrix code out of the browser's
// module) and give the same results to the last bit on random arguments,
// so every calculator's output is unchanged.
func TestDistributionsAsGonum(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		x := (rng.Float64() - 0.5) * 20
		p := rng.Float64()
		nu := math.Exp(rng.Float64() * 12)
		same := func(name string, got, want float64) {
			if got != want && !(math.IsNaN(got) && math.IsNaN(want)) {
				t.Fatalf("%s: %v, gonum %v (x = %v, p = %v, nu = %v)", name, got, want, x, p, nu)
			}
		}
		same("Φ", unitNormalCDF(x), distuv.UnitNormal.CDF(x))
		same("φ", unitNormalPDF(x), distuv.UnitNormal.Prob(x))
		same("Φ⁻¹", unitNormalQuantile(p), distuv.UnitNormal.Quantile(p))
		same("χ²₁", chiSquared1Survival(x*x), distuv.ChiSquared{K: 1}.Survival(x*x))
		same("t tail", studentTDistSurvival(x, nu), distuv.StudentsT{Mu: 0, Sigma: 1, Nu: nu}.Survival(x))
		same("t quantile", studentTDistQuantile(p, nu), distuv.StudentsT{Mu: 0, Sigma: 1, Nu: nu}.Quantile(p))
	}
	for n := 1; n < 60; n++ {
		sorted := make([]float64, n)
		for i := range sorted {
			sorted[i] = float64(i) + rng.Float64()
		}
		for _, p := range []float64{0, 0.1, 0.5, 0.9, 1, rng.Float64()} {
			if got, want := empiricalQuantile(p, sorted), stat.Quantile(p, stat.Empirical, sorted, nil); got != want {
				t.Fatalf("empiricalQuantile(%v) of %d values = %v, gonum %v", p, n, got, want)
			}
		}
	}
}
