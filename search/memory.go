package search

import (
	"runtime"
	"runtime/debug"
)

// Memory limit defaults for a process whose memory is mostly the index.
const (
	minMemoryLimit   = 768 << 20 // bytes
	memoryHeadroom   = 1.25      // × the live heap after the index is ready
	memoryLimitExtra = 384 << 20 // bytes: the garbage of requests between two collections
)

// SettleMemory is for a server right after its index is ready (loaded or
// rebuilt): it collects the builder's garbage and returns it to the
// operating system, and — unless the environment sets GOMEMLIMIT — sets the
// Go runtime's soft memory limit to 1.25 × the live heap + 384 MiB (at least
// 768 MiB). Without a limit the collector lets the heap grow to twice the
// live heap (GOGC=100) before it runs, so an index of 600 MiB would let the
// process reach 1.2 GiB from the garbage of searches; with it the collector
// runs earlier once the live heap is above 512 MiB (below, the limit is
// above twice the live heap and GOGC decides; the runtime caps its CPU share
// when the limit is too tight, so a larger index is slower to collect, never
// stuck). Each collection marks the whole index, so the room between them
// decides the collector's share of the CPU: with 64 MiB instead of 384 over
// the quarter of the heap, a search page at 1 M offers cost 10–15 % more CPU
// (docs/PERFORMANCE.md). It returns the live heap and the limit set (0:
// GOMEMLIMIT decides).
func SettleMemory(getenv func(string) string) (live, limit int64) {
	runtime.GC()
	debug.FreeOSMemory()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	live = int64(ms.HeapInuse)
	if getenv("GOMEMLIMIT") != "" {
		return live, 0
	}
	limit = max(int64(minMemoryLimit), int64(float64(live)*memoryHeadroom)+memoryLimitExtra)
	debug.SetMemoryLimit(limit)
	return live, limit
}
