// Package edxml writes and reads edXML packages, the envelope in which
// Vietnamese agencies' document systems exchange documents (QCVN
// 102:2016/BTTTT): a header naming the sender, the recipients, the
// document's number, symbol, date, place, type, subject and signer, a trace
// of the systems it passed, and a manifest of attachments carried base64 in
// the envelope itself.
//
// kehoach writes a finalised result report as such a package with its
// .docx attached, and reads a plan sent as such a package: the header from
// the envelope, the body from the attached document.
package edxml

import (
	"encoding/xml"
	"time"
)

// Namespace is the XML namespace of the envelope.
const Namespace = "http://www.mic.gov.vn/TBT/QCVN_102_2016"

// Organ is an agency as the envelope names it. OrganID is its
// electronic-document identifier in the national code list ("" when not
// known).
type Organ struct {
	OrganID       string `xml:"OrganId"`
	OrganInCharge string `xml:"OrganInCharge"`
	OrganName     string `xml:"OrganName"`
	OrganAdd      string `xml:"OrganAdd"`
	Email         string `xml:"Email"`
	Telephone     string `xml:"Telephone"`
	Fax           string `xml:"Fax"`
	Website       string `xml:"Website"`
}

// Code is the document's number and symbol ("số, ký hiệu").
type Code struct {
	CodeNumber   string `xml:"CodeNumber"`
	CodeNotation string `xml:"CodeNotation"`
}

// PromulgationInfo is the place and date of the document.
type PromulgationInfo struct {
	Place string `xml:"Place"`
	// PromulgationDate is written YYYY-MM-DD; dd/mm/yyyy is read too.
	PromulgationDate string `xml:"PromulgationDate"`
}

// DocumentType is the kind of document: Type 1 is an administrative
// document; TypeName names it ("Báo cáo", "Kế hoạch").
type DocumentType struct {
	Type     string `xml:"Type"`
	TypeName string `xml:"TypeName"`
}

// SignerInfo is who signed: Competence is the signing authority line
// ("KT. GIÁM ĐỐC", or the title when signing in one's own right),
// Position the signer's title, FullName the name.
type SignerInfo struct {
	Competence string `xml:"Competence"`
	Position   string `xml:"Position"`
	FullName   string `xml:"FullName"`
}

// MessageHeader is the description of the document.
type MessageHeader struct {
	From             Organ            `xml:"From"`
	To               []Organ          `xml:"To"`
	DocumentID       string           `xml:"DocumentId"`
	Code             Code             `xml:"Code"`
	PromulgationInfo PromulgationInfo `xml:"PromulgationInfo"`
	DocumentType     DocumentType     `xml:"DocumentType"`
	Subject          string           `xml:"Subject"`
	SignerInfo       SignerInfo       `xml:"SignerInfo"`
	// ToPlaces are the recipients of the "Nơi nhận" block.
	ToPlaces []string `xml:"ToPlaces>Place"`
}

// TraceHeader records a system the package passed through and when.
type TraceHeader struct {
	OrganID   string `xml:"OrganId"`
	Timestamp string `xml:"Timestamp"`
}

type header struct {
	MessageHeader   MessageHeader `xml:"MessageHeader"`
	TraceHeaderList []TraceHeader `xml:"TraceHeaderList>TraceHeader"`
}

type reference struct {
	Href           string `xml:"href,attr"`
	AttachmentName string `xml:"AttachmentName"`
	Description    string `xml:"Description"`
}

type body struct {
	Manifest []reference `xml:"edXMLManifest>Reference"`
}

type attachment struct {
	ContentID      string `xml:"ContentId"`
	AttachmentName string `xml:"AttachmentName"`
	ContentType    string `xml:"ContentType"`
	Description    string `xml:"Description"`
	Encoded        string `xml:"ContentTransferEncoded"`
}

// envelope is the XML document. Only the root names the namespace; its
// elements inherit it, and reading matches local names in any namespace.
type envelope struct {
	XMLName     xml.Name     `xml:"edXMLEnvelope"`
	Header      header       `xml:"edXMLHeader"`
	Body        body         `xml:"edXMLBody"`
	Attachments []attachment `xml:"AttachmentEncoded>Attachment"`
}

// Attachment is a file carried in the package.
type Attachment struct {
	Name        string
	ContentType string
	Description string
	Data        []byte
}

// Package is an edXML package: the header, the trace and the attachments.
type Package struct {
	Header      MessageHeader
	Trace       []TraceHeader
	Attachments []Attachment
}

// Stamp returns t as the trace writes it.
func Stamp(t time.Time) string { return t.UTC().Format(time.RFC3339) }
