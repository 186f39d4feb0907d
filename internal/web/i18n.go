package web

import (
	"net/http"
	"strings"
)

// Lang is the language of a page: Vietnamese (the default) or English.
type Lang string

// The languages pages are offered in.
const (
	Vietnamese Lang = "vi"
	English    Lang = "en"
)

const langCookie = "kh_lang"

// langOf returns the language chosen with the language cookie.
func langOf(r *http.Request) Lang {
	if c, err := r.Cookie(langCookie); err == nil && c.Value == string(English) {
		return English
	}
	return Vietnamese
}

// Translate returns s, written in Vietnamese, in the language l. Vietnamese
// is the source; a missing English entry shows the Vietnamese text.
func Translate(l Lang, s string) string {
	if l == English {
		if e, ok := english[s]; ok {
			return e
		}
	}
	return s
}

// statusName returns the plan status in words.
func statusName(l Lang, s string) string {
	vi := map[string]string{"draft": "Dự thảo", "issued": "Đã ban hành", "in_progress": "Đang thực hiện", "reporting": "Đang tổng hợp báo cáo", "closed": "Đã kết thúc"}[s]
	if vi == "" {
		return s
	}
	return Translate(l, vi)
}

func roleName(l Lang, r string) string {
	vi := map[string]string{"director": "Giám đốc", "office": "Văn phòng", "unit_head": "Trưởng đơn vị", "staff": "Cán bộ", "superior": "Cơ quan cấp trên", "admin": "Quản trị"}[r]
	if vi == "" {
		return r
	}
	return Translate(l, vi)
}

func kindName(l Lang, k string) string {
	vi := map[string]string{"province": "Tỉnh", "agency": "Cơ quan", "office": "Văn phòng, Ban", "division": "Phòng, ban", "affiliated": "Đơn vị trực thuộc", "union": "Đoàn thể", "external": "Cơ quan ngoài"}[k]
	if vi == "" {
		return k
	}
	return Translate(l, vi)
}

func sectionKindName(l Lang, k string) string {
	vi := map[string]string{"purpose": "Mục đích, yêu cầu", "activities": "Nội dung hoạt động", "organization": "Tổ chức thực hiện", "other": "Khác"}[k]
	if vi == "" {
		return k
	}
	return Translate(l, vi)
}

var english = map[string]string{
	"Đăng nhập":               "Log in",
	"Đăng xuất":               "Log out",
	"Tên đăng nhập":           "Username",
	"Mật khẩu":                "Password",
	"Trang chủ":               "Home",
	"Kế hoạch":                "Plans",
	"Tổ chức":                 "Organisation",
	"Người dùng":              "People",
	"Lịch sử thay đổi":        "History",
	"Kế hoạch đang thực hiện": "Plans in progress",
	"Dự thảo":                 "Draft",
	"Đã ban hành":             "Issued",
	"Đang thực hiện":          "In progress",
	"Đang tổng hợp báo cáo":   "Reporting",
	"Đã kết thúc":             "Closed",
	"Trạng thái":              "Status",
	"Số, ký hiệu":             "Number and symbol",
	"Ngày ban hành":           "Date",
	"Cơ quan ban hành":        "Issuer",
	"Cơ quan chủ quản":        "Governing body",
	"Căn cứ":                  "Basis",
	"Thời gian thực hiện":     "Period",
	"Sự kiện":                 "Events",
	"Nơi nhận":                "Recipients",
	"Lưu":                     "Archive",
	"Người ký":                "Signer",
	"Cảnh báo khi nhập":       "Import warnings",
	"Nhiệm vụ đề xuất":        "Proposed tasks",
	"Chủ trì":                 "Lead",
	"Phối hợp":                "Support",
	"Thời hạn":                "Due",
	"Báo cáo kết quả về":      "Report results to",
	"chưa có":                 "none",
	"dự kiến":                 "tentative",
	"Không tìm thấy trang":    "Page not found",
	"Trang bạn tìm không tồn tại hoặc bạn không có quyền xem.": "The page does not exist or you may not see it.",
	"Về trang chủ":          "Back to home",
	"Lỗi hệ thống":          "Server error",
	"Không có quyền":        "Forbidden",
	"Thêm người dùng":       "Add a person",
	"Sửa người dùng":        "Edit person",
	"Họ và tên":             "Full name",
	"Chức vụ":               "Title",
	"Đơn vị":                "Unit",
	"Vai trò":               "Roles",
	"Thư điện tử":           "E-mail",
	"Điện thoại":            "Phone",
	"Đang hoạt động":        "Active",
	"Lưu lại":               "Save",
	"Hủy":                   "Cancel",
	"Sửa":                   "Edit",
	"Chưa có kế hoạch nào.": "No plans yet.",
	"Tất cả kế hoạch":       "All plans",
	"Thời gian":             "Time",
	"Người thực hiện":       "By",
	"Nội dung":              "Change",
	"Chưa có thay đổi nào.": "No changes yet.",
	"Ngôn ngữ":              "Language",
	"Năm":                   "Year",
	"Mục":                   "Section",
	"Kế hoạch dự thảo":      "Draft plans",
	"Xin chào":              "Hello",
	"Dữ liệu không hợp lệ.": "Invalid data.",
	"Mở kế hoạch":           "Open plan",
	"Cơ cấu tổ chức":        "Organisation tree",
	"Viết tắt":              "Abbreviation",
	"Loại":                  "Kind",
	"Hiệu lực":              "Valid",
	"từ":                    "from",
	"đến":                   "to",
	"Quản lý kế hoạch của cơ quan nhà nước":   "Plans of public agencies, from document to result report",
	"Chuyển sang tiếng Việt":                  "Chuyển sang tiếng Việt",
	"English":                                 "English",
	"Mật khẩu mới (để trống nếu không đổi)":   "New password (leave empty to keep)",
	"Tên đăng nhập hoặc mật khẩu không đúng.": "Wrong username or password.",
	"Nhập tên đăng nhập.":                     "Enter your username.",
	"Nhập mật khẩu.":                          "Enter your password.",
	"Đã lưu.":                                 "Saved.",
	"Phiên làm việc":                          "Session",
	"Trích yếu":                               "Title",
	"Văn bản gốc":                             "Source text",
	"Tải lại trang":                           "Reload",
	"Yêu cầu bị từ chối vì không đến từ trang của kehoach.": "The request was refused because it did not come from a kehoach page.",
}

// pathWithoutLang returns a safe local path to go back to.
func safeNext(next string) string {
	if next == "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.Contains(next, "\\") {
		return "/"
	}
	return next
}
