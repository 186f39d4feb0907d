// Package summary drafts a plan's result report ("báo cáo kết quả") from
// what kehoach holds — accepted unit reports with their figures, briefings,
// tasks, difficulties — in the Decree 30 layout, and writes it as .docx,
// .xlsx annex or .pdf through docgen. A draft is composed afresh on every
// look, keeping the Office's edits of the narrative parts; a final version
// is read back exactly as it was frozen.
package summary

import (
	"sort"
	"strings"

	"github.com/kehoach/kehoach"
)

// Letterhead is the agency data a document's header and closing need.
type Letterhead struct {
	// GoverningBody is the agency's parent in capitals ("UBND TỈNH SƠN LA").
	GoverningBody string `json:"governingBody"`
	// Agency is the agency's name in capitals; AgencyName as written.
	Agency     string `json:"agency"`
	AgencyName string `json:"agencyName"`
	Abbrev     string `json:"abbrev"`
	Place      string `json:"place"`
	// SignerTitle and SignerName sign the report: the Director.
	SignerTitle string `json:"signerTitle"`
	SignerName  string `json:"signerName"`
	// To is the addressee of "Kính gửi:".
	To []string `json:"to"`
	// Archive is the archive line without copies: "Lưu: VT, VP".
	Archive string `json:"archive"`
}

// LetterheadFor gathers the letterhead of a plan's agency: names and place
// from the organisation tree, the signer from the people with the director
// role in the agency, the addressee from the unit the plan reports to (else
// the first "báo cáo về" name of the plan). When something is missing it
// returns what it found and an [kehoach.EINVALID] error naming what to fill
// in.
func LetterheadFor(plan *kehoach.Plan, tree *kehoach.OrgTree, people []*kehoach.Person) (*Letterhead, error) {
	lh := &Letterhead{}
	f := map[string]string{}
	ag := tree.Unit(plan.AgencyID)
	if ag == nil {
		return nil, kehoach.Invalid(map[string]string{"agency": "Kế hoạch chưa gắn với cơ quan trong cơ cấu tổ chức."})
	}
	lh.AgencyName, lh.Agency, lh.Abbrev, lh.Place = ag.Name, upper(ag.Name), ag.Abbrev, ag.Place
	if p := tree.Unit(ag.ParentID); p != nil {
		lh.GoverningBody = upper(p.Name)
	}
	if lh.Abbrev == "" {
		f["abbrev"] = "Chưa có tên viết tắt của " + ag.Name + " (dùng trong số, ký hiệu văn bản): nhập tại Tổ chức → " + ag.Name + " → Tên viết tắt."
	}
	if lh.Place == "" {
		f["place"] = "Chưa có địa danh của " + ag.Name + " (dùng ở dòng “…, ngày … tháng … năm …”): nhập tại Tổ chức → " + ag.Name + " → Địa danh."
	}
	var directors []*kehoach.Person
	for _, p := range people {
		if p.Active && p.HasRole(kehoach.RoleDirector) && tree.IsWithin(p.UnitID, ag.ID) {
			directors = append(directors, p)
		}
	}
	// The Director proper before deputies: a title without "Phó".
	sort.SliceStable(directors, func(i, j int) bool {
		return !strings.Contains(strings.ToLower(directors[i].Title), "phó") && strings.Contains(strings.ToLower(directors[j].Title), "phó")
	})
	if len(directors) == 0 {
		f["signer"] = "Chưa có người ký: cần một người có vai trò Giám đốc thuộc " + ag.Name + " (Người dùng → vai trò Giám đốc)."
	} else {
		d := directors[0]
		lh.SignerName, lh.SignerTitle = d.FullName, "GIÁM ĐỐC"
		if t := strings.TrimSpace(d.Title); t != "" && !strings.Contains(strings.ToLower(t), "phó") {
			lh.SignerTitle = upper(strings.TrimSuffix(strings.TrimSuffix(t, " Sở"), " sở"))
		}
	}
	if u := tree.Unit(plan.ReportToUnitID); u != nil {
		lh.To = []string{u.Name}
	} else if len(plan.ReportTo) > 0 && strings.TrimSpace(plan.ReportTo[0]) != "" {
		lh.To = []string{strings.TrimSpace(plan.ReportTo[0])}
	} else {
		f["reportTo"] = "Chưa rõ cơ quan nhận báo cáo (“Kính gửi”): chọn cơ quan cấp trên nhận báo cáo kết quả của kế hoạch."
	}
	lh.Archive = "Lưu: VT"
	for _, u := range tree.Children(ag.ID) {
		if u.Kind == kehoach.UnitOffice && strings.HasPrefix(u.Name, "Văn phòng") && u.Abbrev != "" {
			lh.Archive += ", " + u.Abbrev
			break
		}
	}
	if len(f) > 0 {
		e := kehoach.Invalid(f)
		if len(f) > 1 {
			var msgs []string
			for _, k := range []string{"abbrev", "place", "signer", "reportTo"} {
				if m, ok := f[k]; ok {
					msgs = append(msgs, m)
				}
			}
			e.Message = "Thiếu thông tin để lập văn bản: " + strings.Join(msgs, " ")
		}
		return lh, e
	}
	return lh, nil
}

// upper writes a name in capitals the Vietnamese way.
func upper(s string) string { return strings.ToUpper(strings.TrimSpace(s)) }
