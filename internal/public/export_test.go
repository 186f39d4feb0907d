package public

// Renders returns how many pages and feeds were rendered so far.
func Renders() int64 { return renders.Load() }
