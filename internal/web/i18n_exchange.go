package web

// English for the edXML package and the exchange between deployments,
// merged into the table at start-up.
var exchangeEnglish = map[string]string{
	"gửi hệ thống quản lý văn bản":    "for document management systems",
	"Kế hoạch ở hệ thống của cơ quan": "Plan kept in the agency's own system",
}

func init() { addEnglish(exchangeEnglish) }
