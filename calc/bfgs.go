package calc

import "math"

// This file holds a small BFGS minimizer for the maximum-likelihood fits
// (BG/NBD with 4 parameters, Gamma-Gamma with 3). It replaces gonum's
// optimize.BFGS, which brought gonum's matrix, LAPACK, BLAS and linear
// programming packages into the browser's WebAssembly module for one call.
// It follows the same algorithm as the gonum code it replaces (BFGS with a
// bisection line search, gonum v0.17 optimize.BFGS's default) so that the
// fits take the same path; the line search additionally asks for sufficient
// decrease, so that every accepted step satisfies the strong Wolfe
// conditions. Nocedal & Wright, Numerical Optimization, 2nd ed. (NW below),
// chapters 3 and 6.
//
// The arithmetic is +, -, *, / and math.Sqrt, each product that feeds a sum
// wrapped in float64(...) so that no compiler fuses it into one rounding:
// the same function values give the same path on every platform (see
// montecarlo.go).

// bfgsSettings are the stopping rules of minimizeBFGS.
type bfgsSettings struct {
	// gradTol: converged when the largest |∂f/∂x_i| at an iterate is below it.
	gradTol float64
	// maxIter: stop after this many iterates, the start counted as the first.
	maxIter int
	// maxEval: stop after this many evaluations of f (each with its gradient).
	maxEval int
	// stallIter, stallTol: stop when stallIter iterates in a row lowered f
	// by no more than stallTol (gonum's default FunctionConverge: 100, 1e-10).
	stallIter int
	stallTol  float64
}

// bfgsStatus says why minimizeBFGS stopped.
type bfgsStatus int

const (
	bfgsGradientConverged bfgsStatus = iota // the gradient is below gradTol
	bfgsStalled                             // f stopped decreasing (stallIter, stallTol)
	bfgsIterationLimit                      // maxIter iterates
	bfgsEvaluationLimit                     // maxEval evaluations
	bfgsLineSearchFailed                    // no acceptable step along the direction
	bfgsNotDescent                          // the direction does not go downhill (broken gradient)
	bfgsBadStart                            // f or its gradient is not finite at the start
	bfgsMinusInfinity                       // f reached -∞

	bfgsContinue bfgsStatus = -1 // internal: the line search found a step
)

// bfgsEvent tells an observer what minimizeBFGS just did.
type bfgsEvent int

const (
	bfgsStart      bfgsEvent = iota // about to evaluate the start (a chance to cancel)
	bfgsEvaluation                  // f and its gradient were evaluated at a trial point
	bfgsIteration                   // a line search ended: the trial point is the new iterate
)

// bfgsResult is where minimizeBFGS stopped: the last iterate, f and its
// gradient there, the iterates (the start counted) and the evaluations used.
type bfgsResult struct {
	x, grad     []float64
	f           float64
	iterations  int
	evaluations int
	status      bfgsStatus
}

// Line search constants: sufficient decrease f(x+t d) ≤ f(x) + c1 t g·d
// (NW eq. 3.7a) and strong curvature |g(x+t d)·d| < c2 |g(x)·d| (NW eq.
// 3.7b). c2 = 0.9 is the usual choice for quasi-Newton methods (NW p. 142)
// and gonum's Bisection default.
const (
	wolfeDecrease  = 1e-4
	wolfeCurvature = 0.9
)

