package calc

// registry lists every calculator, in menu order. A calculator is added here
// and nowhere else: forms, flags, API schemas and docs are generated from it.
var registry = []*Calculator{
	sampleSizeCalc,
	significanceCalc,
	clvCalc,
	roiCalc,
	clvfitCalc,
}
