package ops_test

import (
	"testing"

	"github.com/kehoach/kehoach/internal/kehoachtest"
)

func TestMain(m *testing.M) { kehoachtest.Main(m) }
