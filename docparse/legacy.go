package docparse

import "github.com/kehoach/kehoach/vntext"

func encName(e vntext.Encoding) string {
	switch e {
	case vntext.TCVN3:
		return "tcvn3"
	case vntext.VNI:
		return "vni"
	}
	return "utf-8"
}

// legacyInUnicode repairs valid UTF-8 text that is really TCVN3 or VNI
// read as Windows-1252 ("KÕ ho¹ch").
func legacyInUnicode(s string) (string, string, bool) {
	e := vntext.DetectString(s)
	if e == vntext.Unicode {
		return "", "", false
	}
	t, err := vntext.DecodeString(s, e)
	if err != nil {
		return "", "", false
	}
	return encName(e), t, true
}

// legacyBytes decodes bytes that are not UTF-8 as TCVN3 or VNI when they
// read as Vietnamese that way.
func legacyBytes(b []byte) (string, string, bool) {
	e := vntext.Detect(b)
	if e == vntext.Unicode {
		return "", "", false
	}
	t, err := vntext.Decode(b, e)
	if err != nil {
		return "", "", false
	}
	return encName(e), t, true
}
