package web

// English for removing evidence, confirming a submission or an issue, the
// public page's state on the plan page and a form sent again after the
// session expired, merged into the table at start-up.
var reportFlowEnglish = map[string]string{
	"Minh chứng đã đính kèm": "Attached evidence",
	"Xóa tệp":                "Remove file",
	"Đã xóa tệp minh chứng.": "The evidence file was removed.",
	"Tôi xác nhận nội dung báo cáo là đúng và muốn gửi cho Văn phòng (sau khi gửi không sửa được).": "I confirm the report is correct and want to send it to the Office (it cannot be changed once sent).",
	"Tôi xác nhận ban hành kế hoạch cho các đơn vị đã chọn (sau khi ban hành không sửa được).":      "I confirm issuing the plan to the selected units (it cannot be changed once issued).",
	"Đánh dấu ô xác nhận trước khi gửi báo cáo.":                                                    "Tick the confirmation box before sending the report.",
	"Đánh dấu ô xác nhận trước khi ban hành kế hoạch.":                                              "Tick the confirmation box before issuing the plan.",
	"Báo cáo đã gửi; không thể xóa minh chứng.":                                                     "The report has been sent; its evidence cannot be removed.",
	"đã công bố tại": "published at",
	"chưa công bố; công bố được sau khi ban hành kế hoạch.": "not published; it can be published once the plan is issued.",
	"chưa công bố, người ngoài chưa xem được.":              "not published; the public cannot see it yet.",
	"Công bố trang":    "Publish the page",
	"Gửi lại biểu mẫu": "Send the form again",
	"Bạn đã đăng nhập lại. Những gì bạn đã nhập trước khi phiên hết hạn vẫn được giữ; bấm «Gửi lại» để gửi tiếp.": "You are logged in again. What you typed before the session expired was kept; press “Send again” to send it.",
	"Tệp đính kèm không giữ lại được; hãy chọn lại tệp sau khi gửi.":                                              "Attached files could not be kept; choose them again after sending.",
	"Gửi lại": "Send again",
	"Bỏ qua":  "Skip",
	"Phiên đăng nhập đã hết hạn. Hãy đăng nhập lại; những gì bạn vừa nhập được giữ lại để gửi tiếp.": "Your session has expired. Log in again; what you just typed is kept to be sent.",
}

func init() { addEnglish(reportFlowEnglish) }
