package orgmatch

import "testing"

const agency = "Sở Giao thông vận tải tỉnh Sơn La"

// tree is modelled on a provincial Department of Transport.
var tree = []Candidate{
	{ID: "vp", Name: "Văn phòng Sở", Abbrev: "VP", ParentName: agency},
	{ID: "khtc", Name: "Phòng Kế hoạch - Tài chính", Abbrev: "KH-TC", ParentName: agency},
	{ID: "qlvt", Name: "Phòng Quản lý vận tải, phương tiện và người lái", Abbrev: "QLVT, PT&NL", ParentName: agency},
	{ID: "kchtgt", Name: "Phòng Quản lý kết cấu hạ tầng giao thông", ParentName: agency},
	{ID: "clct", Name: "Phòng Quản lý chất lượng công trình giao thông", ParentName: agency},
	{ID: "tt", Name: "Thanh tra Sở", ParentName: agency},
	{ID: "bqlbt", Name: "Ban Quản lý bảo trì đường bộ", ParentName: agency},
	{ID: "dk", Name: "Trung tâm Đăng kiểm xe cơ giới", ParentName: agency},
	{ID: "cd", Name: "Chi đoàn thanh niên Sở", ParentName: agency},
	{ID: "web", Name: "Trang thông tin điện tử của Sở", ParentName: agency},
	{ID: "ldtbxh", Name: "Sở Lao động - Thương binh và Xã hội", Aliases: []string{"Sở LĐTBXH"}},
	{ID: "ubnd", Name: "UBND tỉnh Sơn La", Aliases: []string{"Ủy ban nhân dân tỉnh Sơn La"}},
	{ID: "tnmt", Name: "Sở Tài nguyên và Môi trường"},
}

func TestBest(t *testing.T) {
	tests := []struct {
		name     string
		wantID   string // "" means no match
		min, max float64
	}{
		{"Văn phòng Sở", "vp", 1, 1},
		{"văn phòng sở", "vp", 0.98, 1},
		{"Van phong So", "vp", 0.98, 1},
		{"Văn phòng Sở Giao thông vận tải", "vp", 0.9, 0.95},
		{"Văn phòng Sở GTVT", "vp", 0.9, 0.95},
		{"Sở LĐ-TB&XH", "ldtbxh", 0.85, 0.92},
		{"Sở Lao động - Thương binh & Xã hội", "ldtbxh", 0.95, 0.99},
		{"Sở Lao động, Thương binh và Xã hội", "ldtbxh", 0.95, 0.99},
		{"Sở TN&MT", "tnmt", 0.85, 0.92},
		{"UBND tỉnh Sơn La", "ubnd", 1, 1},
		{"Ủy ban nhân dân tỉnh Sơn La", "ubnd", 0.95, 1},
		{"Uỷ ban nhân dân tỉnh Sơn La", "ubnd", 0.95, 1},
		{"UBND tỉnh", "ubnd", 0.6, 0.8},
		{"Phòng KH-TC", "khtc", 0.85, 0.92},
		{"Phòng Kế hoạch – Tài chính", "khtc", 0.95, 1},
		{"Phòng QLVT, PT&NL", "qlvt", 0.85, 0.95},
		{"Phòng Quản lý vận tải", "qlvt", 0.6, 0.8},
		{"Trang thông tin điện tử Sở", "web", 0.9, 0.95},
		{"Thanh tra Sở", "tt", 1, 1},
		{"Trung tâm đăng kiểm", "dk", 0.6, 0.8},
		{"Các phòng, đơn vị thuộc Sở", "", 0, 0.6},
		{"Sở Y tế", "", 0, 0.6},
		{"Phòng", "", 0, 0.6},
		{"Công an tỉnh", "", 0, 0.6},
		{"", "", 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, ok := Best(tt.name, tree)
			if tt.wantID == "" {
				if ok {
					t.Errorf("matched %s (%.2f, %s), want no match", m.Candidate.ID, m.Score, m.Reason)
				}
				if m.Score > tt.max {
					t.Errorf("score %.2f above %.2f", m.Score, tt.max)
				}
				return
			}
			if !ok || m.Candidate.ID != tt.wantID {
				t.Fatalf("got %s (%.2f, %s, ok=%v), want %s", m.Candidate.ID, m.Score, m.Reason, ok, tt.wantID)
			}
			if m.Score < tt.min || m.Score > tt.max {
				t.Errorf("score %.2f not in [%.2f, %.2f] (%s)", m.Score, tt.min, tt.max, m.Reason)
			}
			if m.Reason == "" {
				t.Error("no reason")
			}
		})
	}
}

func TestRank(t *testing.T) {
	r := Rank("Phòng Quản lý", tree, 3)
	if len(r) == 0 || len(r) > 3 {
		t.Fatalf("rank = %+v", r)
	}
	for i := 1; i < len(r); i++ {
		if r[i].Score > r[i-1].Score {
			t.Errorf("not sorted: %+v", r)
		}
	}
	if _, ok := Best("Phòng Quản lý", tree); ok {
		t.Errorf("three units start with Phòng Quản lý; Best must not choose: %+v", r)
	}
	if all := Rank("Sở", tree, 0); len(all) > len(tree) {
		t.Errorf("rank returned %d of %d", len(all), len(tree))
	}
}
