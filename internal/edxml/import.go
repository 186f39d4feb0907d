package edxml

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/kehoach/kehoach/docparse"
)

// ParseDocument reads a plan document for import: an edXML package (see
// [Looks]) gives its header from the envelope and its body from the
// attached document; anything else is read by [docparse.ParseWithSource].
// The errors are docparse's, or this package's for a package.
func ParseDocument(r io.Reader, name string) (*docparse.Document, *docparse.Source, error) {
	limit := max(MaxBytes, docparse.DefaultLimits.MaxBytes)
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, nil, fmt.Errorf("không đọc được tệp: %w", err)
	}
	if !Looks(data, name) {
		return docparse.ParseWithSource(bytes.NewReader(data), name)
	}
	p, err := readBytes(data)
	if err != nil {
		return nil, nil, err
	}
	return p.Document(name)
}

// Document reads the package's attached document and puts the envelope's
// header over what the document's own header gave: number, symbol, date,
// place, issuer, signer and subject. The first attachment that is a
// document is read; name labels the source.
func (p *Package) Document(name string) (*docparse.Document, *docparse.Source, error) {
	if len(p.Attachments) == 0 {
		return nil, nil, ErrNoAttachment
	}
	var firstErr error
	for _, a := range p.Attachments {
		doc, src, err := docparse.ParseWithSource(bytes.NewReader(a.Data), a.Name)
		if err != nil {
			if errors.Is(err, docparse.ErrTooLarge) || errors.Is(err, docparse.ErrZipBomb) {
				return nil, nil, err
			}
			if firstErr == nil {
				firstErr = err
			}
			continue
		}
		p.apply(doc)
		src.Name, src.Format = name, "edxml"
		return doc, src, nil
	}
	return nil, nil, fmt.Errorf("%w: %v", ErrNotDocument, firstErr)
}

// apply puts the envelope's header into doc where the envelope has a value.
func (p *Package) apply(doc *docparse.Document) {
	h := p.Header
	set := func(dst **string, v string) bool {
		if v == "" {
			return false
		}
		*dst = &v
		return true
	}
	filled := map[string]bool{}
	filled[docparse.WarnMissingNumber] = set(&doc.Number, h.Code.CodeNumber)
	set(&doc.Symbol, h.Code.CodeNotation)
	set(&doc.Place, h.PromulgationInfo.Place)
	if d := isoDate(h.PromulgationInfo.PromulgationDate); d != "" {
		filled[docparse.WarnMissingDate] = set(&doc.Date, d)
	}
	filled[docparse.WarnMissingIssuer] = set(&doc.Issuer, h.From.OrganName)
	set(&doc.ParentIssuer, h.From.OrganInCharge)
	if h.Subject != "" {
		doc.Title = h.Subject
	}
	if doc.Type == "" {
		if code, _, _ := strings.Cut(h.Code.CodeNotation, "-"); code == "KH" {
			doc.Type = code
		}
	}
	if s := h.SignerInfo; s.FullName != "" {
		sg := &docparse.Signer{Name: s.FullName, Title: s.Position}
		if auth, rest, ok := strings.Cut(s.Competence, " "); ok && isAuthority(auth) {
			sg.Authority = strings.ToUpper(strings.TrimSuffix(auth, ".")) + "."
			if sg.Title == "" {
				sg.Title = rest
			}
		} else if sg.Title == "" {
			sg.Title = s.Competence
		}
		doc.Signer = sg
		filled[docparse.WarnMissingSigner] = true
	}
	if len(h.ToPlaces) > 0 && len(doc.Recipients) == 0 {
		doc.Recipients = h.ToPlaces
	}
	warns := doc.Warnings[:0]
	for _, w := range doc.Warnings {
		if !filled[w.Code] {
			warns = append(warns, w)
		}
	}
	doc.Warnings = append(warns, docparse.Warning{Code: "edxml-header",
		Message: "Số, ký hiệu, ngày, nơi ban hành, cơ quan ban hành, trích yếu và người ký lấy từ phong bì edXML; nội dung lấy từ văn bản đính kèm."})
}

func isAuthority(s string) bool {
	switch strings.ToUpper(strings.TrimSuffix(s, ".")) {
	case "KT", "TM", "TL", "TUQ":
		return true
	}
	return false
}

// isoDate returns a date written YYYY-MM-DD or dd/mm/yyyy as YYYY-MM-DD,
// or "".
func isoDate(s string) string {
	s = strings.TrimSpace(s)
	if len(s) >= 10 {
		if t, err := time.Parse(time.DateOnly, s[:10]); err == nil {
			return t.Format(time.DateOnly)
		}
	}
	for _, layout := range []string{"02/01/2006", "2/1/2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.Format(time.DateOnly)
		}
	}
	return ""
}
