package sqlstore

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/kehoach/kehoach"
)

// AuditKeyFile is the name of the audit key in the data folder.
const AuditKeyFile = "audit.key"

// LoadAuditKey returns the key that seals the audit chain: fromEnv when
// set (KEHOACH_AUDIT_KEY, at least 16 characters), else the key in the
// file audit.key of the data folder dir, created on first use with mode
// 0600.
func LoadAuditKey(dir, fromEnv string) ([]byte, error) {
	if fromEnv != "" {
		if len(fromEnv) < 16 {
			return nil, errors.New("KEHOACH_AUDIT_KEY: cần ít nhất 16 ký tự (at least 16 characters)")
		}
		return []byte(fromEnv), nil
	}
	path := filepath.Join(dir, AuditKeyFile)
	b, err := os.ReadFile(path)
	if err == nil {
		k := strings.TrimSpace(string(b))
		if len(k) < 16 {
			return nil, fmt.Errorf("%s: khóa quá ngắn (key too short)", path)
		}
		return []byte(k), nil
	}
	if !errors.Is(err, os.ErrNotExist) {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return nil, err
	}
	k := hex.EncodeToString(raw)
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, os.ErrExist) { // made meanwhile by another process
		return LoadAuditKey(dir, "")
	}
	if err != nil {
		return nil, err
	}
	if _, err := f.WriteString(k + "\n"); err != nil {
		f.Close()
		return nil, err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return nil, err
	}
	return []byte(k), f.Close()
}

// sealer is the sequencer of one process: it seals the entries committed
// since its last pass, woken after each commit that wrote some and every
// few seconds (for entries other processes wrote). On PostgreSQL an
// advisory lock keeps one pass at a time across processes; on SQLite the
// single writer does.
type sealer struct {
	poke chan struct{}
	stop chan struct{}
	done chan struct{}
	once sync.Once
}

// sealEvery is how often the sequencer looks for entries without a poke.
const sealEvery = 3 * time.Second

// sealBatch is how many entries one sealing transaction takes.
const sealBatch = 500

// sealLock is the PostgreSQL advisory lock of the sequencer.
const sealLock = 0x6b68617564 // "khaud"

// SetAuditKey gives the key that seals the chain and starts the sequencer.
// Without a key entries stay unsealed until a process with the key seals
// them (verification does, first).
func (db *DB) SetAuditKey(key []byte) {
	db.auditKey = append([]byte(nil), key...)
	if db.seal != nil || len(key) == 0 {
		return
	}
	s := &sealer{poke: make(chan struct{}, 1), stop: make(chan struct{}), done: make(chan struct{})}
	db.seal = s
	go func() {
		defer close(s.done)
		t := time.NewTicker(sealEvery)
		defer t.Stop()
		for {
			select {
			case <-s.poke:
				// Let the commits arriving together go in one pass.
				time.Sleep(5 * time.Millisecond)
			case <-t.C:
			case <-s.stop:
				db.sealFor(10 * time.Second)
				return
			}
			db.sealFor(time.Minute)
		}
	}()
}

// sealFor runs the sequencer for at most d; what it leaves is sealed by a
// later pass or by verification.
func (db *DB) sealFor(d time.Duration) {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	_, _ = db.SealAudit(ctx)
}

func (db *DB) pokeSealer() {
	if db.seal == nil {
		return
	}
	select {
	case db.seal.poke <- struct{}{}:
	default:
	}
}

func (db *DB) stopSealer() {
	if db.seal == nil {
		return
	}
	db.seal.once.Do(func() { close(db.seal.stop) })
	<-db.seal.done
}

// SealAudit chains the committed entries not yet sealed, in the order they
// became visible (commit order), and returns how many it sealed.
func (db *DB) SealAudit(ctx context.Context) (int, error) {
	if len(db.auditKey) == 0 {
		return 0, errNoAuditKey
	}
	total := 0
	for {
		n, err := db.sealPass(ctx)
		total += n
		if err != nil || n < sealBatch {
			return total, err
		}
	}
}

const (
	sealHeadQuery    = `SELECT chain_seq, hash FROM audit_log WHERE chain_seq = (SELECT MAX(chain_seq) FROM audit_log)`
	sealPendingQuery = `SELECT ` + auditCols + ` FROM audit_log WHERE chain_seq IS NULL ORDER BY seq LIMIT ?`
	sealSetQuery     = `UPDATE audit_log SET chain_seq = ?, prev_hash = ?, hash = ? WHERE seq = ? AND chain_seq IS NULL`
)

