package web

// English for the notifications page, merged into the table at start-up.
var noticesEnglish = map[string]string{
	"Đánh dấu tất cả đã đọc": "Mark all as read",
	"Các trang thông báo":    "Notification pages",
	"Trang trước":            "Previous page",
	"Trang sau":              "Next page",
	"Trang":                  "Page",
	"không gửi":              "not sent",
}

func init() { addEnglish(noticesEnglish) }
