module github.com/roikit/roikit

go 1.26

require gonum.org/v1/gonum v0.17.0

require (
	github.com/syumai/workers v0.33.0 // indirect
	github.com/yuin/goldmark v1.7.13 // indirect
	golang.org/x/net v0.47.0 // indirect
	gopkg.in/yaml.v3 v3.0.1 // indirect
)
