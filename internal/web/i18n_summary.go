package web

// English for the result report page, merged into the table at start-up.
var summaryEnglish = map[string]string{
	"Các đơn vị chưa có báo cáo được chấp nhận":                                "Units without an accepted report",
	"Chỉ để Văn phòng theo dõi: báo cáo gửi cấp trên không nêu danh sách này.": "For the Office only: the report to the superior does not print this list.",
	"Sửa nội dung báo cáo":          "Edit the report",
	"Công tác chỉ đạo, triển khai":  "Direction and roll-out",
	"Nêu cả khó khăn đã giải quyết": "Also report this solved difficulty",
	"Kiến nghị, đề xuất":            "Recommendations",
	"Câu kết":                       "Closing line",
	"Nguồn của từng số liệu":        "Where each figure comes from",
}

func init() { addEnglish(summaryEnglish) }
