package web

// queueKindName names a kind of work waiting in a person's queue.
func queueKindName(l Lang, k string) string {
	vi := map[string]string{
		"report_review":    "Xem xét báo cáo",
		"obstacle_assess":  "Xem xét khó khăn, vướng mắc",
		"unit_remind":      "Đôn đốc đơn vị",
		"summary_finish":   "Hoàn thành báo cáo kết quả",
		"obstacle_decide":  "Cho ý kiến chỉ đạo",
		"obligation_due":   "Việc sắp đến hạn hoặc quá hạn",
		"report_returned":  "Báo cáo bị trả lại",
		"obstacle_confirm": "Xác nhận kết quả giải quyết",
	}[k]
	if vi == "" {
		return k
	}
	return Translate(l, vi)
}

// QueueKind names a kind of queued work in the page's language.
func (p *page) QueueKind(k string) string { return queueKindName(p.Lang, k) }
