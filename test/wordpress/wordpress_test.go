//go:build wordpress

// Package wordpress_test runs roikit's embeds in a real WordPress (Debian's
// wordpress package, on Apache with mod_php and MariaDB, each started by the
// test on loopback with a temporary configuration) and checks them in
// Chromium. Run it with `make wordpress-test` (which builds the site and the
// plugin first; scripts/deps.sh installs the packages).
package wordpress_test

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"math"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/roikit/roikit/internal/api"
	"github.com/roikit/roikit/internal/chromium"
	"github.com/roikit/roikit/internal/embed"
	"github.com/roikit/roikit/internal/netlify"
	"github.com/roikit/roikit/internal/present"
	"github.com/roikit/roikit/internal/serve"
)

// posts are the IDs contentPHP printed.
type posts struct {
	Paste, PastePlugin, Shortcode, Block, Snippet, AuthorSnippet int
	AuthorSnippetKept                                            string `json:"authorsnippetkept"`
}

// setUp serves the roikit site (built for its loopback address), starts
// MariaDB and Apache, installs WordPress and publishes the posts. It is
// long because it is one sequence, each step needing the one before.
func setUp(t *testing.T) (wp *wpSite, site string, p posts) {
	root, _ := filepath.Abs("../..")
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	site = "http://" + ln.Addr().String()
	dir, err := os.MkdirTemp("", "roikit-wordpress-")
	if err != nil {
		t.Fatal(err)
	}
	os.Chmod(dir, 0o755) // Apache's children (www-data) read it
	wp = &wpSite{dir: dir}
	t.Cleanup(wp.stop)

	// The roikit site, built with its own address (discovery links and
	// snippets name it), served as roikit serve does.
	public := filepath.Join(dir, "public")
	cmd := exec.Command(filepath.Join(root, "bin/roikit"), "build", "--base-url", site, "--out", public)
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("roikit build: %v\n%s", err, out)
	}
	rules, err := netlify.LoadRules(filepath.Join(root, "netlify.toml"))
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: serve.Handler(public, rules, api.New(api.Options{SiteURL: site})), ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })

	if err := wp.startMariaDB(); err != nil {
		t.Fatal(err)
	}
	port, err := freePort()
	if err != nil {
		t.Fatal(err)
	}
	host := fmt.Sprintf("localhost:%d", port)
	wp.url = "http://" + host
	if err := wp.docRoot(filepath.Join(root, "build/wordpress/roikit-embed")); err != nil {
		t.Fatal(err)
	}
	fill := strings.NewReplacer("{{ROOT}}", wp.root, "{{SOCK}}", wp.sock, "{{URL}}", wp.url, "{{HOST}}", host,
		"{{SITE}}", site, "{{ROIKIT_PORT}}", fmt.Sprint(ln.Addr().(*net.TCPAddr).Port))
	for path, text := range map[string]string{
		"prepend.php":                           prependPHP,
		"install.php":                           installPHP,
		"content.php":                           contentPHP,
		"wordpress/wp-config.php":               wpConfigPHP,
		"wordpress/wp-content/mu-plugins/l.php": loopbackPHP,
	} {
		if err := os.WriteFile(filepath.Join(dir, path), []byte(fill.Replace(text)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := wp.startApache(port); err != nil {
		t.Fatal(err)
	}
	php := func(script string, env ...string) []byte {
		cmd := exec.Command("php", "-d", "auto_prepend_file="+filepath.Join(dir, "prepend.php"), filepath.Join(dir, script))
		cmd.Env = append(os.Environ(), env...)
		cmd.Stderr = os.Stderr
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("php %s: %v\n%s", script, err, out)
		}
		return out
	}
	php("install.php")
	snippet := embed.IframeHTML(embed.PageURL(site, "samplesize", nil), "A/B test sample size and duration (roikit)",
		embed.DefaultWidth, present.EmbedHeight("samplesize")) + "\n" + `<script src="` + site + `/embed.js" async></script>`
	out := php("content.php",
		"ROIKIT_PASTE="+site+"/calculators/samplesize/?mde=0.2",
		"ROIKIT_PASTEPLUGIN="+site+"/calculators/samplesize/?mde=0.25",
		`ROIKIT_SHORTCODE=[roikit name="roi" expected_lift="0.03" currency="EUR"]`,
		`ROIKIT_BLOCK=<!-- wp:roikit/calculator {"name":"clv","defaults":"gross_margin=0.4","theme":"dark"} /-->`,
		"ROIKIT_SNIPPET="+snippet)
	var ids map[string]json.RawMessage
	if err := json.Unmarshal(out, &ids); err != nil {
		t.Fatalf("content.php printed %s: %v", out, err)
	}
	for k, v := range map[string]*int{"paste": &p.Paste, "pasteplugin": &p.PastePlugin, "shortcode": &p.Shortcode,
		"block": &p.Block, "snippet": &p.Snippet, "authorsnippet": &p.AuthorSnippet} {
		json.Unmarshal(ids[k], v)
	}
	json.Unmarshal(ids["authorsnippetkept"], &p.AuthorSnippetKept)
	return wp, site, p
}

// TestWordPress (issue 17): pasted calculator addresses (discovered, and
// through the plugin's registered provider), the plugin's shortcode and
// block written by an Author, and the snippet by an Administrator, each
// computes in the published post, sized as documented
// (content/docs/embedding.md), with no console error.
func TestWordPress(t *testing.T) {
	start := time.Now()
	wp, site, p := setUp(t)
	t.Logf("set-up (site build, MariaDB, Apache, WordPress install, posts): %v", time.Since(start).Round(100*time.Millisecond))

	// An Author's snippet loses its iframe and script (no unfiltered_html).
	if strings.Contains(p.AuthorSnippetKept, "<iframe") || strings.Contains(p.AuthorSnippetKept, "<script") {
		t.Errorf("WordPress kept an Author's snippet: %s", p.AuthorSnippetKept)
	}

	b, err := chromium.Start("", chromedp.WindowSize(1280, 900), chromedp.Flag("disable-features", "Translate,OptimizationHints,MediaRouter"))
	if err != nil {
		t.Fatal(err)
	}
	defer b.Stop()
	post := func(id int, query string) string { return fmt.Sprintf("%s/?p=%d%s", wp.url, id, query) }

	for _, tt := range []struct {
		name, url, calc string
		capped          bool // WordPress's wp-embed sizes the frame: at most 1,000 px
		sandboxed       bool
	}{
		{"pasted URL, discovered", post(p.Paste, "&roikit_plugin=off"), "samplesize", true, true},
		{"pasted URL, plugin", post(p.PastePlugin, ""), "samplesize", false, false},
		{"shortcode by an Author", post(p.Shortcode, ""), "roi", false, false},
		{"block by an Author", post(p.Block, ""), "clv", false, false},
		{"snippet by an Administrator", post(p.Snippet, ""), "samplesize", false, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			checkPost(t, b.Context, tt.url, site, tt.calc, tt.capped, tt.sandboxed)
		})
	}
	t.Logf("total: %v", time.Since(start).Round(100*time.Millisecond))
}

