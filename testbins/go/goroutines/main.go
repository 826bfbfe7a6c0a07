// go-goroutines: goroutines, channels, sync, a worker pool, select,
// GOMAXPROCS, Gosched, enough CPU work for async preemption and GC.
// Output is deterministic: only checked facts are printed.
// xrun-oracle: yes (the native Linux build is the oracle: LinuxOracleTest)
package main

import (
	"fmt"
	"os"
	"runtime"
	"sort"
	"sync"
	"sync/atomic"
	"time"
)

var failed int

func check(name string, ok bool) {
	fmt.Printf("%s: %v\n", name, ok)
	if !ok {
		failed++
	}
}

// isPrime is the worker pool's job: count primes below a bound.
func isPrime(n int) bool {
	if n < 2 {
		return false
	}
	for d := 2; d*d <= n; d++ {
		if n%d == 0 {
			return false
		}
	}
	return true
}

// spin burns CPU without function calls in the loop body, so only
// asynchronous preemption (SIGURG) can stop it.
func spin(d time.Duration) uint64 {
	var x uint64 = 1
	start := time.Now()
	for i := 0; ; i++ {
		x = x*6364136223846793005 + 1442695040888963407
		if i%(1<<16) == 0 && time.Since(start) >= d {
			return x
		}
	}
}

func main() {
	base := runtime.NumGoroutine()
	check("NumGoroutine at start is 1", base == 1)

	prev := runtime.GOMAXPROCS(4)
	check("GOMAXPROCS previous >= 1", prev >= 1)
	check("GOMAXPROCS(0) after set = 4", runtime.GOMAXPROCS(0) == 4)
	check("NumCPU >= 1", runtime.NumCPU() >= 1)

	// unbuffered channel ping-pong
	ping, pong := make(chan int), make(chan int)
	go func() {
		for v := range ping {
			pong <- v * 2
		}
		close(pong)
	}()
	sum := 0
	for i := 1; i <= 100; i++ {
		ping <- i
		sum += <-pong
	}
	close(ping)
	_, open := <-pong
	check("ping-pong sum = 10100", sum == 10100)
	check("pong closed after ping closed", !open)

	// worker pool: count primes below 200000 in chunks
	const limit, chunk, workers = 200000, 5000, 8
	jobs := make(chan int, 8)
	results := make(chan int, 8)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for lo := range jobs {
				c := 0
				for n := lo; n < lo+chunk; n++ {
					if isPrime(n) {
						c++
					}
				}
				results <- c
			}
		}()
	}
	go func() {
		for lo := 0; lo < limit; lo += chunk {
			jobs <- lo
		}
		close(jobs)
	}()
	go func() { wg.Wait(); close(results) }()
	primes, parts := 0, 0
	for c := range results {
		primes += c
		parts++
	}
	fmt.Printf("worker pool: primes below %d = %d in %d parts\n", limit, primes, parts)
	check("worker pool result = 17984", primes == 17984 && parts == limit/chunk)

	// mutex-protected counter and an atomic counter
	var mu sync.Mutex
	counter := 0
	var acount int64
	var wg2 sync.WaitGroup
	for g := 0; g < 16; g++ {
		wg2.Add(1)
		go func() {
			defer wg2.Done()
			for i := 0; i < 10000; i++ {
				mu.Lock()
				counter++
				mu.Unlock()
				atomic.AddInt64(&acount, 1)
				if i%1000 == 0 {
					runtime.Gosched()
				}
			}
		}()
	}
	wg2.Wait()
	check("mutex counter = 160000", counter == 160000)
	check("atomic counter = 160000", atomic.LoadInt64(&acount) == 160000)

	// sync.Once and sync.RWMutex, sync.Cond
	var once sync.Once
	onceRuns := 0
	var wg3 sync.WaitGroup
	for i := 0; i < 10; i++ {
		wg3.Add(1)
		go func() { defer wg3.Done(); once.Do(func() { onceRuns++ }) }()
	}
	wg3.Wait()
	check("sync.Once ran once", onceRuns == 1)

	var cmu sync.Mutex
	cond := sync.NewCond(&cmu)
	ready := 0
	var wg4 sync.WaitGroup
	for i := 0; i < 5; i++ {
		wg4.Add(1)
		go func() {
			defer wg4.Done()
			cmu.Lock()
			for ready == 0 {
				cond.Wait()
			}
			ready++
			cmu.Unlock()
		}()
	}
	time.Sleep(10 * time.Millisecond)
	cmu.Lock()
	ready = 1
	cond.Broadcast()
	cmu.Unlock()
	wg4.Wait()
	check("sync.Cond broadcast woke 5", ready == 6)

	// select over several channels: collect everything, order-independent
	a, b, c := make(chan string), make(chan string), make(chan string)
	quit := make(chan struct{})
	for _, p := range []struct {
		ch   chan string
		name string
	}{{a, "a"}, {b, "b"}, {c, "c"}} {
		p := p
		go func() {
			for i := 0; i < 3; i++ {
				p.ch <- fmt.Sprintf("%s%d", p.name, i)
			}
		}()
	}
	var got []string
	timeout := time.After(10 * time.Second)
	for len(got) < 9 {
		select {
		case s := <-a:
			got = append(got, s)
		case s := <-b:
			got = append(got, s)
		case s := <-c:
			got = append(got, s)
		case <-quit:
		case <-timeout:
			check("select timed out", false)
			os.Exit(1)
		}
	}
	sort.Strings(got)
	fmt.Printf("select received: %v\n", got)
	// default case on an empty channel
	sel := "none"
	select {
	case <-quit:
		sel = "quit"
	default:
		sel = "default"
	}
	check("select default on empty channel", sel == "default")

	// async preemption: with GOMAXPROCS(1), a tight loop in one goroutine
	// must not starve another goroutine (needs SIGURG preemption).
	runtime.GOMAXPROCS(1)
	stop := int32(0)
	done := make(chan uint64)
	go func() {
		var x uint64 = 1
		for atomic.LoadInt32(&stop) == 0 {
			x = x*6364136223846793005 + 1442695040888963407
		}
		done <- x
	}()
	runtime.Gosched()
	ticked := make(chan bool)
	go func() { ticked <- true }()
	select {
	case <-ticked:
		check("goroutine ran beside a tight loop (async preemption)", true)
	case <-time.After(5 * time.Second):
		check("goroutine ran beside a tight loop (async preemption)", false)
	}
	atomic.StoreInt32(&stop, 1)
	<-done
	runtime.GOMAXPROCS(4)

	// several goroutines each spinning ~50ms of CPU, while allocating
	var wg5 sync.WaitGroup
	results5 := make([]uint64, 4)
	for i := 0; i < 4; i++ {
		wg5.Add(1)
		go func(i int) {
			defer wg5.Done()
			results5[i] = spin(50 * time.Millisecond)
		}(i)
	}
	var garbage [][]byte
	for i := 0; i < 2000; i++ {
		garbage = append(garbage, make([]byte, 4096))
		if len(garbage) > 100 {
			garbage = garbage[:0]
		}
	}
	wg5.Wait()
	check("4 spinners finished", len(results5) == 4)

	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	before := ms.NumGC
	runtime.GC()
	runtime.GC()
	runtime.ReadMemStats(&ms)
	check("runtime.GC ran (NumGC grew by >= 2)", ms.NumGC >= before+2)

	// finalizer-free check that goroutines have all exited
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > base && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	check("NumGoroutine back to 1", runtime.NumGoroutine() == base)

	fmt.Printf("summary: failed=%d\n", failed)
	if failed > 0 {
		os.Exit(1)
	}
}
