package web

// English for the monitoring page of a large plan, merged into the table
// at start-up.
var monitoringScaleEnglish = map[string]string{
	"Kế hoạch có nhiều nghĩa vụ nên bảng được gộp theo đơn vị; chọn một đơn vị để xem từng nghĩa vụ.": "This plan has many obligations, so the table is grouped by unit; choose a unit to see each obligation.",
	"Đến hạn":  "Due",
	"Đã nhận":  "Received",
	"Chi tiết": "Details",
}

func init() { addEnglish(monitoringScaleEnglish) }
