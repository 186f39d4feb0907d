package kehoach

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strconv"
	"time"
)

// AuditEntry records one change: who, when, what, before and after, and
// the state of every audited row the change left behind. Entries are
// written by the change's transaction, then sealed after commit into one
// chain: each carries the keyed hash (HMAC) of its content and of the
// previous entry, so that altering, inserting or removing an entry breaks
// the chain from there on.
type AuditEntry struct {
	// Seq numbers entries as they are written.
	Seq int64     `json:"seq"`
	At  time.Time `json:"at"`
	// ChainSeq is the entry's place in the chain (commit order); 0 while
	// the entry is not yet sealed.
	ChainSeq  int64  `json:"chainSeq,omitempty"`
	ActorID   string `json:"actorId"`
	ActorName string `json:"actorName"`
	// Action names the change, such as "plan.create" or "person.password".
	Action string `json:"action"`
	Entity string `json:"entity"` // plan, person, unit, …
	// EntityID is the id of the changed thing; PlanID the plan it belongs to.
	EntityID string `json:"entityId"`
	PlanID   string `json:"planId,omitempty"`
	// Summary is a readable sentence in Vietnamese.
	Summary string          `json:"summary"`
	Before  json.RawMessage `json:"before,omitempty"`
	After   json.RawMessage `json:"after,omitempty"`
	// Rows are the audited rows the change wrote, each with the hash of
	// its new state (empty when the row was deleted).
	Rows     []AuditRow `json:"rows,omitempty"`
	PrevHash string     `json:"prevHash"`
	Hash     string     `json:"hash"`
}

// AuditRow is one row a change wrote: its table, its key and the SHA-256
// of its canonical JSON after the change ("" when deleted).
type AuditRow struct {
	Table string `json:"t"`
	ID    string `json:"id"`
	Hash  string `json:"h"`
}

// ComputeMAC returns the keyed hash of the entry's content chained to
// PrevHash. Every field except Hash is covered, with lengths, so that no
// two different entries hash alike by moving text between fields.
func (e *AuditEntry) ComputeMAC(key []byte) string {
	rows, _ := json.Marshal(e.Rows)
	if len(e.Rows) == 0 {
		rows = nil
	}
	return e.ComputeMACRows(key, string(rows))
}

// ComputeMACRows is ComputeMAC for a writer that has e.Rows as JSON
// already (rows, as json.Marshal writes them; "" when there are none).
func (e *AuditEntry) ComputeMACRows(key []byte, rows string) string {
	h := hmac.New(sha256.New, key)
	for _, s := range []string{
		strconv.FormatInt(e.ChainSeq, 10), strconv.FormatInt(e.Seq, 10), e.At.UTC().Format(time.RFC3339Nano),
		e.ActorID, e.ActorName, e.Action, e.Entity, e.EntityID, e.PlanID, e.Summary,
		string(e.Before), string(e.After), rows, e.PrevHash,
	} {
		h.Write([]byte(strconv.Itoa(len(s))))
		h.Write([]byte{':'})
		h.Write([]byte(s))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// WriteMAC is the keyed hash the writing transaction gives the entry
// before it is sealed: the sequencer seals as written by kehoach only the
// entries whose hash is this, so that a row inserted into the trail
// behind kehoach's back is never sealed as genuine.
func (e *AuditEntry) WriteMAC(key []byte) string {
	c := *e
	c.ChainSeq, c.PrevHash = 0, ""
	return c.ComputeMAC(key)
}

// LegacyHash is the unkeyed SHA-256 chain hash entries had before the
// keyed chain; it is checked once, when a database is upgraded.
func (e *AuditEntry) LegacyHash() string {
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

// AuditAnchor is the signed head of the chain, kept outside the database
// by an auditor: a later chain must still hold this entry.
type AuditAnchor struct {
	ChainSeq int64     `json:"chainSeq"`
	Hash     string    `json:"hash"`
	At       time.Time `json:"at"`
	MAC      string    `json:"mac"`
}

// ComputeMAC returns the keyed hash of the anchor's content.
func (a *AuditAnchor) ComputeMAC(key []byte) string {
	h := hmac.New(sha256.New, key)
	h.Write([]byte("kehoach audit anchor\n" + strconv.FormatInt(a.ChainSeq, 10) + "\n" + a.Hash + "\n" + a.At.UTC().Format(time.RFC3339Nano)))
	return hex.EncodeToString(h.Sum(nil))
}

// AuditReport is the result of verifying the trail.
type AuditReport struct {
	// Checked is how many entries were read; Rows how many rows of the
	// audited tables were compared with their last entry.
	Checked int
	Rows    int
	// BrokenAt is the Seq of the first entry altered, inserted or
	// following a removed one; 0 when the chain is intact.
	BrokenAt int64
	// Head is the last entry of the chain (0 and "" when empty).
	HeadSeq  int64
	HeadHash string
	// RowProblems name rows that differ from their last entry (edited,
	// inserted or deleted behind the trail's back).
	RowProblems []string
	// AnchorProblem says why the chain does not hold the anchor given.
	AnchorProblem string
}

// OK reports whether nothing was found wrong.
func (r *AuditReport) OK() bool {
	return r.BrokenAt == 0 && len(r.RowProblems) == 0 && r.AnchorProblem == ""
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
	// checked and, when the chain or a row is wrong, the first bad sequence
	// number.
	VerifyAudit(ctx context.Context) (checked int, badSeq int64, err error)
}
