package ops

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/edxml"
	"github.com/kehoach/kehoach/internal/summary"
)

// finalReport returns the latest final version of plan planID's result
// report, frozen as it was issued; a conflict when none was finalised.
func (s *Service) finalReport(ctx context.Context, planID string) (*summary.Report, error) {
	all, err := s.store.FindSummaries(ctx, planID)
	if err != nil {
		return nil, err
	}
	for _, v := range all {
		if v.Status == kehoach.SummaryFinal {
			return summary.Thaw(v)
		}
	}
	return nil, kehoach.Errorf(kehoach.ECONFLICT, "Báo cáo kết quả chưa được hoàn thành (chưa có số, ngày ban hành): hãy hoàn thành báo cáo trước khi gửi.")
}

// organOf is unit u as an edXML envelope names it ("" fields when u is
// nil); governing is the body above it.
func organOf(tree *kehoach.OrgTree, u *kehoach.OrgUnit) edxml.Organ {
	if u == nil {
		return edxml.Organ{}
	}
	o := edxml.Organ{OrganID: u.OrganID, OrganName: u.Name, OrganAdd: u.Address, Email: u.Email, Telephone: u.Phone}
	if p := tree.Unit(u.ParentID); p != nil {
		o.OrganInCharge = p.Name
	}
	return o
}

// SummaryEdXML returns the plan's final result report as an edXML package
// (QCVN 102:2016) carrying its .docx, for whoever may download the report.
func (s *Service) SummaryEdXML(ctx context.Context, a *kehoach.Actor, planID string) (*File, error) {
	p, err := s.summaryPlan(ctx, a, planID)
	if err != nil {
		return nil, err
	}
	rep, err := s.finalReport(ctx, p.ID)
	if kehoach.ErrorCode(err) == kehoach.ECONFLICT && !a.CanReadDraftResultReport(p) {
		// Who sees finalised reports only does not learn of a draft.
		return nil, notFound("báo cáo kết quả đã hoàn thiện")
	}
	if err != nil {
		return nil, err
	}
	tree, err := s.store.OrgTree(ctx)
	if err != nil {
		return nil, err
	}
	data, err := reportEdXML(ctx, rep, p, tree, s.Now())
	if err != nil {
		return nil, err
	}
	return &File{Name: strings.TrimSuffix(rep.FileName("docx"), ".docx") + ".edxml", Type: "application/xml; charset=utf-8", Data: data}, nil
}

// reportEdXML writes the final report rep of plan p as an edXML package
// with its .docx attached; the values are those the .docx prints.
func reportEdXML(ctx context.Context, rep *summary.Report, p *kehoach.Plan, tree *kehoach.OrgTree, now time.Time) ([]byte, error) {
	var docx bytes.Buffer
	if err := summary.Write(ctx, &docx, rep, "docx", summary.Options{}); err != nil {
		return nil, err
	}
	from := organOf(tree, tree.Unit(p.AgencyID))
	if from.OrganName == "" {
		from.OrganName = rep.AgencyName
	}
	h := edxml.MessageHeader{
		From:             from,
		DocumentID:       fmt.Sprintf("kehoach:%s:%d", rep.PlanID, rep.Version),
		Code:             edxml.Code{CodeNumber: fmt.Sprintf("%02d", rep.Number), CodeNotation: rep.Symbol},
		PromulgationInfo: edxml.PromulgationInfo{Place: rep.Place, PromulgationDate: rep.IssuedOn},
		DocumentType:     edxml.DocumentType{Type: "1", TypeName: "Báo cáo"},
		Subject:          rep.Title,
		SignerInfo:       signerInfo(rep.SignerTitle, rep.SignerName),
		ToPlaces:         rep.Recipients,
	}
	if u := tree.Unit(p.ReportToUnitID); u != nil {
		h.To = append(h.To, organOf(tree, u))
	} else {
		for _, name := range rep.To {
			h.To = append(h.To, edxml.Organ{OrganName: name})
		}
	}
	pkg := &edxml.Package{Header: h,
		Trace:       []edxml.TraceHeader{{OrganID: from.OrganID, Timestamp: edxml.Stamp(now)}},
		Attachments: []edxml.Attachment{{Name: rep.FileName("docx"), ContentType: summary.ContentType("docx"), Description: rep.Title, Data: docx.Bytes()}},
	}
	var out bytes.Buffer
	if err := edxml.Write(&out, pkg); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// signerInfo splits a signing block's title: an authority line ("KT.
// GIÁM ĐỐC") above the signer's own title, or one title for both.
func signerInfo(title, name string) edxml.SignerInfo {
	lines := strings.Split(strings.TrimSpace(title), "\n")
	return edxml.SignerInfo{Competence: strings.TrimSpace(lines[0]), Position: strings.TrimSpace(lines[len(lines)-1]), FullName: name}
}
