package calc

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"strings"
	"testing"
)

// mdeReference is calc/testdata/mde_by_week.json, written by
// scripts/reference/power_prop_inverse.py (SciPy 1.10.1; R 4.2.2
// power.prop.test reimplemented): each case's request, its eight weeks and
// the source of their numbers.
type mdeReference struct {
	Source string `json:"source"`
	Cases  []struct {
		Name      string          `json:"name"`
		Source    string          `json:"source"`
		Request   json.RawMessage `json:"request"`
		MDEByWeek []struct {
			Weeks        int      `json:"weeks"`
			NTotal       int      `json:"n_total"`
			AbsoluteMDE  *float64 `json:"absolute_mde"`
			RelativeMDE  *float64 `json:"relative_mde"`
			RPowerPropP2 *float64 `json:"r_power_prop_test_p2"`
		} `json:"mde_by_week"`
	} `json:"cases"`
}

// TestMDEByWeekAgainstReference checks every week of every case of
// testdata/mde_by_week.json: n_total exactly, the MDEs within 1e-9
// relative (the script's brentq and R's power.prop.test agree to the last
// digits; the source of each case's numbers is its "source" string), and
// null where the script finds no reachable effect, with the
// mde_unreachable warning then and only then. The cases: two arms, an even
// split and two sides (also against R's power.prop.test p2), one side,
// four variants with Bonferroni, an uneven control share with a traffic
// share, Šidák with variance reduction and power 0.9, a mean, and
// unreachable weeks (a rate that would pass 100 %, no visitor).
func TestMDEByWeekAgainstReference(t *testing.T) {
	data, err := os.ReadFile("testdata/mde_by_week.json")
	if err != nil {
		t.Fatal(err)
	}
	var ref mdeReference
	if err := json.Unmarshal(data, &ref); err != nil {
		t.Fatal(err)
	}
	if len(ref.Cases) < 9 {
		t.Fatalf("%d reference cases, want 9", len(ref.Cases))
	}
	close := func(got, want float64) bool { return math.Abs(got-want) <= 1e-9*math.Abs(want) }
	for _, c := range ref.Cases {
		t.Run(c.Name, func(t *testing.T) {
			got := runSampleSizeJSON(t, string(c.Request))
			if len(got.MDEByWeek) != 8 {
				t.Fatalf("%d weeks, want 8", len(got.MDEByWeek))
			}
			unreachable := false
			for i, want := range c.MDEByWeek {
				g := got.MDEByWeek[i]
				if g.Weeks != want.Weeks || g.NTotal != want.NTotal {
					t.Errorf("week %d: weeks %d n_total %d, want %d %d (%s)", i+1, g.Weeks, g.NTotal, want.Weeks, want.NTotal, c.Source)
				}
				for _, f := range []struct {
					name      string
					got, want *float64
				}{{"absolute_mde", g.AbsoluteMDE, want.AbsoluteMDE}, {"relative_mde", g.RelativeMDE, want.RelativeMDE}} {
					switch {
					case (f.got == nil) != (f.want == nil):
						t.Errorf("week %d %s: %v, want %v (%s)", want.Weeks, f.name, fmtPtr(f.got), fmtPtr(f.want), c.Source)
					case f.got != nil && !close(*f.got, *f.want):
						t.Errorf("week %d %s: %.15g, want %.15g (%s)", want.Weeks, f.name, *f.got, *f.want, c.Source)
					}
				}
				if want.RPowerPropP2 != nil {
					var req SampleSizeRequest
					_ = json.Unmarshal(c.Request, &req)
					if p2 := *req.BaselineRate + *g.AbsoluteMDE; !close(p2, *want.RPowerPropP2) {
						t.Errorf("week %d: p2 %.15g, R's power.prop.test %.15g", want.Weeks, p2, *want.RPowerPropP2)
					}
				}
				unreachable = unreachable || want.AbsoluteMDE == nil
			}
			if has := strings.Contains(fmt.Sprint(weekWarningCodes(got.Warnings)), "mde_unreachable"); has != unreachable {
				t.Errorf("mde_unreachable warning %v, want %v: %v", has, unreachable, got.Warnings)
			}
		})
	}
}

