package calc

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/big"
	"reflect"
	"strings"
	"testing"
)

// Reference values below come from R 4.2.2 (prop.test, chisq.test, t.test,
// pt, qt, fisher.test, rbeta), SciPy 1.10.1 (norm, integrate.quad) and
// mpmath 1.2.1 at 40 significant digits. Each number carries its source.
//
// The 40-digit references for the Beta comparison are of two kinds:
//   - "mpmath Miller": Evan Miller's closed form
//     P(pB > pA) = sum_{i<aB} B(aA+i, bB+bA)/((bB+i) B(1+i, bB) B(aA, bA)),
//     and E[(pC-pT)+] = mC (1 - P(C' < T)) - mT (1 - P(C < T')) with
//     C' ~ Beta(aC+1, bC), T' ~ Beta(aT+1, bT) (Stucchio), each P by Miller,
//     all in mp.dps = 40;
//   - "mpmath BB": for billions of visitors, where Miller's sum has millions
//     of terms, the BetaBinomial(nT+1, aC, bC) pmf summed over mode ± 12 sd
//     in mp.dps = 40, its first term from mp.loggamma (the total mass came
//     out 1 within 1e-28).
// SciPy's quad over scipy.stats.beta agrees with "mpmath Miller" within 1e-13
// for the small cases but drifts by up to 1e-6 for 1e12 visitors (boost's
// incomplete beta at huge parameters), so it is used only where noted.

// sigRun runs a request through RunJSON and decodes the success response.
func sigRun(t *testing.T, request string) *SignificanceResponse {
	t.Helper()
	out, status := RunJSON("significance", []byte(request))
	if status != StatusOK {
		t.Fatalf("%s: status %d: %s", request, status, out)
	}
	var resp SignificanceResponse
	if err := json.Unmarshal(out, &resp); err != nil {
		t.Fatalf("%s: %v", request, err)
	}
	return &resp
}

func sigCloseRel(got, want, rel float64) bool {
	return math.Abs(got-want) <= rel*math.Max(math.Abs(want), 1e-300)
}

func sigHasWarning(r *SignificanceResponse, code string) bool {
	for _, w := range r.Warnings {
		if w.Code == code {
			return true
		}
	}
	return false
}

// TestSignificanceProportionR checks the frequentist outputs for conversion
// rates against R 4.2.2:
//
//	r  <- prop.test(c(cT, cC), c(nT, nC), correct=FALSE, alternative=alt, conf.level=1-alpha)
//	r2 <- prop.test(c(cT, cC), c(nT, nC), correct=FALSE, conf.level=1-alpha)   # two-sided CI
//	z  <- sign(pT - pC) * sqrt(r$statistic); p <- r$p.value; ci <- r2$conf.int
//	rel CI: pT/pC - 1 ± qnorm(1-alpha/2) * sqrt(pT(1-pT)/nT/pC^2 + pT^2 pC(1-pC)/nC/pC^4)
//
// alt is "two.sided" for sides = 2 and "greater" for sides = 1.
func TestSignificanceProportionR(t *testing.T) {
	tests := []struct {
		name           string
		cC, nC, cT, nT int
		alpha          float64
		sides          int
		z, p           float64    // R prop.test
		ci             [2]float64 // R prop.test conf.int (two-sided)
		rel            [2]float64 // R, delta-method formula above
	}{
		{"2% vs 2.5%", 200, 10000, 250, 10000, 0.05, 2,
			2.3839951328405053, 0.017125828872195031, [2]float64{0.00088991299800084481, 0.0091100870019991571}, [2]float64{0.020173850955675199, 0.4798261490443248}},
		{"one-sided", 200, 10000, 250, 10000, 0.05, 1,
			2.3839951328405053, 0.0085629144360975032, [2]float64{0.00088991299800084481, 0.0091100870019991571}, [2]float64{0.020173850955675199, 0.4798261490443248}},
		{"one-sided, treatment worse", 250, 10000, 200, 10000, 0.05, 1,
			-2.3839951328405053, 0.99143708556390253, [2]float64{-0.0091100870019991571, -0.00088991299800084481}, [2]float64{-0.34708873538836793, -0.052911264611632203}},
		{"alpha 0.01", 200, 10000, 250, 10000, 0.01, 2,
			2.3839951328405053, 0.017125828872195031, [2]float64{-0.00040156993872992111, 0.010401569938729923}, [2]float64{-0.052042758999519212, 0.55204275899951916}},
		{"rates near 0", 3, 100000, 12, 100000, 0.05, 2,
			2.3238771547517909, 0.020132079004586256, [2]float64{1.4094792748839559e-05, 0.00016590520725116045}, [2]float64{-2.0604837915432093, 8.0604837915432093}},
		{"rates near 1", 9990, 10000, 9998, 10000, 0.05, 2,
			2.3100942090065559, 0.020882938985515066, [2]float64{0.00012134283561882043, 0.0014786571643812254}, [2]float64{0.00012101098582307135, 0.0014805906157787606}},
		{"conversions equal visitors", 100, 100, 95, 100, 0.05, 2,
			-2.2645540682891907, 0.023540058261178057, [2]float64{-0.092716424707947109, -0.0072835752920529795}, [2]float64{-0.092716424707947109, -0.0072835752920529795}},
		{"unequal split", 30, 1000, 2600, 100000, 0.05, 2,
			-0.79033546073267658, 0.42933188268466133, [2]float64{-0.01461881644600525, 0.0066188164460052497}, [2]float64{-0.4405373136351256, 0.173870646968459}},
		{"a billion per arm", 10_000_000, 1_000_000_000, 10_010_000, 1_000_000_000, 0.05, 2,
			2.246776925944733, 0.024654287112823633, [2]float64{1.276552828035944e-06, 1.8723447171963239e-05}, [2]float64{0.0001272192172306275, 0.0018727807827691521}},
		{"a billion per arm, one-sided alpha 0.1", 10_000_000, 1_000_000_000, 10_010_000, 1_000_000_000, 0.10, 1,
			2.246776925944733, 0.012327143556411799, [2]float64{2.6790523532543349e-06, 1.7320947646744852e-05}, [2]float64{0.00026753927756041184, 0.0017324607224393678}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := sigRun(t, fmt.Sprintf(`{"control_visitors":%d,"control_conversions":%d,"treatment_visitors":%d,"treatment_conversions":%d,"alpha":%g,"sides":%d}`,
				tc.nC, tc.cC, tc.nT, tc.cT, tc.alpha, tc.sides))
			// Rates and differences of counts up to 1e9 lose ~1e-13 to
			// rounding; everything else agrees with R to a few ulps.
			const tol = 1e-9
			if !sigCloseRel(*r.Z, tc.z, tol) {
				t.Errorf("z = %.17g, want %.17g", *r.Z, tc.z)
			}
			if !sigCloseRel(r.PValue, tc.p, tol) {
				t.Errorf("p_value = %.17g, want %.17g", r.PValue, tc.p)
			}
			if r.Significant != (tc.p < tc.alpha) {
				t.Errorf("significant = %v with p %.3g and alpha %g", r.Significant, tc.p, tc.alpha)
			}
			for i := range 2 {
				if !sigCloseRel(r.AbsoluteLiftCI[i], tc.ci[i], tol) {
					t.Errorf("absolute_lift_ci[%d] = %.17g, want %.17g", i, r.AbsoluteLiftCI[i], tc.ci[i])
				}
				if r.RelativeLiftCI == nil || !sigCloseRel(r.RelativeLiftCI[i], tc.rel[i], tol) {
					t.Errorf("relative_lift_ci = %v, want %v", r.RelativeLiftCI, tc.rel)
				}
			}
			pC, pT := float64(tc.cC)/float64(tc.nC), float64(tc.cT)/float64(tc.nT)
			if *r.ControlRate != pC || *r.TreatmentRate != pT || !sigCloseRel(r.AbsoluteLift, pT-pC, 1e-15) {
				t.Errorf("rates %v %v lift %v, want %v %v %v", *r.ControlRate, *r.TreatmentRate, r.AbsoluteLift, pC, pT, pT-pC)
			}
			if r.T != nil || r.DOF != nil || r.ControlMean != nil {
				t.Errorf("mean outputs set for a proportion: %+v", r)
			}
		})
	}
}

