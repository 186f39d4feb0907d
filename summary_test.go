package kehoach

import (
	"strings"
	"testing"
)

// TestSummaryEditsValidate trims the rewritten sections, drops empty ones
// and refuses a section or a closing too long, by field.
func TestSummaryEditsValidate(t *testing.T) {
	e := SummaryEdits{Sections: map[string]string{"II.3": "  Đã tổ chức.\r\n ", "II.1": "   "}, Closing: " Trên đây là báo cáo./. "}
	if err := e.Validate(); err != nil {
		t.Fatal(err)
	}
	if len(e.Sections) != 1 || e.Sections["II.3"] != "Đã tổ chức." || e.Closing != "Trên đây là báo cáo./." {
		t.Errorf("edits after validation: %+v", e)
	}
	e = SummaryEdits{Sections: map[string]string{"II.3": strings.Repeat("x", 20001)}, Closing: strings.Repeat("x", 2001)}
	f := ErrorFields(e.Validate())
	if f["sections"] == "" || f["closing"] == "" {
		t.Errorf("too long parts not refused by field: %v", f)
	}
}
