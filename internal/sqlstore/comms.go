package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/kehoach/kehoach"
)

// The communications of a plan: news items, messages and contacts, events
// with attendance and photos, and whether its public page is published.
// The rights and the validation are internal/ops's; the store keeps the
// rows, the duplicate links and the audit trail.

const postCols = `id, plan_id, unit_id, task_id, title, url, kind, published_on, minutes, created_by, created_at, updated_at`

func scanPost(sc scanner) (*kehoach.Post, error) {
	var p kehoach.Post
	var minutes sql.NullFloat64
	var created, updated nullTime
	if err := sc.Scan(&p.ID, &p.PlanID, &p.UnitID, &p.TaskID, &p.Title, &p.URL, &p.Kind, &p.PublishedOn, &minutes, &p.CreatedBy, &created, &updated); err != nil {
		return nil, err
	}
	if minutes.Valid {
		v := minutes.Float64
		p.Minutes = &v
	}
	p.CreatedAt, p.UpdatedAt = created.T, updated.T
	return &p, nil
}

// FindPosts returns news items, newest publication first.
func (db *DB) FindPosts(ctx context.Context, f kehoach.PostFilter) ([]*kehoach.Post, error) {
	w, args := where(eqSet("plan_id", f.PlanID), eqSet("unit_id", f.UnitID))
	rows, err := db.query(ctx, `SELECT `+postCols+` FROM posts`+w+` ORDER BY published_on DESC, created_at DESC, id DESC`+limit(f.Limit), args...)
	return nonNil(scanAll(rows, err, scanPost))
}

// FindPostByID returns one news item.
func (db *DB) FindPostByID(ctx context.Context, id string) (*kehoach.Post, error) {
	return scanOne(db.queryRow(ctx, `SELECT `+postCols+` FROM posts WHERE id = ?`, id), scanPost, "tin, bài")
}

func (tx *Tx) postByID(id string) (*kehoach.Post, error) {
	return scanOne(tx.queryRow(`SELECT `+postCols+` FROM posts WHERE id = ?`, id), scanPost, "tin, bài")
}

// postNormURL returns the normalised link of a news item, or a conflict
// naming the item of the plan that already has it.
func (tx *Tx) postNormURL(p *kehoach.Post) (string, error) {
	norm, err := kehoach.NormalizeURL(p.URL)
	if err != nil {
		return "", kehoach.Invalid(map[string]string{"url": "Đường dẫn không hợp lệ."})
	}
	var other string
	err = tx.queryRow(`SELECT title FROM posts WHERE plan_id = ? AND norm_url = ? AND id <> ?`, p.PlanID, norm, p.ID).Scan(&other)
	if err == nil {
		return "", &kehoach.Error{Code: kehoach.ECONFLICT, Message: "Tin, bài này đã được ghi nhận: “" + other + "”.",
			Fields: map[string]string{"url": "Đường dẫn này đã được ghi nhận cho tin, bài “" + other + "”."}}
	} else if err != sql.ErrNoRows {
		return "", err
	}
	return norm, nil
}

func minutesArg(m *float64) any {
	if m == nil {
		return nil
	}
	return *m
}

