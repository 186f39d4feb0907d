package web

// English for what helps on a phone, merged into the table at start-up.
var phoneEnglish = map[string]string{
	"Vuốt ngang để xem thêm": "Swipe sideways to see more",
}

func init() { addEnglish(phoneEnglish) }
