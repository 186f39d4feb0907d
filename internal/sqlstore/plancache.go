package sqlstore

import (
	"encoding/json"
	"reflect"
	"sync"
)

// Decoded plan contents. A plan's content is a JSON document that every
// request touching the plan used to decode again (a fifth of a report
// save). The decoded content is kept by plan id together with the exact
// text it was decoded from: a read whose text is the same takes a deep copy
// of the kept value (callers may change what they get), any other text is
// decoded and replaces it. The text is compared in full, so a change by any
// process or by hand is seen at once.
var planContents = struct {
	sync.Mutex
	m map[string]*keptContent
}{m: map[string]*keptContent{}}

type keptContent struct {
	text string
	c    planContent
}

// maxKeptContents bounds the cache; past it the cache starts again.
const maxKeptContents = 128

// decodePlanContent returns the plan content of text, decoded once per
// text for plan id.
func decodePlanContent(id, text string) (planContent, error) {
	planContents.Lock()
	k := planContents.m[id]
	planContents.Unlock()
	if k != nil && k.text == text {
		var out planContent
		deepCopy(reflect.ValueOf(&out).Elem(), reflect.ValueOf(&k.c).Elem())
		return out, nil
	}
	var c planContent
	if err := json.Unmarshal([]byte(text), &c); err != nil {
		return c, err
	}
	kept := &keptContent{text: text}
	deepCopy(reflect.ValueOf(&kept.c).Elem(), reflect.ValueOf(&c).Elem())
	planContents.Lock()
	if len(planContents.m) >= maxKeptContents {
		clear(planContents.m)
	}
	planContents.m[id] = kept
	planContents.Unlock()
	return c, nil
}

// deepCopy sets dst (settable) to a copy of src sharing no pointer, slice
// or map with it (strings are immutable and shared).
func deepCopy(dst, src reflect.Value) {
	switch src.Kind() {
	case reflect.Pointer:
		if src.IsNil() {
			dst.SetZero()
			return
		}
		p := reflect.New(src.Type().Elem())
		deepCopy(p.Elem(), src.Elem())
		dst.Set(p)
	case reflect.Slice:
		if src.IsNil() {
			dst.SetZero()
			return
		}
		s := reflect.MakeSlice(src.Type(), src.Len(), src.Len())
		for i := 0; i < src.Len(); i++ {
			deepCopy(s.Index(i), src.Index(i))
		}
		dst.Set(s)
	case reflect.Map:
		if src.IsNil() {
			dst.SetZero()
			return
		}
		m := reflect.MakeMapWithSize(src.Type(), src.Len())
		it := src.MapRange()
		for it.Next() {
			v := reflect.New(src.Type().Elem()).Elem()
			deepCopy(v, it.Value())
			m.SetMapIndex(it.Key(), v)
		}
		dst.Set(m)
	case reflect.Struct:
		dst.Set(src) // unexported fields (a time.Time's) are values
		for i := 0; i < src.NumField(); i++ {
			if dst.Field(i).CanSet() {
				deepCopy(dst.Field(i), src.Field(i))
			}
		}
	case reflect.Interface:
		if src.IsNil() {
			dst.SetZero()
			return
		}
		v := reflect.New(src.Elem().Type()).Elem()
		deepCopy(v, src.Elem())
		dst.Set(v)
	case reflect.Array:
		for i := 0; i < src.Len(); i++ {
			deepCopy(dst.Index(i), src.Index(i))
		}
	default:
		dst.Set(src)
	}
}
