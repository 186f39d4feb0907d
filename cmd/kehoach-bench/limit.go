package main

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the limit server on PostgreSQL
	_ "modernc.org/sqlite"             // the limit server on SQLite
)

// The limit server is this program started again with these variables
// set: a bare net/http server that inserts one row per request, with one
// database connection — the most this machine does for the shape of work
// a report save is. It runs as its own process so that its memory and the
// load generator's stay apart.
const (
	envLimitAddr = "KEHOACH_BENCH_LIMIT_ADDR"
	envLimitDSN  = "KEHOACH_BENCH_LIMIT_DSN"
)

// limitReport is the body the limit server reads.
type limitReport struct {
	Unit  string  `json:"unit"`
	Value float64 `json:"value"`
	Note  string  `json:"note"`
}

// limitBody is what the load sends to the limit server.
const limitBody = `{"unit":"Phòng Kế hoạch - Tài chính","value":42.5,"note":"Đã tuyên truyền tại 02 buổi sinh hoạt"}`

// serveLimit runs the limit server until the process is killed; it is
// called instead of the harness when envLimitAddr is set.
func serveLimit() {
	addr, dsn := os.Getenv(envLimitAddr), os.Getenv(envLimitDSN)
	var db *sql.DB
	var err error
	var ddl, insert string
	if isPostgres(dsn) {
		db, err = sql.Open("pgx", dsn)
		ddl = `CREATE TABLE IF NOT EXISTS report (id BIGSERIAL PRIMARY KEY, unit TEXT NOT NULL, value DOUBLE PRECISION, note TEXT, at TIMESTAMPTZ)`
		insert = `INSERT INTO report (unit, value, note, at) VALUES ($1, $2, $3, $4) RETURNING id`
	} else {
		db, err = sql.Open("sqlite", "file:"+dsn+"?_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_pragma=busy_timeout(5000)")
		ddl = `CREATE TABLE IF NOT EXISTS report (id INTEGER PRIMARY KEY, unit TEXT NOT NULL, value REAL, note TEXT, at TIMESTAMP)`
		insert = `INSERT INTO report (unit, value, note, at) VALUES (?, ?, ?, ?) RETURNING id`
	}
	if err != nil {
		log.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	db.SetMaxIdleConns(1)
	if _, err := db.Exec(ddl); err != nil {
		log.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /hello", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		w.Write([]byte("hello\n"))
	})
	mux.HandleFunc("POST /submit", func(w http.ResponseWriter, r *http.Request) {
		var rep limitReport
		if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 4096)).Decode(&rep); err != nil || rep.Unit == "" {
			http.Error(w, "bad report", http.StatusBadRequest)
			return
		}
		var id int64
		if err := db.QueryRowContext(r.Context(), insert, rep.Unit, rep.Value, rep.Note, time.Now().UTC()).Scan(&id); err != nil {
			http.Error(w, "store failed", http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusCreated)
		fmt.Fprintf(w, "{\"id\":%d}\n", id)
	})
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		log.Fatal(err)
	}
	log.Fatal(http.Serve(ln, mux))
}
