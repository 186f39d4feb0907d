package vntext

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Spelling of Vietnamese syllables, used to tell Vietnamese text from
// misdecoded bytes. The check is deliberately permissive: it accepts every
// syllable of the language and some impossible ones, but rejects words with
// foreign letters, symbols, several tone marks or impossible vowel groups.

var (
	initials = []string{
		"ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "th", "tr", "qu",
		"b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "",
	}
	finals = []string{"ng", "nh", "ch", "c", "m", "n", "p", "t", ""}
	nuclei = makeSet("a ă â e ê i o ô ơ u ư y " +
		"ai ao au ay âu ây eo êu ia iê iu oa oă oe oi ôi ơi ua uâ uê ui uô uơ uy ưa ưi ưu ươ yê oo " +
		"iêu yêu oai oay oeo uây uôi ươi ươu uya uyê uyu")
	vowelSet = makeSet("a ă â e ê i o ô ơ u ư y")
)

func makeSet(s string) map[string]bool {
	m := make(map[string]bool)
	for _, f := range strings.Fields(s) {
		m[f] = true
	}
	return m
}

// openOnly lists the vowel groups that end in a glide (i, y, o, u) and so
// cannot be followed by a final consonant.
var openOnly = makeSet("ai ao au ay âu ây eo êu iu oi ôi ơi ui ưi ưu iêu yêu oai oay oeo uây uôi ươi ươu uyu")

// isSyllable reports whether w (NFC, any case) is spelled like a Vietnamese
// syllable, with its tone mark (if any) on the vowel that carries it.
func isSyllable(w string) bool {
	if w == "" || utf8.RuneCountInString(w) > 7 {
		return false
	}
	var bases []rune
	tonePos := -1
	for _, r := range strings.ToLower(w) {
		base, tone, _ := splitLetter(r)
		if !(base >= 'a' && base <= 'z') && !vowelSet[string(base)] && base != 'đ' {
			return false
		}
		if tone != toneNone {
			if tonePos >= 0 || !vowelSet[string(base)] {
				return false
			}
			tonePos = len(bases)
		}
		bases = append(bases, base)
	}
	s := string(bases)
	for _, in := range initials {
		if !strings.HasPrefix(s, in) {
			continue
		}
		nIn := utf8.RuneCountInString(in)
		rest := s[len(in):]
		for _, fi := range finals {
			if !strings.HasSuffix(rest, fi) {
				continue
			}
			nucleus := rest[:len(rest)-len(fi)]
			if !nuclei[nucleus] || (fi != "" && openOnly[nucleus]) {
				continue
			}
			if tonePos < 0 || toneFits([]rune(nucleus), fi != "", tonePos-nIn) {
				return true
			}
		}
	}
	return false
}

// toneFits reports whether a tone mark at index pos of nucleus is where
// Vietnamese spelling puts it. Both the older ("hòa", "thủy") and the newer
// ("hoà", "thuỷ") placements are accepted.
func toneFits(nucleus []rune, closed bool, pos int) bool {
	if pos < 0 || pos >= len(nucleus) {
		return false
	}
	last := len(nucleus) - 1
	for i := last; i >= 0; i-- {
		switch nucleus[i] {
		case 'ă', 'â', 'ê', 'ô', 'ơ', 'ư':
			return pos == i
		}
	}
	switch {
	case len(nucleus) == 1:
		return true
	case closed:
		return pos == last
	case len(nucleus) == 2:
		switch string(nucleus) {
		case "oa", "oe", "uy":
			return true
		}
		return pos == 0
	}
	return pos == 1
}

// isWordRune reports whether r belongs to a word for syllableScore: any
// letter or non-ASCII character except white space and the general
// punctuation block (quotes, dashes, bullets).
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return unicode.IsLetter(r)
	}
	if isSpaceRune(r) || (r >= 0x2000 && r <= 0x206F) {
		return false
	}
	return true
}

// syllableScore counts the words of s that contain a non-ASCII character
// and are (valid) or are not (invalid) spelled like Vietnamese syllables,
// and how many of the valid ones are common syllables.
func syllableScore(s string) (valid, invalid, common int) {
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !isWordRune(r) }) {
		ascii := true
		for i := 0; i < len(w); i++ {
			if w[i] >= utf8.RuneSelf {
				ascii = false
				break
			}
		}
		// Words of one character ("©", "£", or a lone vowel) say
		// little about the language and are left out.
		if ascii || utf8.RuneCountInString(w) < 2 {
			continue
		}
		if isSyllable(w) {
			valid++
			if commonSyllables[strings.ToLower(w)] {
				common++
			}
		} else {
			invalid++
		}
	}
	return valid, invalid, common
}

// commonSyllables holds frequent syllables of administrative Vietnamese.
// When two readings of legacy bytes are equally well-formed, the one with
// more of these wins.
var commonSyllables = makeSet(`
của và các có là được trong cho với không này những người một hai ba bốn
năm sáu bảy tám chín mười đã để theo về tại trên dưới đến từ nơi khi sau
trước đó đây nhằm đảm bảo hiệu quả chất lượng tiếp tục thường xuyên
tỉnh huyện xã thành phố thị trấn phường quận sở ủy ban nhân dân hội đồng
kế hoạch tháng ngày số quyết định báo cáo công văn thực hiện triển khai
việc nam cộng hòa hoà chủ nghĩa độc lập tự do hạnh phúc trẻ em hành động vì
tổ chức đơn vị cơ quan phòng giáo dục đào tạo y tế lao thương binh
giao thông vận tải xây dựng tài chính nội vụ tư pháp văn hóa hoá thể thao
du lịch nông nghiệp phát triển môi trường khoa học nghệ tin truyền kinh
đầu kết nhiệm mục đích yêu cầu dung giải phí trách phối hợp đề nghị căn cứ
luật thông chỉ hướng dẫn quy tăng cường tác quản lý nhà nước địa phương
cấp nhận lưu giám đốc phó tịch trưởng thời gian điểm đối tượng chương
trình hoạt tuyên bảo vệ chăm sóc gia đình đồng toàn bộ tất cả đầy đủ kịp
năng lực cán viên sơn la hà đà nẵng hồ chí minh việt hải cần thơ tiền
sinh tiểu trung sở tỉnh tình hình kiểm tra giám sát đánh giá tổng kết
sơ rà soát xử vi phạm an ninh quốc phòng chính trị đảng bộ mặt trận
đoàn niên phụ nữ cựu chiến nông dân liên đội thiếu nhi gia đình dân số
sức khỏe khoẻ bệnh viện trạm dịch vụ cung ứng nguồn vốn ngân sách dự án
công trình đường cầu điện nước sạch rừng đất đai tài nguyên khoáng sản
nhiên biển đảo vùng miền núi dân tộc thiểu người cao tuổi khuyết tật
nghèo hộ cận ấm no giảm bền vững mới hiện đại hóa công nghiệp cuộc vận
phong trào thi đua khen thưởng kỷ luật cải cách tục chuyển đổi số hóa
điện tử trực tuyến mạng lưới hệ thống dữ liệu phần mềm ứng dụng bàn
`)
