// go-tcpecho: TCP echo over IPv4 and IPv6 loopback, io.Copy with a
// half-close (CloseWrite), read deadlines, a refused connection, a UDP
// round trip and a unix-domain stream socket in a temporary directory.
// Ports and addresses other than the loopback IPs are never printed.
// xrun-oracle: yes (the native Linux build is the oracle: LinuxOracleTest)
package main

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"
)

var failed int

func check(name string, ok bool) {
	fmt.Printf("%s: %v\n", name, ok)
	if !ok {
		failed++
	}
}

func checkErr(name string, err error) {
	if err != nil {
		fmt.Printf("%s: error: %v\n", name, err)
		failed++
		return
	}
	fmt.Printf("%s: ok\n", name)
}

// echoServer accepts connections until l is closed; each connection is
// echoed with io.Copy and then half-closed, so the client sees EOF after
// it half-closes its own side.
func echoServer(l net.Listener, wg *sync.WaitGroup) {
	defer wg.Done()
	for {
		c, err := l.Accept()
		if err != nil {
			return
		}
		wg.Add(1)
		go func(c net.Conn) {
			defer wg.Done()
			defer c.Close()
			io.Copy(c, c)
			if cw, ok := c.(interface{ CloseWrite() error }); ok {
				cw.CloseWrite()
			}
		}(c)
	}
}

// exercise runs the echo checks against one listener network/address.
func exercise(label, network, addr string) {
	l, err := net.Listen(network, addr)
	if err != nil {
		checkErr(label+" listen", err)
		return
	}
	checkErr(label+" listen", nil)
	var wg sync.WaitGroup
	wg.Add(1)
	go echoServer(l, &wg)

	switch a := l.Addr().(type) {
	case *net.TCPAddr:
		fmt.Printf("%s listen ip: %v, port > 0: %v\n", label, a.IP, a.Port > 0)
	case *net.UnixAddr:
		fmt.Printf("%s listen path is the socket: %v\n", label, strings.HasSuffix(a.Name, "echo.sock"))
	}

	// 1. several line messages, each echoed back
	c, err := net.Dial(network, l.Addr().String())
	if err != nil {
		checkErr(label+" dial", err)
		l.Close()
		wg.Wait()
		return
	}
	checkErr(label+" dial", nil)
	r := bufio.NewReader(c)
	okAll := true
	for i := 0; i < 5; i++ {
		msg := fmt.Sprintf("message %d from %s\n", i, label)
		if _, err := io.WriteString(c, msg); err != nil {
			okAll = false
			break
		}
		got, err := r.ReadString('\n')
		if err != nil || got != msg {
			okAll = false
			break
		}
	}
	check(label+" 5 messages echoed", okAll)
	if tc, ok := c.(*net.TCPConn); ok {
		check(label+" SetNoDelay", tc.SetNoDelay(true) == nil)
		check(label+" SetKeepAlive", tc.SetKeepAlive(true) == nil)
		fmt.Printf("%s remote ip: %v\n", label, tc.RemoteAddr().(*net.TCPAddr).IP)
	}

	// 2. half-close: write 1 MiB, CloseWrite, read everything back until EOF
	payload := make([]byte, 1<<20)
	for i := range payload {
		payload[i] = byte(i*7 + i>>8)
	}
	werr := make(chan error, 1)
	go func() {
		_, err := io.Copy(c, bytes.NewReader(payload))
		if err == nil {
			err = c.(interface{ CloseWrite() error }).CloseWrite()
		}
		werr <- err
	}()
	var back bytes.Buffer
	n, err := io.Copy(&back, r)
	check(label+" io.Copy 1 MiB written then CloseWrite", <-werr == nil)
	check(label+" echo read to EOF without error", err == nil)
	check(label+" echoed byte count = 1048576", n == 1<<20)
	check(label+" echoed sha256 matches", sha256.Sum256(back.Bytes()) == sha256.Sum256(payload))
	// after the server's half-close, Read returns io.EOF again
	_, err = r.ReadByte()
	check(label+" read after EOF is io.EOF", err == io.EOF)
	c.Close()

	// 3. read deadline on a connection the server never writes to
	c2, err := net.Dial(network, l.Addr().String())
	if err == nil {
		start := time.Now() // before the deadline is computed
		c2.SetReadDeadline(time.Now().Add(50 * time.Millisecond))
		buf := make([]byte, 16)
		_, err = c2.Read(buf)
		var ne net.Error
		check(label+" read with deadline fails", err != nil)
		check(label+" errors.Is(err, os.ErrDeadlineExceeded)", errors.Is(err, os.ErrDeadlineExceeded))
		check(label+" net.Error Timeout()", errors.As(err, &ne) && ne.Timeout())
		check(label+" deadline waited >= 50ms", time.Since(start) >= 50*time.Millisecond)
		// clearing the deadline makes the connection usable again
		c2.SetReadDeadline(time.Time{})
		io.WriteString(c2, "again\n")
		line, err := bufio.NewReader(c2).ReadString('\n')
		check(label+" usable after clearing deadline", err == nil && line == "again\n")
		// a deadline in the past fails at once
		c2.SetWriteDeadline(time.Now().Add(-time.Second))
		_, err = c2.Write([]byte("x"))
		check(label+" write with past deadline: ErrDeadlineExceeded", errors.Is(err, os.ErrDeadlineExceeded))
		c2.Close()
	} else {
		checkErr(label+" dial for deadline", err)
	}

	l.Close()
	wg.Wait()
	_, err = l.Accept()
	check(label+" Accept after Close is net.ErrClosed", errors.Is(err, net.ErrClosed))
}

