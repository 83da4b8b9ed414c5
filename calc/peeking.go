package calc

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
)

// peekingStream separates the peeking simulation's random stream from the
// other simulations' (rand.NewPCG's second word).
const peekingStream = 0x7065656b696e67 // "peeking"

// PeekingRequest describes the A/A tests of the peeking demonstration: a
// test with no real difference, read every day, as the reader would run it.
// Field names are snake_case JSON like the calculators'; it is not a
// calculator of the contract but a demonstration the significance page
// draws (roikit.peeking in the browser's module).
type PeekingRequest struct {
	DailyVisitors    int     `json:"daily_visitors"`    // visitors per day, both arms together, split evenly; 2..100,000,000
	BaselineRate     float64 `json:"baseline_rate"`     // the conversion rate of both arms, 0 < p < 1
	Days             int     `json:"days"`              // days the test runs, read once a day; 1..365
	Alpha            float64 `json:"alpha"`             // 0 < alpha < 0.5
	SequentialTuning float64 `json:"sequential_tuning"` // 1..1e9, as significance's
	Simulations      int     `json:"simulations"`       // simulated A/A tests, 1..100,000
	Seed             int64   `json:"seed"`              // >= 0: the same request gives the same answer
}

// NewPeekingRequest returns the demonstration's defaults: alpha 0.05,
// tuning 5000, 1,000 simulated tests, seed 1, 14 days; the traffic and the
// rate are the reader's.
func NewPeekingRequest() PeekingRequest {
	return PeekingRequest{Alpha: 0.05, SequentialTuning: defaultSequentialTuning, Simulations: 1000, Seed: 1, Days: 14}
}

// PeekingResponse is, for each day 1..days, the share of the simulated A/A
// tests that a reader checking daily would have called a winner (either
// arm, at two-sided level alpha) on that day or before: by the fixed-horizon
// test (the pooled z of significance) and by the sequential one (its
// always-valid p-value). A correct test keeps the last day's share at or
// below alpha.
type PeekingResponse struct {
	Days              []int     `json:"days"`               // 1..days
	FixedWinners      []float64 `json:"fixed_winners"`      // cumulative share called by the fixed test, 0..1
	SequentialWinners []float64 `json:"sequential_winners"` // cumulative share called by the sequential test, 0..1
	Simulations       int       `json:"simulations"`
	Alpha             float64   `json:"alpha"`
}

// check lists every problem with the request.
func (r *PeekingRequest) check() error {
	var p problems
	between := func(field, label string, v, lo, hi float64, open bool) {
		if open && (v > lo && v < hi) || !open && (v >= lo && v <= hi) {
			return
		}
		p.add(field, CodeOutOfRange, fmt.Sprintf("%s must be between %s and %s.", label, FormatCount(lo), FormatCount(hi)))
	}
	between("daily_visitors", "Daily visitors", float64(r.DailyVisitors), 2, 1e8, false)
	if !(r.BaselineRate > 0 && r.BaselineRate < 1) {
		p.add("baseline_rate", CodeOutOfRange, "Baseline conversion rate must be between 0 and 1 (0 % and 100 %), both excluded.")
	}
	between("days", "Days", float64(r.Days), 1, 365, false)
	if !(r.Alpha > 0 && r.Alpha < 0.5) {
		p.add("alpha", CodeOutOfRange, "Significance level (alpha) must be between 0 and 0.5, both excluded.")
	}
	between("sequential_tuning", "Sequential tuning (visitors)", r.SequentialTuning, 1, 1e9, false)
	between("simulations", "Simulations", float64(r.Simulations), 1, 100000, false)
	between("seed", "Seed", float64(r.Seed), 0, 1<<53, false)
	return p.err()
}

// RunPeekingJSON decodes a JSON request over NewPeekingRequest's defaults
// (an unknown field is an error) and runs Peeking; the answer is the
// response's JSON, or the errors object, with the status as RunJSON's.
func RunPeekingJSON(data []byte) ([]byte, Status) {
	req := NewPeekingRequest()
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		return ErrorJSON(CodeMalformedJSON, "The peeking demonstration's request could not be read ("+err.Error()+")."), StatusMalformed
	}
	resp, err := Peeking(req)
	if err != nil {
		return ErrorsJSON(err.(Errors)), StatusInvalid
	}
	out, _ := json.Marshal(resp)
	return out, StatusOK
}