// TestSignificanceFarTail checks a p-value far in the tail, where 1 - erf
// would return 0. R 4.2.2: prop.test(c(1500,1000), c(10000,10000),
// correct=FALSE, alternative=alt): two-sided and "greater".
func TestSignificanceFarTail(t *testing.T) {
	for _, c := range []struct {
		sides int
		p     float64
	}{{2, 1.1282263028690663e-26}, {1, 5.6411315143453716e-27}} {
		r := sigRun(t, fmt.Sprintf(`{"control_visitors":10000,"control_conversions":1000,"treatment_visitors":10000,"treatment_conversions":1500,"sides":%d}`, c.sides))
		if !sigCloseRel(r.PValue, c.p, 1e-9) || !sigCloseRel(*r.Z, 10.690449676496975, 1e-12) {
			t.Errorf("sides %d: p = %.17g, z = %.17g", c.sides, r.PValue, *r.Z)
		}
	}
}

// TestSignificanceZIsChiSquare checks the contract's statement that z² is
// the chi-square statistic without continuity correction.
func TestSignificanceZIsChiSquare(t *testing.T) {
	r := sigRun(t, `{"control_visitors":10000,"control_conversions":200,"treatment_visitors":10000,"treatment_conversions":250}`)
	// R 4.2.2: chisq.test(matrix(c(250,200,9750,9800),2), correct=FALSE)$statistic
	const chisq = 5.683432793407218
	if got := *r.Z * *r.Z; !sigCloseRel(got, chisq, 1e-12) {
		t.Errorf("z² = %.17g, want %.17g", got, chisq)
	}
}

// TestSignificanceBayesProportion checks P(pT > pC) and E[max(pC - pT, 0)]
// under Beta(1 + conversions, 1 + non-conversions) posteriors against
// 40-digit references (see the file comment for "mpmath Miller" and
// "mpmath BB"), and through both orientations of the beta-binomial sum.
func TestSignificanceBayesProportion(t *testing.T) {
	tests := []struct {
		name           string
		cC, nC, cT, nT int
		prob, loss     float64
		rel            float64
	}{
		// mpmath Miller (40 digits).
		{"2% vs 2.5%", 200, 10000, 250, 10000, 0.99142277510588192019, 6.0155783586110835821e-6, 1e-13},
		{"zero control", 0, 500, 5, 500, 0.98460843796851820924, 0.000030477069479583848827, 1e-13},
		{"equal small", 3, 40, 3, 40, 0.5, 0.024762807539483865039, 1e-13},
		{"unequal split", 30, 1000, 2600, 100000, 0.18670721874817894367, 0.0054037169791736900347, 1e-12},
		{"rates near 1", 9990, 10000, 9998, 10000, 0.98879046961151858735, 1.4852979133536112629e-6, 1e-12},
		{"conversions equal visitors", 100, 100, 95, 100, 0.014476504044580809952, 0.049157339481154371658, 1e-13},
		{"treatment far worse", 500, 10000, 300, 10000, 2.1047435007419826098e-13, 0.019996000799840110133, 1e-11},
		{"no conversions", 0, 100, 0, 100, 0.5, 0.0048778131942432145272, 1e-13},
		// Exact: Beta(2,1) against Beta(1,2): P = 1/6, loss = 11/30 (also mpmath Miller).
		{"one visitor each", 1, 1, 0, 1, 1.0 / 6, 11.0 / 30, 1e-14},
		{"tiny rates, billions", 5, 2_000_000_000, 15, 2_000_000_000, 0.98669815082882881109, 1.111602760744571831e-11, 1e-12},
		// mpmath BB (40 digits).
		{"a billion per arm", 10_000_000, 1_000_000_000, 10_010_000, 1_000_000_000, 0.98767285585332783766, 1.9023493015208980705e-8, 1e-12},
		{"3 billion per arm at 50%", 1_500_000_000, 3_000_000_000, 1_500_050_000, 3_000_000_000, 0.90164719876638151659, 5.9910766177005548501e-7, 1e-12},
		{"a billion against 100,000", 10_000_000, 1_000_000_000, 1030, 100_000, 0.83381009911086386583, 0.000027382966740450431666, 1e-12},
		{"a trillion per arm", 10_000_000_000, 1_000_000_000_000, 10_000_100_000, 1_000_000_000_000, 0.76135478480897389815, 1.974426027051710027e-8, 1e-11},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := sigRun(t, fmt.Sprintf(`{"control_visitors":%d,"control_conversions":%d,"treatment_visitors":%d,"treatment_conversions":%d}`,
				tc.nC, tc.cC, tc.nT, tc.cT))
			if !sigCloseRel(r.ProbTreatmentBeatsControl, tc.prob, tc.rel) {
				t.Errorf("prob_treatment_beats_control = %.17g, want %.17g", r.ProbTreatmentBeatsControl, tc.prob)
			}
			if !sigCloseRel(r.ExpectedLoss, tc.loss, tc.rel) {
				t.Errorf("expected_loss = %.17g, want %.17g", r.ExpectedLoss, tc.loss)
			}
			aC, bC := float64(1+tc.cC), float64(1+tc.nC-tc.cC)
			aT, bT := float64(1+tc.cT), float64(1+tc.nT-tc.cT)
			if p := r.ControlPosterior; p.Distribution != "beta" || *p.Alpha != aC || *p.Beta != bC || !sigCloseRel(p.Mean, aC/(aC+bC), 1e-15) {
				t.Errorf("control_posterior = %+v", p)
			}
			if p := r.TreatmentPosterior; p.Distribution != "beta" || *p.Alpha != aT || *p.Beta != bT {
				t.Errorf("treatment_posterior = %+v", p)
			}
			// The arms exchanged: P(C > T) = 1 - P(T > C), and
			// E[(C-T)+] - E[(T-C)+] = E[C] - E[T] (an identity the sums
			// do not use), through the other orientation of the sum.
			swapped := compareBetas(aT, bT, aC, bC)
			if got, want := 1-swapped.probTreatmentBetter, tc.prob; math.Abs(got-want) > 1e-13 {
				t.Errorf("1 - P(C > T) = %.17g, want %.17g", got, want)
			}
			// E[C] - E[T] exactly, as a rational, then rounded once.
			diff, _ := new(big.Rat).Sub(big.NewRat(int64(aC), int64(aC+bC)), big.NewRat(int64(aT), int64(aT+bT))).Float64()
			if got := r.ExpectedLoss - swapped.expectedLoss; math.Abs(got-diff) > tc.rel*math.Max(math.Abs(diff), swapped.expectedLoss) {
				t.Errorf("E[(C-T)+] - E[(T-C)+] = %.17g, want E[C] - E[T] = %.17g", got, diff)
			}
		})
	}
}

