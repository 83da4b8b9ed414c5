package calc

import (
	"math"
	"math/rand/v2"
	"slices"
)

// This file holds the roi calculator's Monte Carlo simulation and the few
// numerical pieces it needs that must give bit-identical results on every
// platform: the same request must give the same JSON natively (amd64), in
// the browser (GOOS=js GOARCH=wasm) and on arm64.
//
// Two things break that in ordinary Go code. First, math.Log, math.Exp and
// so math.Pow run assembly on amd64 (Exp even switches to FMA instructions
// when the CPU has them) but pure Go on wasm, and their last bits may differ.
// Second, the Go spec lets a compiler fuse x*y + z into one rounding (arm64
// does, and amd64 with GOAMD64=v3); an explicit float64() conversion forbids
// it. So the functions below use only +, -, *, / and math.Sqrt (correctly
// rounded by IEEE 754 everywhere), and every product that feeds a sum is
// wrapped in float64(...).

// mcStream is the second word of the PCG state: the seed picks the first.
// Any constant works; this one spells "roikit" in ASCII.
const mcStream = 0x726f696b6974

// histogramBins is the number of bars of the simulated-NPV histogram.
const histogramBins = 30

// liftZ90 is the standard normal's 95th percentile, z(0.95): a 90 % range
// (5th to 95th percentile) of a normal spans 2 x 1.6449 standard deviations.
// R 4.2: qnorm(0.95) = 1.644853626951472; the contract rounds it to 1.6449.
const liftZ90 = 1.6449

// ROIHistogram is a histogram of simulated NPVs: Counts[k] draws fell in
// [BinEdges[k], BinEdges[k+1]) (the last bin includes its right edge).
type ROIHistogram struct {
	BinEdges []float64 `json:"bin_edges"` // len(Counts)+1 edges, ascending, in currency
	Counts   []int     `json:"counts"`    // draws per bin; they sum to the simulations
}

// mcSummary is what the simulation reports.
type mcSummary struct {
	probPositive  float64
	p10, p50, p90 float64
	histogram     ROIHistogram
}

// simulateNPV draws n lifts L ~ Normal(mu, sigma) and returns the sorted
// NPVs perLift x L - costs. NPV is linear in the lift, so a draw costs one
// normal deviate and one multiply. Each deviate comes from the inverse
// normal CDF of a uniform from a PCG generator seeded with seed, so the
// draws are the same on every platform.
func simulateNPV(perLift, costs, mu, sigma float64, n int, seed uint64) []float64 {
	rng := rand.NewPCG(seed, mcStream)
	npv := make([]float64, n)
	for k := range npv {
		z := normalQuantile(uniformOpen(rng.Uint64()))
		lift := float64(sigma*z) + mu
		npv[k] = float64(perLift*lift) - costs
	}
	slices.Sort(npv)
	return npv
}

// summarize computes the share of positive NPVs, the 10th, 50th and 90th
// percentiles (the empirical quantile, R's type 1: the smallest draw with at
// least that share of draws at or below it) and a histogram of sorted NPVs.
func summarize(sorted []float64) mcSummary {
	n := len(sorted)
	// sorted is ascending: the positives are the tail after the last NPV <= 0.
	firstPositive, _ := slices.BinarySearchFunc(sorted, 0.0, func(x, t float64) int {
		if x <= t {
			return -1
		}
		return 1
	})
	s := mcSummary{
		probPositive: float64(n-firstPositive) / float64(n),
		p10:          empiricalQuantile(0.1, sorted),
		p50:          empiricalQuantile(0.5, sorted),
		p90:          empiricalQuantile(0.9, sorted),
	}
	s.histogram = histogram(sorted, histogramBins)
	return s
}

// histogram bins sorted values into equal-width bins between the smallest
// and largest value. When all values are equal (or too close to split) it
// returns a single bin [min, max].
func histogram(sorted []float64, bins int) ROIHistogram {
	lo, hi := sorted[0], sorted[len(sorted)-1]
	width := (hi - lo) / float64(bins)
	if !(width > 0) || math.IsInf(width, 0) || lo+width == lo || hi-width == hi {
		return ROIHistogram{BinEdges: []float64{lo, hi}, Counts: []int{len(sorted)}}
	}
	h := ROIHistogram{BinEdges: make([]float64, bins+1), Counts: make([]int, bins)}
	for k := range bins {
		h.BinEdges[k] = lo + float64(float64(k)*width)
	}
	h.BinEdges[bins] = hi
	for _, x := range sorted {
		k := int((x - lo) / width) // in [0, bins] up to rounding
		k = min(max(k, 0), bins-1)
		// Keep each value inside its bin's edges despite rounding in k.
		for k > 0 && x < h.BinEdges[k] {
			k--
		}
		for k < bins-1 && x >= h.BinEdges[k+1] {
			k++
		}
		h.Counts[k]++
	}
	return h
}

// uniformOpen maps 64 random bits to a uniform number in the open interval
// (0, 1): (j + 0.5) / 2^52 for the top 52 bits j. Every step is exact, so
// neither 0 nor 1 can occur and 1 - u is exact for u >= 0.5.
func uniformOpen(bits uint64) float64 {
	return (float64(bits>>12) + 0.5) * 0x1p-52
}

