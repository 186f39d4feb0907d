package sqlstore_test

import (
	"fmt"
	"sort"
	"testing"
	"time"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/sqlstore"
)

func newPlan(t *testing.T, db *sqlstore.DB, title string) *kehoach.Plan {
	t.Helper()
	p := &kehoach.Plan{AgencyID: "ag", Status: kehoach.PlanIssued, Title: title}
	if err := db.CreatePlan(sysCtx(), p); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestRegisterNumbers(t *testing.T) {
	eachDB(t, func(t *testing.T, db *sqlstore.DB) {
		seedOrg(t, db)
		ctx := sysCtx()
		reg := func(issued string, n int) (*kehoach.OutgoingDocument, error) {
			d := &kehoach.OutgoingDocument{AgencyID: "ag", Type: kehoach.DocReport, Symbol: "BC-SGTVT", Title: "Báo cáo " + issued, IssuedOn: issued, Number: n}
			return d, db.RegisterDocument(ctx, d)
		}
		tests := []struct {
			name     string
			issued   string
			number   int
			want     int
			wantCode string
		}{
			{"first of the year is 01", "2023-07-05", 0, 1, ""},
			{"then 02", "2023-08-01", 0, 2, ""},
			{"next year starts at 01 again", "2024-01-03", 0, 1, ""},
			{"a used number is refused", "2023-09-01", 2, 0, kehoach.ECONFLICT},
			{"a number typed by hand", "2023-09-01", 5, 5, ""},
			{"the counter continues after it", "2023-09-02", 0, 6, ""},
			{"bad date", "05/09/2023", 0, 0, kehoach.EINVALID},
		}
		for _, tt := range tests {
			d, err := reg(tt.issued, tt.number)
			if got := kehoach.ErrorCode(err); got != tt.wantCode {
				t.Fatalf("%s: error %v, want code %q", tt.name, err, tt.wantCode)
			}
			if err == nil && d.Number != tt.want {
				t.Errorf("%s: number %d, want %d", tt.name, d.Number, tt.want)
			}
		}
		// Numbering goes on from the highest; 03 and 04 are never handed out.
		var got []int
		for i := 0; i < 3; i++ {
			d, err := reg("2023-10-01", 0)
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, d.Number)
		}
		if fmt.Sprint(got) != "[7 8 9]" {
			t.Errorf("numbers after a typed one = %v, want [7 8 9]", got)
		}
		y := 2023
		docs, err := db.FindDocuments(ctx, kehoach.DocumentFilter{AgencyID: "ag", Year: &y})
		if err != nil {
			t.Fatal(err)
		}
		if len(docs) != 7 || docs[0].NumberSymbol() != "09/BC-SGTVT" {
			t.Errorf("register 2023: %d entries, first %q", len(docs), docs[0].NumberSymbol())
		}
		// Sending and the signed scan.
		d := docs[0]
		if _, err := db.RecordSending(ctx, d.ID, kehoach.Sending{On: "2023-09-30", Via: kehoach.SendEmail}); kehoach.ErrorCode(err) != kehoach.EINVALID {
			t.Errorf("sending before the document's date: %v", err)
		}
		if _, err := db.RecordSending(ctx, d.ID, kehoach.Sending{On: "2023-10-02", Via: "fax"}); kehoach.ErrorCode(err) != kehoach.EINVALID {
			t.Errorf("unknown method: %v", err)
		}
		sent, err := db.RecordSending(ctx, d.ID, kehoach.Sending{On: "2023-10-02", Via: kehoach.SendPost, To: "Sở Lao động - Thương binh và Xã hội"})
		if err != nil || sent.SentVia != kehoach.SendPost {
			t.Fatalf("record sending: %v", err)
		}
		// The scan is checked by the operation (internal/ops).
		pdf := []byte("%PDF-1.4\n%signed\n")
		if _, err := db.AttachScan(ctx, d.ID, sqlstore.Scan{Name: "bao-cao-ky.pdf", Type: "application/pdf", Data: pdf}); err != nil {
			t.Fatal(err)
		}
		got2, data, err := db.DocumentScan(ctx, d.ID)
		if err != nil || string(data) != string(pdf) || got2.ScanType != "application/pdf" || got2.SentOn != "2023-10-02" {
			t.Errorf("scan back: %v %q %+v", err, data, got2)
		}
		entries, err := db.FindAuditEntries(ctx, kehoach.AuditFilter{EntityID: &d.ID})
		if err != nil || len(entries) != 3 {
			t.Errorf("audit entries of the document: %d (%v), want register, send, scan", len(entries), err)
		}
	})
}

