package kehoach

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strconv"
	"strings"
	"time"
)

// ExchangeToken lets one agency's kehoach send its result report on one plan
// to the superior's kehoach. The superior issues it; only its hash is
// kept.
type ExchangeToken struct {
	ID       string `json:"id"`
	AgencyID string `json:"agencyId"`
	PlanID   string `json:"planId"`
	// CreatedBy names who issued it.
	CreatedBy string    `json:"createdBy"`
	CreatedAt time.Time `json:"createdAt"`
}

// ReportPackage is a finalised result report sent from an agency's kehoach
// to its superior's: the report's header, its figures and its files. PlanID
// and AgencyID are the superior's ids of the plan the report answers and of
// the sending agency.
type ReportPackage struct {
	PlanID   string          `json:"planId"`
	AgencyID string          `json:"agencyId"`
	Report   PackageReport   `json:"report"`
	Figures  []PackageFigure `json:"figures"`
	Files    []PackageFile   `json:"files"`
}

// PackageReport is the header of a sent report, as its .docx prints it.
type PackageReport struct {
	Number      int    `json:"number"`
	Symbol      string `json:"symbol"`
	IssuedOn    string `json:"issuedOn"`
	Title       string `json:"title"`
	AgencyName  string `json:"agencyName"`
	SignerTitle string `json:"signerTitle"`
	SignerName  string `json:"signerName"`
	// SourcePlanID is the sender's own id of its plan.
	SourcePlanID string `json:"sourcePlanId"`
}

// PackageFigure is one indicator's result in a sent report.
type PackageFigure struct {
	Code   string   `json:"code"`
	Name   string   `json:"name"`
	Unit   string   `json:"unit"`
	Value  float64  `json:"value"`
	Target *float64 `json:"target"`
}

// PackageFile is a file of a sent report ("docx" or "pdf") with the
// SHA-256 of its content, hex.
type PackageFile struct {
	Kind   string `json:"kind"`
	Name   string `json:"name"`
	SHA256 string `json:"sha256"`
	Data   []byte `json:"data"`
}

// PackageFileKinds are the files a package must carry.
var PackageFileKinds = []string{"docx", "pdf"}

// MaxPackageSize bounds the files of a package together.
const MaxPackageSize = 40 << 20

// SHA256Hex returns the hex SHA-256 of data.
func SHA256Hex(data []byte) string {
	s := sha256.Sum256(data)
	return hex.EncodeToString(s[:])
}

// File returns the package's file of kind, or nil.
func (p *ReportPackage) File(kind string) *PackageFile {
	for i := range p.Files {
		if p.Files[i].Kind == kind {
			return &p.Files[i]
		}
	}
	return nil
}

// Validate checks what the package says of itself: the report's number,
// symbol and date, each file present once with the SHA-256 it names and the
// content its kind says. Problems are named by the JSON fields.
func (p *ReportPackage) Validate() error {
	f := problems{}
	p.PlanID, p.AgencyID = strings.TrimSpace(p.PlanID), strings.TrimSpace(p.AgencyID)
	f.required("planId", p.PlanID, 100, "Gói báo cáo thiếu mã kế hoạch của cơ quan cấp trên.", "Mã kế hoạch dài quá 100 ký tự.")
	f.required("agencyId", p.AgencyID, 100, "Gói báo cáo thiếu mã cơ quan gửi.", "Mã cơ quan dài quá 100 ký tự.")
	r := &p.Report
	if r.Number <= 0 || r.Number > 99999 {
		f["report.number"] = "Báo cáo gửi lên phải là bản chính thức, có số văn bản."
	}
	f.required("report.symbol", r.Symbol, 50, "Báo cáo thiếu ký hiệu văn bản.", "Ký hiệu văn bản dài quá 50 ký tự.")
	if _, err := time.Parse(time.DateOnly, r.IssuedOn); err != nil {
		f["report.issuedOn"] = "Ngày ban hành báo cáo không hợp lệ (YYYY-MM-DD)."
	}
	f.required("report.title", r.Title, 1000, "Báo cáo thiếu trích yếu.", "Trích yếu dài quá 1000 ký tự.")
	if len(p.Figures) > 500 {
		f["figures"] = "Gói báo cáo có quá nhiều chỉ tiêu."
	}
	for i, fig := range p.Figures {
		if strings.TrimSpace(fig.Code) == "" && strings.TrimSpace(fig.Name) == "" {
			f["figures."+strconv.Itoa(i)] = "Chỉ tiêu thiếu mã và tên."
		}
	}
	total := 0
	for _, kind := range PackageFileKinds {
		n := 0
		for _, file := range p.Files {
			if file.Kind == kind {
				n++
			}
		}
		if n != 1 {
			f["files"] = "Gói báo cáo phải có đúng một tệp .docx và một tệp .pdf."
		}
	}
	for i, file := range p.Files {
		key := "files." + strconv.Itoa(i)
		total += len(file.Data)
		switch {
		case file.Kind != "docx" && file.Kind != "pdf":
			f[key] = "Loại tệp phải là docx hoặc pdf."
		case !strings.EqualFold(strings.TrimSpace(file.SHA256), SHA256Hex(file.Data)):
			f[key] = "Mã băm SHA-256 của tệp " + file.Kind + " không khớp với nội dung: tệp bị hỏng hoặc bị thay đổi trên đường truyền."
		case file.Kind == "docx" && !bytes.HasPrefix(file.Data, []byte("PK\x03\x04")):
			f[key] = "Tệp docx không phải văn bản .docx."
		case file.Kind == "pdf" && !bytes.HasPrefix(file.Data, []byte("%PDF-")):
			f[key] = "Tệp pdf không phải tệp PDF."
		}
	}
	if total > MaxPackageSize {
		f["files"] = "Các tệp của gói báo cáo lớn quá 40 MB."
	}
	return f.err()
}

// Digest identifies the package's content: the same report sent twice has
// the same digest.
func (p *ReportPackage) Digest() string {
	type file struct{ Kind, SHA256 string }
	v := struct {
		PlanID, AgencyID string
		Report           PackageReport
		Figures          []PackageFigure
		Files            []file
	}{PlanID: p.PlanID, AgencyID: p.AgencyID, Report: p.Report, Figures: p.Figures}
	for _, kind := range PackageFileKinds {
		if f := p.File(kind); f != nil {
			v.Files = append(v.Files, file{kind, strings.ToLower(f.SHA256)})
		}
	}
	b, _ := json.Marshal(v)
	return SHA256Hex(b)
}

// ReceivedReport is a package an agency's kehoach sent, as the superior
// keeps it: its report state in the roll-up is "received".
type ReceivedReport struct {
	ID         string          `json:"id"`
	PlanID     string          `json:"planId"`
	AgencyID   string          `json:"agencyId"`
	Digest     string          `json:"digest"`
	Report     PackageReport   `json:"report"`
	Figures    []PackageFigure `json:"figures"`
	DocxSHA256 string          `json:"docxSha256"`
	PDFSHA256  string          `json:"pdfSha256"`
	ReceivedAt time.Time       `json:"receivedAt"`
}

// ChildExternal is the roll-up status of an agency whose implementing plan
// is in its own kehoach, known here by the report it sent.
const ChildExternal = "external"
