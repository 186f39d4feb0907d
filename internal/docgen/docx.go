package docgen

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// The .docx is written directly with archive/zip and hand-made WordprocessingML
// rather than through a document library: the Decree 30 layout needs
// borderless layout tables, paragraph-border rules of computed length, the
// Times New Roman default in docDefaults, the vi-VN language, a distinct
// (empty) first-page header with PAGE fields on the following pages, and
// byte-stable output for golden tests. Writing the few parts ourselves keeps
// all of that explicit and deterministic.

// Page geometry in twips (1/20 pt): A4, margins top/bottom 20 mm, left 30 mm,
// right 15 mm, header 10 mm from the edge.
const (
	pageW        = 11906
	pageH        = 16838
	marginTop    = 1134
	marginBottom = 1134
	marginLeft   = 1701
	marginRight  = 850
	headerDist   = 567
	textW        = pageW - marginLeft - marginRight // 9355
	// header and closing tables: left (agency / recipients) and right columns.
	headLeftW  = 3755
	headRightW = textW - headLeftW
	closeLeftW = 4535
	closeRghtW = textW - closeLeftW
	cellMarLR  = 57  // cell left/right margin of the layout tables
	indent     = 720 // 1.27 cm first-line indent
)

// docxEpoch stamps zip entries and docProps when the document has no date, so
// that output is reproducible.
var docxEpoch = time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)

// WriteDocx writes d as an Office Open XML word-processing document.
func WriteDocx(w io.Writer, d *Document) error {
	if d == nil {
		return fmt.Errorf("docgen: nil document")
	}
	stamp := docxEpoch
	if !d.Date.IsZero() {
		stamp = time.Date(d.Date.Year(), d.Date.Month(), d.Date.Day(), 0, 0, 0, 0, time.UTC)
	}
	parts := docxParts(d, stamp)
	zw := zip.NewWriter(w)
	for _, p := range parts {
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: stamp})
		if err != nil {
			return err
		}
		if _, err := io.WriteString(fw, p.body); err != nil {
			return err
		}
	}
	return zw.Close()
}

type part struct{ name, body string }

func docxParts(d *Document, stamp time.Time) []part {
	return []part{
		{"[Content_Types].xml", contentTypesXML},
		{"_rels/.rels", rootRelsXML},
		{"docProps/core.xml", coreXML(d, stamp)},
		{"docProps/app.xml", appXML},
		{"word/_rels/document.xml.rels", documentRelsXML},
		{"word/document.xml", documentXML(d)},
		{"word/styles.xml", stylesXML},
		{"word/settings.xml", settingsXML},
		{"word/fontTable.xml", fontTableXML},
		{"word/header1.xml", headerXML(d, false)},
		{"word/header2.xml", headerXML(d, true)},
	}
}

const xmlDecl = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"

const nsW = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`

const contentTypesXML = xmlDecl + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
	`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
	`<Default Extension="xml" ContentType="application/xml"/>` +
	`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
	`<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>` +
	`<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>` +
	`<Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/>` +
	`<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>` +
	`<Override PartName="/word/header2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>` +
	`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
	`<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>` +
	`</Types>`

const rootRelsXML = xmlDecl + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
	`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>` +
	`</Relationships>`

const documentRelsXML = xmlDecl + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>` +
	`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml"/>` +
	`<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>` +
	`<Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header2.xml"/>` +
	`</Relationships>`

const appXML = xmlDecl + `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">` +
	`<Application>kehoach</Application><DocSecurity>0</DocSecurity></Properties>`