// minimizeBFGS minimizes f from x0 by the BFGS quasi-Newton method (NW
// Algorithm 6.1). f returns the value at x and writes the gradient into
// grad; it is called once per trial point. The inverse Hessian
// approximation H starts as (sᵀy / yᵀy) I after the first step (NW eq. 6.20)
// and is updated after each step s with gradient change y by
//
//	H ← (I - ρ s yᵀ) H (I - ρ y sᵀ) + ρ s sᵀ,   ρ = 1 / yᵀs      (NW eq. 6.17)
//
// The first direction is -∇f with a step of length 1; later ones are -H ∇f
// with step 1, each refined by lineSearch. observe, when not nil, is told
// of every evaluation and iterate; an error from it stops the search and
// is returned. Otherwise the error is nil and the result's status says why
// the search stopped; the result holds the last iterate, never a rejected
// trial point.
func minimizeBFGS(f func(x, grad []float64) float64, x0 []float64, set bfgsSettings, observe func(bfgsEvent) error) (bfgsResult, error) {
	n := len(x0)
	if observe == nil {
		observe = func(bfgsEvent) error { return nil }
	}
	m := &bfgsState{f: f, observe: observe, set: set, n: n}
	if err := observe(bfgsStart); err != nil {
		return bfgsResult{}, err
	}
	x, grad := append([]float64(nil), x0...), make([]float64, n)
	fx, err := m.eval(x, grad)
	if err != nil {
		return bfgsResult{}, err
	}
	res := bfgsResult{x: x, grad: grad, f: fx, iterations: 1}
	if math.IsNaN(fx) || math.IsInf(fx, 1) || !finiteSlice(grad) {
		res.status, res.evaluations = bfgsBadStart, m.evals
		return res, nil
	}
	if err := observe(bfgsIteration); err != nil {
		return bfgsResult{}, err
	}
	status, err := m.run(&res)
	res.status, res.evaluations = status, m.evals
	return res, err
}

// bfgsState is minimizeBFGS's working state.
type bfgsState struct {
	f       func(x, grad []float64) float64
	observe func(bfgsEvent) error
	set     bfgsSettings
	n       int
	evals   int
	h       []float64 // inverse Hessian approximation, n x n row-major
}

// eval evaluates f and its gradient at x and reports the evaluation.
func (m *bfgsState) eval(x, grad []float64) (float64, error) {
	fx := m.f(x, grad)
	m.evals++
	return fx, m.observe(bfgsEvaluation)
}

// run iterates from res (the evaluated start) until a stopping rule holds,
// updating res to each new iterate.
func (m *bfgsState) run(res *bfgsResult) (bfgsStatus, error) {
	n := m.n
	dir := make([]float64, n)
	xNew, gNew := make([]float64, n), make([]float64, n)
	s, y, hy := make([]float64, n), make([]float64, n), make([]float64, n)
	best, stall := res.f, 0
	for i := range dir {
		dir[i] = -res.grad[i]
	}
	step := 1 / math.Sqrt(dot(dir, dir)) // a first step of length 1
	// The stopping rules are checked at each iterate in gonum's order:
	// gradient, stall, iteration limit.
	if maxAbs(res.grad) < m.set.gradTol {
		return bfgsGradientConverged, nil
	}
	for {
		if res.iterations >= m.set.maxIter {
			return bfgsIterationLimit, nil
		}
		fNew, status, err := m.lineSearch(res.x, res.f, res.grad, dir, step, xNew, gNew)
		if err != nil || status != bfgsContinue {
			return status, err
		}
		for i := range n {
			s[i], y[i] = xNew[i]-res.x[i], gNew[i]-res.grad[i]
		}
		copy(res.x, xNew)
		copy(res.grad, gNew)
		res.f = fNew
		res.iterations++
		if err := m.observe(bfgsIteration); err != nil {
			return 0, err
		}
		if math.IsInf(fNew, -1) {
			return bfgsMinusInfinity, nil
		}
		if maxAbs(res.grad) < m.set.gradTol {
			return bfgsGradientConverged, nil
		}
		// Stalled: stallIter iterates in a row without a decrease of more than stallTol.
		if fNew < best && best-fNew > m.set.stallTol {
			best, stall = fNew, 0
		} else if stall++; stall >= m.set.stallIter {
			return bfgsStalled, nil
		}
		m.update(s, y, hy)
		for i := range n { // dir = -H g
			v := 0.0
			for j := range n {
				v += float64(m.h[i*n+j] * res.grad[j])
			}
			dir[i] = -v
		}
		step = 1
	}
}