func TestFinaliseSummary(t *testing.T) {
	eachDB(t, func(t *testing.T, db *sqlstore.DB) {
		seedOrg(t, db)
		ctx := sysCtx()
		p := newPlan(t, db, "Triển khai Tháng hành động vì trẻ em năm 2023")
		if _, err := db.FindSummary(ctx, p.ID); kehoach.ErrorCode(err) != kehoach.ENOTFOUND {
			t.Fatalf("summary before any edit: %v", err)
		}
		s, err := db.SaveSummaryEdits(ctx, p.ID, kehoach.SummaryEdits{Proposals: "Đề nghị cấp tài liệu."})
		if err != nil || s.Version != 1 || s.Edits.Proposals != "Đề nghị cấp tài liệu." {
			t.Fatalf("edits: %v %+v", err, s)
		}
		fin := sqlstore.Finalisation{Symbol: "BC-SGTVT", Title: "Báo cáo kết quả", IssuedOn: "2023-07-05",
			Freeze: func(n int, on string) ([]byte, error) {
				return []byte(fmt.Sprintf(`{"number":%d,"date":%q}`, n, on)), nil
			}}
		f1, err := db.FinaliseSummary(ctx, p.ID, fin)
		if err != nil {
			t.Fatal(err)
		}
		if f1.Status != kehoach.SummaryFinal || f1.Number != 1 || string(f1.Frozen) != `{"number":1,"date":"2023-07-05"}` {
			t.Errorf("final: %+v %s", f1, f1.Frozen)
		}
		back, err := db.FindSummary(ctx, p.ID)
		if err != nil || back.Number != 1 || back.Symbol != "BC-SGTVT" || string(back.Frozen) != string(f1.Frozen) || back.Edits.Proposals != "Đề nghị cấp tài liệu." {
			t.Errorf("final read back: %v %+v", err, back)
		}
		// Editing a final report starts version 2 and leaves version 1 frozen.
		s2, err := db.SaveSummaryEdits(ctx, p.ID, kehoach.SummaryEdits{Proposals: "Đề nghị bổ sung kinh phí."})
		if err != nil || s2.Version != 2 || s2.Status != kehoach.SummaryDraft {
			t.Fatalf("edit after final: %v %+v", err, s2)
		}
		all, _ := db.FindSummaries(ctx, p.ID)
		if len(all) != 2 || all[1].Status != kehoach.SummaryFinal || all[1].Edits.Proposals != "Đề nghị cấp tài liệu." {
			t.Errorf("versions: %+v", all)
		}
		// The second version takes the next number, never 01 again.
		fin.IssuedOn = "2023-07-20"
		f2, err := db.FinaliseSummary(ctx, p.ID, fin)
		if err != nil || f2.Number != 2 || f2.Version != 2 {
			t.Fatalf("second final: %v %+v", err, f2)
		}
		// A typed number already used is refused and nothing changes.
		_, _ = db.SaveSummaryEdits(ctx, p.ID, kehoach.SummaryEdits{})
		fin.Number = 1
		if _, err := db.FinaliseSummary(ctx, p.ID, fin); kehoach.ErrorCode(err) != kehoach.ECONFLICT {
			t.Errorf("reused number: %v", err)
		}
		if cur, _ := db.FindSummary(ctx, p.ID); cur.Status != kehoach.SummaryDraft || cur.Version != 3 {
			t.Errorf("after a refused finalisation: %+v", cur)
		}
	})
}

// TestConcurrentFinalise finalises many plans' reports at once: every one
// gets its own number, with no gap and no error.
func TestConcurrentFinalise(t *testing.T) {
	eachDB(t, func(t *testing.T, db *sqlstore.DB) {
		seedOrg(t, db)
		ctx := sysCtx()
		const n = 12
		var plans []*kehoach.Plan
		for i := 0; i < n; i++ {
			plans = append(plans, newPlan(t, db, fmt.Sprintf("Kế hoạch %d", i)))
		}
		nums := make([]int, n)
		errs := make([]error, n)
		together(n, func(i int) {
			p := plans[i]
			s, err := db.FinaliseSummary(ctx, p.ID, sqlstore.Finalisation{Symbol: "BC-SGTVT", Title: p.Title, IssuedOn: "2023-07-05",
				Freeze: func(int, string) ([]byte, error) { time.Sleep(time.Millisecond); return []byte("{}"), nil }})
			errs[i] = err
			if s != nil {
				nums[i] = s.Number
			}
		})
		for i, err := range errs {
			if err != nil {
				t.Fatalf("finalise %d: %v", i, err)
			}
		}
		sort.Ints(nums)
		for i, v := range nums {
			if v != i+1 {
				t.Fatalf("numbers %v, want 1…%d each once", nums, n)
			}
		}
		if ok, bad, err := db.VerifyAudit(ctx); err != nil || bad != 0 || ok == 0 {
			t.Errorf("audit chain after concurrent finalising: %d %d %v", ok, bad, err)
		}
	})
}