func coreXML(d *Document, stamp time.Time) string {
	title := strings.TrimSpace(d.TypeName + " " + d.Summary)
	ts := stamp.UTC().Format("2006-01-02T15:04:05Z")
	return xmlDecl + `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
		`<dc:title>` + esc(title) + `</dc:title>` +
		`<dc:creator>` + esc(d.Agency) + `</dc:creator>` +
		`<dc:language>vi-VN</dc:language>` +
		`<dcterms:created xsi:type="dcterms:W3CDTF">` + ts + `</dcterms:created>` +
		`<dcterms:modified xsi:type="dcterms:W3CDTF">` + ts + `</dcterms:modified>` +
		`</cp:coreProperties>`
}

const fontTableXML = xmlDecl + `<w:fonts ` + nsW + `>` +
	`<w:font w:name="Times New Roman"><w:panose1 w:val="02020603050405020304"/><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>` +
	`</w:fonts>`

const settingsXML = xmlDecl + `<w:settings ` + nsW + `>` +
	`<w:zoom w:percent="100"/>` +
	`<w:defaultTabStop w:val="720"/>` +
	`<w:characterSpacingControl w:val="doNotCompress"/>` +
	`<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>` +
	`<w:themeFontLang w:val="vi-VN"/>` +
	`<w:decimalSymbol w:val=","/><w:listSeparator w:val=";"/>` +
	`</w:settings>`

// stylesXML sets Times New Roman 13 pt and vi-VN as document defaults, and
// the paragraph and table styles the body uses.
const stylesXML = xmlDecl + `<w:styles ` + nsW + `>` +
	`<w:docDefaults>` +
	`<w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="Times New Roman" w:cs="Times New Roman"/>` +
	`<w:sz w:val="26"/><w:szCs w:val="26"/><w:lang w:val="vi-VN" w:eastAsia="vi-VN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>` +
	`<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault>` +
	`</w:docDefaults>` +
	`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>` +
	`<w:style w:type="paragraph" w:customStyle="1" w:styleId="VBBody"><w:name w:val="VB Body"/><w:basedOn w:val="Normal"/><w:qFormat/>` +
	`<w:pPr><w:spacing w:before="0" w:after="120" w:line="312" w:lineRule="auto"/><w:ind w:firstLine="720"/><w:jc w:val="both"/></w:pPr></w:style>` +
	`<w:style w:type="paragraph" w:customStyle="1" w:styleId="VBCell"><w:name w:val="VB Table Text"/><w:basedOn w:val="Normal"/>` +
	`<w:pPr><w:spacing w:before="40" w:after="40"/></w:pPr><w:rPr><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Header"><w:name w:val="header"/><w:basedOn w:val="Normal"/>` +
	`<w:pPr><w:tabs><w:tab w:val="center" w:pos="4678"/><w:tab w:val="right" w:pos="9355"/></w:tabs></w:pPr></w:style>` +
	`<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>` +
	`<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:semiHidden/>` +
	`<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>` +
	`<w:style w:type="table" w:styleId="VBGrid"><w:name w:val="VB Grid"/><w:basedOn w:val="TableNormal"/>` +
	`<w:tblPr><w:tblBorders>` + gridBorders + `</w:tblBorders></w:tblPr></w:style>` +
	`</w:styles>`

const gridBorders = `<w:top w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:left w:val="single" w:sz="4" w:space="0" w:color="000000"/>` +
	`<w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:right w:val="single" w:sz="4" w:space="0" w:color="000000"/>` +
	`<w:insideH w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="000000"/>`

const noBorders = `<w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="nil"/><w:right w:val="nil"/><w:insideH w:val="nil"/><w:insideV w:val="nil"/>`

// headerXML is the page header: the page number centred on pages after the
// first (first=false), nothing on the first page except a draft mark.
func headerXML(d *Document, first bool) string {
	var b strings.Builder
	b.WriteString(xmlDecl + `<w:hdr ` + nsW + `>`)
	b.WriteString(`<w:p><w:pPr><w:pStyle w:val="Header"/></w:pPr>`)
	if !first {
		b.WriteString(`<w:r><w:tab/></w:r>`)
		b.WriteString(`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>` +
			`<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>2</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>`)
	} else if d.Draft {
		b.WriteString(`<w:r><w:tab/></w:r>`)
	}
	if d.Draft {
		b.WriteString(`<w:r><w:tab/></w:r>`)
		b.WriteString(run(draftMark, rp{b: true, bdr: true}))
	}
	b.WriteString(`</w:p></w:hdr>`)
	return b.String()
}

// rp is a run's character formatting.
type rp struct {
	b, i bool
	sz   int  // half-points; 0 = style default
	bdr  bool // box around the run (draft mark)
}

func (r rp) xml() string {
	var s strings.Builder
	if r.b {
		s.WriteString(`<w:b/><w:bCs/>`)
	}
	if r.i {
		s.WriteString(`<w:i/><w:iCs/>`)
	}
	if r.sz > 0 {
		fmt.Fprintf(&s, `<w:sz w:val="%d"/><w:szCs w:val="%d"/>`, r.sz, r.sz)
	}
	if r.bdr {
		s.WriteString(`<w:bdr w:val="single" w:sz="8" w:space="1" w:color="000000"/>`)
	}
	if s.Len() == 0 {
		return ""
	}
	return `<w:rPr>` + s.String() + `</w:rPr>`
}

// run is a run of text; a "\n" in text becomes a line break.
func run(text string, r rp) string {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		lines[i] = `<w:t xml:space="preserve">` + esc(l) + `</w:t>`
	}
	return `<w:r>` + r.xml() + strings.Join(lines, `<w:br/>`) + `</w:r>`
}

