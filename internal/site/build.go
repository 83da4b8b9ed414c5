package site

import (
	"fmt"
	"html/template"
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/roikit/roikit/calc"
)

// WordsPerMinute is the reading speed of the guides' reading time.
const WordsPerMinute = 230

// build renders every page into memory and checks links.
func (b *builder) build() error {
	guides, err := readDir(filepath.Join(b.opts.ContentDir, "guides"))
	if err != nil {
		return err
	}
	sort.SliceStable(guides, func(i, j int) bool { return guides[i].Meta.Weight < guides[j].Meta.Weight })
	for _, g := range guides {
		if g.Meta.Title == "" {
			b.errorf("%s:1: the guide has no title in its front matter", g.Path)
		}
		if g.Meta.Description == "" {
			b.errorf("%s:1: the guide has no description in its front matter", g.Path)
		}
		step := g.Meta.Step
		if strings.HasPrefix(g.Meta.Title, "Step ") {
			step = 0 // the title says it already: no badge
		}
		b.guides = append(b.guides, &guideInfo{src: g, link: Link{Title: g.Meta.Title, URL: "/guides/" + g.Slug + "/", Description: g.Meta.Description, Step: step}})
	}
	for _, c := range calc.Calculators() {
		p := filepath.Join(b.opts.ContentDir, "calculators", c.Name+".md")
		ci := &calcInfo{c: c, link: Link{Title: c.Title, URL: "/calculators/" + c.Name + "/", Description: c.Description}}
		if _, err := os.Stat(p); err == nil {
			s, err := readSource(p)
			if err != nil {
				return err
			}
			ci.src = s
			if s.Meta.Title != "" {
				ci.link.Title = s.Meta.Title
			}
			if s.Meta.Description != "" {
				ci.link.Description = s.Meta.Description
			}
		}
		b.calcs = append(b.calcs, ci)
	}
	docs, err := readDir(filepath.Join(b.opts.ContentDir, "docs"))
	if err != nil {
		return err
	}
	sort.SliceStable(docs, func(i, j int) bool { return docs[i].Meta.Weight < docs[j].Meta.Weight })
	for _, d := range docs {
		title := d.Meta.Title
		if title == "" {
			b.errorf("%s:1: the page has no title in its front matter", d.Path)
		}
		b.docs = append(b.docs, &docInfo{src: d, link: Link{Title: title, URL: "/docs/" + d.Slug + "/", Description: d.Meta.Description}})
	}

	steps := []func() error{b.homePage, b.guidePages, b.calcPages, b.planPage, b.docPages, b.miscPages}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	if err := b.buildErrors(); err != nil {
		return err
	}
	b.checkLinks()
	return b.buildErrors()
}

func (b *builder) homePage() error {
	p := &Page{Path: "/", Title: "roikit: plan, measure and prove the ROI of personalization",
		Description: "Guides and free calculators for the return on personalization: sample size, significance, customer lifetime value and ROI, computed in your browser."}
	if s, err := readSource(filepath.Join(b.opts.ContentDir, "index.md")); err == nil {
		b.sources["/"] = s
		r := b.markdown(s)
		p.Body = r.HTML
		p.HasCalc = len(r.Blocks) > 0
		if s.Meta.Title != "" {
			p.Title = s.Meta.Title
		}
		if s.Meta.Description != "" {
			p.Description = s.Meta.Description
		}
	} else if !os.IsNotExist(err) {
		return err
	}
	return b.renderPage("home", p, true)
}

func (b *builder) guidePages() error {
	for i, g := range b.guides {
		s := g.src
		b.sources[g.link.URL] = s
		r := b.markdown(s)
		if len(r.Blocks) == 0 {
			b.errorf("%s:1: the guide has no ```calc block: every guide shows at least one calculator", s.Path)
		}
		p := &Page{Path: g.link.URL, Title: s.Meta.Title, Description: s.Meta.Description, OGType: "article",
			Body: r.HTML, HasCalc: len(r.Blocks) > 0, Reviewed: s.Meta.Reviewed,
			Byline: s.Meta.Byline, Takeaways: s.Meta.Takeaways,
			ReadingMinutes: max(1, int(math.Ceil(float64(r.Words)/WordsPerMinute))),
			Breadcrumbs:    []Link{{Title: "Home", URL: "/"}, {Title: "Guides", URL: "/guides/"}}}
		if len(r.H2s) >= 4 {
			p.TOC = r.H2s
		}
		p.EmbedDoc = b.docURL("embedding")
		if i > 0 {
			l := b.guides[i-1].link
			p.Prev = &l
		}
		if i+1 < len(b.guides) {
			l := b.guides[i+1].link
			p.Next = &l
		}
		if err := b.renderPage("guide", p, true); err != nil {
			return err
		}
	}
	return b.renderPage("guides", &Page{Path: "/guides/", Title: "Guides: the personalization ROI framework",
		Description: "Fourteen guides that take a team from goals to a business case for personalization, each with live calculators on one running example.",
		Breadcrumbs: []Link{{Title: "Home", URL: "/"}}}, true)
}

