// go-timers: time.Sleep, time.After, Timer Stop/Reset, Ticker,
// context.WithTimeout/WithCancel, time.AfterFunc. Only facts are
// printed (comparisons against generous bounds), never durations.
// xrun-oracle: yes (the native Linux build is the oracle: LinuxOracleTest)
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sync"
	"time"
)

var failed int

func check(name string, ok bool) {
	fmt.Printf("%s: %v\n", name, ok)
	if !ok {
		failed++
	}
}

const slack = 5 * time.Second // upper bound: a loaded machine is slow, never this slow

func main() {
	// monotonic clock
	t0 := time.Now()
	t1 := time.Now()
	check("time.Now monotonic (t1 >= t0)", !t1.Before(t0))
	check("wall clock after 2020", t0.Year() >= 2020)

	start := time.Now()
	time.Sleep(20 * time.Millisecond)
	el := time.Since(start)
	check("slept >= 20ms", el >= 20*time.Millisecond)
	check("slept < 5s", el < slack)

	time.Sleep(0)
	time.Sleep(-1)
	check("Sleep(0) and Sleep(-1) return", true)

	start = time.Now()
	v := <-time.After(30 * time.Millisecond)
	check("time.After(30ms) fired after >= 30ms", time.Since(start) >= 30*time.Millisecond)
	check("time.After value is a time after start", !v.Before(start))

	// Stop before it fires
	tm := time.NewTimer(time.Hour)
	check("Stop on pending timer returns true", tm.Stop())
	check("second Stop returns false", !tm.Stop())
	select {
	case <-tm.C:
		check("stopped timer did not fire", false)
	case <-time.After(50 * time.Millisecond):
		check("stopped timer did not fire", true)
	}

	// Reset a stopped timer to a short duration
	start = time.Now()
	tm.Reset(25 * time.Millisecond)
	<-tm.C
	check("reset timer fired after >= 25ms", time.Since(start) >= 25*time.Millisecond)
	check("Stop on fired timer returns false", !tm.Stop())

	// Reset a pending timer earlier
	tm2 := time.NewTimer(time.Hour)
	start = time.Now()
	check("Reset on pending timer returns true", tm2.Reset(10*time.Millisecond))
	select {
	case <-tm2.C:
		e := time.Since(start)
		check("pending timer reset to 10ms fired in [10ms,5s)", e >= 10*time.Millisecond && e < slack)
	case <-time.After(slack):
		check("pending timer reset to 10ms fired in [10ms,5s)", false)
	}

	// Ticker: 5 ticks of 10ms
	start = time.Now()
	tk := time.NewTicker(10 * time.Millisecond)
	ticks := 0
	var last time.Time
	increasing := true
	for ticks < 5 {
		tt := <-tk.C
		if !last.IsZero() && !tt.After(last) {
			increasing = false
		}
		last = tt
		ticks++
	}
	tk.Stop()
	check("ticker delivered 5 ticks", ticks == 5)
	check("ticks took >= 50ms", time.Since(start) >= 50*time.Millisecond)
	check("tick times increase", increasing)
	tk.Reset(5 * time.Millisecond)
	<-tk.C
	tk.Stop()
	check("ticker Reset delivered a tick", true)

	// AfterFunc
	var wg sync.WaitGroup
	wg.Add(1)
	fired := false
	time.AfterFunc(15*time.Millisecond, func() { fired = true; wg.Done() })
	wg.Wait()
	check("AfterFunc ran", fired)
	af := time.AfterFunc(time.Hour, func() { check("cancelled AfterFunc ran", false) })
	check("AfterFunc Stop returns true", af.Stop())

	// many concurrent timers fire in order of their durations: the time a
	// timer sends is taken when the runtime fires it, in expiry order
	var timers [10]*time.Timer
	for _, i := range []int{5, 2, 8, 1, 9, 3, 7, 4, 6, 0} {
		timers[i] = time.NewTimer(time.Duration(i) * 20 * time.Millisecond)
	}
	inOrder := true
	var prevFire time.Time
	for i := 0; i < 10; i++ {
		ft := <-timers[i].C
		if ft.Before(prevFire) {
			inOrder = false
		}
		prevFire = ft
	}
	check("10 timers fired in duration order", inOrder)

	// context.WithTimeout
	start = time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
	defer cancel()
	_, hasDeadline := ctx.Deadline()
	check("ctx has deadline", hasDeadline)
	<-ctx.Done()
	check("ctx done after >= 30ms", time.Since(start) >= 30*time.Millisecond)
	check("ctx.Err() is DeadlineExceeded", errors.Is(ctx.Err(), context.DeadlineExceeded))
	fmt.Printf("ctx.Err(): %v\n", ctx.Err())

	// context.WithCancel, cancelled before its timeout
	ctx2, cancel2 := context.WithTimeout(context.Background(), time.Hour)
	go func() { time.Sleep(10 * time.Millisecond); cancel2() }()
	select {
	case <-ctx2.Done():
		check("cancel wins over 1h timeout", errors.Is(ctx2.Err(), context.Canceled))
	case <-time.After(slack):
		check("cancel wins over 1h timeout", false)
	}
	fmt.Printf("ctx2.Err(): %v\n", ctx2.Err())

	// duration arithmetic and formatting (pure, but part of package time)
	d, err := time.ParseDuration("1h2m3.5s")
	check("ParseDuration", err == nil && d == time.Hour+2*time.Minute+3500*time.Millisecond)
	fmt.Printf("duration: %v\n", d)
	ts := time.Date(2024, 2, 29, 12, 30, 0, 0, time.UTC)
	fmt.Printf("date: %s weekday=%v yday=%d\n", ts.Format(time.RFC3339), ts.Weekday(), ts.YearDay())
	check("Unix round trip", time.Unix(ts.Unix(), 0).UTC().Equal(ts))

	fmt.Printf("summary: failed=%d\n", failed)
	if failed > 0 {
		os.Exit(1)
	}
}
