package demo

import (
	"context"
	"time"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/ops"
)

// loadDocuments prepares the demo's result report draft: on 3 July 2023
// the Office rewrites the proposals part of the draft. The figures keep
// following the data; the report is left as a draft for the Office to
// finalise, so that the register of outgoing documents starts empty.
func loadDocuments(ctx context.Context, svc *ops.Service, plan *kehoach.Plan) error {
	office, err := svc.ActAs(ctx, "vanphong")
	if err != nil {
		return err
	}
	svc.SetClock(at(time.July, 3, 10))
	_, err = svc.SaveSummary(ctx, office, plan.ID, kehoach.SummaryEdits{
		Proposals: "Đề nghị Sở Lao động - Thương binh và Xã hội tiếp tục cung cấp tài liệu truyền thông về phòng, chống xâm hại trẻ em, phòng, chống đuối nước để Sở phổ biến đến các phòng, đơn vị.\n" +
			"Đề nghị các phòng, đơn vị chưa gửi báo cáo hoàn thành và gửi báo cáo kết quả về Văn phòng Sở trước ngày 07/7/2023.",
	})
	return err
}
