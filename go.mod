module github.com/roikit/roikit

go 1.26

require (
	github.com/BurntSushi/toml v1.6.0
	github.com/andybalholm/brotli v1.3.0
	github.com/chromedp/cdproto v0.159.0
	github.com/chromedp/chromedp v0.23.0
	github.com/go-echarts/go-echarts/v2 v2.6.7
	github.com/syumai/workers v0.33.0
	github.com/yuin/goldmark v1.7.13
	golang.org/x/net v0.47.0
	gonum.org/v1/gonum v0.17.0
	gopkg.in/yaml.v3 v3.0.1
)

require (
	github.com/go-json-experiment/json v0.0.0-20260213210345-44df1a37e875 // indirect
	golang.org/x/tools v0.30.0 // indirect
)

// go-echarts without its start-up regexps: see third_party/go-echarts/README.md.
replace github.com/go-echarts/go-echarts/v2 => ./third_party/go-echarts
