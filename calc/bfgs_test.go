package calc

import (
	"errors"
	"math"
	"testing"
)

// rosenbrock is f(x) = Σ 100 (x_{i+1} - x_i²)² + (1 - x_i)², whose only
// minimum for n = 2 and n = 3 is f = 0 at x = (1, ..., 1) (Rosenbrock,
// Computer Journal 3, 1960; Nocedal & Wright, Numerical Optimization, 2nd
// ed., eq. 2.22 for n = 2; Shang & Qiu, JOTA 2006, for n = 3).
func rosenbrock(x, grad []float64) float64 {
	clear(grad)
	f := 0.0
	for i := 0; i+1 < len(x); i++ {
		a, b := x[i+1]-x[i]*x[i], 1-x[i]
		f += 100*a*a + b*b
		grad[i] += -400*a*x[i] - 2*b
		grad[i+1] += 200 * a
	}
	return f
}

// quadratic is f(x) = ½ xᵀAx - bᵀx with A = [[4, 1, 0], [1, 3, -1], [0, -1,
// 2]] (positive definite: leading minors 4, 11, 18) and b = A (1, -2, 3) =
// (2, -8, 8). Its minimum is at the solution of A x = b, x* = (1, -2, 3),
// where f = -½ bᵀx* = -½ (2 + 16 + 24) = -21.
func quadratic(x, grad []float64) float64 {
	a := [3][3]float64{{4, 1, 0}, {1, 3, -1}, {0, -1, 2}}
	b := [3]float64{2, -8, 8}
	f := 0.0
	for i := range 3 {
		ax := 0.0
		for j := range 3 {
			ax += a[i][j] * x[j]
		}
		grad[i] = ax - b[i]
		f += 0.5*x[i]*ax - b[i]*x[i]
	}
	return f
}

// logBarrier is f(x) = -ln x - ln(1 - x) on (0, 1) and +Inf outside (as
// minimizeLogParams returns outside its bounds). Its minimum is at x = 1/2,
// f = 2 ln 2. From x = 0.9 the first step (length 1, downhill) lands at
// -0.1, outside the domain, so the line search must step back.
func logBarrier(x, grad []float64) float64 {
	if x[0] <= 0 || x[0] >= 1 {
		grad[0] = 0
		return math.Inf(1)
	}
	grad[0] = -1/x[0] + 1/(1-x[0])
	return -math.Log(x[0]) - math.Log(1-x[0])
}

// steepBowl is f(x) = 500 (x₁² + 4 x₂²), minimum 0 at the origin. From
// (0.01, -0.02) the first step of length 1 overshoots the minimum some
// 50-fold and lands where f is about 10⁵ times higher: the line search
// must bisect back.
func steepBowl(x, grad []float64) float64 {
	grad[0], grad[1] = 1000*x[0], 4000*x[1]
	return 500 * (x[0]*x[0] + 4*x[1]*x[1])
}

func TestMinimizeBFGS(t *testing.T) {
	cases := []struct {
		name      string
		f         func(x, grad []float64) float64
		x0, want  []float64
		fWant     float64
		backtrack bool // some line search must reject a trial step
	}{
		{"Rosenbrock from (-1.2, 1)", rosenbrock, []float64{-1.2, 1}, []float64{1, 1}, 0, false},
		{"Rosenbrock from (2, 2)", rosenbrock, []float64{2, 2}, []float64{1, 1}, 0, false},
		{"Rosenbrock from (0, 0)", rosenbrock, []float64{0, 0}, []float64{1, 1}, 0, false},
		{"Rosenbrock from (-1.5, 2)", rosenbrock, []float64{-1.5, 2}, []float64{1, 1}, 0, false},
		{"Rosenbrock n=3 from 0", rosenbrock, []float64{0, 0, 0}, []float64{1, 1, 1}, 0, false},
		{"quadratic from 0", quadratic, []float64{0, 0, 0}, []float64{1, -2, 3}, -21, false},
		{"quadratic from (10, 10, -10)", quadratic, []float64{10, 10, -10}, []float64{1, -2, 3}, -21, false},
		{"log barrier from 0.9", logBarrier, []float64{0.9}, []float64{0.5}, 2 * math.Ln2, true},
		{"steep bowl", steepBowl, []float64{0.01, -0.02}, []float64{0, 0}, 0, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			iters, evals := 0, 0
			observe := func(e bfgsEvent) error {
				switch e {
				case bfgsIteration:
					iters++
				case bfgsEvaluation:
					evals++
				}
				return nil
			}
			res, err := minimizeBFGS(c.f, c.x0, fitSettings, observe)
			if err != nil || res.status != bfgsGradientConverged {
				t.Fatalf("status %d, err %v at x = %v (grad %v)", res.status, err, res.x, res.grad)
			}
			for i := range c.want {
				if math.Abs(res.x[i]-c.want[i]) > 1e-6 {
					t.Errorf("x = %v, want %v", res.x, c.want)
					break
				}
			}
			if math.Abs(res.f-c.fWant) > 1e-10 {
				t.Errorf("f = %v, want %v", res.f, c.fWant)
			}
			if maxAbs(res.grad) >= fitSettings.gradTol {
				t.Errorf("gradient %v not below %v", res.grad, fitSettings.gradTol)
			}
			if iters != res.iterations || evals != res.evaluations {
				t.Errorf("observer saw %d iterations and %d evaluations, result says %d and %d", iters, evals, res.iterations, res.evaluations)
			}
			// Each iterate after the start costs at least one evaluation;
			// more evaluations mean a trial step was rejected.
			if c.backtrack && res.evaluations <= res.iterations {
				t.Errorf("%d evaluations for %d iterations: no line search backtracked", res.evaluations, res.iterations)
			}
		})
	}
}

