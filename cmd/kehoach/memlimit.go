package main

import "runtime/debug"

// defaultMemoryLimit is the soft limit of the Go heap while serving when
// GOMEMLIMIT is not set: the collector works harder as the heap nears it
// instead of letting a burst of requests double the process's memory.
// GOMEMLIMIT, which the Go runtime reads itself, overrides it. 32 MiB keeps
// the peak under the load harness near 60 MB for about one point more of
// CPU in the collector than 40 MiB (BENCHMARKS.md, "Memory, round 4").
const defaultMemoryLimit = 32 << 20

// limitMemory sets the default soft memory limit unless GOMEMLIMIT is set;
// main calls it for the commands that serve.
func limitMemory(getenv func(string) string) {
	if getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(defaultMemoryLimit)
	}
}
