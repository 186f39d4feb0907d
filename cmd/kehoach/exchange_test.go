package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/app"
	"github.com/kehoach/kehoach/internal/demo"
	"github.com/kehoach/kehoach/internal/kehoachtest"
	"github.com/kehoach/kehoach/internal/ops"
	"github.com/kehoach/kehoach/internal/sqlstore"
	"github.com/kehoach/kehoach/internal/summary"
)

// superior is a second kehoach, the superior's, with its own database and
// a plan of its own that the agency's plan implements.
type superior struct {
	dsn    string
	db     *sqlstore.DB
	svc    *ops.Service
	srv    *httptest.Server
	parent *kehoach.Plan
}

func startSuperior(t *testing.T, engine string) *superior {
	t.Helper()
	dsn := kehoachtest.DSN(t, engine)
	db := kehoachtest.OpenDSN(t, dsn)
	kehoachtest.LoadDemo(t, db, demo.Load)
	svc := ops.New(db, nil)
	ctx := context.Background()
	sys, err := svc.System(ctx, "test")
	if err != nil {
		t.Fatal(err)
	}
	num, sym, date := "115", "KH-UBND", "2023-04-28"
	parent := &kehoach.Plan{AgencyID: demo.UnitLabour, Type: "KH", Number: &num, Symbol: &sym, Date: &date,
		Title: "Thực hiện Tháng hành động vì trẻ em năm 2023", Recipients: []string{"Sở Giao thông vận tải", "Sở Giáo dục và Đào tạo"}}
	if err := svc.CreateDraft(ctx, sys, parent); err != nil {
		t.Fatal(err)
	}
	h, err := app.NewHandler(svc, slog.New(slog.NewTextHandler(io.Discard, nil)), app.Options{})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return &superior{dsn: dsn, db: db, svc: svc, srv: srv, parent: parent}
}

// received returns the reports the superior keeps for its plan and the
// length of its audit trail.
func (s *superior) received(t *testing.T) ([]*kehoach.ReceivedReport, int) {
	t.Helper()
	ctx := context.Background()
	rs, err := s.db.FindReceivedReports(ctx, s.parent.ID)
	if err != nil {
		t.Fatal(err)
	}
	sys, _ := s.svc.System(ctx, "test")
	c, err := s.svc.VerifyAudit(ctx, sys)
	if err != nil {
		t.Fatal(err)
	}
	return rs, c.Checked
}

