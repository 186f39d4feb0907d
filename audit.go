package kehoach

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strconv"
	"time"
)

// AuditEntry records one change: who, when, what, before and after. Entries
// are append-only and chained: each carries the hash of the previous one, so
// that altering or removing an entry breaks the chain from there on.
type AuditEntry struct {
	Seq       int64     `json:"seq"`
	At        time.Time `json:"at"`
	ActorID   string    `json:"actorId"`
	ActorName string    `json:"actorName"`
	// Action names the change, such as "plan.create" or "person.password".
	Action string `json:"action"`
	Entity string `json:"entity"` // plan, person, unit, …
	// EntityID is the id of the changed thing; PlanID the plan it belongs to.
	EntityID string `json:"entityId"`
	PlanID   string `json:"planId,omitempty"`
	// Summary is a readable sentence in Vietnamese.
	Summary  string          `json:"summary"`
	Before   json.RawMessage `json:"before,omitempty"`
	After    json.RawMessage `json:"after,omitempty"`
	PrevHash string          `json:"prevHash"`
	Hash     string          `json:"hash"`
}

// ComputeHash returns the hash of the entry's content chained to PrevHash.
// Every field except Hash is covered, with lengths, so that no two different
// entries hash alike by moving text between fields.
func (e *AuditEntry) ComputeHash() string {
	h := sha256.New()
	for _, s := range []string{
		strconv.FormatInt(e.Seq, 10), e.At.UTC().Format(time.RFC3339Nano), e.ActorID, e.ActorName,
		e.Action, e.Entity, e.EntityID, e.PlanID, e.Summary, string(e.Before), string(e.After), e.PrevHash,
	} {
		h.Write([]byte(strconv.Itoa(len(s))))
		h.Write([]byte{':'})
		h.Write([]byte(s))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// AuditFilter selects audit entries.
type AuditFilter struct {
	PlanID   *string
	EntityID *string
	Limit    int
}

// AuditService reads the trail and verifies its chain.
type AuditService interface {
	FindAuditEntries(ctx context.Context, f AuditFilter) ([]*AuditEntry, error)
	// VerifyAudit walks the whole chain; it returns how many entries were
	// checked and, when the chain is broken, the first bad sequence number.
	VerifyAudit(ctx context.Context) (checked int, badSeq int64, err error)
}
