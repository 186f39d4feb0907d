package edxml

import (
	"bytes"
	"encoding/base64"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/kehoach/kehoach/docparse"
)

// Errors of a package that cannot be read; test them with errors.Is. An
// oversize package is [docparse.ErrTooLarge], as for a .docx.
var (
	ErrNotWellFormed = errors.New("gói edXML không đúng cú pháp XML")
	ErrNotEdXML      = errors.New("tệp XML này không phải gói edXML (không có edXMLEnvelope)")
	ErrEntities      = errors.New("gói edXML có khai báo DOCTYPE hoặc thực thể (entity), kehoach không mở vì lý do an toàn")
	ErrNoAttachment  = errors.New("gói edXML không có tệp văn bản đính kèm")
	ErrBadAttachment = errors.New("tệp đính kèm trong gói edXML bị hỏng (không giải mã được base64)")
	ErrNotDocument   = errors.New("tệp đính kèm trong gói edXML không phải văn bản (.docx hoặc văn bản thuần)")
)

// MaxBytes is the largest package read: the limit of a .docx.
var MaxBytes = docparse.DefaultLimits.MaxBytes

// Read reads an edXML package of at most [MaxBytes] bytes. It refuses
// input that is not well-formed XML, that declares a DOCTYPE (no entity is
// ever expanded) and XML that is not an edXML envelope.
func Read(r io.Reader) (*Package, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("không đọc được tệp: %w", err)
	}
	return readBytes(data)
}

func readBytes(data []byte) (*Package, error) {
	if int64(len(data)) > MaxBytes {
		return nil, fmt.Errorf("%w (tối đa %d MB)", docparse.ErrTooLarge, MaxBytes>>20)
	}
	if err := check(data); err != nil {
		return nil, err
	}
	var env envelope
	if err := xml.Unmarshal(data, &env); err != nil {
		return nil, syntaxErr(err)
	}
	p := &Package{Header: env.Header.MessageHeader, Trace: env.Header.TraceHeaderList}
	trimHeader(&p.Header)
	for _, a := range env.Attachments {
		raw := strings.Join(strings.Fields(a.Encoded), "")
		if raw == "" {
			continue
		}
		b, err := base64.StdEncoding.DecodeString(raw)
		if err != nil {
			return nil, fmt.Errorf("%w: %s", ErrBadAttachment, strings.TrimSpace(a.AttachmentName))
		}
		p.Attachments = append(p.Attachments, Attachment{Name: strings.TrimSpace(a.AttachmentName), ContentType: strings.TrimSpace(a.ContentType),
			Description: strings.TrimSpace(a.Description), Data: b})
	}
	return p, nil
}

// check reads every token: the XML must be well-formed, without a
// DOCTYPE, and its root must be edXMLEnvelope.
func check(data []byte) error {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	root := ""
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return syntaxErr(err)
		}
		switch t := tok.(type) {
		case xml.Directive:
			if s := strings.ToUpper(strings.TrimSpace(string(t))); strings.HasPrefix(s, "DOCTYPE") || strings.HasPrefix(s, "ENTITY") {
				return ErrEntities
			}
		case xml.StartElement:
			if root == "" {
				root = t.Name.Local
				if root != "edXMLEnvelope" {
					return ErrNotEdXML
				}
			}
		}
	}
	if root == "" {
		return fmt.Errorf("%w: không có phần tử nào", ErrNotWellFormed)
	}
	return nil
}

// syntaxErr is [ErrNotWellFormed] with the line of the fault, when known.
func syntaxErr(err error) error {
	var se *xml.SyntaxError
	if errors.As(err, &se) && se.Line > 0 {
		return fmt.Errorf("%w (lỗi ở dòng %d)", ErrNotWellFormed, se.Line)
	}
	return ErrNotWellFormed
}

func trimHeader(h *MessageHeader) {
	for _, p := range []*string{&h.From.OrganID, &h.From.OrganName, &h.From.OrganInCharge, &h.Code.CodeNumber, &h.Code.CodeNotation,
		&h.PromulgationInfo.Place, &h.PromulgationInfo.PromulgationDate, &h.DocumentType.TypeName, &h.Subject,
		&h.SignerInfo.Competence, &h.SignerInfo.Position, &h.SignerInfo.FullName} {
		*p = strings.Join(strings.Fields(*p), " ")
	}
}

// Looks reports whether data, named name, should be read as an edXML
// package: a file named .edxml, or XML whose head names the envelope.
func Looks(data []byte, name string) bool {
	if strings.HasSuffix(strings.ToLower(name), ".edxml") {
		return true
	}
	head := bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF")), " \t\r\n")
	if !bytes.HasPrefix(head, []byte("<")) {
		return false
	}
	if len(head) > 4096 {
		head = head[:4096]
	}
	return bytes.Contains(head, []byte("edXMLEnvelope"))
}
