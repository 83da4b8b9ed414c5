package site

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"maps"
	"math"
	"slices"
	"strings"
)

// The offline site (site/FRONTEND.md, "Offline"): a web app manifest with
// its icons, and /sw.js, the service worker (site/js/sw.js) with the
// precache list of this build.

// Manifest colours: the favicon's blue and the light theme's background.
const (
	ThemeColor      = "#1d5fd1"
	BackgroundColor = "#ffffff"
)

// IconSizes are the PNG icons' sizes in pixels (/icons/icon-SIZE.png).
var IconSizes = []int{192, 512}

// PrecacheFile is one entry of the service worker's precache list: a URL
// path and the subresource integrity of its content ("sha256-BASE64").
type PrecacheFile struct {
	URL       string `json:"url"`
	Integrity string `json:"integrity"`
}

// SWConfig is what /sw.js starts with (self.ROIKIT_SW = ...).
type SWConfig struct {
	// Version is the first 16 hex digits of the SHA-256 of the lists (each
	// URL and integrity) and of the worker's script: a new build with any
	// changed file is a new version.
	Version string `json:"version"`
	// Files are the precached files but the pages, each fetched alone.
	Files []PrecacheFile `json:"files"`
	// Pages are the precached pages' URL paths, which come in one file,
	// Bundle (pagebundle.go).
	Pages  []string     `json:"pages"`
	Bundle PrecacheFile `json:"bundle"`
}

// offline adds the icons, the manifest and /sw.js to the build; it runs
// once every page is rendered.
func (b *builder) offline() error {
	for _, size := range IconSizes {
		data, err := iconPNG(size)
		if err != nil {
			return err
		}
		b.files[fmt.Sprintf("icons/icon-%d.png", size)] = data
	}
	m, err := manifestJSON()
	if err != nil {
		return err
	}
	b.files["manifest.webmanifest"] = m
	if b.sw == nil {
		return fmt.Errorf("missing asset sw.js: build it first with `make assets`")
	}
	cfg, err := b.precacheList()
	if err != nil {
		return err
	}
	head, err := json.Marshal(cfg)
	if err != nil {
		return err
	}
	b.files["sw.js"] = slices.Concat([]byte("self.ROIKIT_SW="), head, []byte(";\n"), b.sw)
	return nil
}

// precached reports whether the service worker caches a file of the build
// (its output path): every page but the embed pages, the docs and the 404
// page, every hashed asset but the host pages' embed.js, the favicon and
// the manifest. Not /embed/ (framed by other sites, which never register
// the worker), /embed.js, /data/ and /docs/ (cached when first used), the
// 404 page (the worker never answers with it) and the icons (the browser
// fetches them when it installs the app), so that a first visit's
// downloads stay within the 1.5 MB page-weight budget; nor robots.txt,
// sitemap.xml.
func precached(name string) bool {
	switch {
	case strings.HasPrefix(name, "embed/"), name == "embed.js", strings.HasPrefix(name, "assets/embed."),
		strings.HasPrefix(name, "data/"), strings.HasPrefix(name, "docs/"),
		name == "404.html", strings.HasPrefix(name, "icons/"),
		name == "robots.txt", name == "sitemap.xml", name == "sw.js":
		return false
	}
	return true
}

// precacheList is the service worker's lists for this build: the pages,
// sorted, in the page bundle (added to the build's files), and the other
// precached files, sorted by URL.
func (b *builder) precacheList() (SWConfig, error) {
	var cfg SWConfig
	for p := range b.pages {
		if precached(pageFile(p)) {
			cfg.Pages = append(cfg.Pages, p)
		}
	}
	slices.Sort(cfg.Pages)
	bundle, err := b.pageBundle(cfg.Pages)
	if err != nil {
		return cfg, err
	}
	bundleName := "assets/" + hashedName("pages.json", bundle)
	b.files[bundleName] = bundle
	cfg.Bundle = PrecacheFile{URL: "/" + bundleName, Integrity: integrity(bundle)}
	files := map[string][]byte{}
	for name, data := range b.files {
		if precached(name) && name != bundleName {
			files["/"+name] = data
		}
	}
	h := sha256.New()
	for _, u := range slices.Sorted(maps.Keys(files)) {
		f := PrecacheFile{URL: u, Integrity: integrity(files[u])}
		cfg.Files = append(cfg.Files, f)
		fmt.Fprintf(h, "%s %s\n", f.URL, f.Integrity)
	}
	fmt.Fprintf(h, "%s %s\n%s\n", cfg.Bundle.URL, cfg.Bundle.Integrity, strings.Join(cfg.Pages, " "))
	h.Write(b.sw)
	cfg.Version = hex.EncodeToString(h.Sum(nil))[:16]
	return cfg, nil
}