// pp is a paragraph's formatting.
type pp struct {
	style                 string
	keepNext              bool
	rule                  bool // bottom border: the short rules of the header and title
	hangTab               int  // a left tab stop (twips) for "Kính gửi:" lines
	before, after         int  // spacing in twips; -1 = style default
	line                  int  // line spacing in 240ths; 0 = style default
	lineExact             bool
	left, right, first    int
	hanging               int
	jc                    string
	setBefore, setAfter   bool
	setIndent, setFirstLn bool
}

func (p pp) xml() string {
	var s strings.Builder
	if p.style != "" {
		fmt.Fprintf(&s, `<w:pStyle w:val="%s"/>`, p.style)
	}
	if p.keepNext {
		s.WriteString(`<w:keepNext/>`)
	}
	if p.rule {
		s.WriteString(`<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="000000"/></w:pBdr>`)
	}
	if p.hangTab > 0 {
		fmt.Fprintf(&s, `<w:tabs><w:tab w:val="left" w:pos="%d"/></w:tabs>`, p.hangTab)
	}
	if p.setBefore || p.setAfter || p.line > 0 {
		s.WriteString(`<w:spacing`)
		if p.setBefore {
			fmt.Fprintf(&s, ` w:before="%d"`, p.before)
		}
		if p.setAfter {
			fmt.Fprintf(&s, ` w:after="%d"`, p.after)
		}
		if p.line > 0 {
			rule := "auto"
			if p.lineExact {
				rule = "exact"
			}
			fmt.Fprintf(&s, ` w:line="%d" w:lineRule="%s"`, p.line, rule)
		}
		s.WriteString(`/>`)
	}
	if p.setIndent {
		fmt.Fprintf(&s, `<w:ind w:left="%d" w:right="%d"`, p.left, p.right)
		if p.hanging > 0 {
			fmt.Fprintf(&s, ` w:hanging="%d"`, p.hanging)
		} else {
			fmt.Fprintf(&s, ` w:firstLine="%d"`, p.first)
		}
		s.WriteString(`/>`)
	} else if p.setFirstLn {
		fmt.Fprintf(&s, `<w:ind w:firstLine="%d"/>`, p.first)
	}
	if p.jc != "" {
		fmt.Fprintf(&s, `<w:jc w:val="%s"/>`, p.jc)
	}
	if s.Len() == 0 {
		return ""
	}
	return `<w:pPr>` + s.String() + `</w:pPr>`
}

func para(p pp, runs ...string) string {
	return `<w:p>` + p.xml() + strings.Join(runs, "") + "</w:p>\n"
}

func centred() pp { return pp{jc: "center"} }

func (p pp) spacing(before, after int) pp {
	p.before, p.after, p.setBefore, p.setAfter = before, after, true, true
	return p
}

// ruleUnder returns an empty paragraph whose bottom border is a centred rule
// widthTw long inside a column colTw wide (cell margins excluded).
func ruleUnder(colTw, widthTw int) string {
	side := (colTw - widthTw) / 2
	if side < 0 {
		side = 0
	}
	p := pp{rule: true, jc: "center", setIndent: true, left: side, right: side, line: 100, lineExact: true}.spacing(0, 40)
	return para(p, `<w:r><w:rPr><w:sz w:val="4"/><w:szCs w:val="4"/></w:rPr></w:r>`)
}

// tw converts points to twips.
func tw(pt float64) int { return int(pt*20 + 0.5) }

