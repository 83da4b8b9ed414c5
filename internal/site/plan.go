package site

import (
	"bytes"
	"fmt"
	"html/template"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/roikit/roikit/calc"
)

// The business-case page (/plan/, site/templates/plan.html): five steps on
// one page. Steps 1 and 2 are one prioritize widget (the page's primary
// widget, its inputs in the URL) whose form is split in two: the site the
// ideas share (step 1) and the ideas with the budget (step 2). Steps 3 to
// 5 are built by site/js/plan.js from the widget's answers and runs of
// samplesize, significance, prioritize and roi. content/plan.md gives the
// starting request (front matter) and the method (body).

// planStep1Fields are prioritize's fields shown in step 1, "Your customers".
var planStep1Fields = []string{"monthly_visitors", "conversion_rate", "value_per_conversion", "gross_margin"}

// PlanData is what the "plan" template receives beside the page.
type PlanData struct {
	W *WidgetData
	// Step1 and Step2 split the widget's main fields; Advanced are its
	// "More options", shown in step 2.
	Step1, Step2, Advanced []FieldView
	// Share is step 1's addressable share (roi's field spec), a plan input
	// that fills the ideas' empty reach; CLV are the clv calculator's main
	// fields, a plan form that can give the value per conversion.
	Share FieldView
	CLV   []FieldView
	// CLVSpec is clv's form spec (units and messages for plan.js).
	CLVSpec template.JS
	// Tornado is the chart of roi that step 5 draws for the largest idea.
	Tornado ChartView
}

// planPage builds /plan/ from content/plan.md; without that file there is
// no business-case page.
func (b *builder) planPage() error {
	path := filepath.Join(b.opts.ContentDir, "plan.md")
	s, err := readSource(path)
	if os.IsNotExist(err) {
		return nil
	} else if err != nil {
		return err
	}
	pc, _ := calc.Lookup("prioritize")
	req, err := calcRequest(pc, s.Meta.Request)
	if err != nil {
		return fmt.Errorf("%s: request: %v", s.Path, err)
	}
	res, problems := b.run(pc.Name, req)
	for _, pr := range problems {
		b.errorf("%s:1: request %s: %s", s.Path, pr.Field, pr.Message)
	}
	if problems != nil {
		return nil
	}
	wd, err := b.widgetData(pc, "plan", 2, true, res)
	if err != nil {
		return fmt.Errorf("%s: %v", s.Path, err)
	}
	pd := &PlanData{W: wd, Advanced: wd.Advanced}
	for _, f := range wd.Fields {
		if slices.Contains(planStep1Fields, f.Name) {
			pd.Step1 = append(pd.Step1, f)
		} else {
			pd.Step2 = append(pd.Step2, f)
		}
	}
	if pd.Share, pd.CLV, pd.CLVSpec, err = b.planFormViews(); err != nil {
		return err
	}
	pd.Tornado = ChartView{ID: "tornado", Title: "What moves the largest idea's net present value", Option: "null", Hidden: true}
	var buf bytes.Buffer
	if err := b.tmpl.ExecuteTemplate(&buf, "plan-widget", pd); err != nil {
		return fmt.Errorf("%s: %v", s.Path, err)
	}
	b.sources["/plan/"] = s
	body := b.markdown(s)
	p := &Page{Path: "/plan/", Title: s.Meta.Title, Description: s.Meta.Description, Body: body.HTML,
		Widget: template.HTML(buf.String()), HasCalc: true, HasMoney: true, CalcName: pc.Name,
		Breadcrumbs: []Link{{Title: "Home", URL: "/"}, {Title: "Calculators", URL: "/calculators/"}}}
	return b.renderPage("plan", p, true)
}

// planFormViews are the plan's own inputs, from the calculators' field
// specs: step 1's addressable share (roi) and the clv form (clv's fields
// that are not advanced), with ids of their own.
func (b *builder) planFormViews() (share FieldView, clvFields []FieldView, spec template.JS, err error) {
	rc, _ := calc.Lookup("roi")
	rr, problems := b.run("roi", []byte(`{"monthly_visitors":1,"conversion_rate":0.02,"value_per_conversion":1,"expected_lift":0.01}`))
	if problems != nil {
		return share, nil, "", fmt.Errorf("plan: the roi form: %v", problems)
	}
	rw, err := b.widgetData(rc, "plan-site", 3, false, rr)
	if err != nil {
		return share, nil, "", err
	}
	for _, f := range append(rw.Fields, rw.Advanced...) {
		if f.Name == "addressable_share" {
			share = f
			share.Hint = strings.TrimSpace(strings.Replace(share.Hint, "Default: 100 %.", "", 1) + " It fills the reach of every idea whose own is left empty. Default: 100 %.")
		}
	}
	cc, _ := calc.Lookup("clv")
	cr, problems := b.run("clv", []byte(`{"average_order_value":80,"purchases_per_year":3,"gross_margin":0.4,"retention_rate":0.6}`))
	if problems != nil {
		return share, nil, "", fmt.Errorf("plan: the clv form: %v", problems)
	}
	cw, err := b.widgetData(cc, "plan-clv", 3, false, cr)
	if err != nil {
		return share, nil, "", err
	}
	return share, cw.Fields, cw.Spec, nil
}
