package ops

import (
	"context"
	"strings"
	"time"

	"github.com/kehoach/kehoach"
)

// PublicCampaign is what anyone may read of a plan whose campaign page is
// published: its title and period, its messages and contacts, its events
// and its news items. Nothing private is in it: no unit reports, obstacles,
// people, attendance, photos or drafts.
type PublicCampaign struct {
	PlanID string
	// Title is the plan's full title ("Kế hoạch …").
	Title   string
	Period  *kehoach.Period
	Agency  string
	Created time.Time
	// Updated is the last change of the plan, its events or its items.
	Updated  time.Time
	Messages []kehoach.Message
	Slogans  []kehoach.Message
	// Hotline is the national hotline 111, always shown first.
	Hotline  *kehoach.Contact
	Contacts []kehoach.Contact
	// Upcoming events in time order; Past events latest first. Cancelled
	// events are left out.
	Upcoming []*kehoach.CampaignEvent
	Past     []*kehoach.CampaignEvent
	// Posts are the 20 newest news items.
	Posts []*kehoach.Post
}

// PublicCampaign returns the public page of plan id. A plan that is not
// published, a draft, or none at all are not told apart: all are not
// found. It takes no actor: anyone may ask.
func (s *Service) PublicCampaign(ctx context.Context, id string) (*PublicCampaign, error) {
	ctx = readOnly(ctx)
	p, err := s.store.FindPlanByID(ctx, id)
	if err != nil {
		if kehoach.ErrorCode(err) == kehoach.ENOTFOUND {
			return nil, notFound("trang")
		}
		return nil, err
	}
	pub, err := s.store.FindPublication(ctx, p.ID)
	if err != nil {
		return nil, err
	}
	if !pub.Published || p.Status == kehoach.PlanDraft {
		return nil, notFound("trang")
	}
	d := &PublicCampaign{PlanID: p.ID, Title: p.FullTitle(), Period: p.Period, Created: p.CreatedAt, Updated: p.UpdatedAt}
	if ag, err := s.store.FindUnitByID(ctx, p.AgencyID); err == nil {
		d.Agency = ag.Name
	}
	pubty, err := s.store.FindPublicity(ctx, p.ID)
	if err != nil {
		return nil, err
	}
	for _, m := range pubty.Messages {
		if m.Kind == kehoach.KindSlogan {
			d.Slogans = append(d.Slogans, m)
		} else {
			d.Messages = append(d.Messages, m)
		}
	}
	for i, c := range pubty.Contacts {
		if d.Hotline == nil && strings.TrimSpace(c.Phone) == kehoach.Hotline {
			d.Hotline = &pubty.Contacts[i]
			continue
		}
		d.Contacts = append(d.Contacts, c)
	}
	if d.Hotline == nil {
		d.Hotline = &kehoach.Contact{Name: "Tổng đài điện thoại quốc gia bảo vệ trẻ em", Phone: kehoach.Hotline, Hours: "24/7, miễn phí", National: true}
	}
	events, err := s.store.FindEvents(ctx, p.ID)
	if err != nil {
		return nil, err
	}
	now := s.Now()
	for _, e := range events {
		if e.Status == kehoach.EventCancelled {
			continue
		}
		e = &kehoach.CampaignEvent{ID: e.ID, PlanID: e.PlanID, Photos: []kehoach.EventPhoto{}, UpdatedAt: e.UpdatedAt,
			EventFields: kehoach.EventFields{Name: e.Name, Start: e.Start, End: e.End, Place: e.Place, Organiser: e.Organiser, Status: e.Status}}
		end := e.Start
		if e.End != nil {
			end = *e.End
		}
		if end.Before(now) {
			d.Past = append([]*kehoach.CampaignEvent{e}, d.Past...)
		} else {
			d.Upcoming = append(d.Upcoming, e)
		}
		if e.UpdatedAt.After(d.Updated) {
			d.Updated = e.UpdatedAt
		}
	}
	posts, err := s.store.FindPosts(ctx, kehoach.PostFilter{PlanID: p.ID, Limit: 20})
	if err != nil {
		return nil, err
	}
	for _, x := range posts {
		d.Posts = append(d.Posts, &kehoach.Post{ID: x.ID, PlanID: x.PlanID, Title: x.Title, URL: x.URL, Kind: x.Kind,
			PublishedOn: x.PublishedOn, CreatedAt: x.CreatedAt, UpdatedAt: x.UpdatedAt})
		if x.UpdatedAt.After(d.Updated) {
			d.Updated = x.UpdatedAt
		}
	}
	return d, nil
}

// EventWhen writes an event's time in Vietnam: "07:30 30/05/2023", with
// the end time when it ends the same day.
func EventWhen(e *kehoach.CampaignEvent) string {
	s := e.Start.In(kehoach.Zone)
	out := s.Format("15:04 02/01/2006")
	if e.End != nil {
		end := e.End.In(kehoach.Zone)
		if end.Format(time.DateOnly) == s.Format(time.DateOnly) {
			out = s.Format("15:04") + "–" + end.Format("15:04 02/01/2006")
		} else {
			out += " – " + end.Format("15:04 02/01/2006")
		}
	}
	return out
}

// PublicVersion returns a text that changes whenever the public page of
// plan id may change (one query), so that its rendering may be kept; it
// tells nothing of the plan (not found when there is none).
func (s *Service) PublicVersion(ctx context.Context, id string) (string, error) {
	v, err := s.store.PublicVersion(readOnly(ctx), id)
	if kehoach.ErrorCode(err) == kehoach.ENOTFOUND {
		return "", notFound("trang")
	}
	return v, err
}
