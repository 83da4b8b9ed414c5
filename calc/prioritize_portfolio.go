package calc

import "math/rand/v2"

// portfolioTotals completes the budget's portfolio (its names, npv and
// pv_costs come from bestSubset) with what a finance team asks of the
// whole program: its benefits, its return per dollar, the month it pays
// back and its chance of a positive NPV. chosen are the request positions
// of its ideas, ideas and cashFlows the per-idea results in request order.
//
//	pv_benefits     = Σ pv_benefits of the chosen ideas
//	roi_per_dollar  = pv_benefits / pv_costs            (null when pv_costs = 0)
//	payback_month   = first m in 1..H with Σ_k cumulative_discounted_net_k(m) >= 0
//	prob_positive   = share of portfolioDraws > 0       (null without a lift range)
func (r *PrioritizeRequest) portfolioTotals(p *PrioritizePortfolio, chosen []int, ideas []PrioritizedIdea, cashFlows [][]ROICashFlow) {
	for _, k := range chosen {
		p.PVBenefits += ideas[k].PVBenefits
	}
	if p.PVCosts > 0 {
		p.ROIPerDollar = finiteOrNil(p.PVBenefits / p.PVCosts)
	}
	if len(chosen) > 0 {
		for m := 1; m <= r.HorizonMonths; m++ {
			total := 0.0
			for _, k := range chosen {
				total += cashFlows[k][m].CumulativeDiscountedNet
			}
			if total >= 0 {
				month := m
				p.PaybackMonth = &month
				break
			}
		}
	}
	if draws := r.portfolioDraws(chosen); draws != nil {
		positive := 0
		for _, npv := range draws {
			if npv > 0 {
				positive++
			}
		}
		share := float64(positive) / float64(len(draws))
		p.ProbPositiveNPV = &share
	}
}

// portfolioDraws simulates the total NPV of the ideas at the request
// positions chosen, the ideas independent of each other: draw j is
//
//	Σ_k perLift_k x L_kj - costs_k,   L_kj ~ Normal(expected_lift_k, sd_k)
//
// with sd_k = (lift_high_k - lift_low_k) / (2 x 1.6449) as in roi, and an
// idea without a lift range fixed at its expected lift. Idea k's deviates
// come from its own PCG stream (mcStream + 1 + k, seeded with the seed), so
// no two ideas share draws, and the result is the same on every platform.
// It returns nil when no chosen idea has a lift range (nothing is random).
func (r *PrioritizeRequest) portfolioDraws(chosen []int) []float64 {
	var draws []float64
	fixed := 0.0
	for _, k := range chosen {
		q := r.roiRequest(k)
		m := newROIModel(&q)
		if q.LiftLow == nil || q.LiftHigh == nil {
			fixed += m.npv(q.ExpectedLift)
			continue
		}
		if draws == nil {
			draws = make([]float64, r.Simulations)
		}
		sd := (*q.LiftHigh - *q.LiftLow) / (2 * liftZ90)
		rng := rand.NewPCG(uint64(r.Seed), mcStream+1+uint64(k))
		for j := range draws {
			z := normalQuantile(uniformOpen(rng.Uint64()))
			draws[j] += m.npv(float64(sd*z) + q.ExpectedLift)
		}
	}
	for j := range draws {
		draws[j] += fixed
	}
	return draws
}
