package main

import "runtime/debug"

// defaultMemoryLimit is the soft limit of the Go heap while serving when
// GOMEMLIMIT is not set: the collector works harder as the heap nears it
// instead of letting a burst of requests double the process's memory.
// GOMEMLIMIT, which the Go runtime reads itself, overrides it. 26 MiB keeps
// the peak of the whole harness (all scenarios, 64 clients) under 80 MB:
// 32 MiB reached 82 MB, 28 MiB 80.2 MB, 26 MiB 75 MB with the same save
// throughput; the search, which allocates most, pays for it (BENCHMARKS.md,
// "Memory, round 4" and the summary at its top).
const defaultMemoryLimit = 26 << 20

// limitMemory sets the default soft memory limit unless GOMEMLIMIT is set;
// main calls it for the commands that serve.
func limitMemory(getenv func(string) string) {
	if getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(defaultMemoryLimit)
	}
}
