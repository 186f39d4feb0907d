package web

// English for the roll-up of a plan and the link between plans, merged
// into the table at start-up.
var rollupEnglish = map[string]string{
	"Tổng hợp các cơ quan thực hiện": "Implementing agencies",
	"Thực hiện":                "Implements",
	"Kế hoạch số":              "Plan No.",
	"của":                      "by",
	"Số cơ quan":               "Agencies",
	"Cơ quan":                  "Agency",
	"Kế hoạch thực hiện":       "Implementing plan",
	"Chưa ban hành kế hoạch":   "No plan issued",
	"Chưa lập":                 "Not started",
	"Đang dự thảo":             "Drafting",
	"Đã hoàn thiện":            "Finalised",
	"Đã nhận từ hệ thống khác": "Received from another system",
	"Đã tiếp nhận":             "Accepted",
	"Chỉ tiêu tổng hợp từ các báo cáo đã hoàn thiện": "Indicators across the finalised reports",
	"Kết quả": "Result",
	"Chưa có báo cáo kết quả nào được hoàn thiện.": "No result report has been finalised yet.",
	"ban hành ngày": "dated",
	"Báo cáo số":    "Report No.",
	"Báo cáo tổng hợp từ các báo cáo đã tiếp nhận": "Report drawn from the accepted reports",
	"Đã trả lại":         "Returned",
	"Tiếp nhận báo cáo":  "Accept the report",
	"Lý do trả lại":      "Reason for returning",
	"Cơ quan đã báo cáo": "Agencies reported",
	"Báo cáo":            "Report",
	"Giá trị":            "Value",
	"Báo cáo tổng hợp từ các cơ quan thực hiện":                                                     "Report drawn from the implementing agencies",
	"Số liệu chỉ lấy từ báo cáo đã được tiếp nhận; phần chữ bạn sửa được giữ lại khi tổng hợp lại.": "Figures come only from accepted reports; the text you edit is kept when the report is drawn up again.",
	"tự tổng hợp từ báo cáo đã được tiếp nhận của các cơ quan":                                      "drawn up from the agencies' accepted reports",
}

func init() { addEnglish(rollupEnglish) }
