package web

import (
	"bytes"
	"html/template"

	"github.com/kehoach/kehoach/internal/httpx"
)

// keptFragments holds the parts of monitoring pages that every viewer of
// one computation shares (the grid, the reminders sent, the indicator
// table), rendered once per language.
var keptFragments = httpx.NewKeptBodies(16 << 20)

type fragmentKey struct {
	srv        *server
	kept       uint64
	lang       Lang
	name, link string
}

// Fragment renders the template name of the monitoring page for l, or
// takes it as rendered before from the same computation
// ([ops.Monitoring.Kept]) in the same language, and returns the mark of
// where it goes: the page is sent with its parts spliced in
// ([httpx.WriteSpliced]), the kept ones compressed once. What it renders
// reads only the computation's shared parts, the filter (part of the
// computation's query), the organisation tree (the computation's) and the
// link to all reminders (part of the key).
func (d *monitorData) Fragment(l *page, name string) (template.HTML, error) {
	key := fragmentKey{d.srv, d.Kept, l.Lang, name, d.AllRemindersURL}
	var b *httpx.KeptBody
	if d.Kept != 0 {
		b = keptFragments.Get(key)
	}
	if b == nil {
		buf := httpx.Buffer()
		defer httpx.PutBuffer(buf)
		t, err := d.srv.pages["monitoring"]()
		if err != nil {
			return "", err
		}
		if err := t.ExecuteTemplate(buf, name, l); err != nil {
			return "", err
		}
		b = &httpx.KeptBody{Plain: bytes.Clone(buf.Bytes())}
		if d.Kept != 0 {
			keptFragments.Put(key, b)
		}
	}
	d.parts = append(d.parts, b)
	return template.HTML(httpx.Mark(len(d.parts) - 1)), nil
}

// keptParts are the parts the page's marks stand for.
func (d *monitorData) keptParts() []*httpx.KeptBody { return d.parts }

// splicedPage is the data of a page with kept parts ([monitorData.Fragment]).
type splicedPage interface{ keptParts() []*httpx.KeptBody }
