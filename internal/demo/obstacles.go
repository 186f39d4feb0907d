package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/ops"
)

// loadObstacles raises, escalates and decides the demo's difficulties in
// June 2023: the road maintenance board cannot finish its communication
// task by 30/6 because its staff are on road-emergency duty in the rainy
// season, and the Director extends it; a staff member and a division both
// lack the campaign material, the Office merges the two and answers itself;
// a request for more money is closed as not actionable.
func loadObstacles(ctx context.Context, svc *ops.Service, plan *kehoach.Plan) error {
	sys, err := svc.System(ctx, "dữ liệu mẫu")
	if err != nil {
		return err
	}
	po, err := svc.PlanObstacles(ctx, sys, plan.ID)
	if err != nil {
		return err
	}
	taskOf := func(unit string) string {
		for _, t := range po.RaiseTasks {
			if t.LeadUnitID == unit {
				return t.ID
			}
		}
		return ""
	}
	people := map[string]*kehoach.Actor{}
	for _, u := range []string{"vanphong", "giamdoc", "bqlbt", "nhanvien", "pkcht", "dangkiem"} {
		if people[u], err = svc.ActAs(ctx, u); err != nil {
			return fmt.Errorf("demo person %s: %w", u, err)
		}
	}
	// raised keeps the obstacles as recorded, by the input they came from.
	raised := map[*ops.ObstacleInput]*kehoach.Obstacle{}
	raise := func(user string, day, hour int, in *ops.ObstacleInput) error {
		svc.SetClock(at(time.June, day, hour))
		o, err := svc.RaiseObstacle(ctx, people[user], plan.ID, *in)
		if err != nil {
			return fmt.Errorf("demo obstacle of %s: %w", user, err)
		}
		raised[in] = o
		return nil
	}
	rain := &ops.ObstacleInput{TaskID: taskOf(UnitMaint), ForUnit: true,
		What: "Không thể hoàn thành nhiệm vụ tuyên truyền trước ngày 30/6/2023",
		Why: "Từ đầu tháng 6, phần lớn viên chức của Ban được huy động trực đảm bảo giao thông, khắc phục sạt lở trên các tuyến quốc lộ 6 và 279 trong mùa mưa lũ; " +
			"Ban không bố trí được người tổ chức tuyên truyền và vận động con em tham gia lớp kỹ năng.",
		Proposal: "Đề nghị gia hạn thời hạn hoàn thành nhiệm vụ đến ngày 15/7/2023."}
	material := &ops.ObstacleInput{TaskID: taskOf(UnitFinance),
		What:     "Chưa có tài liệu tuyên truyền về Tổng đài 111 để phổ biến",
		Why:      "Phòng chưa nhận được tài liệu, khẩu hiệu năm 2023 nên chưa tổ chức tuyên truyền cho người lao động được.",
		Proposal: "Đề nghị Văn phòng Sở cung cấp tài liệu tuyên truyền."}
	material2 := &ops.ObstacleInput{TaskID: taskOf(UnitInfra), ForUnit: true,
		What: "Thiếu tài liệu, thông điệp tuyên truyền năm 2023",
		Why:  "Chưa có thông điệp, khẩu hiệu chính thức của Tháng hành động năm 2023 để in và phổ biến."}
	money := &ops.ObstacleInput{TaskID: taskOf(UnitRegistry), ForUnit: true,
		What:     "Đề nghị bổ sung kinh phí in pa nô, áp phích tuyên truyền",
		Why:      "Dự toán năm 2023 của Trung tâm không có khoản chi cho tuyên truyền Tháng hành động vì trẻ em.",
		Proposal: "Đề nghị Sở bổ sung 15 triệu đồng."}
	for _, r := range []struct {
		user      string
		day, hour int
		o         *ops.ObstacleInput
	}{{"bqlbt", 12, 9, rain}, {"nhanvien", 12, 15, material}, {"pkcht", 13, 8, material2}, {"dangkiem", 13, 10, money}} {
		if err := raise(r.user, r.day, r.hour, r.o); err != nil {
			return err
		}
	}

	office, director := people["vanphong"], people["giamdoc"]
	id := func(in *ops.ObstacleInput) string { return raised[in].ID }
	steps := []struct {
		day, hour int
		what      string
		do        func() error
	}{
		{14, 8, "merge", func() error {
			_, err := svc.MergeObstacle(ctx, office, id(material2), ops.MergeInput{PrimaryID: id(material)})
			return err
		}},
		{14, 9, "answer", func() error {
			_, err := svc.AnswerObstacle(ctx, office, id(material), ops.AnswerInput{
				Text: "Văn phòng Sở đã gửi tài liệu tuyên truyền, thông điệp năm 2023 và thông tin Tổng đài 111 qua hệ thống quản lý văn bản ngày 14/6/2023."})
			return err
		}},
		{14, 10, "escalate", func() error {
			_, err := svc.EscalateObstacle(ctx, office, id(rain), kehoach.ObstacleAssessment{Group: "Nhân lực mùa mưa lũ", Shared: true,
				Assessment: "Lý do chính đáng: Ban đang thực hiện nhiệm vụ cấp bách đảm bảo giao thông. Việc gia hạn không ảnh hưởng đến thời hạn báo cáo kết quả của Sở.",
				Proposal:   "Đề nghị Giám đốc đồng ý gia hạn đến ngày 15/7/2023."})
			return err
		}},
		{14, 11, "escalate", func() error {
			_, err := svc.EscalateObstacle(ctx, office, id(money), kehoach.ObstacleAssessment{Group: "Kinh phí",
				Assessment: "Kế hoạch không bố trí kinh phí riêng; các đơn vị lồng ghép tuyên truyền trong nhiệm vụ thường xuyên.",
				Proposal:   "Đề nghị không bổ sung kinh phí."})
			return err
		}},
		{15, 8, "confirm", func() error {
			_, err := svc.ConfirmObstacle(ctx, people["nhanvien"], id(material), ops.ConfirmInput{Resolved: true, Feedback: "Đã nhận tài liệu, Phòng đã tổ chức tuyên truyền."})
			return err
		}},
		{16, 14, "decide", func() error {
			_, err := svc.DecideObstacle(ctx, director, id(rain), ops.DecisionInput{
				Text:    "Đồng ý gia hạn thời hạn hoàn thành nhiệm vụ tuyên truyền của Ban Quản lý bảo trì đường bộ đến ngày 15/7/2023; Ban ưu tiên nhiệm vụ đảm bảo giao thông.",
				Effects: []kehoach.Effect{{Kind: kehoach.EffectExtendDue, TaskID: rain.TaskID, Due: "2023-07-15"}}})
			return err
		}},
		{16, 15, "decide", func() error {
			_, err := svc.DecideObstacle(ctx, director, id(money), ops.DecisionInput{NotActionable: true,
				Text: "Không bổ sung kinh phí; Trung tâm lồng ghép tuyên truyền trong hoạt động đăng kiểm và sử dụng tài liệu do Văn phòng Sở cung cấp."})
			return err
		}},
		{19, 8, "confirm", func() error {
			_, err := svc.ConfirmObstacle(ctx, people["bqlbt"], id(rain), ops.ConfirmInput{Resolved: true, Feedback: "Ban sẽ hoàn thành trong thời hạn mới."})
			return err
		}},
	}
	for _, s := range steps {
		svc.SetClock(at(time.June, s.day, s.hour))
		if err := s.do(); err != nil {
			return fmt.Errorf("demo obstacle %s: %w", s.what, err)
		}
	}
	return nil
}
