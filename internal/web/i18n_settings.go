package web

// English for the organisation and plan-settings pages, merged into the
// table at start-up.
var settingsEnglish = map[string]string{
	"Thêm đơn vị":     "Add a unit",
	"Sửa đơn vị":      "Edit unit",
	"Tên đơn vị":      "Unit name",
	"Đơn vị cấp trên": "Parent unit",
	"Viết tắt (dùng trong ký hiệu văn bản, ví dụ SGTVT)": "Abbreviation (used in document symbols, e.g. SGTVT)",
	"Hiệu lực từ ngày":                                         "Valid from",
	"Hết hiệu lực từ ngày (khi đổi tên, sáp nhập)":             "Valid until (when renamed or merged)",
	"Địa danh ghi trên văn bản (ví dụ Sơn La)":                 "Place name on documents (e.g. Son La)",
	"Thứ tự hiển thị":                                          "Display order",
	"Địa chỉ":                                                  "Address",
	"Chỉ tiêu kế hoạch":                                        "Plan targets",
	"Đặt chỉ tiêu kế hoạch":                                    "Set plan targets",
	"Đang áp dụng":                                             "In force",
	"Nhắc đúng ngày đến hạn":                                   "Remind on the due date",
	"Gửi từ (giờ trong ngày, 0–23)":                            "Send from (hour of the day, 0–23)",
	"Nhập một số nguyên.":                                      "Enter a whole number.",
	"Nhập các số ngày, cách nhau bằng dấu phẩy (ví dụ: 7, 3).": "Enter numbers of days separated by commas (e.g. 7, 3).",
	"Ngày không hợp lệ (ngày/tháng/năm).":                      "Invalid date (day/month/year).",
	"Thứ tự phải là số nguyên.":                                "The order must be a whole number.",
	"Danh mục chỉ tiêu":                                        "Indicator catalogue",
	"Mã":                                                       "Code",
	"Tên chỉ tiêu":                                             "Indicator",
	"Cách tổng hợp":                                            "Aggregation",
	"số thập phân":                                             "decimal",
	"lớn nhất":                                                 "maximum",
	"mới nhất":                                                 "latest",
	"cộng dồn":                                                 "sum",
	"tự đếm từ tin, bài":                                       "counted from news items",
	"tự đếm từ quán triệt":                                     "counted from briefings",
	"tự đếm từ sự kiện":                                        "counted from events",
	"báo cáo của đơn vị":                                       "unit reports",
	"Sửa chỉ tiêu":                                             "Edit indicator",
	"Thêm chỉ tiêu":                                            "Add an indicator",
	"Mã (chữ thường không dấu, số, gạch dưới)":                 "Code (lower-case letters, digits, underscores)",
	"Cho phép số thập phân":                                    "Allow decimals",
	"Giới hạn dưới":                                            "Lower bound",
	"Giới hạn dưới phải là số.":                                "The lower bound must be a number.",
	"Ẩn nhắc việc, thông báo":                                  "Hide reminders and notices",
	"Hiện cả nhắc việc, thông báo":                             "Show reminders and notices too",
	"Tải kế hoạch (.docx)":                                     "Download the plan (.docx)",
}

func init() {
	for k, v := range settingsEnglish {
		if _, ok := english[k]; !ok {
			english[k] = v
		}
	}
}
