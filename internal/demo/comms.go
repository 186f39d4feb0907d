package demo

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"time"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/ops"
)

// demoPosts are the news items the units published during the month.
var demoPosts = []struct {
	username, unit, title, url string
	kind                       kehoach.PostKind
	day                        int
	minutes                    float64
}{
	{"bientap", UnitWebsite, "Sở Giao thông vận tải hưởng ứng Tháng hành động vì trẻ em năm 2023", "https://sogtvt.sonla.gov.vn/tin-tuc/huong-ung-thang-hanh-dong-vi-tre-em-2023", kehoach.PostNews, 1, 0},
	{"bientap", UnitWebsite, "Thông điệp Tháng hành động vì trẻ em năm 2023: Hành động thiết thực, ưu tiên nguồn lực cho trẻ em", "https://sogtvt.sonla.gov.vn/tin-tuc/thong-diep-thang-hanh-dong-2023", kehoach.PostArticle, 2, 0},
	{"bientap", UnitWebsite, "Tổng đài điện thoại quốc gia bảo vệ trẻ em 111: gọi miễn phí, 24/7", "https://sogtvt.sonla.gov.vn/tin-tuc/tong-dai-111", kehoach.PostNews, 6, 0},
	{"bientap", UnitWebsite, "Phóng sự: Mùa hè an toàn – phòng, chống đuối nước cho trẻ em", "https://sogtvt.sonla.gov.vn/video/mua-he-an-toan-phong-chong-duoi-nuoc", kehoach.PostVideo, 12, 8.5},
	{"bientap", UnitWebsite, "Bản tin âm thanh: an toàn giao thông cho trẻ em dịp hè", "https://sogtvt.sonla.gov.vn/audio/an-toan-giao-thong-tre-em-dip-he", kehoach.PostAudio, 19, 5},
	{"chidoan", UnitYouth, "Chi đoàn thanh niên Sở tặng quà thiếu nhi nhân ngày Quốc tế thiếu nhi 1/6", "https://sogtvt.sonla.gov.vn/tin-tuc/chi-doan-tang-qua-thieu-nhi", kehoach.PostNews, 2, 0},
}

// loadComms records the demo's news items, messages, contacts and events,
// and publishes the campaign page. The launch ceremony the importer found
// in the plan becomes an event, confirmed, with its attendance and a photo.
func loadComms(ctx context.Context, svc *ops.Service, plan *kehoach.Plan) error {
	office, err := svc.ActAs(ctx, "vanphong")
	if err != nil {
		return err
	}
	svc.SetClock(at(time.July, 1, 10))
	// The catalogue is the administrator's: kehoach adds the entries that
	// communications count into.
	sys, err := svc.System(ctx, "dữ liệu mẫu")
	if err != nil {
		return err
	}
	if err := svc.AddCommsIndicators(ctx, sys); err != nil {
		return err
	}
	pub := ops.PublicityInput{
		Messages: []kehoach.Message{
			{Kind: kehoach.KindMessage, Text: "Hành động thiết thực, ưu tiên nguồn lực cho trẻ em"},
			{Kind: kehoach.KindSlogan, Text: "Bảo vệ trẻ em là trách nhiệm của toàn xã hội"},
			{Kind: kehoach.KindSlogan, Text: "Gọi 111 khi trẻ em bị xâm hại hoặc có nguy cơ bị xâm hại"},
			{Kind: kehoach.KindSlogan, Text: "Mùa hè an toàn cho trẻ em: không để trẻ bơi một mình"},
		},
		Contacts: []kehoach.Contact{
			{Name: "Tổng đài điện thoại quốc gia bảo vệ trẻ em", Phone: kehoach.Hotline, Hours: "24/7, miễn phí", National: true},
			{Name: "Phòng Bảo vệ, chăm sóc trẻ em – Sở Lao động - Thương binh và Xã hội tỉnh Sơn La", Phone: "0212 3850 000",
				Address: "Phường Chiềng Lề, thành phố Sơn La, tỉnh Sơn La", Hours: "Giờ hành chính"},
			{Name: "Trung tâm Công tác xã hội tỉnh Sơn La", Phone: "0212 3700 000",
				Address: "Thành phố Sơn La, tỉnh Sơn La", Hours: "Giờ hành chính"},
		}}
	if _, err := svc.SavePublicity(ctx, office, plan.ID, pub); err != nil {
		return fmt.Errorf("demo publicity: %w", err)
	}
	for _, ev := range plan.Events {
		day, ok := ev.Day()
		if !ok {
			continue
		}
		e := ops.EventInput{EventFields: kehoach.EventFields{UnitID: UnitYouth, Name: ev.Name, Start: day.Add(7*time.Hour + 30*time.Minute),
			Organiser: "UBND tỉnh Sơn La; Sở Lao động - Thương binh và Xã hội", Status: kehoach.EventTentative}}
		end := day.Add(10 * time.Hour)
		e.End = &end
		if ev.Place != nil {
			e.Place = *ev.Place
		}
		if e.Name == "" {
			e.Name = "Lễ phát động Tháng hành động vì trẻ em cấp tỉnh"
		}
		created, err := svc.CreateEvent(ctx, office, plan.ID, e)
		if err != nil {
			return fmt.Errorf("demo event: %w", err)
		}
		// The ceremony took place as planned; the youth union reports how
		// many of the agency's people took part.
		e.Status = kehoach.EventConfirmed
		if _, err := svc.UpdateEvent(ctx, office, plan.ID, created.ID, e); err != nil {
			return err
		}
		youth, err := svc.ActAs(ctx, "chidoan")
		if err != nil {
			return err
		}
		n := 42
		e.Attendance = &n
		if _, err := svc.UpdateEvent(ctx, youth, plan.ID, created.ID, e); err != nil {
			return fmt.Errorf("demo attendance: %w", err)
		}
		if _, err := svc.AddEventPhoto(ctx, youth, plan.ID, created.ID, "le-phat-dong.png", demoPhoto()); err != nil {
			return fmt.Errorf("demo photo: %w", err)
		}
	}
	for _, p := range demoPosts {
		who, err := svc.ActAs(ctx, p.username)
		if err != nil {
			return err
		}
		post := ops.PostInput{UnitID: p.unit, Title: p.title, URL: p.url, Kind: p.kind,
			PublishedOn: fmt.Sprintf("2023-06-%02d", p.day)}
		if p.minutes > 0 {
			m := p.minutes
			post.Minutes = &m
		}
		if _, err := svc.CreatePost(ctx, who, plan.ID, post); err != nil {
			return fmt.Errorf("demo post %s: %w", p.title, err)
		}
	}
	published := true
	_, err = svc.SetPublished(ctx, office, plan.ID, ops.PublicationInput{Published: &published})
	return err
}

// demoPhoto draws a small picture to stand for a photo of the ceremony.
func demoPhoto() []byte {
	img := image.NewRGBA(image.Rect(0, 0, 48, 32))
	for y := 0; y < 32; y++ {
		for x := 0; x < 48; x++ {
			img.Set(x, y, color.RGBA{R: uint8(160 + y*2), G: uint8(20 + x), B: 30, A: 255})
		}
	}
	var b bytes.Buffer
	_ = png.Encode(&b, img)
	return b.Bytes()
}