// TestLineSearchWolfe checks that every step the line search accepts meets
// the strong Wolfe conditions f(x+td) ≤ f(x) + c1 t g·d and |g(x+td)·d| <
// c2 |g·d|, and lowers f, for directions that need doubling (a tiny first
// step), bisection (a huge one) and a step into +Inf.
func TestLineSearchWolfe(t *testing.T) {
	cases := []struct {
		name string
		f    func(x, grad []float64) float64
		x    []float64
		step float64
	}{
		{"Rosenbrock, tiny step", rosenbrock, []float64{-1.2, 1}, 1e-8},
		{"Rosenbrock, huge step", rosenbrock, []float64{-1.2, 1}, 1e3},
		{"quadratic, unit step", quadratic, []float64{10, 10, -10}, 1},
		{"log barrier, into +Inf", logBarrier, []float64{0.9}, 1},
		{"steep bowl, overshoot", steepBowl, []float64{0.01, -0.02}, 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			n := len(c.x)
			grad := make([]float64, n)
			fx := c.f(c.x, grad)
			dir := make([]float64, n)
			for i := range dir {
				dir[i] = -grad[i] / math.Sqrt(dot(grad, grad))
			}
			m := &bfgsState{f: c.f, observe: func(bfgsEvent) error { return nil }, set: fitSettings, n: n}
			xNew, gNew := make([]float64, n), make([]float64, n)
			fNew, status, err := m.lineSearch(c.x, fx, grad, dir, c.step, xNew, gNew)
			if err != nil || status != bfgsContinue {
				t.Fatalf("status %d, err %v", status, err)
			}
			tStep := (xNew[0] - c.x[0]) / dir[0]
			slope0, slope := dot(grad, dir), dot(gNew, dir)
			if !(fNew <= fx+wolfeDecrease*tStep*slope0) {
				t.Errorf("no sufficient decrease: f %v -> %v at step %v", fx, fNew, tStep)
			}
			if !(math.Abs(slope) < wolfeCurvature*math.Abs(slope0)) {
				t.Errorf("curvature condition fails: slope %v -> %v", slope0, slope)
			}
		})
	}
}

// TestMinimizeBFGSStops checks the stopping rules other than convergence
// and that an observer's error (a cancelled fit) is returned as is.
func TestMinimizeBFGSStops(t *testing.T) {
	errStop := errors.New("stop")
	set := fitSettings
	set.maxIter = 3
	res, err := minimizeBFGS(rosenbrock, []float64{-1.2, 1}, set, nil)
	if err != nil || res.status != bfgsIterationLimit || res.iterations != 3 {
		t.Errorf("iteration limit: status %d after %d iterations, err %v", res.status, res.iterations, err)
	}
	set = fitSettings
	set.maxEval = 5
	res, err = minimizeBFGS(rosenbrock, []float64{-1.2, 1}, set, nil)
	if err != nil || res.status != bfgsEvaluationLimit || res.evaluations != 5 {
		t.Errorf("evaluation limit: status %d after %d evaluations, err %v", res.status, res.evaluations, err)
	}
	// A gradient of the wrong sign makes -H g an uphill direction.
	wrong := func(x, grad []float64) float64 {
		f := quadratic(x, grad)
		for i := range grad {
			grad[i] = -grad[i]
		}
		return f
	}
	if res, err = minimizeBFGS(wrong, []float64{0, 0, 0}, fitSettings, nil); err != nil || res.status == bfgsGradientConverged {
		t.Errorf("wrong gradient: status %d, err %v", res.status, err)
	}
	if res, err = minimizeBFGS(logBarrier, []float64{2}, fitSettings, nil); err != nil || res.status != bfgsBadStart {
		t.Errorf("start outside the domain: status %d, err %v", res.status, err)
	}
	evals := 0
	stopAfter4 := func(e bfgsEvent) error {
		if e == bfgsEvaluation {
			evals++
		}
		if evals == 4 {
			return errStop
		}
		return nil
	}
	if _, err = minimizeBFGS(rosenbrock, []float64{-1.2, 1}, fitSettings, stopAfter4); err != errStop || evals != 4 {
		t.Errorf("observer error: got %v after %d evaluations", err, evals)
	}
	// The result is the last iterate, never a rejected trial point: on a
	// stop at the evaluation limit f is the lowest value seen.
	set = fitSettings
	set.maxEval = 3
	res, _ = minimizeBFGS(logBarrier, []float64{0.9}, set, nil)
	if g := make([]float64, 1); logBarrier(res.x, g) != res.f || math.IsInf(res.f, 0) {
		t.Errorf("stopped at x = %v, f = %v", res.x, res.f)
	}
}
