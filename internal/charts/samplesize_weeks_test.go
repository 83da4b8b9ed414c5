package charts

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestMDEByWeekChart: the chart's points are the response's mde_by_week
// (relative for a rate; absolute for a mean without a baseline mean, the
// week without a visitor left out), the planned week is marked on its
// point, and the request's effect is the line across.
func TestMDEByWeekChart(t *testing.T) {
	for _, tc := range []struct {
		req     string
		points  int
		planned float64
		format  string
	}{
		{`{"baseline_rate":0.05,"mde":0.1,"daily_visitors":5000}`, 8, 2, "pct1"},
		{`{"baseline_rate":0.05,"mde":0.1,"daily_visitors":1000}`, 8, 8, "pct1"}, // a 9-week plan: the 8-week row
		{`{"metric":"mean","baseline_sd":3,"mde":0.2,"mde_type":"absolute","daily_visitors":0.1}`, 7, 8, "plain"},
	} {
		res := resultOf(t, "samplesize", tc.req)
		out, err := Build(res)
		if err != nil {
			t.Fatal(err)
		}
		var o struct {
			Series []struct {
				Data      []struct{ Value [2]float64 } `json:"data"`
				MarkPoint struct {
					Data []struct {
						Coord []float64 `json:"coord"`
					} `json:"data"`
				} `json:"markPoint"`
				MarkLine struct {
					Data []map[string]any `json:"data"`
				} `json:"markLine"`
			} `json:"series"`
			Roikit struct {
				YAxis []string `json:"yAxis"`
			} `json:"roikit"`
		}
		if out[1].ID != "mde-by-week" {
			t.Fatalf("second chart %s", out[1].ID)
		}
		if err := json.Unmarshal(out[1].Option, &o); err != nil {
			t.Fatalf("%s: %v %s", tc.req, err, out[1].Option)
		}
		s := o.Series[0]
		if len(s.Data) != tc.points || len(s.MarkPoint.Data) != 1 || s.MarkPoint.Data[0].Coord[0] != tc.planned || o.Roikit.YAxis[0] != tc.format {
			t.Errorf("%s: %d points, mark %v, format %v", tc.req, len(s.Data), s.MarkPoint.Data, o.Roikit.YAxis)
		}
		var body struct {
			MDEByWeek []struct {
				Weeks       int      `json:"weeks"`
				RelativeMDE *float64 `json:"relative_mde"`
				AbsoluteMDE *float64 `json:"absolute_mde"`
			} `json:"mde_by_week"`
		}
		json.Unmarshal(res.JSON(), &body)
		last := body.MDEByWeek[7]
		want := last.AbsoluteMDE
		if tc.format == "pct1" {
			want = last.RelativeMDE
		}
		if got := s.Data[len(s.Data)-1].Value; got[0] != 8 || round(*want, 6) != got[1] {
			t.Errorf("%s: week 8 point %v, response %v", tc.req, got, *want)
		}
		if !strings.Contains(string(out[1].Option), `"name":"Your effect"`) {
			t.Errorf("%s: no line at your effect", tc.req)
		}
	}
}
