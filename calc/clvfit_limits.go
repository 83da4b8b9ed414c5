package calc

import (
	"fmt"
	"math"
	"strings"
)

// What the data can and cannot say about a fit. A model fitted by maximum
// likelihood is only as good as the curvature of the likelihood at its
// maximum: the observed information matrix I = -∂²ℓ/∂θ∂θ' (ℓ the summed
// log-likelihood, θ the natural parameters). Its inverse estimates the
// covariance of the estimates (the standard errors are the square roots of
// its diagonal), and the delta method carries it to any prediction f(θ):
// Var f ≈ ∇f' I⁻¹ ∇f. The rules below use both:
//
//   - not_identified (an error, no numbers): fewer than minRepeatIdentified
//     repeat customers; r or α beyond maxRateParam; or a prediction whose
//     relative standard error exceeds maxPredictionRelSE, or that changes
//     along a direction in which the likelihood is flat (a singular
//     information matrix): the figures would then depend on where the
//     optimizer stopped, not on the data.
//   - uncertain_fit (a warning with the numbers): a parameter whose relative
//     standard error exceeds maxParamRelSE (or that the data cannot pin down
//     at all while the predictions are determined, such as a and b running
//     to 0 with a/(a+b) fixed on a short window), or fewer than
//     minRepeatCertain repeat customers.

const (
	// minRepeatIdentified is the fewest repeat customers a fit needs: below
	// it the four BG/NBD parameters rest on a handful of histories and the
	// search runs off (r = 1.6e7 with 3 customers).
	minRepeatIdentified = 10
	// minRepeatCertain is the fewest repeat customers for a fit without the
	// uncertain_fit warning.
	minRepeatCertain = 100
	// maxRateParam bounds r and α: beyond it the purchase-rate Gamma has
	// collapsed onto one rate, a sign that the search ran off.
	maxRateParam = 1e6
	// maxParamRelSE is the relative standard error (SE / estimate) above
	// which a parameter is called uncertain. CDNOW's largest is b's, 0.29.
	maxParamRelSE = 0.3
	// maxPredictionRelSE is the relative standard error above which a
	// prediction is not determined by the data: its ±1 SE range would run
	// from 0 to twice the figure.
	maxPredictionRelSE = 1.0
	// singularEigen is the eigenvalue, relative to the largest, below which
	// the information matrix is singular in that direction whatever its
	// noise (information.noise raises the bar).
	singularEigen = 1e-12
	// noiseMargin is how many times the information matrix's estimated
	// noise an eigenvalue must exceed not to be taken as singular.
	noiseMargin = 10
	// hessianStep is the central-difference step, in log-parameters, of the
	// Hessian from the analytic gradient: the truncation error (h² ≈ 1e-8
	// of the entries) stays below the rounding error of the gradient over h
	// when a and b run to 1e-8 (the digamma differences then cancel).
	hessianStep = 1e-4
	// predictionStep is the central-difference step, in log-parameters, of
	// the predictions' gradients: the predictions are accurate to about
	// 1e-10 (their hypergeometric series), so the step keeps that noise
	// below 1e-7 of the gradient.
	predictionStep = 1e-3
	// flatChange is the relative change of a prediction, when the
	// parameters move by a factor e along a direction in which the
	// likelihood is flat, above which the prediction depends on that
	// direction (a and b at 3e-8 on a ridge move the predictions by 1e-7).
	flatChange = 1e-3
)

// information is an observed information matrix with an estimate of its
// numerical noise: the largest asymmetry of the finite-difference Hessian
// (the exact one is symmetric).
type information struct {
	m     symMatrix
	noise float64
}

