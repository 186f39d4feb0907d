package ops

import (
	"bytes"
	"context"
	"sort"
	"strings"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/auth"
	"github.com/kehoach/kehoach/internal/summary"
)

// The exchange between kehoach deployments: the superior issues a token to
// an agency for a plan; the agency's kehoach sends its finalised result
// report on that plan with the token; the superior keeps it, once, and its
// figures count in the plan's roll-up as received from outside.

// exchangeTokenPrefix starts every exchange token: "kx1.AGENCY.PLAN.SECRET",
// so that the sender knows the superior's ids from the token alone.
const exchangeTokenPrefix = "kx1"

// ExchangeTokenInput names the agency and the plan a token is for.
type ExchangeTokenInput struct {
	AgencyID string `json:"agencyId"`
	PlanID   string `json:"planId"`
}

// IssuedExchangeToken is a new token: Token is shown once, only its hash is
// kept.
type IssuedExchangeToken struct {
	kehoach.ExchangeToken
	Token string `json:"token"`
}

// IssueExchangeToken issues a token with which the agency's kehoach sends
// its result report on the plan: for the admin or the Office of the plan's
// agency.
func (s *Service) IssueExchangeToken(ctx context.Context, a *kehoach.Actor, in ExchangeTokenInput) (*IssuedExchangeToken, error) {
	if err := cleanInput(&in); err != nil {
		return nil, err
	}
	pr := Problems{}
	in.AgencyID, in.PlanID = strings.TrimSpace(in.AgencyID), strings.TrimSpace(in.PlanID)
	if in.PlanID == "" {
		pr.Add("planId", "Chọn kế hoạch mà cơ quan báo cáo kết quả thực hiện.")
	}
	if in.AgencyID == "" {
		pr.Add("agencyId", "Chọn cơ quan được cấp khóa.")
	}
	if err := pr.Err(); err != nil {
		return nil, err
	}
	p, err := s.store.FindPlanByID(ctx, in.PlanID)
	if err != nil {
		return nil, err
	}
	if !a.CanAdminister() && !a.CanEditPlan(p.AgencyID) {
		return nil, Forbidden()
	}
	tree, err := s.store.OrgTree(ctx)
	if err != nil {
		return nil, err
	}
	if u := tree.Unit(in.AgencyID); u == nil || u.Kind != kehoach.UnitAgency {
		pr.Add("agencyId", "Không có cơ quan này trong cơ cấu tổ chức.")
	} else if u.ID == p.AgencyID {
		pr.Add("agencyId", "Cơ quan ban hành kế hoạch không gửi báo cáo cho chính mình.")
	}
	if strings.Contains(in.AgencyID+in.PlanID, ".") {
		pr.Add("agencyId", "Mã cơ quan và mã kế hoạch không được chứa dấu chấm.")
	}
	if err := pr.Err(); err != nil {
		return nil, err
	}
	tok := strings.Join([]string{exchangeTokenPrefix, in.AgencyID, in.PlanID, auth.NewToken()}, ".")
	t := &kehoach.ExchangeToken{AgencyID: in.AgencyID, PlanID: in.PlanID}
	if err := s.store.CreateExchangeToken(as(ctx, a), t, auth.HashToken(tok)); err != nil {
		return nil, err
	}
	return committed(s, &IssuedExchangeToken{ExchangeToken: *t, Token: tok}, nil)
}

// ExchangeTokenIDs returns the superior's agency and plan ids a token
// names, or "" when it is not an exchange token.
func ExchangeTokenIDs(token string) (agencyID, planID string) {
	parts := strings.Split(strings.TrimSpace(token), ".")
	if len(parts) != 4 || parts[0] != exchangeTokenPrefix {
		return "", ""
	}
	return parts[1], parts[2]
}

// ReceivedResult is a package kept: Created is false when the same package
// was already kept and nothing changed.
type ReceivedResult struct {
	Report  *kehoach.ReceivedReport
	Created bool
}

