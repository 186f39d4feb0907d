package app_test

import (
	"context"
	"net/url"
	"strings"
	"testing"
)

// TestImportAttachRequest: a dispatch asking for a report, imported and
// attached to the plan from the review page, sets the plan's report
// recipient and due date, is kept with the plan, and ends the review.
func TestImportAttachRequest(t *testing.T) {
	f := newFixture(t, "sqlite")
	cv := []byte(`UBND TỈNH SƠN LA | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI | Độc lập - Tự do - Hạnh phúc
Số: 812/SLĐTBXH-TE | Sơn La, ngày 20 tháng 6 năm 2023
V/v báo cáo kết quả Tháng hành động vì trẻ em năm 2023 |

Kính gửi: Các sở, ban, ngành tỉnh.

Sở Lao động - Thương binh và Xã hội đề nghị các sở, ban, ngành báo cáo kết quả thực hiện Tháng hành động vì trẻ em năm 2023, gửi về Sở Lao động - Thương binh và Xã hội trước ngày 10/7/2023./.

Nơi nhận: | KT. GIÁM ĐỐC
- Như trên; | PHÓ GIÁM ĐỐC
- Lưu: VT, TE. |
 | Lò Thị Mai
`)
	review := reviewForm(t, f, "cv.txt", cv)
	f.expect(t, httpCase{user: "vanphong", method: "GET", path: review, want: 200,
		contains: []string{`id="attach-form"`, `<option value="` + f.plan.ID + `">`, "Gắn vào kế hoạch"}})
	// No plan chosen: the review is shown again with the problem.
	f.expect(t, httpCase{user: "vanphong", method: "POST", path: review + "/attach", form: url.Values{"plan": {""}}, want: 400,
		contains: []string{"Hãy chọn kế hoạch để gắn văn bản vào."}})
	// Another person's import is not found.
	f.expect(t, httpCase{user: "giamdoc", method: "POST", path: review + "/attach", form: url.Values{"plan": {f.plan.ID}}, want: 403})
	f.expect(t, httpCase{user: "vanphong", method: "POST", path: review + "/attach", form: url.Values{"plan": {f.plan.ID}}, want: 200,
		contains: []string{`id="attached"`, "Hạn gửi báo cáo: 10/07/2023.", "Nơi nhận báo cáo đổi"}})
	p, err := f.db.FindPlanByID(context.Background(), f.plan.ID)
	if err != nil {
		t.Fatal(err)
	}
	if p.ReportDue == nil || *p.ReportDue != "2023-07-10" || len(p.ReportTo) == 0 || !strings.HasPrefix(p.ReportTo[0], "Sở Lao động - Thương binh và Xã hội") {
		t.Errorf("plan report: due %v, to %q", p.ReportDue, p.ReportTo)
	}
	docs, err := f.db.FindPlanDocuments(context.Background(), f.plan.ID)
	if err != nil || len(docs) != 1 || docs[0].Kind != "request" || docs[0].Symbol == nil || *docs[0].Symbol != "SLĐTBXH-TE" {
		t.Errorf("plan documents %v %+v", err, docs)
	}
	// The plan page shows the due date and the document kept.
	f.expect(t, httpCase{user: "vanphong", method: "GET", path: "/plans/" + f.plan.ID, want: 200,
		contains: []string{`<dd id="report-due">10/07/2023</dd>`, `id="documents-h"`, "812/SLĐTBXH-TE"}})
	// Attaching ends the review.
	f.expect(t, httpCase{user: "vanphong", method: "GET", path: review, want: 404})
}