// checkPost opens a published post, finds its roikit iframe, waits for the
// calculator's live result inside it, and compares the iframe's height with
// its content's (WordPress's cap of 1,000 px for its own resize script).
// Console errors and exceptions of the post and of the frame fail the test.
// It is long because it is one walk through the page and its frame.
func checkPost(t *testing.T, browser context.Context, pageURL, site, name string, capped, sandboxed bool) {
	ctx, cancel := chromedp.NewContext(browser)
	defer cancel()
	var (
		mu       sync.Mutex
		problems []string
	)
	watch := func(console iter.Seq2[chromedp.ConsoleMessage, error], where string) {
		for m, err := range console {
			if err != nil {
				return
			}
			// WordPress's test site has no favicon: not the embed's error.
			if (m.Type == chromedp.ConsoleError || m.Type == chromedp.ConsoleException) && !strings.HasSuffix(m.URL, "/favicon.ico") {
				mu.Lock()
				problems = append(problems, fmt.Sprintf("%s console %s: %s (%s:%d)", where, m.Type, m.Text, m.URL, m.Line+1))
				mu.Unlock()
			}
		}
	}
	console := chromedp.Console(ctx)
	if _, err := chromedp.Run(ctx, chromedp.Navigate(pageURL)); err != nil {
		t.Fatalf("opening %s: %v", pageURL, err)
	}
	go watch(console, "post")
	eval := func(ctx context.Context, expr string) float64 {
		v, err := chromedp.Run(ctx, chromedp.Evaluate[float64](expr, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatalf("evaluating %s: %v", expr, err)
		}
		return v
	}
	prefix := site + "/embed/" + name + "/"
	deadline := time.Now().Add(60 * time.Second)
	var frameCtx context.Context
	for frameCtx == nil {
		infos, err := chromedp.Targets(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, info := range infos {
			if info.Type == "iframe" && strings.HasPrefix(info.URL, prefix) {
				fc, fcancel := chromedp.NewContext(ctx, chromedp.WithTargetID(info.TargetID), chromedp.WithDetachOnCancel())
				defer fcancel()
				frameConsole := chromedp.Console(fc)
				if err := chromedp.Do(fc); err != nil {
					t.Fatalf("attaching to %s: %v", info.URL, err)
				}
				go watch(frameConsole, "frame")
				frameCtx = fc
			}
		}
		if time.Now().After(deadline) {
			html, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("main, body").innerHTML.slice(0, 3000)`))
			t.Fatalf("no iframe of %s in the post; the post holds: %s", prefix, html)
		}
		time.Sleep(100 * time.Millisecond)
	}
	// The calculator computes: its widget reports a live result.
	for eval(frameCtx, `document.querySelector('section[data-calc][data-state="live"]') ? 1 : 0`) != 1 {
		if time.Now().After(deadline) {
			t.Fatalf("the embedded %s never showed a result", name)
		}
		time.Sleep(100 * time.Millisecond)
	}
	frameSel := fmt.Sprintf(`document.querySelector('iframe[src^="%s"]')`, prefix)
	if sb := eval(ctx, frameSel+`.getAttribute("sandbox") === "allow-scripts" ? 1 : 0`); (sb == 1) != sandboxed {
		t.Errorf("sandboxed %v, want %v", sb == 1, sandboxed)
	}
	var frameH, contentH, want float64
	for {
		frameH = eval(ctx, frameSel+`.clientHeight`) // without its border
		contentH = eval(frameCtx, `Math.ceil(document.documentElement.getBoundingClientRect().height)`)
		want = contentH
		if capped {
			want = math.Min(contentH, 1000)
		}
		if math.Abs(frameH-want) <= 2 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the iframe is %.0f px high, want %.0f (content %.0f px)", frameH, want, contentH)
		}
		time.Sleep(100 * time.Millisecond)
	}
	frameW := eval(ctx, frameSel+`.getBoundingClientRect().width`)
	left := eval(ctx, frameSel+`.getBoundingClientRect().left`)
	right := eval(ctx, `document.documentElement.clientWidth`) - left - frameW
	t.Logf("%s: iframe %.0f × %.0f px (content %.0f px high), margins %.0f | %.0f px", name, frameW, frameH, contentH, left, right)
	// The discovered embed is WordPress's markup (inline, at the column's
	// left edge): only roikit's own iframes are centred.
	if !sandboxed && math.Abs(left-right) > 20 {
		t.Errorf("the iframe is not centred: %.0f px on its left, %.0f on its right", left, right)
	}
	time.Sleep(200 * time.Millisecond)
	mu.Lock()
	defer mu.Unlock()
	for _, p := range problems {
		t.Error(p)
	}
}
