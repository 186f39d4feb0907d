package main

import (
	"bufio"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"time"
	"strings"

	"github.com/kehoach/kehoach/docparse"
	"github.com/kehoach/kehoach/internal/kehoachtest/bigplan"
)

func hwm() string {
	f, _ := os.Open("/proc/self/status")
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if strings.HasPrefix(sc.Text(), "VmHWM") || strings.HasPrefix(sc.Text(), "VmRSS") {
			fmt.Print(sc.Text(), " ")
		}
	}
	return ""
}

func main() {
	s := bigplan.Text(19 << 20)
	fmt.Println("gen", hwm())
	go func() {
		var best uint64
		var last uint32
		for {
			time.Sleep(2 * time.Millisecond)
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			if m.NumGC != last {
				last = m.NumGC
				live := m.LastGC
				_ = live
				if m.HeapAlloc > best {
					best = m.HeapAlloc
					f, _ := os.Create("/tmp/x/heap.out")
					pprof.WriteHeapProfile(f)
					f.Close()
					fmt.Println("snap", best>>20)
				}
			}
		}
	}()
	d, src, err := docparse.ParseWithSource(strings.NewReader(s), "x.txt")
	fmt.Println("parse", err, len(d.Tasks), len(src.Lines), hwm())
}
