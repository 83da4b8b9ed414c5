//go:build browser

package browser_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/storage"
	"github.com/chromedp/chromedp"
)

// noServiceWorker answers /sw.js on siteOrigin with a worker that does
// nothing (no fetch handler: the browser sends every request to the network
// as if no worker were registered); see offlineOrigin.
func noServiceWorker(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/sw.js" {
			h.ServeHTTP(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Header().Set("Cache-Control", "no-cache")
		w.Write([]byte("// roikit browser tests: no caching worker on this origin (test/browser/offline_test.go)\n"))
	})
}

// offlineSite serves the site on offlineOrigin: the real service worker, a
// switch that takes the site down (every request aborted, as with no
// network), and replaced files (a "new build").
var offlineSite = &switchSite{files: map[string][]byte{}}

type switchSite struct {
	mu    sync.Mutex
	down  bool
	files map[string][]byte // URL path -> replaced body
}

func (s *switchSite) set(down bool, files map[string][]byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.down = down
	if files != nil {
		s.files = files
	}
}

func (s *switchSite) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	down, body, replaced := s.down, s.files[r.URL.Path], s.files[r.URL.Path] != nil
	s.mu.Unlock()
	if down {
		panic(http.ErrAbortHandler) // the connection drops: a network error
	}
	if !replaced {
		siteHandler.ServeHTTP(w, r)
		return
	}
	// The file's own headers (CSP, type, caching), with the new body.
	plain := r.Clone(r.Context())
	for _, h := range []string{"Accept-Encoding", "If-None-Match", "If-Modified-Since", "Range"} {
		plain.Header.Del(h)
	}
	rec := httptest.NewRecorder()
	siteHandler.ServeHTTP(rec, plain)
	for k, v := range rec.Header() {
		switch k {
		case "Etag", "Last-Modified", "Content-Length", "Content-Encoding", "Vary":
		default:
			w.Header()[k] = v
		}
	}
	w.WriteHeader(rec.Code)
	w.Write(body)
}

// jsWorkerReady is true once the page's origin has an activated service
// worker whose cache (named roikit-VERSION) holds n entries.
const jsWorkerReady = `async function (version, n) {
  const reg = await navigator.serviceWorker.getRegistration();
  if (!reg || !reg.active || reg.active.state !== "activated") return false;
  if (!(await caches.has("roikit-" + version))) return false;
  const keys = await (await caches.open("roikit-" + version)).keys();
  return keys.length === n;
}`

var swVersion = regexp.MustCompile(`"version":"([0-9a-f]+)"`)