// TestSignificanceBayesMonteCarlo checks the Beta comparison against an
// independent simulation, within 4 Monte Carlo standard errors. R 4.2.2:
//
//	set.seed(20240601); N <- 4e6
//	C <- rbeta(N, 1+cC, 1+nC-cC); T <- rbeta(N, 1+cT, 1+nT-cT)
//	mean(T > C); sd(T > C)/sqrt(N); mean(pmax(C-T, 0)); sd(pmax(C-T, 0))/sqrt(N)
func TestSignificanceBayesMonteCarlo(t *testing.T) {
	tests := []struct {
		cC, nC, cT, nT          int
		prob, probSE, loss, lSE float64
	}{
		{200, 10000, 250, 10000, 0.9913845, 4.62e-05, 6.062930868e-06, 4.42e-08},
		{10_000_000, 1_000_000_000, 10_010_000, 1_000_000_000, 0.98775975, 5.5e-05, 1.895436183e-08, 1.15e-10},
		{30, 1000, 2600, 100000, 0.186837, 0.000195, 0.005402517986, 2.41e-06},
	}
	for _, tc := range tests {
		r := sigRun(t, fmt.Sprintf(`{"control_visitors":%d,"control_conversions":%d,"treatment_visitors":%d,"treatment_conversions":%d}`,
			tc.nC, tc.cC, tc.nT, tc.cT))
		if d := math.Abs(r.ProbTreatmentBeatsControl - tc.prob); d > 4*tc.probSE {
			t.Errorf("%v: prob %.8g is %.1f Monte Carlo SEs from R's %.8g", tc, r.ProbTreatmentBeatsControl, d/tc.probSE, tc.prob)
		}
		if d := math.Abs(r.ExpectedLoss - tc.loss); d > 4*tc.lSE {
			t.Errorf("%v: loss %.8g is %.1f Monte Carlo SEs from R's %.8g", tc, r.ExpectedLoss, d/tc.lSE, tc.loss)
		}
	}
}

// TestCompareBetasWork checks that the beta-binomial walk stays near its
// mode: the work grows like the square root of the visitors, not like the
// conversions (Miller's sum would need 10 million terms here).
func TestCompareBetasWork(t *testing.T) {
	small := compareBetas(201, 9801, 251, 9751)
	big := compareBetas(1+10_000_000, 1+990_000_000, 1+10_010_000, 1+989_990_000)
	if small.terms > 1000 || big.terms > 200_000 {
		t.Errorf("terms: %d for 10,000 visitors per arm, %d for a billion", small.terms, big.terms)
	}
}

// TestSignificanceMeanR checks Welch's test against R 4.2.2. Samples with
// exactly the given mean and sd: set.seed(1); gen <- function(n, m, s)
// as.numeric(scale(rnorm(n)))*s + m; then t.test(y, x, var.equal=FALSE,
// alternative=alt, conf.level=1-alpha) and the two-sided conf.int. For 1e9
// per arm, where samples do not fit in memory, t.test's own formulas on the
// summary statistics with R's pt and qt.
func TestSignificanceMeanR(t *testing.T) {
	tests := []struct {
		name               string
		nC                 int
		mC, sC             float64
		nT                 int
		mT, sT             float64
		alpha              float64
		sides              int
		tStat, dof, p      float64
		ci                 [2]float64
		prob, loss, rl, rh float64 // SciPy: norm(d, se).sf(0), quad of -x pdf(x) over x < 0; delta-method relative CI
	}{
		{"two-sided", 100, 2.5, 10, 120, 4, 12, 0.05, 2,
			1.0112997936948633, 217.99984707141758, 0.3129940957291808, [2]float64{-1.4233254388339163, 4.4233254388339169},
			0.8440635176069888, 0.1209405301903955, -0.9202044686586032, 2.1202044686586032},
		{"one-sided", 100, 2.5, 10, 120, 4, 12, 0.05, 1,
			1.0112997936948633, 217.99984707141766, 0.15649704786459032, [2]float64{-1.4233254388339163, 4.4233254388339169},
			0.8440635176069888, 0.1209405301903955, -0.9202044686586032, 2.1202044686586032},
		{"small samples", 5, 10, 2, 7, 13, 6, 0.05, 2,
			1.2306189812135506, 7.7312365975696951, 0.2545892435078439, [2]float64{-2.6557699623821174, 8.6557699623821183},
			0.8907672986662373, 0.1283964833572248, -0.19949700960643219, 0.7994970096064322},
		{"negative control mean", 50, -3, 4, 50, -1, 5, 0.05, 2,
			2.2086305214969308, 93.494892167990926, 0.02964432214807184, [2]float64{0.20190540981839625, 3.7980945901816039},
			0.9863998246918467, 0.004317903891681052, 0.18855526485734964, 1.1447780684759836},
		{"alpha 0.1", 100, 2.5, 10, 120, 4, 12, 0.10, 2,
			1.0112997936948633, 217.99984707141758, 0.3129940957291808, [2]float64{-0.95012416878776673, 3.9501241687877671},
			0.8440635176069888, 0.1209405301903955, math.NaN(), math.NaN()},
		{"a million per arm", 1_000_000, 2.5, 12, 1_000_000, 2.53, 12.5, 0.05, 2,
			1.7313295704742979, 1996674.3645136149, 0.083393154718654619, [2]float64{-0.0039617344856252585, 0.063961734485625754},
			0.9583034998752827, 0.00029347823368797003, -0.001663110914211884, 0.02566311091421173},
		{"a billion per arm", 1_000_000_000, 2.5, 12, 1_000_000_000, 2.501, 12.5, 0.05, 2,
			1.8249816076997134, 1996676359.1932995, 0.068003805028204856, [2]float64{-7.3963692268971988e-05, 0.0020739636922687517},
			math.NaN(), math.NaN(), math.NaN(), math.NaN()},
		{"unequal sizes and spreads", 200_000, 2.5, 12, 300_000, 2.45, 30, 0.05, 2,
			-0.81978229472993824, 424593.52104034182, 0.41234068625586151, [2]float64{-0.1695420774706845, 0.069542077470684846},
			math.NaN(), math.NaN(), math.NaN(), math.NaN()},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := sigRun(t, fmt.Sprintf(`{"metric":"mean","control_n":%d,"control_mean":%g,"control_sd":%g,"treatment_n":%d,"treatment_mean":%g,"treatment_sd":%g,"alpha":%g,"sides":%d}`,
				tc.nC, tc.mC, tc.sC, tc.nT, tc.mT, tc.sT, tc.alpha, tc.sides))
			// R's samples reproduce the mean and sd to ~1e-15; its
			// t.test agrees with the summary formulas to ~1e-13.
			const tol = 1e-9
			check := func(name string, got, want float64) {
				t.Helper()
				if !math.IsNaN(want) && !sigCloseRel(got, want, tol) {
					t.Errorf("%s = %.17g, want %.17g", name, got, want)
				}
			}
			check("t", *r.T, tc.tStat)
			check("dof", *r.DOF, tc.dof)
			check("p_value", r.PValue, tc.p)
			check("absolute_lift_ci[0]", r.AbsoluteLiftCI[0], tc.ci[0])
			check("absolute_lift_ci[1]", r.AbsoluteLiftCI[1], tc.ci[1])
			check("prob_treatment_beats_control", r.ProbTreatmentBeatsControl, tc.prob)
			check("expected_loss", r.ExpectedLoss, tc.loss)
			if !math.IsNaN(tc.rl) {
				check("relative_lift_ci[0]", r.RelativeLiftCI[0], tc.rl)
				check("relative_lift_ci[1]", r.RelativeLiftCI[1], tc.rh)
			}
			check("absolute_lift", r.AbsoluteLift, tc.mT-tc.mC)
			if r.Z != nil || r.ControlRate != nil || *r.ControlMean != tc.mC || *r.TreatmentMean != tc.mT {
				t.Errorf("outputs of the wrong metric: %+v", r)
			}
			if p := r.TreatmentPosterior; p.Distribution != "normal" || p.Mean != tc.mT || !sigCloseRel(p.SD, tc.sT/math.Sqrt(float64(tc.nT)), 1e-15) {
				t.Errorf("treatment_posterior = %+v", p)
			}
			if got, want := sigHasWarning(r, "small_samples"), min(tc.nC, tc.nT) < 30; got != want {
				t.Errorf("small_samples warning %v, want %v", got, want)
			}
		})
	}
}

