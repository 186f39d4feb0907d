// Package planimport turns a document read by docparse into a draft plan of
// kehoach, and matches the bodies it names to the organisation tree.
package planimport

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/docparse"
)

// FromDocument converts a parsed document into a draft plan of the agency.
// Both follow the import contract's JSON, which keeps them in step.
func FromDocument(d *docparse.Document, agencyID string) (*kehoach.Plan, error) {
	b, err := json.Marshal(d)
	if err != nil {
		return nil, err
	}
	var p kehoach.Plan
	if err := json.Unmarshal(b, &p); err != nil {
		return nil, fmt.Errorf("convert document: %w", err)
	}
	p.AgencyID = agencyID
	p.Status = kehoach.PlanDraft
	if p.Type == "" {
		p.Type = "KH"
	}
	return &p, nil
}

// Read parses a plan document (text or .docx) and converts it.
func Read(r io.Reader, name, agencyID string) (*kehoach.Plan, error) {
	d, err := docparse.Parse(r, name)
	if err != nil {
		return nil, err
	}
	return FromDocument(d, agencyID)
}
