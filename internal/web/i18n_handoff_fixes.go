package web

// English for the import kept under review, the proposals given a lead on
// the plan page and the report's figures, merged into the table at start-up.
var handoffFixEnglish = map[string]string{
	"Lưu tạm phần đã sửa": "Keep my corrections",
	"Bỏ văn bản này":      "Discard this document",
	"Đã lưu tạm phần đã sửa; bạn có thể quay lại trang này để tiếp tục.": "Your corrections are kept; you can come back to this page to go on.",
	"Văn bản đang xem lại":                "Documents under review",
	"Văn bản chưa có trích yếu":           "Document without a title",
	"Nhiệm vụ đề xuất chưa giao":          "Proposed tasks not yet assigned",
	"Giao nhiệm vụ":                       "Assign",
	"Chọn đơn vị chủ trì để giao":         "Choose a lead unit to assign",
	"Văn bản đang xem lại không còn nữa.": "The document under review is gone.",
}

func init() { addEnglish(handoffFixEnglish) }