// TestSignificanceMeanWorse checks the Bayesian outputs of a losing
// treatment. SciPy 1.10.1: d = -1, se = sqrt(10²/100 + 12²/120);
// norm(d, se).sf(0) and quad(lambda x: -x*norm(d, se).pdf(x), d-40se, 0).
func TestSignificanceMeanWorse(t *testing.T) {
	r := sigRun(t, `{"metric":"mean","control_n":100,"control_mean":2.5,"control_sd":10,"treatment_n":120,"treatment_mean":1.5,"treatment_sd":12}`)
	if !sigCloseRel(r.ProbTreatmentBeatsControl, 0.2500921285353972, 1e-12) || !sigCloseRel(r.ExpectedLoss, 1.22133884732061, 1e-12) {
		t.Errorf("prob %.17g loss %.17g", r.ProbTreatmentBeatsControl, r.ExpectedLoss)
	}
	if !sigCloseRel(r.RelativeLiftCI[0], -1.379197692830847, 1e-12) || !sigCloseRel(r.RelativeLiftCI[1], 0.5791976928308468, 1e-12) {
		t.Errorf("relative_lift_ci = %v", *r.RelativeLiftCI)
	}
}

// TestSignificanceNegativeBaseline checks contract v1.1's relative lift
// over the control's absolute value, (mT - mC)/|mC| with the delta-method
// interval rel ± z(0.975) sqrt(uT² + (mT/mC)² uC²)/|mC|, u² = sd²/n: a
// negative control keeps the sign of the difference. Expected values are
// that formula in mpmath 1.3.0 at mp.dps = 40, z = sqrt(2) erfinv(0.95) =
// 1.959963984540054 (R: qnorm(0.975)), inputs as decimal strings.
func TestSignificanceNegativeBaseline(t *testing.T) {
	tests := []struct {
		name           string
		nC             int
		mC, sC         float64
		nT             int
		mT, sT         float64
		rel, low, high float64 // mpmath
	}{
		{"loss shrinks: -3 to -1", 50, -3, 4, 50, -1, 5, 0.66666666666666667, 0.18855526485734962, 1.1447780684759837},
		{"loss grows: -3 to -5", 50, -3, 4, 50, -5, 5, -0.66666666666666667, -1.4366132357498211, 0.10327990241648775},
		{"loss turns to gain: -2 to 1", 400, -2, 6, 500, 1, 7, 1.5, 1.159817773871987, 1.840182226128013},
		{"small change: -0.5 to -0.45", 1000, -0.5, 3, 1000, -0.45, 3, 0.1, -0.40030936105216865, 0.60030936105216865},
		{"positive control for contrast: 2 to 1", 400, 2, 6, 500, 1, 7, -0.5, -0.84018222612801296, -0.15981777387198704},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := sigRun(t, fmt.Sprintf(`{"metric":"mean","control_n":%d,"control_mean":%g,"control_sd":%g,"treatment_n":%d,"treatment_mean":%g,"treatment_sd":%g}`,
				tc.nC, tc.mC, tc.sC, tc.nT, tc.mT, tc.sT))
			if r.RelativeLift == nil || r.RelativeLiftCI == nil {
				t.Fatalf("relative lift missing: %+v", r)
			}
			if !sigCloseRel(*r.RelativeLift, tc.rel, 1e-12) || !sigCloseRel(r.RelativeLiftCI[0], tc.low, 1e-12) || !sigCloseRel(r.RelativeLiftCI[1], tc.high, 1e-12) {
				t.Errorf("relative_lift %.17g [%.17g, %.17g], want %.17g [%.17g, %.17g]",
					*r.RelativeLift, r.RelativeLiftCI[0], r.RelativeLiftCI[1], tc.rel, tc.low, tc.high)
			}
			if math.Signbit(*r.RelativeLift) != math.Signbit(r.AbsoluteLift) {
				t.Errorf("relative lift %v has another sign than the difference %v", *r.RelativeLift, r.AbsoluteLift)
			}
		})
	}
}

// TestSignificanceZeroWidthInterval: an interval that collapses to one
// value gets the zero_width_interval warning that says why, and only then.
// For rates the Wald standard error sqrt(p(1-p)/n) is 0 exactly when every
// rate is 0 or 1, so the interval is [d, d] with d = pT - pC; for means
// (sd > 0 by validation) only when the half-width is below the rounding of
// the difference.
func TestSignificanceZeroWidthInterval(t *testing.T) {
	tests := []struct {
		name    string
		request string
		zero    bool
		ci      [2]float64 // when zero: the interval, [d, d]
		says    string     // when zero: part of the message
	}{
		{"no conversions", `{"control_visitors":100,"control_conversions":0,"treatment_visitors":100,"treatment_conversions":0}`, true, [2]float64{0, 0}, "0 % of control and 0 % of the treatment"},
		{"all converted", `{"control_visitors":50,"control_conversions":50,"treatment_visitors":80,"treatment_conversions":80}`, true, [2]float64{0, 0}, "100 % of control and 100 % of the treatment"},
		{"none against all", `{"control_visitors":50,"control_conversions":0,"treatment_visitors":80,"treatment_conversions":80}`, true, [2]float64{1, 1}, "0 % of control and 100 %"},
		{"all against none", `{"control_visitors":50,"control_conversions":50,"treatment_visitors":80,"treatment_conversions":0}`, true, [2]float64{-1, -1}, "100 % of control and 0 %"},
		{"one conversion", `{"control_visitors":100,"control_conversions":0,"treatment_visitors":100,"treatment_conversions":1}`, false, [2]float64{}, ""},
		{"one non-conversion", `{"control_visitors":100,"control_conversions":100,"treatment_visitors":100,"treatment_conversions":99}`, false, [2]float64{}, ""},
		{"ordinary rates", `{"control_visitors":10000,"control_conversions":200,"treatment_visitors":10000,"treatment_conversions":250}`, false, [2]float64{}, ""},
		// se = sqrt(2) 1e-290/1e6 = 1.4e-296, far below half an ulp of 1e12 (6e-5).
		{"mean: sd lost in rounding", `{"metric":"mean","control_n":1000000000000,"control_mean":1,"control_sd":1e-290,"treatment_n":1000000000000,"treatment_mean":1e12,"treatment_sd":1e-290}`,
			true, [2]float64{1e12 - 1, 1e12 - 1}, "standard deviations (1e-290 and 1e-290)"},
		{"mean: ordinary", `{"metric":"mean","control_n":100,"control_mean":2.5,"control_sd":10,"treatment_n":120,"treatment_mean":4,"treatment_sd":12}`, false, [2]float64{}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := sigRun(t, tc.request)
			var msg string
			for _, w := range r.Warnings {
				if w.Code == "zero_width_interval" {
					msg = w.Message
				}
			}
			if (msg != "") != tc.zero {
				t.Fatalf("zero_width_interval warning %q, want one: %v (interval %v)", msg, tc.zero, r.AbsoluteLiftCI)
			}
			if !tc.zero {
				if r.AbsoluteLiftCI[0] >= r.AbsoluteLiftCI[1] {
					t.Errorf("interval %v has no width but no warning", r.AbsoluteLiftCI)
				}
				return
			}
			if r.AbsoluteLiftCI != tc.ci {
				t.Errorf("absolute_lift_ci = %v, want %v", r.AbsoluteLiftCI, tc.ci)
			}
			if !strings.Contains(msg, tc.says) || !strings.HasSuffix(msg, ".") {
				t.Errorf("message %q does not say %q", msg, tc.says)
			}
		})
	}
}