// ReceiveReport keeps a result report another kehoach sent with token: the
// token must be one this kehoach issued, the plan and the agency must be
// known here and be those the token was issued for, and each file must have
// the SHA-256 the package names. The same package sent again changes
// nothing.
// read decodes the package; it is called once the token is known good.
func (s *Service) ReceiveReport(ctx context.Context, token string, read func(*kehoach.ReportPackage) error) (*ReceivedResult, error) {
	token = strings.TrimSpace(token)
	if token == "" {
		return nil, kehoach.Errorf(kehoach.EUNAUTHORIZED, "Thiếu khóa trao đổi (Authorization: Bearer …) do cơ quan cấp trên cấp.")
	}
	t, err := s.store.FindExchangeToken(ctx, auth.HashToken(token))
	if kehoach.ErrorCode(err) == kehoach.ENOTFOUND {
		return nil, kehoach.Errorf(kehoach.EUNAUTHORIZED, "Khóa trao đổi không hợp lệ: cơ quan cấp trên không cấp khóa này.")
	}
	if err != nil {
		return nil, err
	}
	p := &kehoach.ReportPackage{}
	if err := read(p); err != nil {
		return nil, err
	}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	if _, err := s.store.FindPlanByID(ctx, p.PlanID); kehoach.ErrorCode(err) == kehoach.ENOTFOUND {
		return nil, kehoach.Invalid(map[string]string{"planId": "Kế hoạch “" + p.PlanID + "” không có ở hệ thống của cơ quan cấp trên: báo cáo không được nhận."})
	} else if err != nil {
		return nil, err
	}
	tree, err := s.store.OrgTree(ctx)
	if err != nil {
		return nil, err
	}
	ag := tree.Unit(p.AgencyID)
	if ag == nil {
		return nil, kehoach.Invalid(map[string]string{"agencyId": "Cơ quan “" + p.AgencyID + "” không có trong cơ cấu tổ chức của cơ quan cấp trên: báo cáo không được nhận."})
	}
	if t.AgencyID != p.AgencyID || t.PlanID != p.PlanID {
		return nil, kehoach.Errorf(kehoach.EFORBIDDEN, "Khóa trao đổi này được cấp cho cơ quan hoặc kế hoạch khác: báo cáo không được nhận.")
	}
	sys := kehoach.SystemActor("trao đổi: " + ag.Name)
	r, created, err := s.store.SaveReceivedReport(as(ctx, sys), t.ID, p)
	return committed(s, &ReceivedResult{Report: r, Created: created}, err)
}

// receivedReports returns the latest report received from each agency for
// plan planID, by agency id. It decides nothing about who may see them:
// the roll-up that shows them does.
func (s *Service) receivedReports(ctx context.Context, planID string) (map[string]*kehoach.ReceivedReport, error) {
	all, err := s.store.FindReceivedReports(ctx, planID)
	if err != nil {
		return nil, err
	}
	out := map[string]*kehoach.ReceivedReport{}
	for _, r := range all {
		if _, ok := out[r.AgencyID]; !ok {
			out[r.AgencyID] = r
		}
	}
	return out, nil
}

// ReportPackageInput names what to send: the sender's plan, and the
// superior's plan and agency ids (those the superior's token names).
type ReportPackageInput struct {
	PlanID         string
	ParentPlanID   string
	ParentAgencyID string
}