// Coefficients of Wichura's algorithm AS 241 (PPND16), Applied Statistics
// 37(3), 1988, 477-484: the same values as gonum's mathext.NormalQuantile,
// highest degree first.
var (
	as241CentralNum = [8]float64{2509.0809287301226727, 33430.575583588128105, 67265.770927008700853, 45921.953931549871457, 13731.693765509461125, 1971.5909503065514427, 133.14166789178437745, 3.387132872796366608}
	as241CentralDen = [8]float64{5226.495278852854561, 28729.085735721942674, 39307.89580009271061, 21213.794301586595867, 5394.1960214247511077, 687.1870074920579083, 42.313330701600911252, 1.0}
	as241NearNum    = [8]float64{7.7454501427834140764e-4, 0.0227238449892691845833, 0.24178072517745061177, 1.27045825245236838258, 3.64784832476320460504, 5.7694972214606914055, 4.6303378461565452959, 1.42343711074968357734}
	as241NearDen    = [8]float64{1.05075007164441684324e-9, 5.475938084995344946e-4, 0.0151986665636164571966, 0.14810397642748007459, 0.68976733498510000455, 1.6763848301838038494, 2.05319162663775882187, 1.0}
	as241FarNum     = [8]float64{2.01033439929228813265e-7, 2.71155556874348757815e-5, 0.0012426609473880784386, 0.026532189526576123093, 0.29656057182850489123, 1.7848265399172913358, 5.4637849111641143699, 6.6579046435011037772}
	as241FarDen     = [8]float64{2.04426310338993978564e-15, 1.4215117583164458887e-7, 1.8463183175100546818e-5, 7.868691311456132591e-4, 0.0148753612908506148525, 0.13692988092273580531, 0.59983220655588793769, 1.0}
)

// horner evaluates the polynomial with coefficients c (highest degree first)
// at z, rounding every step (no fused multiply-add).
func horner(c *[8]float64, z float64) float64 {
	h := c[0]
	for _, ck := range c[1:] {
		h = float64(h*z) + ck
	}
	return h
}

// normalQuantile is the standard normal quantile function Φ⁻¹(p) for
// 0 < p < 1, by Wichura's AS 241 (relative accuracy about 1e-16). It is
// gonum's mathext.NormalQuantile written to be bit-identical on every
// platform: no fused multiply-add and a pure-Go logarithm (detLog).
func normalQuantile(p float64) float64 {
	dp := p - 0.5
	if math.Abs(dp) <= 0.425 {
		z := 0.180625 - float64(dp*dp)
		return dp * horner(&as241CentralNum, z) / horner(&as241CentralDen, z)
	}
	tail := p
	if dp > 0 {
		tail = 1 - p
	}
	r := math.Sqrt(-detLog(tail))
	var x float64
	if r <= 5 {
		z := r - 1.6
		x = horner(&as241NearNum, z) / horner(&as241NearDen, z)
	} else {
		z := r - 5
		x = horner(&as241FarNum, z) / horner(&as241FarDen, z)
	}
	if dp < 0 {
		return -x
	}
	return x
}

// detLog is the natural logarithm of a positive, finite x: the algorithm
// of the Go standard library's pure-Go math.log (from FreeBSD's e_log.c,
// error below 1 ulp), with every rounding explicit. math.Log itself runs
// assembly on amd64 and pure Go on wasm, which need not agree to the bit.
func detLog(x float64) float64 {
	const (
		ln2Hi = 6.93147180369123816490e-01 // 3fe62e42 fee00000
		ln2Lo = 1.90821492927058770002e-10 // 3dea39ef 35793c76
		l1    = 6.666666666666735130e-01   // 3FE55555 55555593
		l2    = 3.999999999940941908e-01   // 3FD99999 9997FA04
		l3    = 2.857142874366239149e-01   // 3FD24924 94229359
		l4    = 2.222219843214978396e-01   // 3FCC71C5 1D8E78AF
		l5    = 1.818357216161805012e-01   // 3FC74664 96CB03DE
		l6    = 1.531383769920937332e-01   // 3FC39A09 D078C69F
		l7    = 1.479819860511658591e-01   // 3FC2F112 DF3E5244
	)
	f1, ki := math.Frexp(x)
	if f1 < math.Sqrt2/2 {
		f1 *= 2
		ki--
	}
	f := f1 - 1
	k := float64(ki)
	s := f / (2 + f)
	s2 := s * s
	s4 := s2 * s2
	t1 := float64(s2 * (l1 + float64(s4*(l3+float64(s4*(l5+float64(s4*l7)))))))
	t2 := float64(s4 * (l2 + float64(s4*(l4+float64(s4*l6)))))
	rr := t1 + t2
	hfsq := float64(0.5 * f * f)
	return float64(k*ln2Hi) - ((hfsq - (float64(s*(hfsq+rr)) + float64(k*ln2Lo))) - f)
}

// twelfthRoot returns a^(1/12) for 1 <= a <= 2 as sqrt(sqrt(cbrt(a))), the
// cube root by Newton's method from a linear start (six steps reach full
// precision: the error squares at each step from under 6 %). It replaces
// math.Pow, whose result is platform-dependent (see the top of this file).
func twelfthRoot(a float64) float64 {
	x := 1 + (a-1)/3
	for range 6 {
		x2 := float64(x * x)
		x -= (float64(x2*x) - a) / float64(3*x2)
	}
	return math.Sqrt(math.Sqrt(x))
}
