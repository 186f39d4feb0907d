package planimport

import (
	"strings"
	"testing"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/docparse"
)

func parse(t *testing.T, text string) *docparse.Document {
	t.Helper()
	d, err := docparse.ParseText(text)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// seedPlan is the reference plan as read, its period set as the Office
// corrected it on the review.
func seedPlan(t *testing.T) *kehoach.Plan {
	t.Helper()
	p := readSeed(t)
	start, end := "2023-06-01", "2023-06-30"
	p.Period = &kehoach.Period{Start: &start, End: &end}
	return p
}

const requestCV = `UBND TỈNH SƠN LA | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI | Độc lập - Tự do - Hạnh phúc
Số: 812/SLĐTBXH-TE | Sơn La, ngày 20 tháng 6 năm 2023
V/v báo cáo kết quả Tháng hành động vì trẻ em năm 2023 |

Kính gửi: Các sở, ban, ngành tỉnh.

Để tổng hợp báo cáo UBND tỉnh, Sở Lao động - Thương binh và Xã hội đề nghị các sở, ban, ngành báo cáo kết quả thực hiện Tháng hành động vì trẻ em năm 2023, gửi về Sở Lao động - Thương binh và Xã hội trước ngày 10/7/2023./.

Nơi nhận: | KT. GIÁM ĐỐC
- Như trên; | PHÓ GIÁM ĐỐC
- Lưu: VT, TE. |
 | Lò Thị Mai
`

// TestAttachRequest: a dispatch asking for a report sets whom the plan
// reports to and by when, and warns when it changes what the plan said.
func TestAttachRequest(t *testing.T) {
	p := seedPlan(t)
	at := Attach(parse(t, requestCV), p)
	if at.Kind != kehoach.AttachRequest {
		t.Fatalf("kind %q", at.Kind)
	}
	if p.ReportDue == nil || *p.ReportDue != "2023-07-10" {
		t.Errorf("report due %v", p.ReportDue)
	}
	if len(p.ReportTo) == 0 || p.ReportTo[0] != "Sở Lao động - Thương binh và Xã hội" {
		t.Errorf("report to %q", p.ReportTo)
	}
	// The seed said "Sở Lao động - Thương binh & Xã hội": a different
	// writing of the recipient is a change to warn about.
	if len(at.Warnings) != 1 || !strings.Contains(at.Warnings[0], "Nơi nhận báo cáo đổi") {
		t.Errorf("warnings %q", at.Warnings)
	}
	// A second request with another date warns of the changed due date.
	again := strings.Replace(requestCV, "trước ngày 10/7/2023", "trước ngày 05/7/2023", 1)
	at = Attach(parse(t, again), p)
	if *p.ReportDue != "2023-07-05" || len(at.Warnings) != 1 || !strings.Contains(at.Warnings[0], "Hạn báo cáo đổi từ 10/07/2023 thành 05/07/2023") {
		t.Errorf("due %v, warnings %q", *p.ReportDue, at.Warnings)
	}
}

// TestAttachRegime: a decision on a reporting regime sets the reporting
// periods within the plan's period, with the data cut-off on the 14th.
func TestAttachRegime(t *testing.T) {
	p := seedPlan(t)
	end := "2023-12-31"
	p.Period.End = &end
	qd := `ỦY BAN NHÂN DÂN TỈNH SƠN LA | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Số: 06/2023/QĐ-UBND | Sơn La, ngày 25 tháng 01 năm 2023

QUYẾT ĐỊNH
Ban hành Quy định chế độ báo cáo định kỳ về công tác trẻ em

Điều 1. Các sở, ban, ngành báo cáo định kỳ hằng quý về công tác trẻ em.
Điều 2. Quyết định có hiệu lực từ ngày ký./.
`
	at := Attach(parse(t, qd), p)
	if at.Kind != kehoach.AttachRegime {
		t.Fatalf("kind %q (%q)", at.Kind, at.Effects)
	}
	got := []string{}
	for _, rp := range p.ReportingPeriods {
		got = append(got, rp.Start+".."+rp.End)
	}
	want := "2023-03-15..2023-06-14 2023-06-15..2023-09-14 2023-09-15..2023-12-14"
	if strings.Join(got, " ") != want {
		t.Errorf("periods %q, want %q", got, want)
	}
}

// TestAttachReport: a report changes nothing in the plan.
func TestAttachReport(t *testing.T) {
	p := seedPlan(t)
	bc := `SỞ GIAO THÔNG VẬN TẢI
Số: 15/BC-SGTVT
Sơn La, ngày 05 tháng 7 năm 2023

BÁO CÁO
Kết quả Tháng hành động vì trẻ em năm 2023

I. KẾT QUẢ
1. Đã đăng 12 tin, bài./.
`
	before := len(p.ReportTo)
	at := Attach(parse(t, bc), p)
	if at.Kind != kehoach.AttachReport || len(p.ReportTo) != before || p.ReportDue != nil || len(at.Warnings) != 0 {
		t.Errorf("kind %q, report to %q, due %v, warnings %q", at.Kind, p.ReportTo, p.ReportDue, at.Warnings)
	}
}
