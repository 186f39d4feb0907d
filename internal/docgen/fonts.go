package docgen

import (
	_ "embed"
	"encoding/binary"
	"errors"
	"sync"
)

// The Liberation Serif fonts (SIL Open Font License 1.1, see fonts/OFL.txt)
// are metric-compatible with Times New Roman. They are embedded in PDFs drawn
// without LibreOffice, and their advance widths size the short rules of the
// .docx header, which Word and LibreOffice draw in Times New Roman.
var (
	//go:embed fonts/LiberationSerif-Regular.ttf
	fontRegular []byte
	//go:embed fonts/LiberationSerif-Bold.ttf
	fontBold []byte
	//go:embed fonts/LiberationSerif-Italic.ttf
	fontItalic []byte
	//go:embed fonts/LiberationSerif-BoldItalic.ttf
	fontBoldItalic []byte
)

// metrics holds the advance widths of one font, in font units.
type metrics struct {
	unitsPerEm float64
	advance    []uint16     // by glyph id
	glyph      map[rune]int // cmap
}

var (
	metricsOnce sync.Once
	metricsReg  *metrics
	metricsBold *metrics
	metricsErr  error
)

// fontMetrics returns the parsed regular and bold metrics. They are read
// once and never change afterwards.
func fontMetrics() (regular, bold *metrics, err error) {
	metricsOnce.Do(func() {
		metricsReg, metricsErr = parseMetrics(fontRegular)
		if metricsErr == nil {
			metricsBold, metricsErr = parseMetrics(fontBold)
		}
	})
	return metricsReg, metricsBold, metricsErr
}

// textWidthPt is the width of s in points at the given size.
func textWidthPt(s string, sizePt float64, bold bool) float64 {
	reg, b, err := fontMetrics()
	if err != nil {
		// Fall back to an average glyph width; only rule lengths depend on it.
		return float64(len([]rune(s))) * sizePt * 0.5
	}
	m := reg
	if bold {
		m = b
	}
	var units float64
	for _, r := range s {
		g := m.glyph[r]
		if g < len(m.advance) {
			units += float64(m.advance[g])
		}
	}
	return units * sizePt / m.unitsPerEm
}

var errFont = errors.New("docgen: malformed font")

// parseMetrics reads the head, hhea, hmtx and cmap tables of a TrueType font.
func parseMetrics(data []byte) (*metrics, error) {
	if len(data) < 12 {
		return nil, errFont
	}
	be := binary.BigEndian
	numTables := int(be.Uint16(data[4:]))
	tables := map[string][]byte{}
	for i := 0; i < numTables; i++ {
		rec := 12 + 16*i
		if rec+16 > len(data) {
			return nil, errFont
		}
		tag := string(data[rec : rec+4])
		off, length := int(be.Uint32(data[rec+8:])), int(be.Uint32(data[rec+12:]))
		if off < 0 || length < 0 || off+length > len(data) {
			return nil, errFont
		}
		tables[tag] = data[off : off+length]
	}
	head, hhea, hmtx, cmap := tables["head"], tables["hhea"], tables["hmtx"], tables["cmap"]
	if len(head) < 20 || len(hhea) < 36 || cmap == nil {
		return nil, errFont
	}
	m := &metrics{unitsPerEm: float64(be.Uint16(head[18:])), glyph: map[rune]int{}}
	nh := int(be.Uint16(hhea[34:]))
	if 4*nh > len(hmtx) || nh == 0 {
		return nil, errFont
	}
	m.advance = make([]uint16, nh)
	for i := range m.advance {
		m.advance[i] = be.Uint16(hmtx[4*i:])
	}
	// Glyphs past numberOfHMetrics share the last advance; clamp to it.
	last := len(m.advance) - 1
	// Find a Unicode format 4 subtable (platform 3 encoding 1, or platform 0).
	if len(cmap) < 4 {
		return nil, errFont
	}
	n := int(be.Uint16(cmap[2:]))
	var sub []byte
	for i := 0; i < n; i++ {
		rec := 4 + 8*i
		if rec+8 > len(cmap) {
			return nil, errFont
		}
		pid, eid, off := be.Uint16(cmap[rec:]), be.Uint16(cmap[rec+2:]), int(be.Uint32(cmap[rec+4:]))
		if off+4 > len(cmap) || be.Uint16(cmap[off:]) != 4 {
			continue
		}
		if (pid == 3 && eid == 1) || pid == 0 {
			sub = cmap[off:]
			break
		}
	}
	if len(sub) < 14 {
		return nil, errFont
	}
	segX2 := int(be.Uint16(sub[6:]))
	ends, starts := 14, 16+segX2
	deltas, ranges := starts+segX2, starts+2*segX2
	if ranges+segX2 > len(sub) {
		return nil, errFont
	}
	for s := 0; s < segX2; s += 2 {
		end, start := int(be.Uint16(sub[ends+s:])), int(be.Uint16(sub[starts+s:]))
		delta, ro := int(be.Uint16(sub[deltas+s:])), int(be.Uint16(sub[ranges+s:]))
		if start == 0xFFFF {
			continue
		}
		for c := start; c <= end; c++ {
			var g int
			if ro == 0 {
				g = (c + delta) & 0xFFFF
			} else {
				p := ranges + s + ro + 2*(c-start)
				if p+2 > len(sub) {
					continue
				}
				g = int(be.Uint16(sub[p:]))
				if g != 0 {
					g = (g + delta) & 0xFFFF
				}
			}
			if g >= len(m.advance) {
				g = last
			}
			m.glyph[rune(c)] = g
		}
	}
	return m, nil
}