// update applies the BFGS update (NW eq. 6.17) to m.h for the step s and
// gradient change y, written as
//
//	H ← H + (sᵀy + yᵀHy)/(sᵀy)² s sᵀ - (Hy sᵀ + s (Hy)ᵀ)/(sᵀy)
//
// The first update starts from H = (sᵀy / yᵀy) I (NW eq. 6.20). A step with
// sᵀy ≤ 0, which the curvature condition rules out, leaves H unchanged.
func (m *bfgsState) update(s, y, hy []float64) {
	n := m.n
	sy := dot(s, y)
	if m.h == nil {
		m.h = make([]float64, n*n)
		scale := sy / dot(y, y)
		for i := range n {
			m.h[i*n+i] = scale
		}
	}
	if !(sy > 0) {
		return
	}
	for i := range n {
		v := 0.0
		for j := range n {
			v += float64(m.h[i*n+j] * y[j])
		}
		hy[i] = v
	}
	a := (1 + dot(y, hy)/sy) / sy
	for i := range n {
		for j := range n {
			m.h[i*n+j] += float64(a*s[i]*s[j]) - (float64(hy[i]*s[j])+float64(s[i]*hy[j]))/sy
		}
	}
}

// lineSearch looks along dir from x (value fx, gradient grad) for a step t
// at which the strong Wolfe conditions hold (wolfeDecrease,
// wolfeCurvature) and f is no higher than at any step tried, starting with
// t = step. It keeps a bracket [lo, hi] of steps: a step with too high a
// value (or no sufficient decrease) becomes hi; one whose slope g·dir is
// still negative becomes lo and, while no hi is known, the step doubles;
// otherwise it bisects. This is gonum's Bisection line search with the
// sufficient-decrease test added. On success it writes the accepted point
// and its gradient into xNew and gNew, returns its value and bfgsContinue;
// otherwise it returns the status that stops the search.
func (m *bfgsState) lineSearch(x []float64, fx float64, grad, dir []float64, step float64, xNew, gNew []float64) (float64, bfgsStatus, error) {
	slope0 := dot(grad, dir)
	if !(slope0 < 0) {
		return 0, bfgsNotDescent, nil
	}
	lo, hi := 0.0, math.Inf(1)
	fLo, fHi := fx, math.NaN()
	t := step
	for {
		moved := false
		for i := range x {
			xNew[i] = x[i] + float64(t*dir[i])
			moved = moved || xNew[i] != x[i]
		}
		if !moved {
			return 0, bfgsLineSearchFailed, nil // the step is below the resolution of x
		}
		ft, err := m.eval(xNew, gNew)
		if err != nil {
			return 0, 0, err
		}
		if m.evals >= m.set.maxEval {
			return 0, bfgsEvaluationLimit, nil
		}
		fMin := math.Min(fx, fLo) // the lowest value seen in this search
		if fHi < fMin {
			fMin = fHi
		}
		var next float64
		switch {
		case !(ft <= fMin) || ft > fx+float64(wolfeDecrease*t*slope0): // too far (or NaN)
			switch {
			case math.IsInf(hi, 1), ft <= fMin: // the first hi, or a failed decrease test
				hi, fHi = t, ft
			case fLo <= fHi: // keep the better end of the bracket
				hi, fHi = t, ft
			default:
				lo, fLo = t, ft
			}
			next = (lo + hi) / 2
		default:
			slope := dot(gNew, dir)
			if math.Abs(slope) < wolfeCurvature*math.Abs(slope0) {
				return ft, bfgsContinue, nil
			}
			if slope < 0 {
				lo, fLo = t, ft
			} else {
				hi, fHi = t, ft
			}
			if math.IsInf(hi, 1) {
				next = 2 * t
			} else {
				next = (lo + hi) / 2
			}
		}
		if next == t {
			return 0, bfgsLineSearchFailed, nil // the bracket has shrunk to one number
		}
		t = next
	}
}

func dot(a, b []float64) float64 {
	s := 0.0
	for i := range a {
		s += float64(a[i] * b[i])
	}
	return s
}

// maxAbs is the largest |v_i| (the infinity norm), NaN if any v_i is NaN.
func maxAbs(v []float64) float64 {
	m := 0.0
	for _, x := range v {
		if math.IsNaN(x) {
			return math.NaN()
		}
		m = math.Max(m, math.Abs(x))
	}
	return m
}

func finiteSlice(v []float64) bool {
	for _, x := range v {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return false
		}
	}
	return true
}
