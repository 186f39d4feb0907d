package docparse

import (
	"bytes"
	"math/rand"
	"os"
	"testing"
	"time"
)

// TestMutationsDoNotHang parses randomly damaged copies of the test
// documents (flipped, cut, spliced bytes) and fails on a panic or on one
// that takes seconds.
func TestMutationsDoNotHang(t *testing.T) {
	n := 400
	if testing.Short() {
		n = 50
	}
	rng := rand.New(rand.NewSource(1))
	var corpus [][]byte
	for _, p := range goldenInputs(t) {
		d, _ := os.ReadFile(p)
		corpus = append(corpus, d)
	}
	for iter := 0; iter < n; iter++ {
		d := append([]byte{}, corpus[rng.Intn(len(corpus))]...)
		for k := 0; k < 1+rng.Intn(8); k++ {
			switch rng.Intn(4) {
			case 0:
				if len(d) > 0 {
					d[rng.Intn(len(d))] = byte(rng.Intn(256))
				}
			case 1:
				if len(d) > 10 {
					i := rng.Intn(len(d))
					d = append(d[:i], d[i+rng.Intn(min(10, len(d)-i)):]...)
				}
			case 2:
				i := rng.Intn(len(d) + 1)
				src := corpus[rng.Intn(len(corpus))]
				j := rng.Intn(len(src) + 1)
				e := min(len(src), j+rng.Intn(200))
				d = append(d[:i], append(append([]byte{}, src[j:e]...), d[i:]...)...)
			case 3:
				if len(d) > 10 {
					d = d[:rng.Intn(len(d))]
				}
			}
		}
		done := make(chan bool)
		go func() { Parse(bytes.NewReader(d), "x"); close(done) }()
		select {
		case <-done:
		case <-time.After(3 * time.Second):
			t.Fatalf("parse of mutation %d (%d bytes) still running after 3 s: %q", iter, len(d), d[:min(len(d), 200)])
		}
	}
}