// logInformation is the observed information matrix of a log-likelihood in
// log-parameters x = ln θ, from central differences of its analytic
// gradient grad (of the summed log-likelihood with respect to x):
//
//	M = -∂²ℓ/∂x∂x' + diag(∂ℓ/∂x)
//
// so that the information in the natural parameters is D⁻¹ M D⁻¹ with
// D = diag(θ) (∂²ℓ/∂x_i∂x_j = θ_i θ_j ∂²ℓ/∂θ_i∂θ_j + [i = j] ∂ℓ/∂x_i). It
// takes 2 len(x) + 1 gradient evaluations.
func logInformation(grad func(x, g []float64), x []float64) information {
	n := len(x)
	h := make([][]float64, n)
	for i := range h {
		h[i] = make([]float64, n)
	}
	xp, gp, gm := make([]float64, n), make([]float64, n), make([]float64, n)
	for j := range n {
		copy(xp, x)
		xp[j] = x[j] + hessianStep
		grad(xp, gp)
		xp[j] = x[j] - hessianStep
		grad(xp, gm)
		for i := range n {
			h[i][j] = (gp[i] - gm[i]) / (2 * hessianStep)
		}
	}
	g0 := make([]float64, n)
	grad(x, g0)
	m := newSymMatrix(n)
	noise := 0.0
	for i := range n {
		for j := i; j < n; j++ {
			v := -(h[i][j] + h[j][i]) / 2
			noise = math.Max(noise, math.Abs(h[i][j]-h[j][i]))
			if i == j {
				v += g0[i]
			}
			m.setSym(i, j, v)
		}
	}
	return information{m: m, noise: noise}
}

// fitUncertainty is the eigen-decomposition of a fit's information matrix
// in log-parameters (logInformation), with the natural parameters.
type fitUncertainty struct {
	names    []string
	theta    []float64   // natural parameters
	values   []float64   // eigenvalues, ascending
	vectors  [][]float64 // vectors[i][k]: component i of the k-th eigenvector
	singular []bool      // per eigenvalue: at most singularEigen of the largest, or noiseMargin times the noise
}

// newFitUncertainty decomposes info (logInformation at the log of theta).
// ok is false when the matrix has NaN or infinite entries.
func newFitUncertainty(names []string, theta []float64, info information) (*fitUncertainty, bool) {
	n := len(theta)
	for i := range n {
		for j := range n {
			if !finite(info.m.At(i, j)) {
				return nil, false
			}
		}
	}
	values, vectors, ok := eigenSym(info.m)
	if !ok {
		return nil, false
	}
	u := &fitUncertainty{names: names, theta: theta, values: values, vectors: vectors}
	top := 0.0
	for _, v := range u.values {
		top = math.Max(top, math.Abs(v))
	}
	u.singular = make([]bool, n)
	for k, v := range u.values {
		u.singular[k] = v <= math.Max(singularEigen*top, noiseMargin*info.noise)
	}
	return u, true
}

// relSE is the relative standard error SE(θ_i)/θ_i of parameter i, which
// is the standard error of ln θ_i: sqrt(Σ_k u_ik² / λ_k) over the
// eigenpairs (λ_k, u_k). It is +Inf when the parameter moves along a
// singular direction: the data do not pin it down.
func (u *fitUncertainty) relSE(i int) float64 {
	v := 0.0
	for k, l := range u.values {
		c := u.vectors[i][k]
		if u.singular[k] {
			if math.Abs(c) > 1e-3 {
				return math.Inf(1)
			}
			continue
		}
		v += c * c / l
	}
	return math.Sqrt(v)
}

// standardErrors is SE(θ_i) = θ_i relSE(i) for each parameter, nil where it
// is infinite (the contract's null: not estimable from these data).
func (u *fitUncertainty) standardErrors() []*float64 {
	out := make([]*float64, len(u.theta))
	for i, t := range u.theta {
		if se := t * u.relSE(i); finite(se) {
			out[i] = &se
		}
	}
	return out
}

