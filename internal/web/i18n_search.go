package web

// English for search, merged into the table at start-up.
var searchEnglish = map[string]string{
	"Tìm kiếm": "Search",
	"Tìm":      "Search",
	"Tìm kế hoạch, nhiệm vụ, khó khăn, người, đơn vị (gõ có dấu hay không dấu đều được)": "Find plans, tasks, difficulties, people, units (with or without Vietnamese diacritics)",
	"Số kết quả:":                     "Results:",
	"Không tìm thấy kết quả nào.":     "Nothing found.",
	"Nhập từ 1 đến 200 ký tự để tìm.": "Type 1 to 200 characters to search.",
}

func init() { addEnglish(searchEnglish) }