// TestExchangeBetweenDeployments runs two kehoach, each with its own
// database: the agency's sends its finalised result report with the token
// the superior's issued; the superior keeps it once with its figures;
// sending it again changes nothing; a package for a plan or an agency the
// superior does not know, a wrong token and a file that does not match its
// hash are refused with a clear message.
func TestExchangeBetweenDeployments(t *testing.T) {
	dir := t.TempDir()
	agencyDB, plan := demoDB(t, filepath.Join(dir, "kehoach.db"), "mat-khau-demo")
	if _, _, err := summary.Finalise(kehoachtest.ActorCtx(t, agencyDB, "vanphong"), agencyDB, plan.ID, 0, "2023-07-05"); err != nil {
		t.Fatal(err)
	}
	agencySvc := ops.New(agencyDB, nil)
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run("superior on "+engine, func(t *testing.T) {
			sup := startSuperior(t, engine)
			ctx := context.Background()
			sys, _ := sup.svc.System(ctx, "test")
			// Only the admin or the Office of the plan's agency issues tokens.
			if _, err := sup.svc.IssueExchangeToken(ctx, actor(t, sup.db, "vanphong"), ops.ExchangeTokenInput{AgencyID: demo.UnitAgency, PlanID: sup.parent.ID}); kehoach.ErrorCode(err) != kehoach.EFORBIDDEN {
				t.Errorf("another agency's Office issued a token: %v", err)
			}
			// "kehoach exchange token" on the superior's database.
			if _, _, err := runCLI("", "", "exchange", "token", "--agency", "khong-co", "--plan", sup.parent.ID, "--db", sup.dsn); err == nil || !strings.Contains(err.Error(), "Không có cơ quan này") {
				t.Errorf("a token for an unknown agency: %v", err)
			}
			stdout, errOut, err := runCLI("", "", "exchange", "token", "--agency", demo.UnitAgency, "--plan", sup.parent.ID, "--db", sup.dsn)
			if err != nil {
				t.Fatalf("exchange token: %v %s", err, errOut)
			}
			tok := struct{ Token string }{strings.TrimSpace(stdout)}
			if ag, pl := ops.ExchangeTokenIDs(tok.Token); ag != demo.UnitAgency || pl != sup.parent.ID {
				t.Fatalf("token %q names %s, %s", tok.Token, ag, pl)
			}
			send := func(args ...string) (string, error) {
				out, _, err := runCLI("", "", append([]string{"exchange", "send", "--plan", plan.ID, "--to", sup.srv.URL, "--data", dir}, args...)...)
				return out, err
			}
			out, err := send("--token", tok.Token)
			if err != nil || !strings.Contains(out, "đã gửi báo cáo số 01/BC-SGTVT") {
				t.Fatalf("send: %v %s", err, out)
			}
			got, audit := sup.received(t)
			if len(got) != 1 || got[0].AgencyID != demo.UnitAgency || got[0].Report.Number != 1 || got[0].Report.SignerName != "Đào Tài Tuệ" || len(got[0].Figures) == 0 {
				t.Fatalf("received: %+v", got)
			}
			// The report counts in the superior's roll-up, received from outside.
			roll, err := sup.svc.Rollup(ctx, sys, sup.parent.ID)
			if err != nil {
				t.Fatal(err)
			}
			var child *kehoach.RollupChild
			for i := range roll.Children {
				if roll.Children[i].AgencyID == demo.UnitAgency {
					child = &roll.Children[i]
				}
			}
			if child == nil || child.Report.State != kehoach.SummaryReceived || *child.Report.Number != "01/BC-SGTVT" || *child.Report.Date != "2023-07-05" || child.Status != kehoach.ChildExternal {
				t.Fatalf("roll-up child: %+v", child)
			}
			if f, err := sup.svc.ReceivedReportFile(ctx, sys, sup.parent.ID, child.ReceivedID, "docx"); err != nil || kehoach.SHA256Hex(f.Data) != got[0].DocxSHA256 {
				t.Errorf("the received .docx: %v", err)
			}
			if _, err := sup.svc.ReceivedReportFile(ctx, actor(t, sup.db, "pkhtc"), sup.parent.ID, child.ReceivedID, "pdf"); err == nil {
				t.Error("a unit head of another agency opened the received report")
			}
			sent := map[string]float64{}
			for _, f := range got[0].Figures {
				sent[f.Code] = f.Value
			}
			if len(roll.Indicators) == 0 {
				t.Fatal("no indicators in the roll-up")
			}
			for _, ind := range roll.Indicators {
				if v, ok := sent[ind.Code]; !ok || v != ind.Value {
					t.Errorf("indicator %s: %v in the roll-up, %v sent", ind.Code, ind.Value, v)
				}
			}
			// The same package again: 200, nothing changed.
			out, err = send("--token", tok.Token)
			if err != nil || !strings.Contains(out, "không có gì thay đổi") {
				t.Fatalf("send again: %v %s", err, out)
			}
			if again, audit2 := sup.received(t); len(again) != 1 || again[0].ID != got[0].ID || audit2 != audit {
				t.Errorf("sending twice changed something: %d reports, audit %d → %d", len(again), audit, audit2)
			}
			// Refusals, each with its reason; nothing kept.
			for _, tt := range []struct {
				name string
				args []string
				msg  string
			}{
				{"unknown plan", []string{"--token", tok.Token, "--parent-plan", "khong-co-ke-hoach"}, "không có ở hệ thống của cơ quan cấp trên"},
				{"unknown agency", []string{"--token", tok.Token, "--agency", "khong-co-co-quan"}, "không có trong cơ cấu tổ chức"},
				{"token of another agency", []string{"--token", tok.Token, "--agency", demo.UnitLabour}, "cấp cho cơ quan hoặc kế hoạch khác"},
				{"token not issued", []string{"--token", "kx1." + demo.UnitAgency + "." + sup.parent.ID + ".gia-mao"}, "Khóa trao đổi không hợp lệ"},
			} {
				if _, err := send(tt.args...); err == nil || !strings.Contains(err.Error(), tt.msg) {
					t.Errorf("%s: %v", tt.name, err)
				}
			}
			// A file that does not match its hash.
			pkg, err := agencySvc.ReportPackage(ctx, sysOf(t, agencySvc), ops.ReportPackageInput{PlanID: plan.ID, ParentPlanID: sup.parent.ID, ParentAgencyID: demo.UnitAgency})
			if err != nil {
				t.Fatal(err)
			}
			pkg.Files[1].Data = append(pkg.Files[1].Data, ' ')
			body, _ := json.Marshal(pkg)
			req, _ := http.NewRequest("POST", sup.srv.URL+"/api/v1/exchange/reports", bytes.NewReader(body))
			req.Header.Set("Authorization", "Bearer "+tok.Token)
			req.Header.Set("Content-Type", "application/json")
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			msg, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 400 || !strings.Contains(string(msg), "không khớp") {
				t.Errorf("tampered file: %d %s", resp.StatusCode, msg)
			}
			if after, audit3 := sup.received(t); len(after) != 1 || audit3 != audit {
				t.Errorf("a refused package changed something: %d reports, audit %d → %d", len(after), audit, audit3)
			}
		})
	}
}

func actor(t *testing.T, db *sqlstore.DB, username string) *kehoach.Actor {
	t.Helper()
	return kehoach.ActorFromContext(kehoachtest.ActorCtx(t, db, username))
}

func sysOf(t *testing.T, svc *ops.Service) *kehoach.Actor {
	t.Helper()
	a, err := svc.System(context.Background(), "test")
	if err != nil {
		t.Fatal(err)
	}
	return a
}