func layoutTable(widths []int, rows ...[]string) string {
	var b strings.Builder
	total := 0
	for _, w := range widths {
		total += w
	}
	fmt.Fprintf(&b, `<w:tbl><w:tblPr><w:tblW w:w="%d" w:type="dxa"/><w:tblInd w:w="0" w:type="dxa"/><w:tblBorders>%s</w:tblBorders><w:tblLayout w:type="fixed"/>`+
		`<w:tblCellMar><w:left w:w="%d" w:type="dxa"/><w:right w:w="%d" w:type="dxa"/></w:tblCellMar><w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="0" w:noVBand="0"/></w:tblPr>`,
		total, noBorders, cellMarLR, cellMarLR)
	b.WriteString(`<w:tblGrid>`)
	for _, w := range widths {
		fmt.Fprintf(&b, `<w:gridCol w:w="%d"/>`, w)
	}
	b.WriteString(`</w:tblGrid>`)
	for _, row := range rows {
		b.WriteString(`<w:tr><w:trPr><w:cantSplit/></w:trPr>`)
		for i, cell := range row {
			fmt.Fprintf(&b, `<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/></w:tcPr>%s</w:tc>`, widths[i], cell)
		}
		b.WriteString(`</w:tr>`)
	}
	b.WriteString(`</w:tbl>`)
	return b.String()
}

