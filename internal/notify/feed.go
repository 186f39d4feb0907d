package notify

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"time"
)

// FeedScope is what a calendar feed covers.
type FeedScope string

// The scopes of a calendar feed: one unit's due dates across plans, or one
// plan's due dates and events.
const (
	ScopeUnit FeedScope = "unit"
	ScopePlan FeedScope = "plan"
)

// CalendarFeed is a secret calendar address given to a person. The token
// itself is shown once, when the feed is created; only its hash is kept.
type CalendarFeed struct {
	ID        string
	Scope     FeedScope
	ScopeID   string
	PersonID  string
	CreatedAt time.Time
	RevokedAt *time.Time
}

// NewFeedToken returns a new random token for a calendar address: 32 bytes,
// URL-safe.
func NewFeedToken() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // crypto/rand.Read never fails
	return base64.RawURLEncoding.EncodeToString(b)
}

// HashFeedToken returns the hash under which a token is kept.
func HashFeedToken(token string) string {
	h := sha256.Sum256([]byte(token))
	return hex.EncodeToString(h[:])
}