func fmtPtr(p *float64) string {
	if p == nil {
		return "null"
	}
	return fmt.Sprint(*p)
}

func weekWarningCodes(ws []Warning) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = w.Code
	}
	return out
}

// TestMDEByWeekRoundTrip: each week's detectable effect, asked back as the
// samplesize request's mde, needs no more visitors than the week has: the
// inverse and the forward formula agree. The forward answer rounds each
// arm up, so it may exceed the week's n_total by at most one visitor per
// arm (variants); it must also be close from below (within 0.1 % plus
// the rounding), or the inverse would be too cautious.
func TestMDEByWeekRoundTrip(t *testing.T) {
	requests := []string{
		`{"baseline_rate":0.05,"mde":0.1,"daily_visitors":1000}`,
		`{"baseline_rate":0.05,"mde":0.1,"daily_visitors":1000,"sides":1}`,
		`{"baseline_rate":0.1,"mde":0.1,"daily_visitors":3000,"variants":4}`,
		`{"baseline_rate":0.03,"mde":0.1,"daily_visitors":2500,"control_share":0.7,"traffic_share":0.6}`,
		`{"baseline_rate":0.2,"mde":0.05,"daily_visitors":800,"variance_reduction":0.3,"variants":3,"correction":"sidak","alpha":0.1,"power":0.9}`,
		`{"baseline_rate":0.001,"mde":0.5,"daily_visitors":120000,"control_share":0.2,"variants":5}`,
		`{"baseline_rate":0.9,"mde":0.01,"daily_visitors":300,"correction":"none","variants":3}`,
		`{"metric":"mean","baseline_mean":2.5,"baseline_sd":12,"mde":0.05,"daily_visitors":4000,"variance_reduction":0.2}`,
		`{"metric":"mean","baseline_mean":-40,"baseline_sd":90,"mde":0.02,"daily_visitors":700,"control_share":0.3,"variants":3}`,
	}
	for _, request := range requests {
		var base map[string]any
		if err := json.Unmarshal([]byte(request), &base); err != nil {
			t.Fatal(err)
		}
		got := runSampleSizeJSON(t, request)
		variants := 2
		if v, ok := base["variants"].(float64); ok {
			variants = int(v)
		}
		for _, w := range got.MDEByWeek {
			if w.AbsoluteMDE == nil {
				t.Errorf("%s week %d: unreachable", request, w.Weeks)
				continue
			}
			q := map[string]any{}
			for k, v := range base {
				q[k] = v
			}
			delete(q, "daily_visitors")
			q["mde"], q["mde_type"] = *w.AbsoluteMDE, "absolute"
			b, _ := json.Marshal(q)
			back := runSampleSizeJSON(t, string(b))
			if back.NTotal > w.NTotal+variants || float64(back.NTotal) < 0.999*float64(w.NTotal) {
				t.Errorf("%s week %d: mde %.6g needs %d visitors, the week has %d", request, w.Weeks, *w.AbsoluteMDE, back.NTotal, w.NTotal)
			}
		}
	}
}

// TestMDEByWeekShape: without daily_visitors there is no table; with it,
// eight rows whose effects shrink as the weeks grow, the planned week's
// effect is at most the request's (the sample is reached by then), and
// the unreachable warning's words name the weeks.
func TestMDEByWeekShape(t *testing.T) {
	if got := runSampleSizeJSON(t, `{"baseline_rate":0.05,"mde":0.1}`); got.MDEByWeek != nil {
		t.Errorf("mde_by_week without daily_visitors: %v", got.MDEByWeek)
	}
	got := runSampleSizeJSON(t, `{"baseline_rate":0.05,"mde":0.2,"daily_visitors":2000}`)
	for i := 1; i < len(got.MDEByWeek); i++ {
		if !(*got.MDEByWeek[i].RelativeMDE < *got.MDEByWeek[i-1].RelativeMDE) {
			t.Errorf("week %d: %v not below week %d's %v", i+1, *got.MDEByWeek[i].RelativeMDE, i, *got.MDEByWeek[i-1].RelativeMDE)
		}
	}
	if planned := got.MDEByWeek[*got.Weeks-1]; *planned.RelativeMDE > 0.2 || planned.NTotal < got.NTotal {
		t.Errorf("planned week %d: %v with %d visitors, request 0.2 with %d", *got.Weeks, *planned.RelativeMDE, planned.NTotal, got.NTotal)
	}
	for _, tc := range []struct {
		weeks []int
		want  string
	}{{[]int{1}, "in week 1 "}, {[]int{1, 2, 3}, "in weeks 1 to 3 "}, {[]int{1, 2, 5}, "in weeks 1, 2 and 5 "}} {
		if m := unreachableMessage("proportion", tc.weeks); !strings.Contains(m, tc.want) || !strings.Contains(m, "100 %") {
			t.Errorf("%v: %q", tc.weeks, m)
		}
	}
	if m := unreachableMessage("mean", []int{1}); !strings.Contains(m, "no visitor enters the test in week 1") {
		t.Errorf("mean: %q", m)
	}
}

