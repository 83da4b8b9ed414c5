package calc

import (
	"math"
	"sort"
)

// symMatrix is a small dense symmetric matrix, row-major: the observed
// information matrices of the fits (3 x 3 and 4 x 4).
type symMatrix struct {
	n int
	a []float64
}

func newSymMatrix(n int) symMatrix { return symMatrix{n: n, a: make([]float64, n*n)} }

// At returns the element (i, j).
func (m symMatrix) At(i, j int) float64 { return m.a[i*m.n+j] }

// setSym sets the elements (i, j) and (j, i) to v.
func (m symMatrix) setSym(i, j int, v float64) {
	m.a[i*m.n+j] = v
	m.a[j*m.n+i] = v
}

// eigenSym returns the eigenvalues of a symmetric matrix in ascending
// order and the matching unit eigenvectors as the columns of vectors
// (vectors[i][k] is component i of the k-th), by the cyclic Jacobi method
// (Golub and Van Loan, Matrix Computations, 4th ed., section 8.5): plane
// rotations zero the off-diagonal elements until their sum of squares is
// below 1e-30 of the matrix's, which for the small matrices here takes a
// handful of sweeps. ok is false when it does not converge in 100 sweeps
// (NaN entries). It replaces gonum's mat.EigenSym, whose LAPACK routines
// would add about 50 KB (brotli) to the WebAssembly module for 4 x 4
// matrices.
func eigenSym(m symMatrix) (values []float64, vectors [][]float64, ok bool) {
	n := m.n
	a := make([][]float64, n)
	v := make([][]float64, n)
	norm := 0.0
	for i := range n {
		a[i] = append([]float64(nil), m.a[i*n:(i+1)*n]...)
		v[i] = make([]float64, n)
		v[i][i] = 1
		for j := range n {
			norm += a[i][j] * a[i][j]
		}
	}
	off := func() float64 {
		s := 0.0
		for i := range n {
			for j := range n {
				if i != j {
					s += a[i][j] * a[i][j]
				}
			}
		}
		return s
	}
	for sweep := 0; ; sweep++ {
		if o := off(); o <= 1e-30*norm || o == 0 {
			break
		}
		if sweep == 100 {
			return nil, nil, false
		}
		for p := 0; p < n-1; p++ {
			for q := p + 1; q < n; q++ {
				if a[p][q] == 0 {
					continue
				}
				// The rotation (c, s) that zeroes a[p][q] (Golub and Van Loan, Algorithm 8.5.1).
				tau := (a[q][q] - a[p][p]) / (2 * a[p][q])
				t := 1 / (math.Abs(tau) + math.Sqrt(1+tau*tau))
				if tau < 0 {
					t = -t
				}
				c := 1 / math.Sqrt(1+t*t)
				s := t * c
				for k := range n { // A J
					akp, akq := a[k][p], a[k][q]
					a[k][p], a[k][q] = c*akp-s*akq, s*akp+c*akq
				}
				for k := range n { // J' A J
					apk, aqk := a[p][k], a[q][k]
					a[p][k], a[q][k] = c*apk-s*aqk, s*apk+c*aqk
				}
				for k := range n { // V J
					vkp, vkq := v[k][p], v[k][q]
					v[k][p], v[k][q] = c*vkp-s*vkq, s*vkp+c*vkq
				}
			}
		}
	}
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(i, j int) bool { return a[order[i]][order[i]] < a[order[j]][order[j]] })
	values = make([]float64, n)
	vectors = make([][]float64, n)
	for i := range n {
		vectors[i] = make([]float64, n)
	}
	for k, o := range order {
		values[k] = a[o][o]
		for i := range n {
			vectors[i][k] = v[i][o]
		}
	}
	return values, vectors, true
}