// TestStudentT checks the t distribution helpers against R 4.2.2's pt and
// qt, in particular above largeDOF where gonum's StudentsT drifts.
func TestStudentT(t *testing.T) {
	survival := []struct{ nu, t, want float64 }{
		// R: pt(t, nu, lower.tail=FALSE)
		{3, 2, 0.069662984279421566},
		{30, 5, 1.1648342733503893e-05},
		{10, 40, 1.1404288715428737e-12},
		{1000, 8, 1.7133307411957424e-15},
		{50000, 12, 1.9729889458551405e-33},
		{1e5, 0.5, 0.30853808882720901},
		{1e5, 5, 2.8713508393208238e-07},
		{150000, -3, 0.99864988036627311},
		{150000, 0.5, 0.30853790546032428},
		{150000, 30, 1.8882168748512979e-197},
		{2e5, 30, 1.349502211093394e-197},
		{1e6, 2, 0.022750266925659592},
		{1e6, 5, 2.8669989354453676e-07},
		{1e8, 0.5, 0.30853753927608907},
		{1e8, 2, 0.022750133297953369},
		{1e10, 2, 0.022750131961676898},
		{1e12, 0.5, 0.30853753872604212},
		{1e12, 5, 2.8665157192751179e-07},
	}
	for _, c := range survival {
		if got := studentTSurvival(c.t, c.nu); !sigCloseRel(got, c.want, 1e-9) {
			t.Errorf("P(T > %g | nu = %g) = %.17g, want %.17g", c.t, c.nu, got, c.want)
		}
	}
	quantiles := []struct{ p, nu, want float64 }{
		// R: qt(p, nu)
		{0.975, 3, 3.1824463052837078},
		{0.975, 1e5, 1.9599877075346088}, // gonum's StudentsT: 1.7e-11 off
		{0.995, 150000, 2.5758620809255501},
		{0.975, 1e6, 1.9599663568141066},
		{0.975, 1e8, 1.9599640082627663},
		{0.95, 2e7, 1.6448537031399324},
		{0.975, 1e12, 1.9599639845424257},
	}
	for _, c := range quantiles {
		if got := studentTQuantile(c.p, c.nu); !sigCloseRel(got, c.want, 1e-10) {
			t.Errorf("qt(%g, %g) = %.17g, want %.17g", c.p, c.nu, got, c.want)
		}
	}
	if studentTSurvival(41, 2e5) != 0 || studentTSurvival(-41, 2e5) != 1 {
		t.Error("far tails beyond |t| = 40 are not 0 and 1")
	}
}

// TestSignificanceSRM checks the sample-ratio test against R 4.2.2:
// chisq.test(c(nC, nT), p = c(s, 1-s))$p.value; detected below 0.001.
func TestSignificanceSRM(t *testing.T) {
	tests := []struct {
		nC, nT int
		share  float64
		p      float64
	}{
		{50000, 51000, 0.5, 0.001651898732357365},
		{50000, 51200, 0.5, 0.00016183543368212343},
		{10000, 90000, 0.1, 1},
		{10200, 89800, 0.1, 0.035014981019662543},
		{1_000_000_000, 1_000_050_000, 0.5, 0.26355844579783616},
		{100000, 102000, 0.5, 8.5893644892148217e-06},
		{1_000_000, 1_010_000, 0.5, 1.7452751468538426e-12},
		{1_000_000, 1_030_000, 0.5, 2.0203049236592627e-98},
	}
	for _, tc := range tests {
		r := sigRun(t, fmt.Sprintf(`{"control_visitors":%d,"control_conversions":10,"treatment_visitors":%d,"treatment_conversions":10,"expected_control_share":%g}`,
			tc.nC, tc.nT, tc.share))
		if !sigCloseRel(r.SRMPValue, tc.p, 1e-12) {
			t.Errorf("%v: srm_p_value = %.17g, want %.17g", tc, r.SRMPValue, tc.p)
		}
		if r.SRMDetected != (tc.p < 0.001) || sigHasWarning(r, "srm_detected") != r.SRMDetected {
			t.Errorf("%v: srm_detected = %v, warnings %v", tc, r.SRMDetected, r.Warnings)
		}
		if want := float64(tc.nC) / float64(tc.nC+tc.nT); r.ObservedControlShare != want {
			t.Errorf("observed_control_share = %v, want %v", r.ObservedControlShare, want)
		}
	}
	// Means use control_n and treatment_n. R: chisq.test(c(100, 120))$p.value
	r := sigRun(t, `{"metric":"mean","control_n":100,"control_mean":2.5,"control_sd":10,"treatment_n":120,"treatment_mean":4,"treatment_sd":12}`)
	if !sigCloseRel(r.SRMPValue, 0.17752985241215352, 1e-12) {
		t.Errorf("means: srm_p_value = %.17g", r.SRMPValue)
	}
}