// predictionRelSE is the delta-method relative standard error of a
// prediction f of the natural parameters: sqrt(Σ_k (∇f·u_k)² / λ_k) / |f|
// over the eigenpairs that are not singular, with ∇f the gradient in
// log-parameters by central differences. It is +Inf when f is not finite,
// or changes by more than flatChange of itself when the log-parameters
// move by ±u_k along a singular direction (the data do not say where on it
// the parameters are); 0 when f is 0. flat is that direction's k, or -1.
func (u *fitUncertainty) predictionRelSE(f func(theta []float64) float64) (relSE float64, flat int) {
	n := len(u.theta)
	f0 := f(u.theta)
	if !finite(f0) {
		return math.Inf(1), -1
	}
	if f0 == 0 {
		return 0, -1
	}
	grad := make([]float64, n)
	th := make([]float64, n)
	for j := range n {
		copy(th, u.theta)
		th[j] = u.theta[j] * math.Exp(predictionStep)
		hi := f(th)
		th[j] = u.theta[j] * math.Exp(-predictionStep)
		lo := f(th)
		grad[j] = (hi - lo) / (2 * predictionStep)
	}
	v := 0.0
	for k, l := range u.values {
		if u.singular[k] {
			for _, sign := range []float64{-1, 1} {
				for i := range n {
					th[i] = u.theta[i] * math.Exp(sign*u.vectors[i][k])
				}
				if d := f(th) - f0; !(math.Abs(d) <= flatChange*math.Abs(f0)) {
					return math.Inf(1), k
				}
			}
			continue
		}
		d := 0.0
		for i := range n {
			d += grad[i] * u.vectors[i][k]
		}
		v += d * d / l
	}
	return math.Sqrt(v) / math.Abs(f0), -1
}

// along names the parameters that move along eigenvector k (by more than
// a tenth of its length).
func (u *fitUncertainty) along(k int) []string {
	var names []string
	for i := range u.theta {
		if math.Abs(u.vectors[i][k]) > 0.1 {
			names = append(names, u.names[i])
		}
	}
	return names
}

// describeValues writes "a = 1.66e+06, b = 1.68e+06".
func (u *fitUncertainty) describeValues() string {
	parts := make([]string, len(u.theta))
	for i, t := range u.theta {
		parts[i] = fmt.Sprintf("%s = %.3g", u.names[i], t)
	}
	return strings.Join(parts, ", ")
}

// uncertainParams lists the parameters whose relative standard error
// exceeds maxParamRelSE, in order, and whether any of them is not pinned
// down at all (relative SE above 1, or infinite).
func (u *fitUncertainty) uncertainParams() (uncertain []int, unidentified bool) {
	for i := range u.theta {
		if se := u.relSE(i); se > maxParamRelSE {
			uncertain = append(uncertain, i)
			unidentified = unidentified || se > 1
		}
	}
	return uncertain, unidentified
}

// describeParams writes "a and b are not determined by the data (standard
// error above the value); r is uncertain (standard error 64 % of its
// value)" for the parameters listed.
func (u *fitUncertainty) describeParams(list []int) string {
	var unid, unc []string
	for _, i := range list {
		if se := u.relSE(i); se > 1 {
			unid = append(unid, u.names[i])
		} else {
			unc = append(unc, fmt.Sprintf("%s (standard error %s %% of its value)", u.names[i], FormatFixed(100*se, 0)))
		}
	}
	verb := func(list []string) string {
		if len(list) == 1 {
			return " is "
		}
		return " are "
	}
	var parts []string
	if len(unid) > 0 {
		parts = append(parts, joinAnd(unid)+verb(unid)+"not determined by the data (standard error above the value)")
	}
	if len(unc) > 0 {
		parts = append(parts, joinAnd(unc)+verb(unc)+"uncertain")
	}
	return strings.Join(parts, "; ")
}