func documentXML(d *Document) string {
	var b strings.Builder
	b.WriteString(xmlDecl + `<w:document ` + nsW + `><w:body>`)

	// Header: row 1 agency | national title; row 2 number | date line, so
	// that "Số:" and the date stand on one line.
	leftW, rightW := headLeftW-2*cellMarLR, headRightW-2*cellMarLR
	var left, right strings.Builder
	if d.GoverningBody != "" {
		left.WriteString(para(centred(), run(strings.ToUpper(d.GoverningBody), rp{})))
	}
	agency := strings.ToUpper(d.Agency)
	left.WriteString(para(centred(), run(agency, rp{b: true})))
	agencyW := longestLineTw(agency, 13, true, leftW)
	left.WriteString(ruleUnder(leftW, agencyW*2/5))
	right.WriteString(para(centred(), run(nationalTitle, rp{b: true, sz: 24})))
	right.WriteString(para(centred(), run(nationalMotto, rp{b: true})))
	right.WriteString(ruleUnder(rightW, tw(textWidthPt(nationalMotto, 13, true))))
	numberCell := para(centred().spacing(60, 0), run(d.numberLine(), rp{}))
	dateCell := para(centred().spacing(60, 0), run(d.dateLine(), rp{i: true}))
	b.WriteString(layoutTable([]int{headLeftW, headRightW}, []string{left.String(), right.String()}, []string{numberCell, dateCell}))

	// Title.
	if d.TypeName != "" {
		b.WriteString(para(pp{jc: "center", keepNext: true}.spacing(360, 0), run(strings.ToUpper(d.TypeName), rp{b: true, sz: 28})))
	}
	if d.Summary != "" {
		b.WriteString(para(pp{jc: "center", keepNext: true}.spacing(0, 0), run(d.Summary, rp{b: true, sz: 28})))
		sw := longestLineTw(d.Summary, 14, true, textW)
		b.WriteString(ruleUnder(textW, min(sw/3, tw(130))))
	}
	if d.TypeName != "" || d.Summary != "" {
		b.WriteString(para(pp{}.spacing(0, 120)))
	}

	// Kính gửi.
	const label = "Kính gửi:"
	if to := d.addresseeLines(); len(to) == 1 {
		b.WriteString(para(centred().spacing(120, 240), run(label, rp{sz: 28}), run(" "+to[0], rp{sz: 28})))
	} else if len(to) > 1 {
		labelW := tw(textWidthPt(label+" ", 14, false)) + 60
		at := 1701 + labelW // the dashes stand under the colon, about 3 cm in
		for i, a := range to {
			p := pp{setIndent: true, left: at}.spacing(0, 0)
			if i == len(to)-1 {
				p = p.spacing(0, 240)
			}
			if i == 0 {
				p.hanging, p.hangTab = labelW, at
				b.WriteString(para(p.spacingBefore(120), run(label, rp{sz: 28}), `<w:r><w:tab/></w:r>`, run(a, rp{sz: 28})))
				continue
			}
			b.WriteString(para(p, run(a, rp{sz: 28})))
		}
	}

	// Legal basis, in italics.
	for _, l := range d.basisLines() {
		b.WriteString(para(pp{style: "VBBody"}, run(l, rp{i: true})))
	}

	for i := range d.Body {
		b.WriteString(blockXML(&d.Body[i]))
	}

	// Closing: recipients | signature.
	var rec strings.Builder
	rec.WriteString(para(pp{}.spacing(120, 0), run("Nơi nhận:", rp{b: true, i: true, sz: 24})))
	for _, l := range d.recipientLines() {
		rec.WriteString(para(pp{}, run(l, rp{sz: 22})))
	}
	var sig strings.Builder
	lines := d.Signer.lines()
	for i, l := range lines {
		p := centred()
		if i == 0 {
			p = p.spacing(120, 0)
		}
		sig.WriteString(para(p, run(l, rp{b: true})))
	}
	if len(lines) == 0 {
		sig.WriteString(para(centred().spacing(120, 0)))
	}
	// Space for the signature and the seal (about 3 cm), then the name.
	sig.WriteString(para(centred().spacing(1700, 0), run(d.Signer.Name, rp{b: true})))
	b.WriteString(layoutTable([]int{closeLeftW, closeRghtW}, []string{rec.String(), sig.String()}))
	// Word wants the body to end with a paragraph; keep it 1 pt high so it
	// never pushes a page. With an annex it also ends the portrait section.
	tiny := `<w:r><w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr></w:r>`
	// Section: A4 portrait; the first page has its own (empty) header, the
	// others carry the page number.
	portrait := fmt.Sprintf(`<w:sectPr><w:headerReference w:type="default" r:id="rId4"/><w:headerReference w:type="first" r:id="rId5"/>`+
		`<w:pgSz w:w="%d" w:h="%d"/><w:pgMar w:top="%d" w:right="%d" w:bottom="%d" w:left="%d" w:header="%d" w:footer="%d" w:gutter="0"/>`+
		`<w:cols w:space="720"/><w:titlePg/><w:docGrid w:linePitch="360"/></w:sectPr>`,
		pageW, pageH, marginTop, marginRight, marginBottom, marginLeft, headerDist, headerDist)
	if d.Annex == nil {
		b.WriteString(para(pp{line: 20, lineExact: true}.spacing(0, 0), tiny))
		b.WriteString(portrait)
	} else {
		b.WriteString(`<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>` + portrait + `</w:pPr>` + tiny + `</w:p>` + "\n")
		b.WriteString(annexXML(d.Annex))
		// The annex: A4 landscape, page numbers on every page.
		fmt.Fprintf(&b, `<w:sectPr><w:headerReference w:type="default" r:id="rId4"/>`+
			`<w:pgSz w:w="%d" w:h="%d" w:orient="landscape"/><w:pgMar w:top="%d" w:right="%d" w:bottom="%d" w:left="%d" w:header="%d" w:footer="%d" w:gutter="0"/>`+
			`<w:cols w:space="720"/><w:docGrid w:linePitch="360"/></w:sectPr>`,
			pageH, pageW, marginTop, marginRight, marginBottom, annexLeft, headerDist, headerDist)
	}
	b.WriteString(`</w:body></w:document>`)
	return b.String()
}

func (p pp) spacingBefore(before int) pp {
	p.before, p.setBefore = before, true
	return p
}

// longestLineTw estimates the width of text that wraps in a column colTw
// wide: the column width if it wraps, its own width otherwise.
func longestLineTw(s string, sizePt float64, bold bool, colTw int) int {
	w := tw(textWidthPt(s, sizePt, bold))
	if w > colTw {
		return colTw
	}
	return w
}

func blockXML(bl *Block) string {
	text := blockText(bl)
	switch bl.Kind {
	case Section:
		return para(pp{style: "VBBody", keepNext: true}.spacing(120, 120), run(text, rp{b: true}))
	case Item:
		return para(pp{style: "VBBody", keepNext: true}, run(text, rp{b: true, i: bl.Italic}))
	case TableBlock:
		if bl.Table == nil {
			return ""
		}
		return tableXML(bl.Table, textW) + para(pp{}.spacing(0, 120))
	default:
		return para(pp{style: "VBBody"}, run(text, rp{b: bl.Bold, i: bl.Italic}))
	}
}

