// Package vntext handles Vietnamese text as it appears in the documents of
// public agencies: normalisation and search keys, dictionary order for words
// and personal names, dates and periods written in words or numbers, the
// official date line, and the legacy 8-bit encodings TCVN3 (ABC) and VNI
// found in old files.
//
// # Normalisation and search
//
// Vietnamese letters can be stored precomposed ("ệ" as one code point, NFC)
// or decomposed (NFD, as some Mac and web sources do). NFC and IsNFC
// convert and check. Fold builds a search key without case, tone marks or
// other diacritics, with "đ" folded to "d":
//
//	vntext.Fold("Sở LĐ-TB&XH")            // "so ld-tb&xh"
//	vntext.FoldEqual("Đà  Nẵng", "da nang") // true
//
// # Ordering
//
// Compare sorts in Vietnamese dictionary order (a ă â b c d đ e ê …, tones
// compared after the letters), and CompareNames and SortNames order
// personal names the Vietnamese way: by given name (the last word), then
// middle names, then family name.
//
// # Dates
//
// FindDates returns every date in a text, with byte offsets into the text
// as given (also when it is not NFC) and with the precision written (day
// or month). Dates written without a year take the context year passed in,
// and HasYear tells them apart. A date that cannot exist, such as 31/6, is
// returned with Err set rather than being corrected or dropped. FindRanges
// returns periods such as "từ ngày 01 tháng 6 đến ngày 30 tháng 6 năm 2022",
// sharing the month and year written at the end with the start. ParseDate
// reads one date expression. FormatDateLine and FormatNumber write the date
// line and the document number of the official format:
//
//	vntext.FormatDateLine("Sơn La", t) // "Sơn La, ngày 05 tháng 5 năm 2023"
//	vntext.FormatNumber(5)             // "05"
//
// # Legacy encodings
//
// Old documents may use TCVN3 or VNI bytes, or may have been converted to
// Unicode as if those bytes were Windows-1252, which gives unreadable text
// such as "KÕ ho¹ch" (for "Kế hoạch"). ToUnicode takes the raw bytes of a
// file, detects the encoding and returns NFC text; it also repairs such
// misconverted UTF-8. Detect, DetectString, Decode and DecodeString give
// finer control, and Encode produces legacy bytes, mostly for tests.
//
// Detection reads the text in each candidate encoding and counts the words
// that are spelled like Vietnamese syllables; it needs a few words of
// Vietnamese with diacritics to decide and otherwise reports Unicode.
// TCVN3 has no bytes for toned capitals, so Decode chooses the case of
// such letters from the surrounding word (see Decode).
//
// All functions are safe for concurrent use.
package vntext
