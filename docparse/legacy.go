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
	return legacy(s, vntext.DetectString, vntext.DecodeString)
}

// legacyBytes decodes bytes that are not UTF-8 as TCVN3 or VNI when they
// read as Vietnamese that way.
func legacyBytes(b []byte) (string, string, bool) {
	return legacy(b, vntext.Detect, vntext.Decode)
}

// legacy decodes in with the legacy encoding detect finds in it, if any,
// and returns the name of that encoding and the text.
func legacy[T string | []byte](in T, detect func(T) vntext.Encoding, decode func(T, vntext.Encoding) (string, error)) (string, string, bool) {
	e := detect(in)
	if e == vntext.Unicode {
		return "", "", false
	}
	t, err := decode(in, e)
	if err != nil {
		return "", "", false
	}
	return encName(e), t, true
}