// colWidths spreads total twips over n columns in proportion to rel.
func colWidths(total, n int, rel []float64) []int {
	out := make([]int, n)
	if n == 0 {
		return out
	}
	sum := 0.0
	if len(rel) == n {
		for _, r := range rel {
			if r > 0 {
				sum += r
			}
		}
	}
	used := 0
	for i := range out {
		if sum > 0 && rel[i] > 0 {
			out[i] = int(float64(total) * rel[i] / sum)
		} else if sum > 0 {
			out[i] = 0
		} else {
			out[i] = total / n
		}
		used += out[i]
	}
	out[n-1] += total - used
	return out
}

// annexLeft is the left margin of the landscape annex pages (20 mm) and
// annexTextW their text width.
const (
	annexLeft  = 1134
	annexTextW = pageH - annexLeft - marginRight
)

// annexXML is the annex: its centred title lines, the table, the note.
func annexXML(a *AnnexPage) string {
	var b strings.Builder
	b.WriteString(para(pp{jc: "center", keepNext: true}.spacing(0, 0), run(strings.ToUpper(a.Title), rp{b: true, sz: 28})))
	if a.Subtitle != "" {
		b.WriteString(para(pp{jc: "center", keepNext: true}.spacing(0, 0), run(a.Subtitle, rp{b: true})))
	}
	if a.Ref != "" {
		b.WriteString(para(pp{jc: "center", keepNext: true}.spacing(0, 0), run(a.Ref, rp{i: true})))
	}
	b.WriteString(ruleUnder(annexTextW, tw(130)))
	b.WriteString(para(pp{keepNext: true}.spacing(0, 120)))
	if a.Table != nil {
		b.WriteString(tableXML(a.Table, annexTextW))
	}
	if a.Note != "" {
		b.WriteString(para(pp{style: "VBBody"}.spacing(120, 0), run(a.Note, rp{i: true, sz: 24})))
	}
	return b.String()
}

func tableXML(t *Table, width int) string {
	n := len(t.Columns)
	for _, r := range t.Rows {
		n = max(n, len(r))
	}
	if n == 0 {
		return ""
	}
	widths := colWidths(width, n, t.Widths)
	var b strings.Builder
	fmt.Fprintf(&b, `<w:tbl><w:tblPr><w:tblStyle w:val="VBGrid"/><w:tblW w:w="%d" w:type="dxa"/><w:tblBorders>%s</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="0" w:noVBand="0"/></w:tblPr><w:tblGrid>`, width, gridBorders)
	for _, w := range widths {
		fmt.Fprintf(&b, `<w:gridCol w:w="%d"/>`, w)
	}
	b.WriteString(`</w:tblGrid>`)
	row := func(cells []string, header, bold bool) {
		b.WriteString(`<w:tr>`)
		if header {
			b.WriteString(`<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>`)
		} else {
			b.WriteString(`<w:trPr><w:cantSplit/></w:trPr>`)
		}
		for i := 0; i < n; i++ {
			c := ""
			if i < len(cells) {
				c = cells[i]
			}
			p := pp{style: "VBCell"}
			if header {
				// The header row stays with the first row of the body.
				p.jc, p.keepNext = "center", true
			} else if isNumeric(c) {
				p.jc = "right"
			}
			fmt.Fprintf(&b, `<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>%s</w:tc>`,
				widths[i], para(p, run(c, rp{b: header || bold})))
		}
		b.WriteString(`</w:tr>`)
	}
	if len(t.Columns) > 0 {
		row(t.Columns, true, true)
	}
	for i, r := range t.Rows {
		row(r, false, i >= len(t.Rows)-t.Foot)
	}
	b.WriteString(`</w:tbl>`)
	return b.String()
}

var numberSeparators = strings.NewReplacer(".", "", ",", "", " ", "")

// isNumeric reports whether a table cell holds a figure (digits with
// Vietnamese or English separators, an optional sign or percent).
func isNumeric(s string) bool {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "%"))
	if s == "" {
		return false
	}
	s = strings.TrimPrefix(s, "-")
	s = numberSeparators.Replace(s)
	_, err := strconv.ParseUint(s, 10, 64)
	return err == nil
}

func esc(s string) string {
	var b bytes.Buffer
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}
