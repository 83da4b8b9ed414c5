module github.com/roikit/roikit

go 1.26

require gonum.org/v1/gonum v0.17.0

require (
	github.com/syumai/workers v0.33.0 // indirect
	golang.org/x/tools v0.30.0 // indirect
)
