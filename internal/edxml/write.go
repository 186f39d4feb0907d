package edxml

import (
	"encoding/base64"
	"encoding/xml"
	"io"
	"strconv"
	"strings"
)

// Write writes p as an edXML document. Each attachment is listed in the
// manifest and carried base64 under AttachmentEncoded, content ids 1, 2, ….
func Write(w io.Writer, p *Package) error {
	env := envelope{Header: header{MessageHeader: p.Header, TraceHeaderList: p.Trace}}
	for i, a := range p.Attachments {
		id := strconv.Itoa(i + 1)
		env.Body.Manifest = append(env.Body.Manifest, reference{Href: "cid:" + id, AttachmentName: a.Name, Description: a.Description})
		env.Attachments = append(env.Attachments, attachment{ContentID: id, AttachmentName: a.Name, ContentType: a.ContentType,
			Description: a.Description, Encoded: wrap(base64.StdEncoding.EncodeToString(a.Data), 76)})
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	start := xml.StartElement{Name: xml.Name{Space: Namespace, Local: "edXMLEnvelope"}}
	if err := enc.EncodeElement(env, start); err != nil {
		return err
	}
	if err := enc.Close(); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// wrap breaks s into lines of n characters.
func wrap(s string, n int) string {
	if len(s) <= n {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + len(s)/n + 2)
	b.WriteByte('\n')
	for len(s) > n {
		b.WriteString(s[:n])
		b.WriteByte('\n')
		s = s[n:]
	}
	b.WriteString(s)
	b.WriteByte('\n')
	return b.String()
}