// TestSignificanceEdgeCases covers inputs where a statistic is undefined:
// each gives a defined value and a warning, never NaN.
func TestSignificanceEdgeCases(t *testing.T) {
	t.Run("no conversions anywhere", func(t *testing.T) {
		for _, sides := range []int{1, 2} {
			r := sigRun(t, fmt.Sprintf(`{"control_visitors":100,"control_conversions":0,"treatment_visitors":100,"treatment_conversions":0,"sides":%d}`, sides))
			// z is 0/0: shown as 0 with p = 1, as Fisher's exact test gives:
			// R 4.2.2: fisher.test(matrix(c(0,0,100,100),2), alternative="greater")$p.value = 1
			if *r.Z != 0 || r.PValue != 1 || r.Significant || r.RelativeLift != nil || r.RelativeLiftCI != nil {
				t.Errorf("sides %d: %+v", sides, r)
			}
			if !sigHasWarning(r, "no_conversions") || !sigHasWarning(r, "relative_lift_undefined") {
				t.Errorf("warnings %v", r.Warnings)
			}
			// Identical posteriors: P = 1/2 exactly by symmetry.
			if r.ProbTreatmentBeatsControl != 0.5 {
				t.Errorf("prob = %.17g, want 0.5", r.ProbTreatmentBeatsControl)
			}
		}
	})
	t.Run("every visitor converted", func(t *testing.T) {
		r := sigRun(t, `{"control_visitors":50,"control_conversions":50,"treatment_visitors":80,"treatment_conversions":80}`)
		if *r.Z != 0 || r.PValue != 1 || !sigHasWarning(r, "all_converted") || *r.RelativeLift != 0 {
			t.Errorf("%+v", r)
		}
	})
	t.Run("small expected counts", func(t *testing.T) {
		// Pooled rate 7/2000: 3.5 conversions expected per arm.
		r := sigRun(t, `{"control_visitors":1000,"control_conversions":2,"treatment_visitors":1000,"treatment_conversions":5}`)
		if !sigHasWarning(r, "small_counts") || !strings.Contains(r.Warnings[0].Message, "fewer than 5") {
			t.Errorf("warnings %v", r.Warnings)
		}
		// Pooled rate 16/2000: 8 expected per arm.
		r = sigRun(t, `{"control_visitors":1000,"control_conversions":6,"treatment_visitors":1000,"treatment_conversions":10}`)
		if !sigHasWarning(r, "small_counts") || !strings.Contains(r.Warnings[0].Message, "fewer than 10") {
			t.Errorf("warnings %v", r.Warnings)
		}
		r = sigRun(t, `{"control_visitors":10000,"control_conversions":200,"treatment_visitors":10000,"treatment_conversions":250}`)
		if len(r.Warnings) != 0 {
			t.Errorf("warnings %v", r.Warnings)
		}
	})
	t.Run("zero control mean", func(t *testing.T) {
		r := sigRun(t, `{"metric":"mean","control_n":100,"control_mean":0,"control_sd":1,"treatment_n":100,"treatment_mean":0.2,"treatment_sd":1}`)
		if r.RelativeLift != nil || r.RelativeLiftCI != nil || !sigHasWarning(r, "relative_lift_undefined") {
			t.Errorf("%+v", r)
		}
	})
	t.Run("fields of the other metric", func(t *testing.T) {
		r := sigRun(t, `{"control_visitors":100,"control_conversions":1,"treatment_visitors":100,"treatment_conversions":2,"control_mean":3}`)
		if !sigHasWarning(r, "unused_fields") {
			t.Errorf("warnings %v", r.Warnings)
		}
	})
	t.Run("tiny alpha", func(t *testing.T) {
		// R 4.2.2: d ± -qnorm(1e-300/2) * sqrt(pC(1-pC)/1e4 + pT(1-pT)/1e4) with pC = 0.02, pT = 0.025
		r := sigRun(t, `{"control_visitors":10000,"control_conversions":200,"treatment_visitors":10000,"treatment_conversions":250,"alpha":1e-300}`)
		if !sigCloseRel(r.AbsoluteLiftCI[0], -0.072727761422804876, 1e-12) || !sigCloseRel(r.AbsoluteLiftCI[1], 0.082727761422804885, 1e-12) {
			t.Errorf("absolute_lift_ci = %v", r.AbsoluteLiftCI)
		}
		// R 4.2.2, the same formula with alpha = 1e-12. (prop.test's conf.int
		// gives -0.0099528019178715278 here: it takes qnorm((1 + conf.level)/2),
		// and 1 - 1e-12 rounded twice moves the quantile by 2e-6.)
		r = sigRun(t, `{"control_visitors":10000,"control_conversions":200,"treatment_visitors":10000,"treatment_conversions":250,"alpha":1e-12}`)
		if !sigCloseRel(r.AbsoluteLiftCI[0], -0.0099528275751518056, 1e-12) || !sigCloseRel(r.AbsoluteLiftCI[1], 0.019952827575151807, 1e-12) {
			t.Errorf("absolute_lift_ci = %v", r.AbsoluteLiftCI)
		}
		r = sigRun(t, `{"metric":"mean","control_n":10,"control_mean":2.5,"control_sd":10,"treatment_n":12,"treatment_mean":4,"treatment_sd":12,"alpha":1e-300}`)
		if !(r.AbsoluteLiftCI[0] < -1e10 && r.AbsoluteLiftCI[1] > 1e10) {
			t.Errorf("absolute_lift_ci = %v", r.AbsoluteLiftCI)
		}
	})
	t.Run("one visitor per arm", func(t *testing.T) {
		r := sigRun(t, `{"control_visitors":1,"control_conversions":1,"treatment_visitors":1,"treatment_conversions":0}`)
		if r.PValue < 0 || r.PValue > 1 || r.AbsoluteLift != -1 || !sigHasWarning(r, "small_counts") {
			t.Errorf("%+v", r)
		}
	})
}

// TestSignificanceIntervalShrinks: with the same rates (or means and sds),
// more visitors never widen an interval.
func TestSignificanceIntervalShrinks(t *testing.T) {
	// Rates with 4 decimals and n a multiple of 10,000: the counts are exact.
	rates := [][2]int{{200, 250}, {10, 5}, {5000, 5100}, {9700, 9900}, {1000, 1000}, {0, 3}}
	for _, rt := range rates {
		prevAbs, prevRel := math.Inf(1), math.Inf(1)
		for n := 10000; n <= 2_000_000_000; n *= 3 {
			r := sigRun(t, fmt.Sprintf(`{"control_visitors":%d,"control_conversions":%d,"treatment_visitors":%d,"treatment_conversions":%d}`,
				n, rt[0]*n/10000, n, rt[1]*n/10000))
			abs := r.AbsoluteLiftCI[1] - r.AbsoluteLiftCI[0]
			if abs > prevAbs {
				t.Errorf("rates %v: absolute interval widens from %g to %g at n = %d", rt, prevAbs, abs, n)
			}
			prevAbs = abs
			if r.RelativeLiftCI != nil {
				rel := r.RelativeLiftCI[1] - r.RelativeLiftCI[0]
				if rel > prevRel {
					t.Errorf("rates %v: relative interval widens from %g to %g at n = %d", rt, prevRel, rel, n)
				}
				prevRel = rel
			}
		}
	}
	prev := math.Inf(1)
	for n := 2; n <= 1_000_000_000; n *= 3 {
		r := sigRun(t, fmt.Sprintf(`{"metric":"mean","control_n":%d,"control_mean":2.5,"control_sd":12,"treatment_n":%d,"treatment_mean":2.7,"treatment_sd":13}`, n, n))
		w := r.AbsoluteLiftCI[1] - r.AbsoluteLiftCI[0]
		if w > prev {
			t.Errorf("means: interval widens from %g to %g at n = %d", prev, w, n)
		}
		prev = w
	}
}

