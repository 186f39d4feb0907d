package web

// English for the progress charts, merged into the table at start-up.
var progressEnglish = map[string]string{
	"Tiến độ chung":                "Progress at a glance",
	"Đầy đủ, đúng hạn theo đơn vị": "Complete and on time, by unit",
	"trên những việc đã đến hạn":   "of what is due",
	"Chỉ tiêu so với kế hoạch":     "Indicators against targets",
}

func init() { addEnglish(progressEnglish) }