func (b *builder) calcPages() error {
	for _, ci := range b.calcs {
		c := ci.c
		p := &Page{Path: ci.link.URL, Title: ci.link.Title, Description: ci.link.Description, CalcName: c.Name, HasMoney: usesMoney(c),
			Breadcrumbs: []Link{{Title: "Home", URL: "/"}, {Title: "Calculators", URL: "/calculators/"}}}
		if p.Description == "" {
			p.Description = "The " + c.Name + " calculator of roikit."
		}
		if ci.src == nil {
			// The calculator's page is being written (clvfit lands separately).
			p.NotReady = true
			if err := b.renderPage("calculator", p, true); err != nil {
				return err
			}
			continue
		}
		s := ci.src
		b.sources[p.Path] = s
		req, err := calcRequest(c, s.Meta.Request)
		if err != nil {
			return fmt.Errorf("%s: request: %v", s.Path, err)
		}
		res, problems := b.run(c.Name, req)
		for _, pr := range problems {
			if pr.Field != "" {
				b.errorf("%s:1: request %s: %s", s.Path, pr.Field, pr.Message)
			} else {
				b.errorf("%s:1: request: %s", s.Path, pr.Message)
			}
		}
		if problems != nil {
			continue
		}
		w, err := b.widget(c, c.Name, c.Title, 2, true, res)
		if err != nil {
			return fmt.Errorf("%s: %v", s.Path, err)
		}
		body := b.markdown(s)
		p.Body, p.Widget, p.HasCalc = body.HTML, w, true
		// Money shown in the results (clvfit's CLV sits inside its
		// population output) offers the currency too.
		p.HasMoney = p.HasMoney || strings.Contains(string(w), `data-format="money"`) || strings.Contains(string(w), `data-format="k"`)
		p.OEmbed = b.oembedLink(b.base + p.Path)
		p.EmbedSnippet, p.EmbedURL = b.embedSnippet(c)
		if err := b.renderPage("calculator", p, true); err != nil {
			return err
		}
		// The embed page stands alone: its widget's title is the page's h1.
		ew, err := b.widget(c, c.Name, c.Title, 1, true, res)
		if err != nil {
			return fmt.Errorf("%s: %v", s.Path, err)
		}
		ep := &Page{Path: "/embed/" + c.Name + "/", Title: ci.link.Title, Description: p.Description,
			Widget: ew, HasCalc: true, CalcName: c.Name}
		ep.OEmbed = b.oembedLink(b.base + ep.Path)
		ep.Breadcrumbs = []Link{{Title: "Open on roikit", URL: p.Path}}
		if err := b.renderPage("embed", ep, false); err != nil {
			return err
		}
	}
	return b.renderPage("calculators", &Page{Path: "/calculators/", Title: "Calculators",
		Description: "Free calculators for personalization programs: A/B test sample size, significance, customer lifetime value and ROI, computed in your browser.",
		Breadcrumbs: []Link{{Title: "Home", URL: "/"}}}, true)
}

func (b *builder) docPages() error {
	for _, d := range b.docs {
		s := d.src
		b.sources[d.link.URL] = s
		r := b.markdown(s)
		p := &Page{Path: d.link.URL, Title: d.link.Title, Description: s.Meta.Description, Body: r.HTML,
			HasCalc: len(r.Blocks) > 0, Breadcrumbs: []Link{{Title: "Home", URL: "/"}, {Title: "Docs", URL: "/docs/"}}}
		if p.Description == "" {
			p.Description = d.link.Title + ": roikit documentation."
		}
		if len(r.H2s) >= 4 {
			p.TOC = r.H2s
		}
		if err := b.renderPage("doc", p, true); err != nil {
			return err
		}
	}
	if len(b.docs) == 0 {
		return nil
	}
	return b.renderPage("docs", &Page{Path: "/docs/", Title: "Documentation",
		Description: "How to use roikit: the command line, the JSON API, embedding the calculators, and the fields of every calculator.",
		Breadcrumbs: []Link{{Title: "Home", URL: "/"}}}, true)
}

// miscPages writes 404.html, sitemap.xml and robots.txt.
func (b *builder) miscPages() error {
	if err := b.renderPage("404", &Page{Path: "/404.html", Title: "Page not found",
		Description: "This page does not exist. The guides and calculators of roikit are one click away."}, false); err != nil {
		return err
	}
	var sm strings.Builder
	sm.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for _, p := range slices.Sorted(maps.Keys(b.pages)) {
		if b.pages[p].Sitemap {
			fmt.Fprintf(&sm, "  <url><loc>%s</loc></url>\n", template.HTMLEscapeString(b.base+p))
		}
	}
	sm.WriteString("</urlset>\n")
	b.files["sitemap.xml"] = []byte(sm.String())
	if _, ok := b.files["robots.txt"]; !ok {
		b.files["robots.txt"] = []byte("User-agent: *\nAllow: /\nDisallow: /embed/\n\nSitemap: " + b.base + "/sitemap.xml\n")
	}
	return nil
}

// docURL is the address of the doc page with the given slug, or "" when the
// site has none (a guide's pointer to it is then left out).
func (b *builder) docURL(slug string) string {
	for _, d := range b.docs {
		if d.src.Slug == slug {
			return d.link.URL
		}
	}
	return ""
}
