package web

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/color"
	"image/png"
	"net/http"
)

// faviconICO is static/favicon.svg drawn as a 32×32 icon for the browsers
// and tools that ask for /favicon.ico: the red square with three bars.
var faviconICO = makeFavicon()

func makeFavicon() []byte {
	const n = 32
	img := image.NewNRGBA(image.Rect(0, 0, n, n))
	red, white := color.NRGBA{0xa3, 0x16, 0x1c, 0xff}, color.NRGBA{0xff, 0xff, 0xff, 0xff}
	bars := []struct{ y, w int }{{7, 20}, {14, 13}, {21, 17}}
	for y := range n {
		for x := range n {
			c := red
			for _, b := range bars {
				if y >= b.y && y < b.y+4 && x >= 6 && x < 6+b.w {
					c = white
				}
			}
			img.Set(x, y, c)
		}
	}
	var p bytes.Buffer
	if err := png.Encode(&p, img); err != nil {
		panic(err)
	}
	// An ICO file holding one PNG image: the directory, its entry, the image.
	var b bytes.Buffer
	for _, v := range []any{uint16(0), uint16(1), uint16(1), uint8(n), uint8(n), uint8(0), uint8(0), uint16(1), uint16(32), uint32(p.Len()), uint32(6 + 16)} {
		_ = binary.Write(&b, binary.LittleEndian, v)
	}
	b.Write(p.Bytes())
	return b.Bytes()
}

// favicon serves /favicon.ico.
func (s *server) favicon(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "image/x-icon")
	w.Header().Set("Cache-Control", "public, max-age=86400")
	_, _ = w.Write(faviconICO)
}
