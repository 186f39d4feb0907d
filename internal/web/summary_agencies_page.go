package web

import (
	"github.com/kehoach/kehoach/internal/docgen"
	"github.com/kehoach/kehoach/internal/summary"
)

// summaryTemplate is the page of a report: the superior's report drawn
// from the agencies' reports has its own.
func summaryTemplate(r *summary.Report) string {
	if r.Kind == summary.KindAgencies {
		return "summary_agencies"
	}
	return "summary"
}

// previewBlock is one block of the document body as the page shows it.
type previewBlock struct {
	// Tag is "section", "item", "bullet", "table" or "paragraph".
	Tag          string
	Label, Text  string
	Italic, Bold bool
	Table        *docgen.Table
}

// Preview returns the body of the report's document, block by block: the
// page shows the same text as the .docx.
func (d summaryData) Preview() []previewBlock {
	var out []previewBlock
	for _, b := range d.Report.Document().Body {
		p := previewBlock{Tag: "paragraph", Label: b.Label, Text: b.Text, Italic: b.Italic, Bold: b.Bold, Table: b.Table}
		switch b.Kind {
		case docgen.Section:
			p.Tag = "section"
		case docgen.Item:
			p.Tag = "item"
		case docgen.Bullet:
			p.Tag = "bullet"
		case docgen.TableBlock:
			p.Tag = "table"
		}
		out = append(out, p)
	}
	return out
}