func refused(label, network, host string) {
	l, err := net.Listen(network, host+":0")
	if err != nil {
		checkErr(label+" listen for refused", err)
		return
	}
	addr := l.Addr().String()
	l.Close()
	_, err = net.DialTimeout(network, addr, 5*time.Second)
	check(label+" dial closed port: ECONNREFUSED", errors.Is(err, syscall.ECONNREFUSED))
}

func udp() {
	srv, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		checkErr("udp listen", err)
		return
	}
	defer srv.Close()
	checkErr("udp listen", nil)
	go func() {
		buf := make([]byte, 2048)
		for {
			n, from, err := srv.ReadFrom(buf)
			if err != nil {
				return
			}
			srv.WriteTo(bytes.ToUpper(buf[:n]), from)
		}
	}()
	cl, err := net.DialUDP("udp", nil, srv.LocalAddr().(*net.UDPAddr))
	if err != nil {
		checkErr("udp dial", err)
		return
	}
	defer cl.Close()
	ok := true
	buf := make([]byte, 2048)
	for i := 0; i < 3; i++ {
		msg := fmt.Sprintf("datagram %d", i)
		cl.Write([]byte(msg))
		cl.SetReadDeadline(time.Now().Add(5 * time.Second))
		n, err := cl.Read(buf)
		if err != nil || string(buf[:n]) != strings.ToUpper(msg) {
			ok = false
		}
	}
	check("udp 3 datagrams round trip", ok)
	// unconnected socket: WriteTo / ReadFrom, and the sender address
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err == nil {
		pc.WriteTo([]byte("hello udp"), srv.LocalAddr())
		pc.SetReadDeadline(time.Now().Add(5 * time.Second))
		n, from, err := pc.ReadFrom(buf)
		check("udp ReadFrom reply", err == nil && string(buf[:n]) == "HELLO UDP")
		check("udp reply from the server address", err == nil && from.String() == srv.LocalAddr().String())
		// an empty read with a short deadline times out
		pc.SetReadDeadline(time.Now().Add(20 * time.Millisecond))
		_, _, err = pc.ReadFrom(buf)
		check("udp read deadline: ErrDeadlineExceeded", errors.Is(err, os.ErrDeadlineExceeded))
		pc.Close()
	}
}

func unixSockets() {
	dir, err := os.MkdirTemp("", "go-tcpecho-")
	if err != nil {
		checkErr("unix tempdir", err)
		return
	}
	defer os.RemoveAll(dir)
	sock := filepath.Join(dir, "echo.sock")
	exercise("unix", "unix", sock)
	// the listener removes its socket file on Close (Go unlinks it)
	_, err = os.Stat(sock)
	check("unix socket file removed after Close", errors.Is(err, os.ErrNotExist))

	// the socket file is a socket while listening
	l, err := net.Listen("unix", sock)
	if err == nil {
		fi, err := os.Stat(sock)
		check("unix socket file mode is ModeSocket", err == nil && fi.Mode()&os.ModeSocket != 0)
		l.Close()
	}
	// dialing a path with no listener
	_, err = net.Dial("unix", filepath.Join(dir, "missing.sock"))
	check("unix dial missing path: ENOENT", errors.Is(err, syscall.ENOENT))

	// unixgram datagrams
	ga := filepath.Join(dir, "a.dgram")
	gb := filepath.Join(dir, "b.dgram")
	pa, err1 := net.ListenPacket("unixgram", ga)
	pb, err2 := net.ListenPacket("unixgram", gb)
	if err1 == nil && err2 == nil {
		pa.WriteTo([]byte("gram"), &net.UnixAddr{Name: gb, Net: "unixgram"})
		buf := make([]byte, 64)
		pb.SetReadDeadline(time.Now().Add(5 * time.Second))
		n, from, err := pb.ReadFrom(buf)
		check("unixgram datagram delivered", err == nil && string(buf[:n]) == "gram")
		check("unixgram sender path", err == nil && from != nil && from.String() == ga)
		pa.Close()
		pb.Close()
	} else {
		if err1 == nil {
			err1 = err2
		}
		checkErr("unixgram listen", err1)
	}
}

func main() {
	exercise("tcp4", "tcp4", "127.0.0.1:0")
	if l, err := net.Listen("tcp6", "[::1]:0"); err != nil {
		fmt.Printf("tcp6 skipped: no IPv6 loopback (%v)\n", err)
	} else {
		l.Close()
		exercise("tcp6", "tcp6", "[::1]:0")
	}
	refused("tcp4", "tcp4", "127.0.0.1")
	udp()
	unixSockets()
	fmt.Printf("summary: failed=%d\n", failed)
	if failed > 0 {
		os.Exit(1)
	}
}
