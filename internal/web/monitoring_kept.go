package web

import (
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
// returns it as rendered before from the same computation
// ([ops.Monitoring.Kept]) in the same language. What it renders reads only
// the computation's shared parts, the filter (part of the computation's
// query), the organisation tree (the computation's) and the link to all
// reminders (part of the key).
func (d *monitorData) Fragment(l *page, name string) (template.HTML, error) {
	key := fragmentKey{d.srv, d.Kept, l.Lang, name, d.AllRemindersURL}
	if d.Kept != 0 {
		if b := keptFragments.Get(key); b != nil {
			return template.HTML(b.Plain), nil
		}
	}
	buf := httpx.Buffer()
	defer httpx.PutBuffer(buf)
	if err := d.srv.pages["monitoring"].ExecuteTemplate(buf, name, l); err != nil {
		return "", err
	}
	html := buf.String()
	if d.Kept != 0 {
		keptFragments.Put(key, &httpx.KeptBody{Plain: []byte(html)})
	}
	return template.HTML(html), nil
}