// Peeking simulates req.Simulations A/A tests (both arms converting at
// req.BaselineRate) read once a day for req.Days days, each day's visitors
// split evenly between the arms, and returns on each day the cumulative
// share of tests called winners by the fixed-horizon test and by the
// sequential test (aaLook). Each arm's daily conversions are drawn as
// Binomial(visitors, rate) (binomialDraw) and added up, so a day costs two
// draws whatever the traffic. Seeded by req.Seed: the same request gives
// the same answer. An error lists every problem with the request.
func Peeking(req PeekingRequest) (*PeekingResponse, error) {
	if err := req.check(); err != nil {
		return nil, err
	}
	rng := rand.New(rand.NewPCG(uint64(req.Seed), peekingStream))
	rho2 := sequentialRho2(req.Alpha, req.SequentialTuning)
	nC := req.DailyVisitors / 2
	nT := req.DailyVisitors - nC
	firstFixed := make([]int, req.Days+1) // tests first called on day d (index d)
	firstSeq := make([]int, req.Days+1)
	for s := 0; s < req.Simulations; s++ {
		var cC, cT int
		fixedDay, seqDay := 0, 0
		for d := 1; d <= req.Days && (fixedDay == 0 || seqDay == 0); d++ {
			cC += binomialDraw(rng, nC, req.BaselineRate)
			cT += binomialDraw(rng, nT, req.BaselineRate)
			fixed, seq := aaLook(float64(d*nC), float64(cC), float64(d*nT), float64(cT), req.Alpha, rho2)
			if fixed && fixedDay == 0 {
				fixedDay = d
			}
			if seq && seqDay == 0 {
				seqDay = d
			}
		}
		firstFixed[fixedDay]++
		firstSeq[seqDay]++
	}
	resp := &PeekingResponse{Days: make([]int, req.Days), FixedWinners: make([]float64, req.Days),
		SequentialWinners: make([]float64, req.Days), Simulations: req.Simulations, Alpha: req.Alpha}
	var fixed, seq int
	for d := 1; d <= req.Days; d++ {
		fixed += firstFixed[d]
		seq += firstSeq[d]
		resp.Days[d-1] = d
		resp.FixedWinners[d-1] = float64(fixed) / float64(req.Simulations)
		resp.SequentialWinners[d-1] = float64(seq) / float64(req.Simulations)
	}
	return resp, nil
}

// aaLook reads one test of conversion rates as significance does, with
// cC of nC visitors converting in control and cT of nT in the treatment,
// and reports whether each test calls a winner at two-sided level alpha:
// fixed by the pooled z's p-value 2 Φ(-|z|) (p = 1 when no visitor or
// every visitor converted), sequential by the always-valid p-value of the
// unpooled difference (sequentialPValue, with rho² = rho2).
func aaLook(nC, cC, nT, cT, alpha, rho2 float64) (fixed, seq bool) {
	pC, pT := cC/nC, cT/nT
	d := pT - pC
	conv, total := cC+cT, nC+nT
	if conv > 0 && conv < total {
		pool := conv / total
		z := d / math.Sqrt(pool*(1-pool)*(1/nC+1/nT))
		fixed = normalPValue(z, 2) < alpha
	}
	v := pC*(1-pC)/nC + pT*(1-pT)/nT
	seq = sequentialPValue(d, v, total, rho2) < alpha
	return fixed, seq
}

// binomialDraw draws from Binomial(n, p), n >= 0, 0 <= p <= 1: by
// inversion (the pmf walked up from k = 0, exact) when n p (1-p) < 40, and
// otherwise by the normal approximation N(np, np(1-p)) rounded and kept
// within 0..n, whose error in the distribution function is below the
// skewness term (1-2p)/(6 sqrt(np(1-p))) ≈ 2.6 % at that limit and shrinks
// with the traffic (Berry-Esseen); both arms of an A/A test share it. The
// rate is folded to p <= 1/2 (draw n - Binomial(n, 1-p)) so the walk is
// short.
func binomialDraw(rng *rand.Rand, n int, p float64) int {
	if p > 0.5 {
		return n - binomialDraw(rng, n, 1-p)
	}
	fn := float64(n)
	if npq := fn * p * (1 - p); npq >= 40 {
		k := math.Round(fn*p + math.Sqrt(npq)*rng.NormFloat64())
		return int(math.Min(fn, math.Max(0, k)))
	}
	// n p < 80 here, so (1-p)^n >= e^-160 does not underflow.
	f := math.Exp(fn * math.Log1p(-p))
	ratio := p / (1 - p)
	u := rng.Float64()
	k := 0
	for u > f && k < n {
		u -= f
		f *= ratio * float64(n-k) / float64(k+1)
		k++
	}
	return k
}