// CreatePost records a news item (checked by the caller).
func (db *DB) CreatePost(ctx context.Context, p *kehoach.Post) error {
	return db.InTx(ctx, func(tx *Tx) error {
		p.ID = NewID()
		norm, err := tx.postNormURL(p)
		if err != nil {
			return err
		}
		p.CreatedBy, p.CreatedAt, p.UpdatedAt = tx.Actor.Name(), tx.Now, tx.Now
		if _, err := tx.exec(`INSERT INTO posts (`+postCols+`, norm_url) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			p.ID, p.PlanID, p.UnitID, p.TaskID, p.Title, p.URL, p.Kind, p.PublishedOn, minutesArg(p.Minutes), p.CreatedBy, p.CreatedAt, p.UpdatedAt, norm); err != nil {
			if isUniqueViolation(err) {
				return kehoach.Invalid(map[string]string{"url": "Đường dẫn này đã được ghi nhận."})
			}
			return err
		}
		return tx.audit("post.create", "post", p.ID, p.PlanID, "Ghi nhận tin, bài “"+p.Title+"”", nil, p)
	})
}

// UpdatePost changes a news item (checked by the caller).
func (db *DB) UpdatePost(ctx context.Context, p *kehoach.Post) error {
	return db.InTx(ctx, func(tx *Tx) error {
		before, err := tx.postByID(p.ID)
		if err != nil {
			return err
		}
		p.PlanID = before.PlanID
		norm, err := tx.postNormURL(p)
		if err != nil {
			return err
		}
		p.CreatedBy, p.CreatedAt, p.UpdatedAt = before.CreatedBy, before.CreatedAt, tx.Now
		if _, err := tx.exec(`UPDATE posts SET unit_id = ?, task_id = ?, title = ?, url = ?, norm_url = ?, kind = ?, published_on = ?, minutes = ?, updated_at = ? WHERE id = ?`,
			p.UnitID, p.TaskID, p.Title, p.URL, norm, p.Kind, p.PublishedOn, minutesArg(p.Minutes), p.UpdatedAt, p.ID); err != nil {
			if isUniqueViolation(err) {
				return kehoach.Invalid(map[string]string{"url": "Đường dẫn này đã được ghi nhận."})
			}
			return err
		}
		return tx.audit("post.update", "post", p.ID, p.PlanID, "Sửa tin, bài “"+p.Title+"”", before, p)
	})
}

// DeletePost removes a news item; its figures leave the indicator table.
func (db *DB) DeletePost(ctx context.Context, id string) error {
	return db.InTx(ctx, func(tx *Tx) error {
		before, err := tx.postByID(id)
		if err != nil {
			return err
		}
		if _, err := tx.exec(`DELETE FROM posts WHERE id = ?`, id); err != nil {
			return err
		}
		return tx.audit("post.delete", "post", id, before.PlanID, "Xóa tin, bài “"+before.Title+"”", before, nil)
	})
}

// FindPublicity returns a plan's messages and contacts (empty lists when
// none were saved).
func (db *DB) FindPublicity(ctx context.Context, planID string) (*kehoach.Publicity, error) {
	p := &kehoach.Publicity{PlanID: planID, Messages: []kehoach.Message{}, Contacts: []kehoach.Contact{}}
	var content string
	err := db.queryRow(ctx, `SELECT content FROM publicity WHERE plan_id = ?`, planID).Scan(&content)
	if err == sql.ErrNoRows {
		return p, nil
	} else if err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(content), p); err != nil {
		return nil, fmt.Errorf("publicity %s: %w", planID, err)
	}
	p.PlanID = planID
	return p, p.Validate()
}

// SavePublicity replaces a plan's messages and contacts (checked by the
// caller).
func (db *DB) SavePublicity(ctx context.Context, p *kehoach.Publicity) error {
	before, err := db.FindPublicity(ctx, p.PlanID)
	if err != nil {
		return err
	}
	return db.InTx(ctx, func(tx *Tx) error {
		b, err := json.Marshal(p)
		if err != nil {
			return err
		}
		res, err := tx.exec(`UPDATE publicity SET content = ?, updated_at = ? WHERE plan_id = ?`, string(b), tx.Now, p.PlanID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			if _, err := tx.exec(`INSERT INTO publicity (plan_id, content, updated_at) VALUES (?, ?, ?)`, p.PlanID, string(b), tx.Now); err != nil {
				return err
			}
		}
		return tx.audit("publicity.save", "plan", p.PlanID, p.PlanID, "Cập nhật thông điệp, khẩu hiệu và thông tin liên hệ", before, p)
	})
}

const eventCols = `id, plan_id, unit_id, name, starts_at, ends_at, place, organiser, status, attendance, updated_at`

func scanEvent(sc scanner) (*kehoach.CampaignEvent, error) {
	var e kehoach.CampaignEvent
	var start, end, updated nullTime
	var att sql.NullInt64
	if err := sc.Scan(&e.ID, &e.PlanID, &e.UnitID, &e.Name, &start, &end, &e.Place, &e.Organiser, &e.Status, &att, &updated); err != nil {
		return nil, err
	}
	e.Start, e.End, e.UpdatedAt = start.T, end.ptr(), updated.T
	if att.Valid {
		n := int(att.Int64)
		e.Attendance = &n
	}
	e.Photos = []kehoach.EventPhoto{}
	return &e, nil
}

// FindEvents returns a plan's events in time order, with their photos.
func (db *DB) FindEvents(ctx context.Context, planID string) ([]*kehoach.CampaignEvent, error) {
	rows, err := db.query(ctx, `SELECT `+eventCols+` FROM campaign_events WHERE plan_id = ? ORDER BY starts_at, id`, planID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []*kehoach.CampaignEvent{}
	byID := map[string]*kehoach.CampaignEvent{}
	for rows.Next() {
		e, err := scanEvent(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
		byID[e.ID] = e
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	prow, err := db.query(ctx, `SELECT p.id, p.event_id, p.name, p.content_type, p.size FROM event_photos p JOIN campaign_events e ON e.id = p.event_id
		WHERE e.plan_id = ? ORDER BY p.uploaded_at, p.id`, planID)
	if err != nil {
		return nil, err
	}
	defer prow.Close()
	for prow.Next() {
		var ph kehoach.EventPhoto
		var eventID string
		if err := prow.Scan(&ph.ID, &eventID, &ph.Name, &ph.ContentType, &ph.Size); err != nil {
			return nil, err
		}
		if e := byID[eventID]; e != nil {
			e.Photos = append(e.Photos, ph)
		}
	}
	return out, prow.Err()
}

// FindEventByID returns one event with its photos.
func (db *DB) FindEventByID(ctx context.Context, id string) (*kehoach.CampaignEvent, error) {
	e, err := scanEvent(db.queryRow(ctx, `SELECT `+eventCols+` FROM campaign_events WHERE id = ?`, id))
	if err != nil {
		return nil, notFound(err, "sự kiện")
	}
	all, err := db.FindEvents(ctx, e.PlanID)
	if err != nil {
		return nil, err
	}
	for _, x := range all {
		if x.ID == id {
			return x, nil
		}
	}
	return e, nil
}

func (tx *Tx) eventByID(id string) (*kehoach.CampaignEvent, error) {
	return scanOne(tx.queryRow(`SELECT `+eventCols+` FROM campaign_events WHERE id = ?`, id), scanEvent, "sự kiện")
}

// ensureCommsIndicators adds the attendance indicator to the catalogue the
// first time an event is recorded.
func (tx *Tx) ensureCommsIndicators() error {
	return tx.ensureIndicators(kehoach.CommsIndicators, func(int) int { return 100 })
}

func attendanceArg(n *int) any {
	if n == nil {
		return nil
	}
	return *n
}

// CreateEvents records events of plans (checked by the caller) in one
// transaction.
func (db *DB) CreateEvents(ctx context.Context, events ...*kehoach.CampaignEvent) error {
	return db.InTx(ctx, func(tx *Tx) error {
		if err := tx.ensureCommsIndicators(); err != nil {
			return err
		}
		for _, e := range events {
			if err := tx.createEvent(e); err != nil {
				return err
			}
		}
		return nil
	})
}

// createEvent records one event; the comms indicators are ensured.
func (tx *Tx) createEvent(e *kehoach.CampaignEvent) error {
	e.ID, e.UpdatedAt = NewID(), tx.Now
	if e.Photos == nil {
		e.Photos = []kehoach.EventPhoto{}
	}
	if _, err := tx.exec(`INSERT INTO campaign_events (`+eventCols+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		e.ID, e.PlanID, e.UnitID, e.Name, e.Start.UTC(), timeArg(e.End), e.Place, e.Organiser, e.Status, attendanceArg(e.Attendance), e.UpdatedAt); err != nil {
		return err
	}
	return tx.audit("event.create", "event", e.ID, e.PlanID, "Thêm sự kiện “"+e.Name+"”", nil, e)
}

// UpdateEvent changes an event, or records its attendance (checked by the
// caller).
func (db *DB) UpdateEvent(ctx context.Context, e *kehoach.CampaignEvent) error {
	return db.InTx(ctx, func(tx *Tx) error {
		before, err := tx.eventByID(e.ID)
		if err != nil {
			return err
		}
		e.PlanID = before.PlanID
		if err := tx.ensureCommsIndicators(); err != nil {
			return err
		}
		e.UpdatedAt = tx.Now
		if _, err := tx.exec(`UPDATE campaign_events SET unit_id = ?, name = ?, starts_at = ?, ends_at = ?, place = ?, organiser = ?, status = ?, attendance = ?, updated_at = ? WHERE id = ?`,
			e.UnitID, e.Name, e.Start.UTC(), timeArg(e.End), e.Place, e.Organiser, e.Status, attendanceArg(e.Attendance), e.UpdatedAt, e.ID); err != nil {
			return err
		}
		summary := "Sửa sự kiện “" + e.Name + "”"
		if e.Attendance != nil && (before.Attendance == nil || *before.Attendance != *e.Attendance) {
			summary = fmt.Sprintf("Ghi nhận %d người tham dự sự kiện “%s”", *e.Attendance, e.Name)
		}
		return tx.audit("event.update", "event", e.ID, e.PlanID, summary, before, e)
	})
}

// AddEventPhoto keeps photo ph of event e (checked by the caller); it sets
// the photo's id.
func (db *DB) AddEventPhoto(ctx context.Context, e *kehoach.CampaignEvent, ph *kehoach.EventPhoto, data []byte) error {
	return db.InTx(ctx, func(tx *Tx) error {
		ph.ID = NewID()
		if _, err := tx.exec(`INSERT INTO event_photos (id, event_id, name, content_type, size, data, uploaded_by, uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			ph.ID, e.ID, ph.Name, ph.ContentType, ph.Size, data, tx.Actor.Name(), tx.Now); err != nil {
			return err
		}
		return tx.audit("event.photo", "event", e.ID, e.PlanID, "Thêm ảnh “"+ph.Name+"” cho sự kiện “"+e.Name+"”", nil, ph)
	})
}

// EventPhotoData returns a photo, its event's plan id and its bytes.
func (db *DB) EventPhotoData(ctx context.Context, id string) (*kehoach.EventPhoto, string, []byte, error) {
	var ph kehoach.EventPhoto
	var planID string
	var data []byte
	err := db.queryRow(ctx, `SELECT p.id, p.name, p.content_type, p.size, p.data, e.plan_id FROM event_photos p JOIN campaign_events e ON e.id = p.event_id WHERE p.id = ?`, id).
		Scan(&ph.ID, &ph.Name, &ph.ContentType, &ph.Size, &data, &planID)
	if err != nil {
		return nil, "", nil, notFound(err, "ảnh")
	}
	return &ph, planID, data, nil
}

// FindPublication returns whether a plan's public page is published.
func (db *DB) FindPublication(ctx context.Context, planID string) (*kehoach.Publication, error) {
	p := &kehoach.Publication{PlanID: planID}
	var at nullTime
	err := db.queryRow(ctx, `SELECT published, changed_at FROM publications WHERE plan_id = ?`, planID).Scan(&p.Published, &at)
	if err != nil && err != sql.ErrNoRows {
		return nil, err
	}
	p.ChangedAt = at.ptr()
	return p, nil
}

// SetPublished publishes or withdraws a plan's public campaign page
// (checked by the caller).
func (db *DB) SetPublished(ctx context.Context, planID string, published bool) error {
	return db.InTx(ctx, func(tx *Tx) error {
		var was bool
		err := tx.queryRow(`SELECT published FROM publications WHERE plan_id = ?`, planID).Scan(&was)
		switch {
		case err == sql.ErrNoRows:
			if _, err := tx.exec(`INSERT INTO publications (plan_id, published, changed_by, changed_at) VALUES (?, ?, ?, ?)`, planID, published, tx.Actor.Name(), tx.Now); err != nil {
				return err
			}
		case err != nil:
			return err
		case was == published:
			return nil
		default:
			if _, err := tx.exec(`UPDATE publications SET published = ?, changed_by = ?, changed_at = ? WHERE plan_id = ?`, published, tx.Actor.Name(), tx.Now, planID); err != nil {
				return err
			}
		}
		action, summary := "public.publish", "Công bố trang tuyên truyền công khai"
		if !published {
			action, summary = "public.unpublish", "Gỡ trang tuyên truyền công khai"
		}
		return tx.audit(action, "plan", planID, planID, summary, map[string]bool{"published": was}, map[string]bool{"published": published})
	})
}