// TestSignificanceInvalid checks that each bad input gives an error naming
// its field, with a sentence that states what is allowed.
//
// It is long: a table of invalid requests with the field and code each must
// give.
func TestSignificanceInvalid(t *testing.T) {
	const ok = `"control_visitors":1000,"control_conversions":10,"treatment_visitors":1000,"treatment_conversions":12`
	const okMean = `"metric":"mean","control_n":100,"control_mean":2.5,"control_sd":10,"treatment_n":120,"treatment_mean":4,"treatment_sd":12`
	type fe struct{ field, code string }
	tests := []struct {
		name    string
		request string
		want    []fe
	}{
		{"conversions above visitors", `{"control_visitors":100,"control_conversions":101,"treatment_visitors":100,"treatment_conversions":5}`,
			[]fe{{"control_conversions", CodeInconsistent}}},
		{"both arms above", `{"control_visitors":100,"control_conversions":101,"treatment_visitors":100,"treatment_conversions":500}`,
			[]fe{{"control_conversions", CodeInconsistent}, {"treatment_conversions", CodeInconsistent}}},
		{"negative conversions", `{"control_visitors":100,"control_conversions":-1,"treatment_visitors":100,"treatment_conversions":5}`,
			[]fe{{"control_conversions", CodeOutOfRange}}},
		{"zero visitors", `{"control_visitors":0,"control_conversions":0,"treatment_visitors":100,"treatment_conversions":5}`,
			[]fe{{"control_visitors", CodeOutOfRange}}},
		{"absurd size", `{"control_visitors":1e13,"control_conversions":0,"treatment_visitors":100,"treatment_conversions":5}`,
			[]fe{{"control_visitors", CodeOutOfRange}}},
		{"beyond float precision", `{"control_visitors":1e300,"control_conversions":0,"treatment_visitors":100,"treatment_conversions":5}`,
			[]fe{{"control_visitors", CodeOutOfRange}}},
		{"null", `{"control_visitors":null,"control_conversions":0,"treatment_visitors":100,"treatment_conversions":5}`,
			[]fe{{"control_visitors", CodeNull}}},
		{"string", `{"control_visitors":"1000","control_conversions":0,"treatment_visitors":100,"treatment_conversions":5}`,
			[]fe{{"control_visitors", CodeWrongType}}},
		{"fractional count", `{"control_visitors":1000,"control_conversions":2.5,"treatment_visitors":100,"treatment_conversions":5}`,
			[]fe{{"control_conversions", CodeNotInteger}}},
		{"missing proportion fields", `{"control_visitors":1000}`,
			[]fe{{"control_conversions", CodeRequired}, {"treatment_visitors", CodeRequired}, {"treatment_conversions", CodeRequired}}},
		{"empty request", `{}`,
			[]fe{{"control_visitors", CodeRequired}, {"control_conversions", CodeRequired}, {"treatment_visitors", CodeRequired}, {"treatment_conversions", CodeRequired}}},
		{"missing mean fields", `{"metric":"mean","control_n":100,"control_mean":2}`,
			[]fe{{"control_sd", CodeRequired}, {"treatment_n", CodeRequired}, {"treatment_mean", CodeRequired}, {"treatment_sd", CodeRequired}}},
		{"zero sd", `{` + strings.Replace(okMean, `"control_sd":10`, `"control_sd":0`, 1) + `}`,
			[]fe{{"control_sd", CodeOutOfRange}}},
		{"negative sd", `{` + strings.Replace(okMean, `"treatment_sd":12`, `"treatment_sd":-3`, 1) + `}`,
			[]fe{{"treatment_sd", CodeOutOfRange}}},
		{"one visitor for a mean", `{` + strings.Replace(okMean, `"control_n":100`, `"control_n":1`, 1) + `}`,
			[]fe{{"control_n", CodeOutOfRange}}},
		{"sd too small for the difference", `{"metric":"mean","control_n":5,"control_mean":-1e12,"control_sd":1e-300,"treatment_n":5,"treatment_mean":1e12,"treatment_sd":1e-300}`,
			[]fe{{"control_sd", CodeOutOfRange}}},
		{"sd that underflows", `{"metric":"mean","control_n":5,"control_mean":3,"control_sd":5e-324,"treatment_n":5,"treatment_mean":3,"treatment_sd":5e-324}`,
			[]fe{{"control_sd", CodeOutOfRange}}},
		{"fractional n", `{` + strings.Replace(okMean, `"treatment_n":120`, `"treatment_n":120.5`, 1) + `}`,
			[]fe{{"treatment_n", CodeNotInteger}}},
		{"mean as text", `{` + strings.Replace(okMean, `"control_mean":2.5`, `"control_mean":"2.5"`, 1) + `}`,
			[]fe{{"control_mean", CodeWrongType}}},
		{"unknown metric", `{"metric":"ratio",` + ok + `}`, []fe{{"metric", CodeInvalidChoice}}},
		{"alpha 0", `{"alpha":0,` + ok + `}`, []fe{{"alpha", CodeOutOfRange}}},
		{"alpha as a percentage", `{"alpha":5,` + ok + `}`, []fe{{"alpha", CodeOutOfRange}}},
		{"alpha 0.5", `{"alpha":0.5,` + ok + `}`, []fe{{"alpha", CodeOutOfRange}}},
		{"three sides", `{"sides":3,` + ok + `}`, []fe{{"sides", CodeOutOfRange}}},
		{"share 1", `{"expected_control_share":1,` + ok + `}`, []fe{{"expected_control_share", CodeOutOfRange}}},
		{"share as a percentage", `{"expected_control_share":50,` + ok + `}`, []fe{{"expected_control_share", CodeOutOfRange}}},
		{"typo", `{"control_visitor":1000,"control_visitors":1000,"control_conversions":10,"treatment_visitors":1000,"treatment_conversions":12}`,
			[]fe{{"control_visitor", CodeUnknownField}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, status := RunJSON("significance", []byte(tc.request))
			if status != StatusInvalid {
				t.Fatalf("status %d: %s", status, out)
			}
			var body struct{ Errors Errors }
			if err := json.Unmarshal(out, &body); err != nil {
				t.Fatal(err)
			}
			if len(body.Errors) != len(tc.want) {
				t.Fatalf("errors %+v, want %+v", body.Errors, tc.want)
			}
			for i, w := range tc.want {
				e := body.Errors[i]
				if e.Field != w.field || e.Code != w.code {
					t.Errorf("error %d = %+v, want field %s code %s", i, e, w.field, w.code)
				}
				f := significanceCalc.Field(e.Field)
				if f != nil && !strings.Contains(e.Message, f.Label) {
					t.Errorf("message %q does not name %q", e.Message, f.Label)
				}
				if !strings.HasSuffix(e.Message, ".") && !strings.HasSuffix(e.Message, "?") {
					t.Errorf("message %q is not a sentence", e.Message)
				}
			}
		})
	}
}

// TestSignificanceTyped checks the typed entry point: the same answer as
// RunJSON, and Errors for an invalid request.
func TestSignificanceTyped(t *testing.T) {
	req := NewSignificanceRequest()
	nC, cC, nT, cT := 10000, 200, 10000, 250
	req.ControlVisitors, req.ControlConversions, req.TreatmentVisitors, req.TreatmentConversions = &nC, &cC, &nT, &cT
	resp, err := Significance(req)
	if err != nil {
		t.Fatal(err)
	}
	// R 4.2.2: prop.test(c(250,200), c(10000,10000), correct=FALSE)$p.value
	if !sigCloseRel(resp.PValue, 0.017125828872195031, 1e-12) || resp.Warnings == nil {
		t.Errorf("%+v", resp)
	}
	bad := NewSignificanceRequest()
	bad.Metric = "mean"
	_, err = Significance(bad)
	var errs Errors
	if !errors.As(err, &errs) || len(errs) != 6 || errs[0].Field != "control_n" {
		t.Errorf("err = %v", err)
	}
}

// TestSignificanceSpecs checks that every response field has an Output spec
// and every request field a Field spec, by their JSON names.
func TestSignificanceSpecs(t *testing.T) {
	for _, typ := range []any{SignificanceResponse{}, SignificanceRequest{}} {
		for name := range jsonFields(reflect.TypeOf(typ)) {
			if name == "" {
				continue
			}
			_, isResp := typ.(SignificanceResponse)
			if isResp && significanceCalc.Output(name) == nil {
				t.Errorf("response field %s has no Output spec", name)
			}
			if !isResp && significanceCalc.Field(name) == nil {
				t.Errorf("request field %s has no Field spec", name)
			}
		}
	}
	for _, f := range significanceCalc.Fields {
		if f.Help == "" || f.Label == "" {
			t.Errorf("field %s lacks a label or help", f.Name)
		}
	}
}

