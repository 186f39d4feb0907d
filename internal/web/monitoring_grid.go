package web

import (
	"html/template"
	"strconv"
	"strings"

	"github.com/kehoach/kehoach"
)

// htmlText escapes a text as html/template does in element content and in
// quoted attributes (its table: NUL, ", &, ', +, <, >).
var htmlText = strings.NewReplacer("\x00", "\uFFFD", `"`, "&#34;", "&", "&amp;", "'", "&#39;", "+", "&#43;", "<", "&lt;", ">", "&gt;")

// urlPart writes s as html/template writes a value inside a URL path in a
// quoted attribute: normalised (bytes outside RFC 3986's allowed set
// percent-encoded), then escaped as an attribute.
func urlPart(b *strings.Builder, s string) {
	var n strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', strings.IndexByte("-._~!#$&*+,/:;=?@[]", c) >= 0,
			// a valid escape is kept (html/template's test, to the byte)
			c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			n.WriteByte(c)
		default:
			n.WriteString("%" + strconv.FormatUint(uint64(c)>>4, 16) + strconv.FormatUint(uint64(c)&15, 16))
		}
	}
	_, _ = htmlText.WriteString(b, n.String())
}

// GridBody writes the body of the unit × obligation grid (the rows of
// monitoring.html's "#monitoring" table when it is not grouped), exactly as
// the template it replaces did, in one pass: the per-cell template work was
// most of the page's time.
func (d *monitorData) GridBody(l *page) template.HTML {
	var b strings.Builder
	b.Grow(len(d.M.Rows) * (len(d.M.Columns)*120 + 120))
	due, days, see := htmlText.Replace(l.T("Hạn")), htmlText.Replace(l.T("ngày")), htmlText.Replace(l.T("xem"))
	names := map[kehoach.ObligationStatus]string{}
	b.WriteString("<tbody>")
	for _, row := range d.M.Rows {
		b.WriteString(`<tr data-unit="`)
		_, _ = htmlText.WriteString(&b, row.Unit.ID)
		b.WriteString(`"><th scope="row">`)
		_, _ = htmlText.WriteString(&b, row.Unit.Name)
		b.WriteString("</th>\n")
		for _, c := range row.Cells {
			b.WriteString("<td>")
			if c == nil {
				b.WriteString(`<span class="meta">—</span></td>`)
				continue
			}
			o := c.Obligation
			b.WriteString(`<span class="ob ob-`)
			_, _ = htmlText.WriteString(&b, string(c.Status))
			b.WriteString(`" title="`)
			b.WriteString(due)
			b.WriteByte(' ')
			_, _ = htmlText.WriteString(&b, formatDate(o.Due))
			b.WriteString(`">`)
			name, ok := names[c.Status]
			if !ok {
				name = htmlText.Replace(l.ObligationStatus(c.Status))
				names[c.Status] = name
			}
			b.WriteString(name)
			if c.DaysLate != 0 {
				b.WriteString(" (")
				b.WriteString(strconv.Itoa(c.DaysLate))
				b.WriteByte(' ')
				b.WriteString(days)
				b.WriteByte(')')
			}
			b.WriteString("</span>")
			if (o.Kind == kehoach.KindProgress || o.Kind == kehoach.KindFinal) && o.Received() {
				b.WriteString(` <a href="/obligations/`)
				urlPart(&b, o.ID)
				b.WriteString(`/report">`)
				b.WriteString(see)
				b.WriteString("</a>")
			}
			b.WriteString("</td>")
		}
		b.WriteString("\n<td>")
		_, _ = htmlText.WriteString(&b, l.Percent(row.Completeness()))
		b.WriteString("</td><td>")
		_, _ = htmlText.WriteString(&b, l.Percent(row.OnTimeRate()))
		b.WriteString("</td></tr>")
	}
	b.WriteString("</tbody>")
	return template.HTML(b.String())
}

func isHex(c byte) bool { return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F' }
