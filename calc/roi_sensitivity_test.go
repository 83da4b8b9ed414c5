package calc

import (
	"math"
	"math/rand/v2"
	"reflect"
	"testing"
)

// referenceROIModel is the model as roikit first computed it, one loop
// filling every month's discount factor and unit benefit and adding up
// both present values: the reference the shared sums of buildROIModel and
// the partial recomputations of sensitivity must match to the bit.
func referenceROIModel(r *ROIRequest) (perLift, costs float64) {
	growth := twelfthRoot(1 + r.DiscountRate)
	full := r.MonthlyVisitors * r.AddressableShare * r.ConversionRate * r.ValuePerConversion * r.GrossMargin * (1 - r.RiskAdjustment)
	compound := 1.0
	costs = r.OneTimeCost
	for k := 1; k <= r.HorizonMonths; k++ {
		compound *= growth
		discount := 1 / compound
		ramp := 1.0
		if r.RampMonths > 0 && k < r.RampMonths {
			ramp = float64(k) / float64(r.RampMonths)
		}
		unit := full * ramp
		perLift += float64(unit * discount)
		costs += float64(r.MonthlyCost * discount)
	}
	return perLift, costs
}

// roiSensitivityRequests are the requests of TestROISensitivityExact: the
// benchmark's and the Monte Carlo tests' requests, edge values of every
// field, and random valid requests.
func roiSensitivityRequests() []ROIRequest {
	ranged := roiMCRequest(0.05, -0.01, 0.11)
	reqs := []ROIRequest{benchROIRequest, ranged}
	edge := func(change func(*ROIRequest)) {
		r := benchROIRequest
		change(&r)
		reqs = append(reqs, r)
	}
	edge(func(r *ROIRequest) { r.RampMonths = 36 })
	edge(func(r *ROIRequest) { r.RampMonths, r.HorizonMonths = 1, 1 })
	edge(func(r *ROIRequest) { r.RampMonths, r.HorizonMonths = 119, 120 })
	edge(func(r *ROIRequest) { r.DiscountRate = 0 })
	edge(func(r *ROIRequest) { r.DiscountRate = 1 })
	edge(func(r *ROIRequest) { r.AddressableShare = 0 })
	edge(func(r *ROIRequest) { r.OneTimeCost, r.MonthlyCost = 0, 0 })
	edge(func(r *ROIRequest) { r.ExpectedLift = -0.3 })
	edge(func(r *ROIRequest) { r.ExpectedLift = 0 })
	edge(func(r *ROIRequest) { r.ConversionRate, r.ExpectedLift = 1, 0 })
	edge(func(r *ROIRequest) { r.RiskAdjustment = 0.995 })
	edge(func(r *ROIRequest) { r.MonthlyVisitors, r.ValuePerConversion = 1e12, 1e13 })
	rng := rand.New(rand.NewPCG(2, 3))
	for range 500 {
		r := NewROIRequest()
		r.MonthlyVisitors = math.Exp(rng.Float64() * 25)
		r.ConversionRate = 0.001 + 0.5*rng.Float64()
		r.ValuePerConversion = math.Exp(rng.Float64() * 10)
		r.GrossMargin = 0.01 + 0.99*rng.Float64()
		r.ExpectedLift = 2*rng.Float64() - 0.5
		r.AddressableShare = rng.Float64()
		r.OneTimeCost = math.Exp(rng.Float64() * 15)
		r.MonthlyCost = math.Exp(rng.Float64() * 12)
		r.HorizonMonths = 1 + rng.IntN(120)
		r.DiscountRate = rng.Float64()
		r.RampMonths = rng.IntN(r.HorizonMonths + 1)
		r.RiskAdjustment = 0.9 * rng.Float64()
		reqs = append(reqs, r)
	}
	return reqs
}

// TestROISensitivityExact checks that every NPV of the tornado, which
// sensitivity computes by recomputing only the sums the moved input enters,
// is to the bit the NPV of the moved request computed from scratch, by
// newROIModel and by the reference loop.
func TestROISensitivityExact(t *testing.T) {
	for i, r := range roiSensitivityRequests() {
		base := newROIModel(&r)
		if p, c := referenceROIModel(&r); base.perLift != p || base.costs != c {
			t.Fatalf("request %d %+v: perLift, costs = %v, %v; the reference loop gives %v, %v", i, r, base.perLift, base.costs, p, c)
		}
		rows := sensitivity(&r, base)
		if len(rows) != 11 {
			t.Fatalf("request %d: %d rows", i, len(rows))
		}
		for _, row := range rows {
			for _, end := range []struct {
				name       string
				value, npv float64
			}{{"low", row.LowValue, row.NPVLow}, {"high", row.HighValue, row.NPVHigh}} {
				q := r
				q.setInput(row.Field, end.value)
				want := newROIModel(&q).npv(q.ExpectedLift)
				p, c := referenceROIModel(&q)
				ref := float64(p*q.ExpectedLift) - c
				if math.Float64bits(end.npv) != math.Float64bits(want) || math.Float64bits(end.npv) != math.Float64bits(ref) {
					t.Errorf("request %d %+v, %s %s = %v: npv %v, from scratch %v, reference %v",
						i, r, row.Field, end.name, end.value, end.npv, want, ref)
				}
			}
		}
	}
}

// TestROIRequestSetInput checks that setInput knows every input of the
// tornado and sets the request field of that JSON name, and only it.
func TestROIRequestSetInput(t *testing.T) {
	r := benchROIRequest
	idx := jsonFields(reflect.TypeFor[ROIRequest]())
	for _, row := range sensitivity(&r, newROIModel(&r)) {
		q := r
		q.setInput(row.Field, 7)
		got, orig := reflect.ValueOf(q), reflect.ValueOf(r)
		for name, j := range idx {
			f := got.Field(j)
			switch {
			case name == row.Field && !(f.CanFloat() && f.Float() == 7 || f.CanInt() && f.Int() == 7):
				t.Errorf("setInput(%q, 7) left %s = %v", row.Field, name, f)
			case name != row.Field && !reflect.DeepEqual(f.Interface(), orig.Field(j).Interface()):
				t.Errorf("setInput(%q, 7) changed %s to %v", row.Field, name, f)
			}
		}
	}
}
