package web

import (
	"net/url"
	"strings"

	"github.com/kehoach/kehoach/internal/docgen"
)

// previewDoc is the result report laid out: the page prints its
// paragraphs, the same the .docx and the .pdf print.
type previewDoc = docgen.Document

// postedSections copies the rewritten sections of a posted summary form
// ("section.II.3") into sections, by key.
func postedSections(form url.Values, sections map[string]string) {
	for k, v := range form {
		if key, ok := strings.CutPrefix(k, "section."); ok && len(v) > 0 {
			sections[key] = v[0]
		}
	}
}
