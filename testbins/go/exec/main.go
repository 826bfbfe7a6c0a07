// go-exec: os/exec re-running this same program in child modes: captured
// stdout through a pipe, exit status 3 as an *exec.ExitError, a child
// killed by SIGTERM, StdinPipe, environment passing, a missing program,
// and os.StartProcess/Wait. The program finds itself via os.Executable.
// xrun-covers: wait6
// xrun-oracle: yes (the native Linux build is the oracle: LinuxOracleTest)
package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
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

// child modes, selected by os.Args[1]
func child(mode string) {
	switch mode {
	case "child-exit3":
		fmt.Println("child: hello from the child")
		fmt.Fprintln(os.Stderr, "child: to stderr")
		os.Exit(3)
	case "child-sigterm":
		fmt.Println("child: about to SIGTERM myself")
		syscall.Kill(os.Getpid(), syscall.SIGTERM)
		// the default action terminates the process; sleep rather than
		// block in select{} so the runtime's deadlock detector cannot win
		time.Sleep(30 * time.Second)
		fmt.Println("child: still alive after SIGTERM")
		os.Exit(4)
	case "child-upper":
		// copy stdin to stdout upper-cased, then report the line count
		sc := bufio.NewScanner(os.Stdin)
		lines := 0
		for sc.Scan() {
			fmt.Println(strings.ToUpper(sc.Text()))
			lines++
		}
		fmt.Printf("child: %d lines\n", lines)
		os.Exit(0)
	case "child-env":
		var keys []string
		for _, kv := range os.Environ() {
			if strings.HasPrefix(kv, "XRUN_GO_") {
				keys = append(keys, kv)
			}
		}
		sort.Strings(keys)
		for _, kv := range keys {
			fmt.Println(kv)
		}
		_, hasHome := os.LookupEnv("XRUN_GO_UNSET")
		fmt.Printf("child: XRUN_GO_UNSET present: %v\n", hasHome)
		os.Exit(0)
	case "child-args":
		fmt.Printf("child: %d args: %q\n", len(os.Args)-2, os.Args[2:])
		wd, _ := os.Getwd()
		fmt.Printf("child: cwd base: %s\n", filepath.Base(wd))
		os.Exit(0)
	default:
		fmt.Fprintf(os.Stderr, "unknown mode %q\n", mode)
		os.Exit(2)
	}
}

