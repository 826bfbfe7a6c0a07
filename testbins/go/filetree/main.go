// go-filetree: a real workload for benchmarks/workload.sh, not a test (no golden). It
// creates a tree of small files in a temporary directory (-files, default 10000: 100
// directories of 100 files, 64-319 bytes each), walks it and reads every file
// (filepath.WalkDir + os.ReadFile), runs a loopback TCP echo of -rounds 64-byte round
// trips (one connection, the server a goroutine), and removes the tree. It prints one
// machine-readable line with the elapsed time of each phase in nanoseconds:
//
//	filetree files=N bytes=B rounds=R create_ns=.. walk_ns=.. echo_ns=.. remove_ns=.. total_ns=..
//
// and exits 1 (with a message on stderr) when a phase finds anything but what it made.
// xrun-oracle: no: a benchmark workload with no golden (its output is timings)
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"time"
)

const perDir = 100

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "go-filetree: "+format+"\n", args...)
	os.Exit(1)
}

func content(i int) []byte {
	b := make([]byte, 64+i%256)
	for j := range b {
		b[j] = byte('a' + (i+j)%26)
	}
	return b
}

func create(root string, files int) int64 {
	var total int64
	for i := 0; i < files; i++ {
		dir := filepath.Join(root, fmt.Sprintf("d%03d", i/perDir))
		if i%perDir == 0 {
			if err := os.Mkdir(dir, 0o755); err != nil {
				fail("mkdir: %v", err)
			}
		}
		b := content(i)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("f%05d", i)), b, 0o644); err != nil {
			fail("write: %v", err)
		}
		total += int64(len(b))
	}
	return total
}

func walk(root string) (int, int64) {
	n, total := 0, int64(0)
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			n++
			total += int64(len(b))
		}
		return nil
	})
	if err != nil {
		fail("walk: %v", err)
	}
	return n, total
}

func echo(rounds int) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fail("listen: %v", err)
	}
	defer ln.Close()
	go func() {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		defer c.Close()
		io.Copy(c, c)
	}()
	c, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		fail("dial: %v", err)
	}
	defer c.Close()
	msg := bytes.Repeat([]byte("0123456789abcdef"), 4)
	got := make([]byte, len(msg))
	for i := 0; i < rounds; i++ {
		msg[0] = byte(i)
		if _, err := c.Write(msg); err != nil {
			fail("write: %v", err)
		}
		if _, err := io.ReadFull(c, got); err != nil {
			fail("read: %v", err)
		}
		if !bytes.Equal(got, msg) {
			fail("round %d: echoed %q", i, got)
		}
	}
}

func main() {
	files := flag.Int("files", 10000, "files in the tree")
	rounds := flag.Int("rounds", 5000, "TCP echo round trips")
	flag.Parse()

	root, err := os.MkdirTemp("", "xrun-filetree-")
	if err != nil {
		fail("%v", err)
	}
	t0 := time.Now()
	made := create(root, *files)
	t1 := time.Now()
	n, read := walk(root)
	t2 := time.Now()
	if n != *files || read != made {
		os.RemoveAll(root)
		fail("walk found %d files, %d bytes; made %d, %d", n, read, *files, made)
	}
	echo(*rounds)
	t3 := time.Now()
	if err := os.RemoveAll(root); err != nil {
		fail("remove: %v", err)
	}
	t4 := time.Now()
	fmt.Printf("filetree files=%d bytes=%d rounds=%d create_ns=%d walk_ns=%d echo_ns=%d remove_ns=%d total_ns=%d\n",
		*files, made, *rounds, t1.Sub(t0).Nanoseconds(), t2.Sub(t1).Nanoseconds(), t3.Sub(t2).Nanoseconds(),
		t4.Sub(t3).Nanoseconds(), t4.Sub(t0).Nanoseconds())
}
