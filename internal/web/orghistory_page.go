package web

import (
	"net/http"

	"github.com/kehoach/kehoach"
)

// Succession names a kind of succession in the page's language.
func (p *page) Succession(k kehoach.SuccessionKind) string {
	vi := map[kehoach.SuccessionKind]string{kehoach.SuccessionMerger: "Sáp nhập", kehoach.SuccessionSplit: "Chia tách", kehoach.SuccessionRename: "Đổi tên"}[k]
	if vi == "" {
		return string(k)
	}
	return Translate(p.Lang, vi)
}

// Unit returns the unit id of the actor's tree, or nil.
func (p *page) Unit(id string) *kehoach.OrgUnit {
	if p.Actor == nil || p.Actor.Tree == nil {
		return nil
	}
	return p.Actor.Tree.Unit(id)
}

// orgData is the organisation tree as of a day (On, empty for every unit).
type orgData struct {
	Rows []orgRow
	On   string
}

// orgOn reads the ?on= day of the organisation page.
func orgOn(r *http.Request) string { return parseDateInput(r.URL.Query().Get("on")) }

// English for organisation history and next year's plan.
var orgHistoryEnglish = map[string]string{
	"Sáp nhập":       "Merger",
	"Chia tách":      "Split",
	"Đổi tên":        "Rename",
	"Đơn vị kế thừa": "Successors",
	"Chưa có.":       "None yet.",
	"Đơn vị kế thừa (bỏ trống để xóa)": "Successor unit (leave empty to remove)",
	"Hình thức":          "Kind",
	"Từ ngày":            "From",
	"Ghi chú":            "Note",
	"Lưu đơn vị kế thừa": "Save successors",
	"Mã định danh điện tử (ví dụ 000.00.27.H49)": "Electronic identifier code (e.g. 000.00.27.H49)",
	"Tạo kế hoạch năm sau":                       "Create next year's plan",
	"Kế hoạch năm trước":                         "Last year's plan",
	"Năm của kế hoạch mới":                       "Year of the new plan",
	"Bản dự thảo mới chép nhiệm vụ, chỉ tiêu, quy tắc nhắc việc, thông điệp và sự kiện; ngày tháng dời sang năm mới, đơn vị không còn được thay bằng đơn vị kế thừa. Mỗi thay đổi được liệt kê trên bản dự thảo để xác nhận.": "The new draft copies the tasks, targets, reminder rule, messages and events; dates move to the new year and units that no longer exist are replaced by their successors. Each change is listed on the draft for you to confirm.",
	"Cơ cấu tổ chức vào ngày":     "Organisation as of",
	"Xem":                         "Show",
	"Năm phải là số, ví dụ 2024.": "The year must be a number, e.g. 2024.",
}

func init() { addEnglish(orgHistoryEnglish) }