func main() {
	if len(os.Args) > 1 && strings.HasPrefix(os.Args[1], "child-") {
		child(os.Args[1])
		return
	}
	self, err := os.Executable()
	if err != nil || !filepath.IsAbs(self) {
		// fall back to argv[0]
		self, err = filepath.Abs(os.Args[0])
	}
	check("found own executable", err == nil)
	fi, err := os.Stat(self)
	check("own executable is a regular file", err == nil && fi.Mode().IsRegular())

	// 1. captured stdout, exit status 3
	cmd := exec.Command(self, "child-exit3")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	fmt.Printf("exit3 stdout: %q\n", out)
	fmt.Printf("exit3 stderr: %q\n", stderr.String())
	var ee *exec.ExitError
	check("exit3 error is *exec.ExitError", errors.As(err, &ee))
	if ee != nil {
		check("ExitCode() == 3", ee.ExitCode() == 3)
		ws, ok := ee.Sys().(syscall.WaitStatus)
		check("WaitStatus: Exited() && ExitStatus()==3", ok && ws.Exited() && ws.ExitStatus() == 3)
		check("ProcessState.Success() false", !ee.Success())
		fmt.Printf("exit3 error text: %v\n", err)
	}

	// 2. child killed by a signal
	cmd = exec.Command(self, "child-sigterm")
	out, err = cmd.Output()
	fmt.Printf("sigterm stdout: %q\n", out)
	ee = nil
	check("sigterm error is *exec.ExitError", errors.As(err, &ee))
	if ee != nil {
		ws, ok := ee.Sys().(syscall.WaitStatus)
		check("WaitStatus: Signaled()", ok && ws.Signaled())
		check("WaitStatus: Signal() == SIGTERM", ok && ws.Signal() == syscall.SIGTERM)
		check("ExitCode() == -1 for a signal", ee.ExitCode() == -1)
		fmt.Printf("sigterm error text: %v\n", err)
		fmt.Printf("sigterm ProcessState: %v\n", ee.ProcessState)
	}

	// 3. StdinPipe and StdoutPipe
	cmd = exec.Command(self, "child-upper")
	stdin, err1 := cmd.StdinPipe()
	stdout, err2 := cmd.StdoutPipe()
	check("StdinPipe and StdoutPipe", err1 == nil && err2 == nil)
	if err := cmd.Start(); err != nil {
		check("start child-upper", false)
	} else {
		go func() {
			for i := 0; i < 3; i++ {
				fmt.Fprintf(stdin, "line %d via pipe\n", i)
			}
			stdin.Close()
		}()
		got, _ := io.ReadAll(stdout)
		err := cmd.Wait()
		fmt.Printf("upper output:\n%s", got)
		check("child-upper exited 0", err == nil && cmd.ProcessState.ExitCode() == 0)
		check("Process.Pid > 0", cmd.Process.Pid > 0)
	}

	// 4. environment passing: a chosen environment, no inherited variables
	cmd = exec.Command(self, "child-env")
	cmd.Env = []string{"XRUN_GO_B=two words", "XRUN_GO_A=1", "XRUN_GO_EMPTY=", "PATH=/usr/bin:/bin"}
	out, err = cmd.Output()
	check("child-env exited 0", err == nil)
	fmt.Printf("env child output:\n%s", out)
	// inherited environment plus one variable
	os.Setenv("XRUN_GO_INHERITED", "yes")
	os.Setenv("XRUN_GO_UNSET", "x")
	os.Unsetenv("XRUN_GO_UNSET")
	cmd = exec.Command(self, "child-env")
	cmd.Env = append(os.Environ(), "XRUN_GO_EXTRA=added")
	out, err = cmd.Output()
	check("child-env (inherited) exited 0", err == nil)
	fmt.Printf("inherited env child output:\n%s", out)

	// 5. arguments with spaces and quotes, and Dir
	dir, _ := os.MkdirTemp("", "go-exec-")
	defer os.RemoveAll(dir)
	sub := filepath.Join(dir, "workdir")
	os.Mkdir(sub, 0o755)
	cmd = exec.Command(self, "child-args", "a b", "", "\"q\"", "ü")
	cmd.Dir = sub
	out, err = cmd.CombinedOutput()
	check("child-args exited 0", err == nil)
	fmt.Printf("args child output:\n%s", out)

	// 6. a program that does not exist / is not executable
	_, err = exec.Command(filepath.Join(dir, "no-such-program")).Output()
	check("missing program: errors.Is(err, fs.ErrNotExist)", errors.Is(err, os.ErrNotExist))
	notexec := filepath.Join(dir, "notexec")
	os.WriteFile(notexec, []byte("data\n"), 0o644)
	_, err = exec.Command(notexec).Output()
	check("non-executable file: EACCES", errors.Is(err, syscall.EACCES))
	_, err = exec.LookPath("xrun-go-no-such-command")
	check("LookPath unknown command: exec.ErrNotFound", errors.Is(err, exec.ErrNotFound))

	// 7. os.StartProcess with explicit files
	r, w, _ := os.Pipe()
	p, err := os.StartProcess(self, []string{self, "child-exit3"}, &os.ProcAttr{
		Files: []*os.File{nil, w, nil},
	})
	w.Close()
	if err != nil {
		check("os.StartProcess", false)
	} else {
		data, _ := io.ReadAll(r)
		st, err := p.Wait()
		check("StartProcess child wrote through the pipe", string(data) == "child: hello from the child\n")
		check("StartProcess Wait exit code 3", err == nil && st.ExitCode() == 3 && st.Exited())
	}
	r.Close()

	fmt.Printf("summary: failed=%d\n", failed)
	if failed > 0 {
		os.Exit(1)
	}
}
