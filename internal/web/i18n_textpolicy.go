package web

// English of the text policy, the oversize form and the login throttle
// pages.
var textPolicyEnglish = map[string]string{
	"Biểu mẫu quá lớn": "Form too large",
	"Đăng nhập sai":    "Failed logins",
	"Tài khoản và địa chỉ đăng nhập sai gần đây. Mỗi lần sai tiếp theo từ cùng địa chỉ phải chờ lâu hơn; tài khoản không bao giờ bị khóa. Xóa để cho phép thử lại ngay.": "Accounts and addresses with recent failed logins. Each further failure from the same address waits longer; an account is never locked. Clear to allow a new try at once.",
	"Đã xóa.":         "Deleted.",
	"Địa chỉ IP":      "IP address",
	"Số lần sai":      "Failures",
	"Phải chờ (giây)": "Wait (seconds)",
	"Không có lần đăng nhập sai nào gần đây.": "No recent failed logins.",
	"Nhập mật khẩu.":                          "Enter your password.",
}

func init() {
	for k, v := range textPolicyEnglish {
		if _, ok := english[k]; !ok {
			english[k] = v
		}
	}
}
