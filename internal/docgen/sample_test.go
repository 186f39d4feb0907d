package docgen

import "time"

func f64(v float64) *float64 { return &v }

// sampleReport is the result report of the seed plan (Tháng hành động vì trẻ
// em 2023) of the Department of Transport of Sơn La.
func sampleReport() *Document {
	return &Document{
		Header: Header{
			GoverningBody: "UBND TỈNH SƠN LA",
			Agency:        "SỞ GIAO THÔNG VẬN TẢI",
			Number:        5,
			Symbol:        "BC-SGTVT",
			Place:         "Sơn La",
			Date:          time.Date(2023, 7, 5, 0, 0, 0, 0, time.UTC),
		},
		TypeName: "BÁO CÁO",
		Summary:  "Kết quả triển khai Tháng hành động vì trẻ em năm 2023",
		To:       []string{"Sở Lao động - Thương binh và Xã hội tỉnh Sơn La"},
		Basis:    []string{"Thực hiện Kế hoạch số 115/KH-UBND ngày 28/4/2023 của UBND tỉnh về triển khai Tháng hành động vì trẻ em tỉnh Sơn La năm 2023"},
		Body: []Block{
			{Kind: Paragraph, Text: "Sở Giao thông vận tải báo cáo kết quả triển khai Tháng hành động vì trẻ em năm 2023 như sau:"},
			{Kind: Section, Label: "I", Text: "Kết quả thực hiện"},
			{Kind: Item, Label: "1", Text: "Công tác tuyên truyền, nâng cao nhận thức"},
			{Kind: Paragraph, Text: "Các phòng, đơn vị thuộc và trực thuộc Sở đã quán triệt Kế hoạch đến 146 cán bộ, công chức, viên chức và người lao động; đăng tải 12 tin, bài hưởng ứng Tháng hành động vì trẻ em trên Trang thông tin điện tử của Sở, trong đó có thông tin về Tổng đài điện thoại quốc gia bảo vệ trẻ em số 111."},
			{Kind: Item, Label: "2", Text: "Hưởng ứng Lễ phát động Tháng hành động vì trẻ em cấp tỉnh"},
			{Kind: Paragraph, Text: "Sở cử 05 đại biểu tham dự Lễ phát động ngày 30/5/2023 tại Trung tâm Văn hóa - Điện ảnh tỉnh."},
			{Kind: Item, Label: "3", Text: "Tuyên truyền \"Mùa hè an toàn cho trẻ em\""},
			{Kind: Bullet, Text: "Phối hợp tổ chức 03 buổi tuyên truyền an toàn giao thông cho 420 học sinh;"},
			{Kind: Bullet, Text: "Vận động 38 con em cán bộ, công chức tham gia lớp kỹ năng sống, kỹ năng phòng, chống đuối nước."},
			{Kind: TableBlock, Table: &Table{
				Columns: []string{"STT", "Hoạt động", "Đơn vị tính", "Kết quả"},
				Rows: [][]string{
					{"1", "Tin, bài trên Trang thông tin điện tử", "tin, bài", "12"},
					{"2", "Cán bộ, công chức được quán triệt", "người", "146"},
					{"3", "Học sinh được tuyên truyền an toàn giao thông", "học sinh", "420"},
				},
				Widths: []float64{1, 6, 2, 2},
			}},
			{Kind: Section, Label: "II", Text: "Tồn tại, hạn chế"},
			{Kind: Paragraph, Text: "Một số đơn vị trực thuộc báo cáo chậm so với thời hạn; số lượng tin, bài về phòng, chống tai nạn thương tích trẻ em còn ít."},
			{Kind: Section, Label: "III", Text: "Đề xuất, kiến nghị"},
			{Kind: Paragraph, Text: "Đề nghị Sở Lao động - Thương binh và Xã hội tiếp tục cung cấp tài liệu truyền thông về phòng, chống xâm hại trẻ em để Sở phổ biến đến các đơn vị."},
			{Kind: Paragraph, Text: "Trên đây là báo cáo kết quả triển khai Tháng hành động vì trẻ em năm 2023 của Sở Giao thông vận tải./."},
		},
		Recipients: []string{"Như trên", "Ban Giám đốc Sở"},
		Archive:    "Lưu: VT, VP",
		Copies:     4,
		Signer:     Signer{Title: "GIÁM ĐỐC", Name: "Đào Tài Tuệ"},
	}
}

// sampleAnnex is the figures annex of the sample report, by unit.
func sampleAnnex() *Annex {
	return &Annex{
		Title: "PHỤ LỤC: KẾT QUẢ TRIỂN KHAI THÁNG HÀNH ĐỘNG VÌ TRẺ EM NĂM 2023\n(Kèm theo Báo cáo số 05/BC-SGTVT ngày 05/7/2023 của Sở Giao thông vận tải)",
		Units: []string{"Văn phòng Sở", "Thanh tra Sở", "Ban Quản lý bảo trì đường bộ", "Trung tâm Đăng kiểm xe cơ giới"},
		Indicators: []AnnexIndicator{
			{Code: "CT01", Name: "Tin, bài tuyên truyền", Unit: "tin, bài", Target: f64(10)},
			{Code: "CT02", Name: "Người được quán triệt", Unit: "người", Target: f64(150)},
			{Code: "CT03", Name: "Kinh phí hỗ trợ", Unit: "triệu đồng", Decimal: true},
		},
		Values: [][]*float64{
			{f64(6), f64(52), f64(3.5)},
			{f64(2), f64(31), nil},
			{f64(3), f64(40), f64(2.25)},
			{f64(1), f64(23), nil},
		},
		Note: "Ghi chú: ô để trống là đơn vị chưa báo cáo chỉ tiêu.",
	}
}