// FuzzSignificance runs arbitrary requests: no panic, and every success is
// finite JSON with probabilities in [0, 1] and ordered intervals.
func FuzzSignificance(f *testing.F) {
	seeds := []string{
		`{"control_visitors":10000,"control_conversions":200,"treatment_visitors":10000,"treatment_conversions":250}`,
		`{"control_visitors":1,"control_conversions":0,"treatment_visitors":1,"treatment_conversions":1,"sides":1}`,
		`{"control_visitors":100,"control_conversions":0,"treatment_visitors":100,"treatment_conversions":0}`,
		`{"control_visitors":100,"control_conversions":100,"treatment_visitors":7,"treatment_conversions":7,"alpha":0.4999}`,
		`{"control_visitors":1000000000000,"control_conversions":3,"treatment_visitors":1,"treatment_conversions":1,"expected_control_share":0.999}`,
		`{"control_visitors":2000000000,"control_conversions":1000000000,"treatment_visitors":2000000000,"treatment_conversions":1000100000}`,
		`{"metric":"mean","control_n":2,"control_mean":-1e12,"control_sd":1e-300,"treatment_n":2,"treatment_mean":1e12,"treatment_sd":1e12}`,
		`{"metric":"mean","control_n":100,"control_mean":0,"control_sd":1,"treatment_n":1000000000000,"treatment_mean":1e-9,"treatment_sd":1e-9,"sides":1}`,
		`{"metric":"mean","control_n":5,"control_mean":3,"control_sd":5e-324,"treatment_n":5,"treatment_mean":3,"treatment_sd":5e-324}`,
		`{"control_visitors":-1,"control_conversions":null,"treatment_visitors":"x","sides":0}`,
		`{"control_visitors":10000,"control_conversions":200,"treatment_visitors":10000,"treatment_conversions":250,"sequential":true,"sequential_tuning":1}`,
		`{"control_visitors":10,"control_conversions":0,"treatment_visitors":10,"treatment_conversions":10,"sequential":true}`,
		`{"control_visitors":1000000000000,"control_conversions":1,"treatment_visitors":1,"treatment_conversions":0,"sequential":true,"sequential_tuning":1e9,"alpha":1e-9}`,
		`{"metric":"mean","control_n":2,"control_mean":1e-300,"control_sd":1e12,"treatment_n":2,"treatment_mean":1e12,"treatment_sd":1e-300,"sequential":true}`,
		`{"control_visitors":10,"control_conversions":1,"treatment_visitors":10,"treatment_conversions":2,"sequential":"true","sides":1,"sequential_tuning":-5}`,
		`[1,2]`, `{`, ``,
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) { sigFuzzCheck(t, data) })
}

// FuzzSignificanceNumbers fuzzes the numbers of well-formed requests, which
// random bytes rarely reach, with the same invariants.
func FuzzSignificanceNumbers(f *testing.F) {
	f.Add(false, int64(10000), int64(200), int64(10000), int64(250), 0.0, 0.0, 0.0, 0.0, 0.05, uint8(2), 0.5, false, 5000.0)
	f.Add(false, int64(1e12), int64(5e11), int64(3), int64(0), 0.0, 0.0, 0.0, 0.0, 0.3, uint8(1), 0.001, false, 5000.0)
	f.Add(true, int64(2), int64(0), int64(1e12), int64(0), -1e12, 1e-300, 1e12, 1e12, 1e-9, uint8(2), 0.999, true, 1.0)
	f.Add(true, int64(30), int64(0), int64(31), int64(0), 0.0, 1.0, 0.0, 1.0, 0.05, uint8(1), 0.5, true, 5000.0)
	f.Add(false, int64(20), int64(20), int64(30), int64(0), 0.0, 0.0, 0.0, 0.0, 0.49, uint8(2), 0.5, true, 1e9)
	f.Fuzz(func(t *testing.T, mean bool, nC, cC, nT, cT int64, mC, sC, mT, sT, alpha float64, sides uint8, share float64, seq bool, tuning float64) {
		req := map[string]any{"alpha": alpha, "sides": sides, "expected_control_share": share, "sequential": seq, "sequential_tuning": tuning}
		if mean {
			req["metric"] = "mean"
			req["control_n"], req["control_mean"], req["control_sd"] = nC, mC, sC
			req["treatment_n"], req["treatment_mean"], req["treatment_sd"] = nT, mT, sT
		} else {
			req["control_visitors"], req["control_conversions"] = nC, cC
			req["treatment_visitors"], req["treatment_conversions"] = nT, cT
		}
		data, err := json.Marshal(req)
		if err != nil {
			return // NaN or Inf: not JSON
		}
		sigFuzzCheck(t, data)
	})
}

// sigFuzzCheck runs one request and checks the invariants of every answer.
func sigFuzzCheck(t *testing.T, data []byte) {
	t.Helper()
	out, status := RunJSON("significance", data)
	switch status {
	case StatusOK:
	case StatusInvalid, StatusMalformed:
		var body struct{ Errors Errors }
		if err := json.Unmarshal(out, &body); err != nil || len(body.Errors) == 0 {
			t.Fatalf("status %d without errors: %s", status, out)
		}
		return
	default:
		t.Fatalf("status %d: %s", status, out)
	}
	var r SignificanceResponse
	if err := json.Unmarshal(out, &r); err != nil {
		t.Fatalf("%s: %v", out, err)
	}
	for name, p := range map[string]float64{"p_value": r.PValue, "fixed_horizon_p_value": r.FixedHorizonPValue,
		"prob_treatment_beats_control": r.ProbTreatmentBeatsControl, "srm_p_value": r.SRMPValue} {
		if !(p >= 0 && p <= 1) {
			t.Errorf("%s = %v for %s", name, p, data)
		}
	}
	if !(r.AbsoluteLiftCI[0] <= r.AbsoluteLiftCI[1]) || (r.RelativeLiftCI != nil && !(r.RelativeLiftCI[0] <= r.RelativeLiftCI[1])) {
		t.Errorf("intervals out of order: %s", out)
	}
	// Not sequential: one p-value. Sequential: significant exactly when the
	// absolute interval excludes 0 (away from the boundary's rounding).
	if !r.Sequential && r.FixedHorizonPValue != r.PValue {
		t.Errorf("fixed_horizon_p_value %v differs from p_value %v without sequential: %s", r.FixedHorizonPValue, r.PValue, data)
	}
	lo, hi := r.AbsoluteLiftCI[0], r.AbsoluteLiftCI[1]
	if half := (hi - lo) / 2; r.Sequential && math.Abs(math.Abs(r.AbsoluteLift)-half) > 1e-9*half && (lo > 0 || hi < 0) != r.Significant {
		t.Errorf("significant %v but the always-valid interval is [%v, %v]: %s", r.Significant, lo, hi, data)
	}
	if !(r.ExpectedLoss >= 0) || r.Warnings == nil {
		t.Errorf("expected_loss %v, warnings %v: %s", r.ExpectedLoss, r.Warnings, out)
	}
}

// BenchmarkSignificance measures one call of the calculator for a typical
// test (10,000 visitors per arm), through RunJSON and the typed function,
// and a test with a billion visitors per arm.
func BenchmarkSignificance(b *testing.B) {
	request := []byte(`{"control_visitors":10000,"control_conversions":200,"treatment_visitors":10000,"treatment_conversions":250}`)
	b.Run("RunJSON", func(b *testing.B) {
		for b.Loop() {
			if _, status := RunJSON("significance", request); status != StatusOK {
				b.Fatal(status)
			}
		}
	})
	typed := func(nC, cC, nT, cT int) func(b *testing.B) {
		return func(b *testing.B) {
			req := NewSignificanceRequest()
			req.ControlVisitors, req.ControlConversions, req.TreatmentVisitors, req.TreatmentConversions = &nC, &cC, &nT, &cT
			for b.Loop() {
				if _, err := Significance(req); err != nil {
					b.Fatal(err)
				}
			}
		}
	}
	b.Run("typed", typed(10000, 200, 10000, 250))
	b.Run("typed-billion", typed(1_000_000_000, 10_000_000, 1_000_000_000, 10_010_000))
	b.Run("mean-RunJSON", func(b *testing.B) {
		req := []byte(`{"metric":"mean","control_n":1000000,"control_mean":2.5,"control_sd":12,"treatment_n":1000000,"treatment_mean":2.53,"treatment_sd":12.5}`)
		for b.Loop() {
			if _, status := RunJSON("significance", req); status != StatusOK {
				b.Fatal(status)
			}
		}
	})
}