// joinAnd joins "a", "b" and "c" as "a, b and c".
func joinAnd(parts []string) string {
	if len(parts) <= 1 {
		return strings.Join(parts, "")
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}

// notIdentified is the not_identified error: what the data lack and what
// to do about it.
func notIdentified(what string) error {
	return Errors{{Field: "", Code: CodeNotIdentified, Message: what +
		" Give the model more to learn from: more customers, or a longer observation window (an earlier first purchase or a later end of observation) so that more of them buy again. " +
		"Or use the simple customer lifetime value calculator (clv), which needs only your average order value, purchase frequency and retention."}}
}

// tooFewRepeaters is the not_identified error for fewer than
// minRepeatIdentified repeat customers.
func tooFewRepeaters(repeat, total float64) error {
	who := "None of the " + FormatCount(total) + " customers bought"
	switch repeat {
	case 0:
	case 1:
		who = "Only 1 of the " + FormatCount(total) + " customers bought"
	default:
		who = "Only " + FormatCount(repeat) + " of the " + FormatCount(total) + " customers bought"
	}
	return notIdentified(fmt.Sprintf("%s on more than one day before the end of observation. "+
		"The model learns how often customers buy and when they stop from repeat purchases, and fewer than %d repeat customers cannot pin down its four parameters: "+
		"its predictions would depend on where the search happened to stop, not on your data, so none are given.", who, minRepeatIdentified))
}

// checkBGNBDLimits applies the rules to a converged BG/NBD fit. It returns
// the not_identified error, or the standard errors (nil entries where not
// estimable) and the purchase model's part of the uncertain_fit warning
// ("" without one). preds are the predictions the figures depend on, as
// functions of (r, α, a, b), with their names for the messages.
func checkBGNBDLimits(p bgnbdParams, info information, repeat float64, preds []namedPrediction) ([]*float64, string, error) {
	if p.r > maxRateParam || p.alpha > maxRateParam {
		return nil, "", rateRanOff(p)
	}
	u, ok := newFitUncertainty([]string{"r", "alpha", "a", "b"}, []float64{p.r, p.alpha, p.a, p.b}, info)
	if !ok {
		return nil, "", notIdentified("The purchase model's likelihood has no usable curvature at the fitted parameters, so the data do not determine them or its predictions.")
	}
	predSE, err := predictionsDetermined(u, preds, "purchase model (BG/NBD)")
	if err != nil {
		return nil, "", err
	}
	var few string
	if repeat < minRepeatCertain {
		few = fmt.Sprintf("only %s customers bought more than once, fewer than the %d a firm fit needs", FormatCount(repeat), minRepeatCertain)
	}
	note := uncertainNote(u, predSE, few, "Purchase model (BG/NBD)", "P(alive), expected purchases and CLV")
	return u.standardErrors(), note, nil
}

// checkGGLimits applies the rules to a converged Gamma-Gamma fit: the
// not_identified error when the spend predictions are not determined, else
// the standard errors and the spend model's part of the uncertain_fit
// warning ("" without one).
func checkGGLimits(g ggParams, info information, preds []namedPrediction) ([]*float64, string, error) {
	u, ok := newFitUncertainty([]string{"p", "q", "v"}, []float64{g.p, g.q, g.v}, info)
	if !ok {
		return nil, "", notIdentified("The spend model's likelihood has no usable curvature at the fitted parameters, so the data do not determine them or the expected spend.")
	}
	predSE, err := predictionsDetermined(u, preds, "spend model (Gamma-Gamma)")
	if err != nil {
		return nil, "", err
	}
	return u.standardErrors(), uncertainNote(u, predSE, "", "Spend model (Gamma-Gamma)", "Expected spend and CLV"), nil
}

// uncertainNote is one model's part of the uncertain_fit warning: which
// parameters are uncertain or not determined (and what the data still
// determine), few, a reason of the caller's ("only 74 customers ..."), and
// what it means for the figures: when only parameters are undetermined and
// every prediction's relative standard error is at most maxParamRelSE, the
// figures stand; otherwise they carry the uncertainty. "" when there is
// nothing to say.
func uncertainNote(u *fitUncertainty, preds []predictionSE, few, model, figures string) string {
	list, unidentified := u.uncertainParams()
	if len(list) == 0 && few == "" {
		return ""
	}
	var reasons []string
	if len(list) > 0 {
		reasons = append(reasons, u.describeParams(list))
	}
	if few != "" {
		reasons = append(reasons, few)
	}
	s := model + ": " + strings.Join(reasons, "; ") + "."
	names, unid := make([]string, len(list)), []string{}
	for k, i := range list {
		names[k] = u.names[i]
		if u.relSE(i) > 1 {
			unid = append(unid, u.names[i])
		}
	}
	if ratio := ratioNote(u, unid); ratio != "" {
		s += " " + ratio
	}
	determined := true
	for _, p := range preds {
		determined = determined && p.relSE <= maxParamRelSE
	}
	switch {
	case unidentified && determined && few == "":
		return s + fmt.Sprintf(" %s depend on %s only through what the data do determine, so they stand (%s); do not read %s on %s own.",
			figures, joinAnd(names), describePredSE(preds), joinAnd(names), pronoun(len(names)))
	case determined && few == "":
		return s + fmt.Sprintf(" %s are firmer than %s (%s).", figures, joinAnd(names), describePredSE(preds))
	}
	return s + fmt.Sprintf(" %s carry that uncertainty (%s): read them as rough; more customers or a longer observation window narrow them.", figures, describePredSE(preds))
}

// namedPrediction is a prediction as a function of the natural parameters,
// with its name for messages ("expected purchases").
type namedPrediction struct {
	name string
	f    func(theta []float64) float64
}

// predictionSE is a prediction's name and relative standard error.
type predictionSE struct {
	name  string
	relSE float64
}

// predictionsDetermined returns the predictions' relative standard errors,
// or the not_identified error naming the first that the data do not
// determine.
func predictionsDetermined(u *fitUncertainty, preds []namedPrediction, model string) ([]predictionSE, error) {
	out := make([]predictionSE, len(preds))
	for i, pr := range preds {
		se, flat := u.predictionRelSE(pr.f)
		switch {
		case flat >= 0:
			names := u.along(flat)
			return nil, notIdentified(fmt.Sprintf("The data cannot tell apart values of %s that give different %s in the %s: the likelihood is flat along a combination of %s, "+
				"so the figure would depend on where the search stopped rather than on your data, and none is given.", joinAnd(names), pr.name, model, pronounObj(len(names))))
		case math.IsInf(se, 1):
			return nil, notIdentified(fmt.Sprintf("The %s ran to parameters so far out (%s) that its %s cannot be computed: the data do not pin the model down, and no figures are given.", model, u.describeValues(), pr.name))
		case se > maxPredictionRelSE:
			return nil, notIdentified(fmt.Sprintf("The data do not determine the %s in the %s: its standard error (%s %% of it) is larger than the figure itself, so no figures are given.", pr.name, model, FormatFixed(100*se, 0)))
		}
		out[i] = predictionSE{pr.name, se}
	}
	return out, nil
}

func pronounObj(n int) string {
	if n == 1 {
		return "it"
	}
	return "them"
}

// describePredSE writes "expected purchases ± 4 %, P(alive) ± 2 %".
func describePredSE(list []predictionSE) string {
	parts := make([]string, len(list))
	for i, p := range list {
		switch {
		case p.relSE < 0.0005:
			parts[i] = p.name + " ± under 0.1 %"
		case p.relSE < 0.1:
			parts[i] = fmt.Sprintf("%s ± %s %%", p.name, FormatFixed(100*p.relSE, 1))
		default:
			parts[i] = fmt.Sprintf("%s ± %s %%", p.name, FormatFixed(100*p.relSE, 0))
		}
	}
	return "standard errors: " + strings.Join(parts, ", ")
}

func pronoun(n int) string {
	if n == 1 {
		return "its"
	}
	return "their"
}

// ratioNote names the combination the data still determine when both
// parameters of a pair are unidentified (names): a/(a+b), the mean chance
// of dropping out after a purchase, or r/α, the mean purchase rate.
func ratioNote(u *fitUncertainty, names []string) string {
	has := map[string]bool{}
	for _, n := range names {
		has[n] = true
	}
	switch {
	case has["a"] && has["b"] && len(u.theta) == 4:
		a, b := u.theta[2], u.theta[3]
		return fmt.Sprintf("Only a/(a+b) = %.3g, the mean chance of dropping out after a purchase, is determined.", a/(a+b))
	case has["r"] && has["alpha"] && len(u.theta) == 4:
		return fmt.Sprintf("Only r/alpha = %.3g, the mean purchase rate per time unit, is determined.", u.theta[0]/u.theta[1])
	}
	return ""
}

// rateRanOff is the not_identified error for r or α beyond maxRateParam.
func rateRanOff(p bgnbdParams) error {
	return notIdentified(fmt.Sprintf("The purchase model's search ran off: r = %.3g and alpha = %.3g grow without bound (beyond a million), which means the data cannot tell how purchase rates differ between customers, "+
		"and the predictions would depend on where the search stopped. No figures are given.", p.r, p.alpha))
}

// bgnbdPredictions are the figures a BG/NBD fit's answer depends on, as
// functions of (r, α, a, b): the purchases of a new customer over the
// horizon, and the mean P(alive) and expected purchases of the customers,
// estimated on at most predictionSample patterns spread over all of them
// (each with its weight), so that the check costs the same on any file.
func bgnbdPredictions(pats []pattern, horizon float64) []namedPrediction {
	sample := samplePatterns(pats)
	theta := func(t []float64) bgnbdParams { return bgnbdParams{r: t[0], alpha: t[1], a: t[2], b: t[3]} }
	mean := func(t []float64, each func(p bgnbdParams, pt *pattern) float64) float64 {
		p := theta(t)
		s, w := 0.0, 0.0
		for i := range sample {
			s += sample[i].w * each(p, &sample[i])
			w += sample[i].w
		}
		return s / w
	}
	return []namedPrediction{
		{"expected purchases", func(t []float64) float64 {
			return mean(t, func(p bgnbdParams, pt *pattern) float64 { return p.expectedPurchases(pt.x, pt.tx, pt.T, horizon) })
		}},
		{"mean P(alive)", func(t []float64) float64 {
			return mean(t, func(p bgnbdParams, pt *pattern) float64 { return p.pAlive(pt.x, pt.tx, pt.T) })
		}},
		{"purchases of a new customer", func(t []float64) float64 { return theta(t).expectedNew(horizon) }},
	}
}

// predictionSample bounds the patterns the prediction checks evaluate.
const predictionSample = 200

// samplePatterns returns at most predictionSample patterns, evenly spaced
// over pats (sorted by x), so every frequency is represented.
func samplePatterns(pats []pattern) []pattern {
	if len(pats) <= predictionSample {
		return pats
	}
	out := make([]pattern, 0, predictionSample)
	step := float64(len(pats)) / predictionSample
	for k := range predictionSample {
		out = append(out, pats[int(float64(k)*step)])
	}
	return out
}

// ggPredictions are the figures a Gamma-Gamma fit's answer depends on, as
// functions of (p, q, v): the spenders' mean expected spend and, when the
// fit has one (q > 1: withMean), the population mean spend, used for
// customers without repeat purchases.
func ggPredictions(data []spender, withMean bool) []namedPrediction {
	sample := data
	if len(sample) > predictionSample {
		sample = make([]spender, 0, predictionSample)
		step := float64(len(data)) / predictionSample
		for k := range predictionSample {
			sample = append(sample, data[int(float64(k)*step)])
		}
	}
	theta := func(t []float64) ggParams { return ggParams{p: t[0], q: t[1], v: t[2]} }
	preds := []namedPrediction{{"expected spend of repeat buyers", func(t []float64) float64 {
		g := theta(t)
		s, w := 0.0, 0.0
		for _, d := range sample {
			s += d.w * g.expectedSpend(d.x, d.m)
			w += d.w
		}
		return s / w
	}}}
	if withMean {
		preds = append(preds, namedPrediction{"mean spend of a new customer", func(t []float64) float64 {
			g := theta(t)
			if g.q <= 1 {
				return math.Inf(1)
			}
			return g.expectedSpend(0, 0)
		}})
	}
	return preds
}

// fitPurchases fits the BG/NBD model, applies the rules (checkBGNBDLimits)
// and fills resp.BGNBD. It returns the parameters and the sentences of the
// uncertain_fit warning, or the error: cancelled, not_identified, or
// not_computable when the search failed for another reason.
func fitPurchases(resp *CLVFitResponse, pats []pattern, repeat, total, horizon float64, rec *fitProgress) (bgnbdParams, []string, error) {
	fit, err := fitBGNBD(pats, rec)
	if isCancelled(err) {
		return bgnbdParams{}, nil, err
	}
	p := fit.params
	if err != nil {
		if p.r > maxRateParam || p.alpha > maxRateParam {
			return p, nil, rateRanOff(p)
		}
		return p, nil, describeNotConverged("BG/NBD", total)
	}
	se, note, err := checkBGNBDLimits(p, fit.info, repeat, bgnbdPredictions(pats, horizon))
	if err != nil {
		return p, nil, err
	}
	var notes []string
	if note != "" {
		notes = append(notes, note)
	}
	resp.BGNBD = CLVFitBGNBD{R: p.r, Alpha: p.alpha, A: p.a, B: p.b, LogLikelihood: fit.ll, Converged: true, Iterations: fit.iters,
		StandardErrors: CLVFitBGNBDErrors{R: se[0], Alpha: se[1], A: se[2], B: se[3]}}
	return p, notes, nil
}