// ReportPackage builds the package that sends the plan's finalised result
// report to the superior's kehoach: its header, its figures, its .docx and
// .pdf with their SHA-256; for whoever may download the report.
func (s *Service) ReportPackage(ctx context.Context, a *kehoach.Actor, in ReportPackageInput) (*kehoach.ReportPackage, error) {
	if err := cleanInput(&in); err != nil {
		return nil, err
	}
	p, err := s.summaryPlan(ctx, a, in.PlanID)
	if err != nil {
		return nil, err
	}
	rep, err := s.finalReport(ctx, p.ID)
	if err != nil {
		return nil, err
	}
	pkg := &kehoach.ReportPackage{PlanID: in.ParentPlanID, AgencyID: in.ParentAgencyID,
		Report: kehoach.PackageReport{Number: rep.Number, Symbol: rep.Symbol, IssuedOn: rep.IssuedOn, Title: rep.Title, AgencyName: rep.AgencyName,
			SignerTitle: rep.SignerTitle, SignerName: rep.SignerName, SourcePlanID: p.ID},
		Figures: []kehoach.PackageFigure{}}
	for _, f := range rep.Totals {
		pkg.Figures = append(pkg.Figures, kehoach.PackageFigure{Code: f.Code, Name: f.Name, Unit: f.Measure, Value: f.Total, Target: f.Target})
	}
	// The PDF is drawn by kehoach itself, so that the same report gives
	// the same bytes and sending it again is recognised.
	for _, kind := range kehoach.PackageFileKinds {
		var buf bytes.Buffer
		if err := summary.Write(ctx, &buf, rep, kind, summary.Options{Soffice: "-"}); err != nil {
			return nil, err
		}
		pkg.Files = append(pkg.Files, kehoach.PackageFile{Kind: kind, Name: rep.FileName(kind), SHA256: kehoach.SHA256Hex(buf.Bytes()), Data: buf.Bytes()})
	}
	return pkg, nil
}

// addReceived puts into roll-up r of plan p the reports agencies' own
// kehoach sent: an agency whose finalised report this kehoach does not hold
// shows the one it received (state "received") and its figures count; an
// agency not yet listed is added. figures gets the received figures.
func (s *Service) addReceived(ctx context.Context, a *kehoach.Actor, p *kehoach.Plan, r *kehoach.Rollup, figures *[]kehoach.ReportFigures) error {
	got, err := s.receivedReports(ctx, p.ID)
	if err != nil || len(got) == 0 {
		return err
	}
	use := func(ch *kehoach.RollupChild, rr *kehoach.ReceivedReport) {
		number, date := kehoach.FormatDocNumber(rr.Report.Number, rr.Report.Symbol), rr.Report.IssuedOn
		ch.Report = kehoach.RollupReport{State: kehoach.SummaryReceived, Number: &number, Date: &date}
		ch.ReceivedID = rr.ID
		if ch.PlanID == nil {
			ch.Status = kehoach.ChildExternal
		}
		fig := kehoach.ReportFigures{Date: date, Values: map[string]float64{}}
		for _, f := range rr.Figures {
			fig.Values[f.Code] = f.Value
		}
		*figures = append(*figures, fig)
	}
	for i := range r.Children {
		ch := &r.Children[i]
		rr := got[ch.AgencyID]
		if rr == nil {
			continue
		}
		delete(got, ch.AgencyID)
		if ch.Report.State != kehoach.SummaryFinalised && ch.Report.State != kehoach.SummaryAccepted {
			use(ch, rr)
		}
	}
	var rest []*kehoach.ReceivedReport
	for _, rr := range got {
		rest = append(rest, rr)
	}
	sort.Slice(rest, func(i, j int) bool { return rest[i].Report.AgencyName < rest[j].Report.AgencyName })
	for _, rr := range rest {
		ch := kehoach.RollupChild{AgencyID: rr.AgencyID, AgencyName: rr.Report.AgencyName}
		if u := a.Tree.Unit(rr.AgencyID); u != nil {
			ch.AgencyName = u.Name
		}
		use(&ch, rr)
		r.Children = append(r.Children, ch)
	}
	return nil
}

// ReceivedReportFile returns the .docx or .pdf ("docx", "pdf") of a report
// received for plan planID, for those who see the plan's roll-up.
func (s *Service) ReceivedReportFile(ctx context.Context, a *kehoach.Actor, planID, reportID, kind string) (*File, error) {
	p, err := s.planFor(ctx, a, planID, a.CanSeeRollup, Forbidden())
	if err != nil {
		return nil, err
	}
	if kind != "docx" && kind != "pdf" {
		return nil, notFound("tệp báo cáo")
	}
	name, data, err := s.store.ReceivedReportFile(ctx, p.ID, reportID, kind)
	if err != nil {
		return nil, err
	}
	return &File{Name: name, Type: summary.ContentType(kind), Data: data}, nil
}