// integrity is a file's subresource integrity: "sha256-BASE64".
func integrity(data []byte) string {
	sum := sha256.Sum256(data)
	return "sha256-" + base64.StdEncoding.EncodeToString(sum[:])
}

// manifestJSON is /manifest.webmanifest: the site installs as an app that
// opens on the home page.
func manifestJSON() ([]byte, error) {
	type icon struct {
		Src     string `json:"src"`
		Sizes   string `json:"sizes"`
		Type    string `json:"type"`
		Purpose string `json:"purpose,omitempty"`
	}
	m := struct {
		Name            string `json:"name"`
		ShortName       string `json:"short_name"`
		Description     string `json:"description"`
		ID              string `json:"id"`
		StartURL        string `json:"start_url"`
		Scope           string `json:"scope"`
		Display         string `json:"display"`
		ThemeColor      string `json:"theme_color"`
		BackgroundColor string `json:"background_color"`
		Icons           []icon `json:"icons"`
	}{
		Name: "roikit: the ROI of personalization", ShortName: SiteName,
		Description: "Guides and calculators for the return on personalization: sample size, significance, customer lifetime value and ROI, computed in your browser, also offline.",
		ID:          "/", StartURL: "/", Scope: "/", Display: "standalone",
		ThemeColor: ThemeColor, BackgroundColor: BackgroundColor,
	}
	for _, s := range IconSizes {
		m.Icons = append(m.Icons, icon{Src: fmt.Sprintf("/icons/icon-%d.png", s), Sizes: fmt.Sprintf("%dx%d", s, s), Type: "image/png"})
	}
	m.Icons = append(m.Icons, icon{Src: "/favicon.svg", Sizes: "any", Type: "image/svg+xml"})
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	if err := enc.Encode(m); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// iconPNG draws site/static/favicon.svg at size x size pixels: on a 32-unit
// grid, a rounded square (corner radius 6) of ThemeColor and a white
// polyline (7,23) (13,16) (18,20) (25,10) of width 3 with round caps and
// joins. Edges are antialiased by the pixel centre's signed distance to
// each shape (coverage = 0.5 - distance in pixels, clamped to [0, 1]).
func iconPNG(size int) ([]byte, error) {
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	scale := float64(size) / 32 // pixels per unit
	line := [][2]float64{{7, 23}, {13, 16}, {18, 20}, {25, 10}}
	blue := color.NRGBA{0x1d, 0x5f, 0xd1, 0xff}
	for y := 0; y < size; y++ {
		for x := 0; x < size; x++ {
			px, py := (float64(x)+0.5)/scale, (float64(y)+0.5)/scale
			bg := coverage(roundedSquareDist(px, py, 32, 6) * scale)
			if bg == 0 {
				continue
			}
			d := math.Inf(1)
			for i := 1; i < len(line); i++ {
				d = min(d, segmentDist(px, py, line[i-1], line[i]))
			}
			fg := coverage((d - 1.5) * scale)
			mix := func(c uint8) uint8 { return uint8(math.Round(float64(c)*(1-fg) + 255*fg)) }
			img.SetNRGBA(x, y, color.NRGBA{mix(blue.R), mix(blue.G), mix(blue.B), uint8(math.Round(255 * bg))})
		}
	}
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(&buf, img); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// coverage is the share of a pixel inside a shape whose signed distance
// (negative inside) from the pixel's centre is d pixels.
func coverage(d float64) float64 {
	return math.Max(0, math.Min(1, 0.5-d))
}

// roundedSquareDist is the signed distance from (x, y) to a side x side
// square at the origin with corners of radius r (negative inside).
func roundedSquareDist(x, y, side, r float64) float64 {
	h := side / 2
	qx, qy := math.Abs(x-h)-(h-r), math.Abs(y-h)-(h-r)
	out := math.Hypot(math.Max(qx, 0), math.Max(qy, 0))
	return out + math.Min(math.Max(qx, qy), 0) - r
}

// segmentDist is the distance from (x, y) to the segment a-b.
func segmentDist(x, y float64, a, b [2]float64) float64 {
	dx, dy := b[0]-a[0], b[1]-a[1]
	t := ((x-a[0])*dx + (y-a[1])*dy) / (dx*dx + dy*dy)
	t = math.Max(0, math.Min(1, t))
	return math.Hypot(x-a[0]-t*dx, y-a[1]-t*dy)
}
