package calc

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// TestEigenSymClosedForm checks a 2 x 2 matrix against its closed form:
// [[2, 1], [1, 2]] has eigenvalues 1 and 3 with eigenvectors (1, -1)/√2 and
// (1, 1)/√2.
func TestEigenSymClosedForm(t *testing.T) {
	m := symMatrix{n: 2, a: []float64{2, 1, 1, 2}}
	values, vectors, ok := eigenSym(m)
	if !ok || math.Abs(values[0]-1) > 1e-14 || math.Abs(values[1]-3) > 1e-14 {
		t.Fatalf("values %v, ok %v", values, ok)
	}
	r := 1 / math.Sqrt2
	if math.Abs(math.Abs(vectors[0][0])-r) > 1e-14 || math.Abs(vectors[0][0]+vectors[1][0]) > 1e-14 ||
		math.Abs(vectors[0][1]-vectors[1][1]) > 1e-14 {
		t.Errorf("vectors %v", vectors)
	}
}

// TestEigenSymAsLAPACK compares eigenSym with gonum's LAPACK-based
// mat.EigenSym (which the module no longer links) on random symmetric
// matrices of sizes 2 to 6, including the badly conditioned ones of a fit
// on a ridge (eigenvalues spread over 1e-12 to 1e6): the same eigenvalues,
// and eigenvectors equal up to sign.
func TestEigenSymAsLAPACK(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for trial := range 200 {
		n := 2 + trial%5
		// Q diag(λ) Q' with Q from a random matrix's eigenvectors.
		var base mat.EigenSym
		r := mat.NewSymDense(n, nil)
		for i := range n {
			for j := i; j < n; j++ {
				r.SetSym(i, j, rng.NormFloat64())
			}
		}
		base.Factorize(r, true)
		var q mat.Dense
		base.VectorsTo(&q)
		lambda := make([]float64, n)
		for i := range lambda {
			lambda[i] = math.Pow(10, -12+18*rng.Float64())
		}
		m := newSymMatrix(n)
		g := mat.NewSymDense(n, nil)
		for i := range n {
			for j := i; j < n; j++ {
				v := 0.0
				for k := range n {
					v += q.At(i, k) * lambda[k] * q.At(j, k)
				}
				m.setSym(i, j, v)
				g.SetSym(i, j, v)
			}
		}
		var want mat.EigenSym
		want.Factorize(g, true)
		wantValues := want.Values(nil)
		var wantVectors mat.Dense
		want.VectorsTo(&wantVectors)
		values, vectors, ok := eigenSym(m)
		if !ok {
			t.Fatalf("trial %d: no convergence", trial)
		}
		top := math.Abs(wantValues[n-1])
		for k := range n {
			if math.Abs(values[k]-wantValues[k]) > 1e-12*top {
				t.Errorf("trial %d: eigenvalue %d = %g, LAPACK %g", trial, k, values[k], wantValues[k])
			}
			// Vectors of well-separated eigenvalues agree up to sign.
			gap := math.Inf(1)
			for l := range n {
				if l != k {
					gap = math.Min(gap, math.Abs(wantValues[l]-wantValues[k]))
				}
			}
			if gap < 1e-6*top {
				continue
			}
			dot := 0.0
			for i := range n {
				dot += vectors[i][k] * wantVectors.At(i, k)
			}
			if math.Abs(math.Abs(dot)-1) > 1e-8 {
				t.Errorf("trial %d: eigenvector %d differs from LAPACK's (|dot| = %g)", trial, k, math.Abs(dot))
			}
		}
	}
}