// TestOffline checks issue 13's offline acceptance on offlineOrigin: embed
// pages do not register the worker; after one visit of a calculator page
// (the worker activated, its precache complete) and with the network gone,
// a calculator page (with a query), a guide never visited and the CLV fit on
// a local file load and compute; back online, a new build is offered by the
// "new version" notice and its Reload shows the new build.
//
// It is long: one browser profile's story, step by step.
func TestOffline(t *testing.T) {
	sw, err := os.ReadFile(filepath.Join(publicDir, "sw.js"))
	if err != nil {
		t.Fatal(err)
	}
	version := swVersion.FindSubmatch(sw)[1]
	var cfg struct {
		Files  []struct{ URL string }
		Pages  []string
		Bundle struct{ URL, Integrity string }
	}
	if err := json.Unmarshal(bytes.TrimPrefix(sw[:bytes.Index(sw, []byte(";\n"))], []byte("self.ROIKIT_SW=")), &cfg); err != nil {
		t.Fatalf("sw.js's precache lists: %v", err)
	}
	nFiles := len(cfg.Files) + len(cfg.Pages) // the cache's entries: the files, and the bundle's pages
	t.Cleanup(func() { offlineSite.set(false, map[string][]byte{}) })

	tb := newTab(t)
	tb.mu.Lock()
	tb.origins = []string{offlineOrigin}
	tb.mu.Unlock()
	// Before the tab closes: unregister the worker and drop its caches, so
	// it does not keep fetching on offlineOrigin while later tests run.
	t.Cleanup(func() {
		if _, err := chromedp.Call(tb.ctx, storage.ClearDataForOrigin, storage.ClearDataForOriginParams{Origin: offlineOrigin, StorageTypes: "all"}); err != nil {
			t.Errorf("clearing the offline origin: %v", err)
		}
	})

	t.Run("embed pages do not register the worker", func(t *testing.T) {
		tb.use(t)
		mark := proxyLog.mark()
		tb.navigate(offlineOrigin + "/embed/roi/")
		tb.waitLive()
		time.Sleep(500 * time.Millisecond)
		if n := eval[int](tb, `navigator.serviceWorker.getRegistrations().then(r => r.length)`); n != 0 {
			t.Errorf("%d service worker registrations after an embed page", n)
		}
		if eval[bool](tb, `!!document.querySelector('link[rel="manifest"], script[src*="sw-register"]')`) {
			t.Errorf("the embed page links the manifest or the worker's registration")
		}
		for _, r := range proxyLog.since(mark) {
			// Only the embed page's origin: the browser checks the site
			// origin's registered worker for updates on its own schedule.
			if !sameOrigin(r.URL, offlineOrigin) {
				continue
			}
			if strings.HasSuffix(r.URL, "/sw.js") || strings.HasSuffix(r.URL, ".webmanifest") {
				t.Errorf("the embed page requested %s", r.URL)
			}
		}
	})

	t.Run("first visit", func(t *testing.T) {
		tb.use(t)
		tb.navigate(offlineOrigin + "/calculators/roi/")
		tb.waitLive()
		poll[bool](tb, "the worker activated with its precache complete", 60*time.Second, jsWorkerReady, string(version), nFiles)
		if eval[bool](tb, `!!document.querySelector(".sw-update button")`) {
			t.Errorf("the first visit offers a new version")
		}
		// Installable, as Chromium judges it (the checks Lighthouse's PWA
		// audits used: a manifest with name, icons, start_url and display,
		// a worker controlling the page).
		errs, err := chromedp.Call(tb.ctx, page.GetInstallabilityErrors, cdp.Empty{})
		if err != nil {
			t.Fatalf("installability: %v", err)
		}
		for _, e := range errs.InstallabilityErrors {
			t.Errorf("not installable: %s %v", e.ErrorID, e.ErrorArguments)
		}
	})

	t.Run("offline", func(t *testing.T) {
		tb.use(t)
		offlineSite.set(true, nil)
		tb.allow("net::ERR") // the browser's own update check of /sw.js fails
		setOffline(tb, true)
		mark := proxyLog.mark()

		tb.navigate(offlineOrigin + "/calculators/roi/?monthly_visitors=150000")
		runs := tb.waitLive()
		if v := eval[string](tb, `document.querySelector('[data-input="monthly_visitors"]').value`); !strings.Contains(strings.ReplaceAll(v, ",", ""), "150000") {
			t.Errorf("offline, the query's monthly_visitors is %q", v)
		}
		tb.setInputs(primary, map[string]*string{"conversion_rate": ptr("0.03")})
		tb.waitState(primary, "live", runs)

		tb.navigate(offlineOrigin + "/guides/ab-test-design/") // never visited
		tb.setInputs("#calc-plan", map[string]*string{"daily_visitors": ptr("7000")})
		tb.waitState("#calc-plan", "live", 0)

		tb.navigate(offlineOrigin + "/calculators/clvfit/")
		csv := filepath.Join(repoRoot, "testdata", "shared", "data", "cdnow", "cdnow_sample_transactions.csv")
		tb.do("choose a local file", chromedp.SetUploadFiles(chromedp.CSS(clvFile), []string{csv}))
		tb.waitState(clvSel, "live", 0)

		for _, r := range proxyLog.since(mark) {
			if sameOrigin(r.URL, offlineOrigin) && !strings.HasSuffix(r.URL, "/sw.js") {
				t.Errorf("offline, a request reached the network: %s %s", r.Method, r.URL)
			}
		}
		setOffline(tb, false)
		offlineSite.set(false, nil)
	})

	t.Run("new build", func(t *testing.T) {
		tb.use(t)
		// The new build's roi page, in its page bundle (served at the old
		// bundle's URL: the worker revalidates the bundle, as it did the
		// pages, and checks it against the new integrity).
		bundle, err := os.ReadFile(filepath.Join(publicDir, filepath.FromSlash(cfg.Bundle.URL)))
		if err != nil {
			t.Fatal(err)
		}
		const roiTitle = `{"url":"/calculators/roi/","headers":`
		at := bytes.Index(bundle, []byte(roiTitle))
		title := bytes.Index(bundle[at:], []byte("<title>"))
		if at < 0 || title < 0 {
			t.Fatalf("the roi page is not in the bundle %s", cfg.Bundle.URL)
		}
		newBundle := slices.Concat(bundle[:at+title], []byte("<title>New build: "), bundle[at+title+len("<title>"):])
		newSum := sha256.Sum256(newBundle)
		newVersion := string(version) + "ff"
		newSW := strings.Replace(string(sw), cfg.Bundle.Integrity, "sha256-"+base64.StdEncoding.EncodeToString(newSum[:]), 1)
		newSW = strings.Replace(newSW, `"version":"`+string(version)+`"`, `"version":"`+newVersion+`"`, 1)
		offlineSite.set(false, map[string][]byte{"/sw.js": []byte(newSW), cfg.Bundle.URL: newBundle})

		// A visit checks /sw.js; the new worker installs in the background
		// while the page stays on the old build.
		tb.navigate(offlineOrigin + "/calculators/roi/")
		tb.waitLive()
		poll[bool](tb, "the new version notice", 60*time.Second, `function () {
  const n = document.querySelector('.sw-update[role="status"]');
  return !!n && /new version/i.test(n.textContent) && !!n.querySelector('button[data-action="sw-reload"]');
}`)
		if title := eval[string](tb, "document.title"); strings.HasPrefix(title, "New build") {
			t.Errorf("the new build was shown before Reload: %q", title)
		}
		tb.do("Reload", chromedp.Click(chromedp.CSS(`.sw-update button[data-action="sw-reload"]`)))
		// The page reloads itself: wait for the new document.
		deadline := time.Now().Add(30 * time.Second)
		for {
			ok, err := chromedp.Run(tb.ctx, chromedp.Evaluate[bool](`document.title.startsWith("New build") && document.readyState === "complete"`))
			if err == nil && ok {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("Reload did not show the new build (%v)", err)
			}
			time.Sleep(100 * time.Millisecond)
		}
		tb.waitLive()
		caches := eval[[]string](tb, `caches.keys()`)
		if len(caches) != 1 || caches[0] != "roikit-"+newVersion {
			t.Errorf("caches after the update: %v, want only roikit-%s", caches, newVersion)
		}
	})
	tb.use(t)
}

func ptr(s string) *string { return &s }

// setOffline turns the tab's network off or on (DevTools network emulation,
// its service worker's requests included).
func setOffline(tb *tab, off bool) {
	tb.t.Helper()
	sw := true
	if _, err := chromedp.Call(tb.ctx, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{
		EmulateOfflineServiceWorker: &sw,
		MatchedNetworkConditions:    []*network.Conditions{{Offline: off, DownloadThroughput: -1, UploadThroughput: -1}},
	}); err != nil {
		tb.t.Fatalf("network emulation: %v", err)
	}
	if _, err := chromedp.Call(tb.ctx, network.OverrideNetworkState, network.OverrideNetworkStateParams{Offline: off, DownloadThroughput: -1, UploadThroughput: -1}); err != nil {
		tb.t.Fatalf("network state: %v", err)
	}
}