// sealPass seals one batch. The sequencer's statements are kept prepared
// on the writer like the transactions' (prepared after the pass that first
// runs them, once the writer is free).
func (db *DB) sealPass(ctx context.Context) (int, error) {
	n, err := db.sealPassTx(ctx)
	db.stmts.prepareWanted(ctx)
	return n, err
}

func (db *DB) sealPassTx(ctx context.Context) (int, error) {
	sqltx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer func() { _ = sqltx.Rollback() }()
	if db.dialect == Postgres {
		if _, err := sqltx.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1)`, sealLock); err != nil {
			return 0, err
		}
	}
	stmt := func(q string) *sql.Stmt {
		if st := db.stmts.writer(q); st != nil {
			return sqltx.StmtContext(ctx, st)
		}
		return nil
	}
	var head int64
	var headHash string
	if st := stmt(sealHeadQuery); st != nil {
		err = st.QueryRowContext(ctx).Scan(&head, &headHash)
	} else {
		err = sqltx.QueryRowContext(ctx, sealHeadQuery).Scan(&head, &headHash)
	}
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return 0, err
	}
	var rows *sql.Rows
	if st := stmt(sealPendingQuery); st != nil {
		rows, err = st.QueryContext(ctx, sealBatch)
	} else {
		rows, err = sqltx.QueryContext(ctx, db.rebind(sealPendingQuery), sealBatch)
	}
	if err != nil {
		return 0, err
	}
	entries, err := scanAll(rows, nil, scanAudit)
	if err != nil {
		return 0, err
	}
	for _, e := range entries {
		head++
		// An entry kehoach did not write is sealed where it stands, marked,
		// so that verification names it.
		prev := headHash
		if e.Hash != e.WriteMAC(db.auditKey) {
			prev = unsignedMark + headHash
		}
		e.ChainSeq, e.PrevHash = head, prev
		e.Hash = e.ComputeMAC(db.auditKey)
		headHash = e.Hash
	}
	if len(entries) == 0 {
		return 0, nil
	}
	if db.dialect == Postgres {
		err = sealSetAll(ctx, sqltx, entries)
	} else {
		for _, e := range entries {
			args := []any{e.ChainSeq, e.PrevHash, e.Hash, e.Seq}
			if st := stmt(sealSetQuery); st != nil {
				_, err = st.ExecContext(ctx, args...)
			} else {
				_, err = sqltx.ExecContext(ctx, db.rebind(sealSetQuery), args...)
			}
			if err != nil {
				break
			}
		}
	}
	if err != nil {
		return 0, err
	}
	return len(entries), sqltx.Commit()
}

// sealSetPG seals a whole batch in one statement on PostgreSQL, which
// takes arrays: one round trip instead of one per entry.
const sealSetPG = `UPDATE audit_log AS a SET chain_seq = v.chain_seq, prev_hash = v.prev_hash, hash = v.hash
	FROM unnest($1::bigint[], $2::text[], $3::text[], $4::bigint[]) AS v(chain_seq, prev_hash, hash, seq)
	WHERE a.seq = v.seq AND a.chain_seq IS NULL`

// sealSetAll writes the chain links of entries in one statement and
// checks that every one was still unsealed (the advisory lock makes it
// so; a difference means another sealer ran without it).
func sealSetAll(ctx context.Context, sqltx *sql.Tx, entries []*kehoach.AuditEntry) error {
	chain, seq := make([]int64, len(entries)), make([]int64, len(entries))
	prev, hash := make([]string, len(entries)), make([]string, len(entries))
	for i, e := range entries {
		chain[i], prev[i], hash[i], seq[i] = e.ChainSeq, e.PrevHash, e.Hash, e.Seq
	}
	res, err := sqltx.ExecContext(ctx, sealSetPG, chain, prev, hash, seq)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n != int64(len(entries)) {
		return fmt.Errorf("seal audit: %d of %d entries were already sealed", int64(len(entries))-n, len(entries))
	}
	return nil
}

// unsignedMark starts the link of an entry sealed without the keyed hash
// of its writer.
const unsignedMark = "!"

// AuditAnchor seals the trail and returns its head signed with the key,
// for an auditor to keep outside the database.
func (db *DB) AuditAnchor(ctx context.Context) (*kehoach.AuditAnchor, error) {
	if _, err := db.SealAudit(ctx); err != nil {
		return nil, err
	}
	a := &kehoach.AuditAnchor{At: db.now()}
	err := db.queryRow(ctx, `SELECT chain_seq, hash FROM audit_log WHERE chain_seq = (SELECT MAX(chain_seq) FROM audit_log)`).Scan(&a.ChainSeq, &a.Hash)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, err
	}
	a.MAC = a.ComputeMAC(db.auditKey)
	return a, nil
}