// TestProportionMDEExtremes: the root find stays finite and correct at the
// edges of the domain: a tiny rate, a rate near 1, huge and tiny samples.
func TestProportionMDEExtremes(t *testing.T) {
	plan := sampleSizePlan{k: 1, controlShare: 0.5, za: unitNormalQuantile(0.975), zb: unitNormalQuantile(0.8), keep: 1}
	for _, tc := range []struct {
		p1, n  float64
		wantOK bool
	}{
		{1e-300, 1e6, true}, {1e-9, 5.6e12, true}, {0.05, 2.8e12, true},
		// Unreachable: even p2 = 1 needs more visitors than n. By hand, with
		// z 1.95996 and 0.84162: p1 0.5 needs 10.5 at p2 = 1, p1 0.3 needs
		// 5.95, and p1 0.999999 at least z_b^2 (1 - 1e-6) 1e-6 / 1e-12, over 7e5.
		{0.5, 1, false}, {0.999999, 1e4, false}, {0.3, 0.5, false},
	} {
		d, ok := proportionMDE(tc.p1, tc.n, plan)
		if ok != tc.wantOK {
			t.Errorf("p1 %g n %g: reachable %v, want %v", tc.p1, tc.n, ok, tc.wantOK)
		}
		if !ok {
			continue
		}
		if !isFinite(d) || d <= 0 || tc.p1+d > 1 {
			t.Errorf("p1 %g n %g: delta %v", tc.p1, tc.n, d)
			continue
		}
		// Forward formula at p2 = p1 + d gives back n (within 1e-9).
		p2 := tc.p1 + d
		pbar := (tc.p1 + p2) / 2
		a := plan.za*math.Sqrt(pbar*(1-pbar)*2) + plan.zb*math.Sqrt(tc.p1*(1-tc.p1)+p2*(1-p2))
		if n := a * a / (d * d); math.Abs(n-tc.n) > 1e-9*tc.n {
			t.Errorf("p1 %g n %g: delta %g gives n %g", tc.p1, tc.n, d, n)
		}
	}
	if _, ok := proportionMDE(0.5, 0, plan); ok {
		t.Error("n = 0 reached an effect")
	}
}

// TestWeekVisitors: n_total = floor(7 x weeks x daily_visitors x
// traffic_share), computed exactly (integer arithmetic on the shares'
// decimal digits: 7 x 5 x 6 x 7 / 10 = 147), also where floating point lands
// just below a whole number.
func TestWeekVisitors(t *testing.T) {
	for _, c := range []struct {
		weeks        int
		daily, share float64
		want         int
	}{
		{5, 6, 0.7, 147},    // 7*5*6*7/10 = 147 exactly
		{1, 1000, 1, 7000},  // 7*1000
		{3, 333, 0.3, 2097}, // 7*3*333*3/10 = 2097.9 -> 2097
		{8, 1, 0.1, 5},      // 7*8*1/10 = 5.6 -> 5
		{2, 10, 0.35, 49},   // 7*2*10*35/100 = 49 exactly
	} {
		if got := weekVisitors(c.weeks, c.daily*c.share); got != c.want {
			t.Errorf("%d weeks at %v x %v a day: %d visitors, want %d", c.weeks, c.daily, c.share, got, c.want)
		}
	}
}
