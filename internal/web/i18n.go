package web

import (
	"net/http"
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

// addEnglish merges a table of English texts into [english]; a text the
// shared table already has keeps its English.
func addEnglish(table map[string]string) {
	for k, v := range table {
		if _, ok := english[k]; !ok {
			english[k] = v
		}
	}
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
	"Nội dung":              "Content",
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
	// plan import
	"Nhập kế hoạch từ văn bản": "Import a plan from a document",
	"Tải lên tệp .docx hoặc .txt, hoặc dán nội dung văn bản. kehoach đọc cấu trúc của văn bản và cho bạn xem lại, sửa và chọn đơn vị trước khi lưu thành dự thảo.": "Upload a .docx or .txt file, or paste the text. kehoach reads the document's structure and lets you review it, correct it and choose units before saving it as a draft.",
	"Tệp văn bản":          "Document file",
	"tối đa":               "at most",
	"hoặc":                 "or",
	"Dán nội dung văn bản": "Paste the text",
	"Đọc văn bản":          "Read the document",
	"Đã tải lên, đang đọc văn bản…":                                           "Uploaded, reading the document…",
	"Không gửi được tệp. Vui lòng thử lại.":                                   "The file could not be sent. Please try again.",
	"Hãy chọn một tệp .docx hoặc .txt, hoặc dán nội dung văn bản.":            "Choose a .docx or .txt file, or paste the text.",
	"Không đọc được biểu mẫu gửi lên. Vui lòng thử lại.":                      "The submitted form could not be read. Please try again.",
	"Không đọc được biểu mẫu gửi lên. Vui lòng nhập lại văn bản.":             "The submitted form could not be read. Please import the document again.",
	"Dữ liệu của bước xem lại bị thiếu hoặc hỏng. Vui lòng nhập lại văn bản.": "The review data is missing or damaged. Please import the document again.",
	"Xem lại văn bản nhập":                                                    "Review the imported document",
	"Nhập văn bản khác":                                                       "Import another document",
	"Loại văn bản":                                                            "Document type",
	"Chưa lưu được: hãy sửa các chỗ có ghi chú đỏ bên dưới.":                  "Not saved: correct the places marked in red below.",
	"Chỉ lưu được văn bản loại Kế hoạch (KH).":                                "Only documents of type Plan (KH) can be saved.",
	"Thông tin kế hoạch":                                                      "Plan details",
	"Thông tin văn bản":                                                       "Document details",
	"Trích yếu (tên kế hoạch)":                                                "Title of the plan",
	"Số":                                                                      "Number",
	"Ký hiệu":                                                                 "Symbol",
	"Địa danh":                                                                "Place",
	"Từ ngày":                                                                 "From",
	"Đến ngày":                                                                "To",
	"Như văn bản ghi":                                                         "As written",
	"Thêm căn cứ (nếu cần)":                                                   "Add a basis (if needed)",
	"Xóa hết chữ trong ô để bỏ một căn cứ.":                                   "Empty a box to drop that basis.",
	"Báo cáo kết quả về (mỗi dòng một cơ quan)":                               "Report results to (one body per line)",
	"Nơi nhận (mỗi dòng một nơi)":                                             "Recipients (one per line)",
	"Thẩm quyền ký":                                                           "Signing authority",
	"(ký trực tiếp)":                                                          "(signs in own name)",
	"Chức vụ người ký":                                                        "Signer's title",
	"Họ và tên người ký":                                                      "Signer's name",
	"Không tìm thấy nhiệm vụ nào trong văn bản; có thể giao nhiệm vụ sau khi lưu.": "No tasks were found in the document; tasks can be assigned after saving.",
	"Nhiệm vụ":        "Task",
	"mục":             "section",
	"dòng":            "line",
	"Văn bản ghi":     "The document says",
	"chủ trì":         "lead",
	"phối hợp":        "support",
	"Đơn vị chủ trì":  "Lead unit",
	"Đơn vị phối hợp": "Supporting units",
	"— chưa chọn —":   "— not chosen —",
	"khớp":            "match",
	"gần nhất":        "closest",
	"Chưa khớp":       "Not matched",
	"Chưa khớp được tên trong văn bản với đơn vị nào, hãy chọn đơn vị chủ trì.": "The name in the document matches no unit: choose the lead unit.",
	"Văn bản không nêu đơn vị chủ trì, hãy chọn.":                               "The document names no lead unit: choose one.",
	"Không tạo nhiệm vụ này":                                                    "Do not create this task",
	"Lưu thành dự thảo":                                                         "Save as draft",
	"Văn bản này không phải kế hoạch. kehoach chỉ lưu kế hoạch (KH); thông tin đọc được dưới đây chỉ để xem.": "This document is not a plan. kehoach stores only plans (KH); what was read from it is shown below for reference.",
	"Tên (trích yếu) kế hoạch không được để trống.":                                                           "The plan's title must not be empty.",
	"Tên kế hoạch dài quá 500 ký tự.":                                                                         "The plan's title is longer than 500 characters.",
	"Năm phải là một số từ 1945 đến 2100.":                                                                    "The year must be a number from 1945 to 2100.",
	"Số văn bản dài quá 20 ký tự.":                                                                            "The number is longer than 20 characters.",
	"Ký hiệu dài quá 50 ký tự.":                                                                               "The symbol is longer than 50 characters.",
	"Ngày kết thúc trước ngày bắt đầu.":                                                                       "The end date is before the start date.",
	"Đơn vị chủ trì không có trong cơ quan.":                                                                  "The lead unit is not in the agency.",
	"Đơn vị phối hợp không có trong cơ quan.":                                                                 "A supporting unit is not in the agency.",

	// Result report and register of outgoing documents.
	"Báo cáo kết quả": "Result report",
	"Đã hoàn thiện":   "Finalised",
	"phiên bản":       "version",
	"Phiên bản":       "Version",
	"tự tổng hợp từ báo cáo đã được chấp nhận": "drafted from the accepted reports",
	"Tải về":                      "Download",
	"phụ lục":                     "annex",
	"Các đơn vị chưa gửi báo cáo": "Units that have not reported",
	"Tất cả đơn vị đã có báo cáo được chấp nhận.": "Every unit has an accepted report.",
	"Nguồn số liệu":      "Where the figures come from",
	"theo hoạt động":     "by activity",
	"Sửa phần nhận định": "Edit the narrative",
	"Số liệu luôn lấy từ báo cáo đã được chấp nhận; phần chữ bạn sửa được giữ lại khi tổng hợp lại.": "Figures always come from the accepted reports; the text you edit is kept when the report is drafted again.",
	"Báo cáo đã hoàn thiện: lưu thay đổi sẽ tạo phiên bản mới.":                                      "The report is final: saving changes starts a new version.",
	"Hoàn thiện và cấp số": "Finalise and number",
	"Báo cáo lấy số tiếp theo trong sổ văn bản đi và được giữ nguyên từ đó.": "The report takes the next number of the register of outgoing documents and is frozen from then on.",
	"Số (để trống để lấy số tiếp theo)":                                      "Number (leave empty for the next one)",
	"Hoàn thiện báo cáo":                "Finalise the report",
	"Bỏ mọi chỉnh sửa":                  "Discard all edits",
	"Sổ văn bản đi":                     "Register of outgoing documents",
	"Ghi nhận đã gửi":                   "Record as sent",
	"Chưa ghi nhận gửi.":                "Not recorded as sent yet.",
	"Bản quét có chữ ký (PDF hoặc ảnh)": "Signed scan (PDF or image)",
	"Chưa có bản quét có chữ ký.":       "No signed scan yet.",
	"Đính kèm":                          "Attach",
	"Hệ thống quản lý văn bản":          "Document management system",
	"Bưu chính":                         "Post",
	"Chưa có văn bản nào trong năm.":    "No document in this year.",

	// Difficulties and decisions.
	"Khó khăn, vướng mắc":               "Difficulties",
	"Thông báo về khó khăn, vướng mắc":  "Notices about difficulties",
	"thông báo mới":                     "new notices",
	"Đánh dấu đã đọc":                   "Mark as read",
	"Chưa có thông báo nào.":            "No notices yet.",
	"Đang chờ Văn phòng xử lý":          "Waiting for the Office",
	"Đã trình Giám đốc, chờ quyết định": "Escalated, waiting for the Director",
	"Khó khăn tôi đã nêu":               "Difficulties I raised",
	"Khó khăn của tôi và của đơn vị":    "My and my unit's difficulties",
	"Người nêu":                         "Raised by",
	"Số ngày chờ":                       "Days waiting",
	"khó khăn đã gộp":                   "merged",
	"Không có khó khăn nào ở mục này.":  "None here.",
	"Chờ Văn phòng xử lý":               "Waiting for the Office",
	"Đã gộp vào khó khăn khác":          "Merged into another",
	"Đã trình Giám đốc":                 "Escalated to the Director",
	"Đã có ý kiến xử lý":                "Answered",
	"Đã đóng (không xử lý)":             "Closed (not actionable)",
	"Đã giải quyết xong":                "Resolved",
	"Quyết định của Giám đốc":           "Director's decision",
	"Ý kiến của Văn phòng":              "Office's opinion",
	"Ý kiến xử lý của Văn phòng":        "Office's answer",
	"Chưa có khó khăn, vướng mắc nào.":  "No difficulties yet.",
	"Nêu khó khăn, vướng mắc":           "Raise a difficulty",
	"Xem khó khăn, vướng mắc":           "See difficulties",
	"(Cả kế hoạch)":                     "(Whole plan)",
	"Thay mặt đơn vị":                   "On behalf of the unit",
	"Vì sao cản trở việc thực hiện":     "Why it blocks the work",
	"Đề xuất, kiến nghị":                "Proposal",
	"Tệp đính kèm (ảnh, PDF, .docx, .xlsx; tối đa 5 tệp, mỗi tệp 10 MB)": "Files (images, PDF, .docx, .xlsx; up to 5 files of 10 MB each)",
	"Gửi khó khăn, vướng mắc":                                            "Send the difficulty",
	"Tất cả khó khăn, vướng mắc":                                         "All difficulties",
	"Đã gửi khó khăn, vướng mắc tới Văn phòng.":                          "The difficulty was sent to the Office.",
	"Đã ghi nhận quyết định.":                                            "The decision was recorded.",
	"chia sẻ toàn cơ quan":                                               "shared with the agency",
	"nêu thay mặt":                                                       "on behalf of",
	"Tệp kèm theo khó khăn":                                              "Files",
	"Đề xuất của Văn phòng":                                              "Office's proposal",
	"Phản hồi của người nêu":                                             "Raiser's feedback",
	"đã mở lại":                                                          "reopened",
	"Đã gộp vào":                                                         "Merged into",
	"Đã gộp thêm":                                                        "Also merged here",
	"Các khó khăn đã gộp vào đây":                                        "Difficulties merged into this one",
	"đóng, không xử lý":                                                  "closed, not actionable",
	"Kết quả xử lý khó khăn":                                             "Outcome",
	"Ý kiến (bắt buộc nếu chưa được giải quyết)":                         "Comment (required if not resolved)",
	"Khó khăn đã được giải quyết":                                        "Resolved",
	"Khó khăn chưa được giải quyết":                                      "Not resolved",
	"Văn phòng tổng hợp":                                                 "Office consolidation",
	"Gộp vào khó khăn trùng":                                             "Merge into a duplicate",
	"Gộp khó khăn":                                                       "Merge",
	"Ý kiến đánh giá của Văn phòng":                                      "Office's assessment",
	"Nhóm khó khăn liên quan":                                            "Group",
	"Chia sẻ cho các đơn vị trong cơ quan":                               "Share with the agency's units",
	"Trình Giám đốc":                                                     "Escalate to the Director",
	"Lưu ý kiến của Văn phòng":                                           "Save the assessment",
	"Trả lời trực tiếp (thuộc thẩm quyền Văn phòng)":                     "Answer directly (within the Office's remit)",
	"Đóng, không xử lý":                                                  "Close, not actionable",
	"Gửi trả lời":                                                        "Send the answer",
	"Nội dung quyết định":                                                "Decision",
	"Gia hạn nhiệm vụ theo quyết định":                                   "Extend a task",
	"Thời hạn mới của nhiệm vụ":                                          "New due date",
	"Giao nhiệm vụ cho đơn vị khác":                                      "Move a task to another unit",
	"Điều chỉnh chỉ tiêu kế hoạch":                                       "Change a plan target",
	"Giá trị chỉ tiêu mới":                                               "New target value",
	"Bổ sung nhiệm vụ theo quyết định":                                   "Add a task",
	"Tên nhiệm vụ bổ sung":                                               "New task title",
	"Đơn vị chủ trì nhiệm vụ bổ sung":                                    "Lead unit of the new task",
	"Ban hành quyết định":                                                "Issue the decision",

	// Roles, unit kinds and plan sections.
	"Giám đốc":           "Director",
	"Văn phòng":          "Office",
	"Trưởng đơn vị":      "Unit head",
	"Cán bộ":             "Staff",
	"Cơ quan cấp trên":   "Superior body",
	"Quản trị":           "Administrator",
	"Tỉnh":               "Province",
	"Cơ quan":            "Agency",
	"Văn phòng, Ban":     "Office",
	"Phòng, ban":         "Division",
	"Đơn vị trực thuộc":  "Affiliated unit",
	"Đoàn thể":           "Mass organisation",
	"Cơ quan ngoài":      "External body",
	"Mục đích, yêu cầu":  "Purpose and requirements",
	"Nội dung hoạt động": "Activities",
	"Tổ chức thực hiện":  "Implementation",
	"Khác":               "Other",

	// Issuing a plan, tasks, obligations and unit reports.
	"Ban hành kế hoạch": "Issue the plan",
	"Ban hành":          "Issue",
	"Khi ban hành, mỗi đơn vị nhận được kế hoạch trên hệ thống và phải xác nhận đã nhận, xác nhận quán triệt, và báo cáo kết quả các nhiệm vụ được giao.": "On issue, each unit receives the plan here and must confirm receipt, confirm the briefing, and report on its tasks.",
	"Số nhiệm vụ sẽ giao": "Tasks to assign",
	"Nhiệm vụ đề xuất chưa có đơn vị chủ trì (sẽ không được giao)": "Proposed tasks without a lead unit (will not be assigned)",
	"Đơn vị nhận kế hoạch":                  "Units receiving the plan",
	"Số ngày để xác nhận đã nhận":           "Days to confirm receipt",
	"Số ngày để xác nhận quán triệt":        "Days to confirm the briefing",
	"Thêm nhiệm vụ":                         "Add a task",
	"Sửa nhiệm vụ":                          "Edit task",
	"Tên nhiệm vụ":                          "Task title",
	"Mục trong kế hoạch":                    "Section of the plan",
	"Sản phẩm đầu ra":                       "Output",
	"Chỉ tiêu nhiệm vụ đóng góp":            "Targets the task contributes to",
	"Tách nhiệm vụ cho từng đơn vị chủ trì": "Split the task by lead unit",
	"Tách nhiệm vụ":                         "Split the task",
	"đã tách/hủy":                           "split/cancelled",
	"Thao tác":                              "Actions",
	"Tải kế hoạch (.docx)":                  "Download the plan (.docx)",
	"Việc của đơn vị":                       "My unit's work",
	"Việc cần làm của đơn vị":               "My unit's to-do list",
	"Việc":                                  "To do",
	"Chỉ tiêu kế hoạch":                     "Plan targets",
	"Chỉ tiêu":                              "Target",
	"Xác nhận đã nhận":                      "Confirm receipt",
	"Quán triệt":                            "Briefing",
	"Xác nhận quán triệt":                   "Confirm the briefing",
	"Ngày quán triệt":                       "Briefing date",
	"Hình thức":                             "Format",
	"Số người được quán triệt":              "People briefed",
	"Ghi chú":                               "Notes",
	"Xác nhận":                              "Confirm",
	"Báo cáo tiến độ":                       "Progress report",
	"Chưa đến hạn":                          "Not due",
	"Sắp đến hạn":                           "Due soon",
	"Quá hạn":                               "Late",
	"Đã gửi":                                "Submitted",
	"Bị trả lại":                            "Returned",
	"Đã chấp nhận":                          "Accepted",
	"Bản nháp":                              "Draft",
	"Đã gửi, chờ xem xét":                   "Submitted, awaiting review",
	"Lập báo cáo":                           "Write the report",
	"Xem báo cáo":                           "View the report",
	"Báo cáo của đơn vị":                    "Unit report",
	"lần gửi":                               "submission",
	"Đã lưu bản nháp.":                      "Draft saved.",
	"Đã gửi báo cáo.":                       "Report submitted.",
	"Văn phòng trả lại báo cáo":             "The Office returned the report",
	"Tự động tính từ tin, bài đã ghi nhận":  "Counted from the recorded news items",
	"Kết quả đạt được":                      "Results achieved",
	"Tồn tại, hạn chế":                      "Shortcomings",
	"Đường dẫn minh chứng (mỗi dòng một đường dẫn)":                 "Evidence links (one per line)",
	"Tệp minh chứng (ảnh, PDF, .docx, .xlsx; tối đa 20 MB mỗi tệp)": "Evidence files (images, PDF, .docx, .xlsx; up to 20 MB each)",
	"Lưu nháp":                    "Save draft",
	"Gửi báo cáo":                 "Submit the report",
	"Minh chứng":                  "Evidence",
	"Xem xét báo cáo":             "Review the report",
	"Lý do trả lại (khi trả lại)": "Reason for returning (when returning)",
	"Chấp nhận":                   "Accept",
	"Trả lại":                     "Return",
	"Các lần gửi":                 "Submissions",
	"Lần":                         "No.",
	"Người gửi":                   "Sent by",
	"Kết quả xem xét":             "Review outcome",
	"Số người phải là số nguyên.": "The number of people must be a whole number.",

	// Monitoring and reminders.
	"Theo dõi thực hiện":       "Monitoring",
	"Tình hình tại":            "Status at",
	"chỉ xem":                  "read only",
	"Tất cả":                   "All",
	"Lọc":                      "Filter",
	"Tải CSV":                  "Download CSV",
	"Toàn cơ quan":             "Whole agency",
	"đầy đủ":                   "complete",
	"đúng hạn":                 "on time",
	"quá hạn":                  "late",
	"Đầy đủ":                   "Complete",
	"Đúng hạn":                 "On time",
	"Đầy đủ (%)":               "Complete (%)",
	"Đúng hạn (%)":             "On time (%)",
	"Hạn":                      "Due",
	"ngày":                     "days",
	"xem":                      "view",
	"Đôn đốc đơn vị":           "Remind a unit",
	"Đã gửi nhắc việc tới":     "Reminder sent to",
	"Gửi nhắc việc":            "Send reminder",
	"Nhắc việc đã gửi":         "Reminders sent",
	"Người nhận":               "Recipient",
	"Kênh":                     "Channel",
	"Lý do":                    "Reason",
	"Kết quả":                  "Result",
	"đã gửi":                   "sent",
	"lỗi":                      "failed",
	"đang chờ":                 "pending",
	"Tổng":                     "Total",
	"Chọn đơn vị cần đôn đốc.": "Choose the unit to remind.",

	// Notifications and calendars.
	"Thông báo":         "Notifications",
	"Thông báo và lịch": "Notifications and calendar",
	"Lịch hạn báo cáo trên điện thoại": "Report deadlines on your phone",
	"Tạo một địa chỉ lịch bí mật rồi thêm vào ứng dụng lịch của điện thoại (đăng ký lịch qua địa chỉ). Ai có địa chỉ này đều xem được lịch; thu hồi khi không dùng.": "Create a secret calendar address and add it to your phone's calendar app (subscribe by URL). Anyone with the address can see the calendar; revoke it when you no longer need it.",
	"Địa chỉ lịch mới":    "New calendar address",
	"Thu hồi":             "Revoke",
	"Lịch của đơn vị tôi": "My unit's calendar",
	"Lịch của kế hoạch":   "Plan calendar",

	// Result report preview and register.
	"Thông tin, truyền thông":   "Information and communication",
	"đơn vị":                    "units",
	"người":                     "people",
	"lần":                       "submission",
	"Đơn vị tính":               "Measure",
	"Tỷ lệ đạt":                 "Achieved",
	"Mở đầu":                    "Opening",
	"Nhận xét chung về kết quả": "General assessment of the results",
	"vào sổ bởi":                "registered by",
	"Đã gửi ngày":               "Sent on",
	"qua":                       "via",
	"Bản quét có chữ ký":        "Signed scan",
	"Ngày gửi":                  "Date sent",
	"Cách gửi":                  "Sent via",
	"Gửi đến":                   "Sent to",
	"Các phiên bản":             "Versions",
	"đã hoàn thiện":             "final",
	"số":                        "number",
	"dự thảo":                   "draft",
	"sửa bởi":                   "edited by",
	"Gửi":                       "Sent",
	"Bản quét":                  "Scan",
	"chưa gửi":                  "not sent",
	"Giờ làm việc":              "Hours",

	// Plan targets and the reminder rule.
	"Đặt chỉ tiêu kế hoạch":                                           "Set plan targets",
	"Để trống chỉ tiêu không đặt mục tiêu.":                           "Leave a target empty to set none.",
	"Giá trị phải là số.":                                             "The value must be a number.",
	"Quy tắc nhắc việc":                                               "Reminder rule",
	"Quy tắc nhắc việc tự động":                                       "Automatic reminder rule",
	"Đang áp dụng":                                                    "In force",
	"Nhắc trước hạn (số ngày, cách nhau bằng dấu phẩy)":               "Remind before the due date (days, separated by commas)",
	"Nhắc đúng ngày đến hạn":                                          "Remind on the due date",
	"Khi quá hạn, nhắc lại mỗi (ngày; 0 = một lần)":                   "When late, remind again every (days; 0 = once)",
	"Quá hạn bao nhiêu ngày thì báo cả thủ trưởng đơn vị (0 = không)": "Days late before the unit head is told too (0 = never)",
	"Quá hạn bao nhiêu ngày thì báo Văn phòng (0 = không)":            "Days late before the Office is told (0 = never)",
	"Gửi từ (giờ trong ngày, 0–23)":                                   "Send from (hour of the day, 0–23)",
	"Nhập các số ngày, cách nhau bằng dấu phẩy (ví dụ: 7, 3).":        "Enter numbers of days separated by commas (e.g. 7, 3).",
	"Nhập một số nguyên.":                                             "Enter a whole number.",
	"Biểu mẫu không đọc được.":                                        "The form could not be read.",
	"Lời nhắn":                                                        "Message",
	"chưa đọc":                                                        "unread",

	// Texts of their own where one word served two places: the plan
	// page's task section, the plan column of lists, the difficulties
	// state filter, folded import warnings, sent reminders.
	"Các nhiệm vụ":                       "Tasks",
	"Thuộc kế hoạch":                     "Plan",
	"Lọc theo trạng thái":                "Filter by state",
	"Đang chờ xử lý":                     "Waiting",
	"Đã xử lý, đã đóng":                  "Decided or closed",
	"Đã có ý kiến xử lý, đã đóng":        "Answered, decided or closed",
	"Cảnh báo khi nhập (đã ban hành)":    "Import warnings (plan issued)",
	"Trong ứng dụng":                     "In the app",
	"Xem tất cả":                         "Show all",
	"Chỉ hiện những nhắc việc gần nhất.": "Only the latest reminders are shown.",
}
