// go-ifaces: net.Interfaces, InterfaceAddrs, Interface.Addrs and
// Interface.MulticastAddrs, InterfaceByIndex/InterfaceByName. On FreeBSD
// these read the routing-socket sysctl (NET_RT_IFLIST, NET_RT_IFMALIST).
// Only machine-independent facts are printed: the loopback interface "lo"
// and its addresses, never the host's other interfaces.
// xrun-oracle: yes (the native Linux build is the oracle: LinuxOracleTest)
package main

import (
	"fmt"
	"net"
	"os"
	"reflect"
)

var failed int

func check(name string, ok bool) {
	fmt.Printf("%s: %v\n", name, ok)
	if !ok {
		failed++
	}
}

func hasAddr(addrs []net.Addr, want string) bool {
	for _, a := range addrs {
		if a.String() == want {
			return true
		}
	}
	return false
}

func main() {
	ift, err := net.Interfaces()
	check("Interfaces() succeeds", err == nil)
	check("at least one interface", len(ift) >= 1)
	namesOK, mtuOK, roundTrip := true, true, true
	var lo *net.Interface
	for i := range ift {
		ifi := ift[i]
		if ifi.Name == "" {
			namesOK = false
		}
		if ifi.MTU <= 0 {
			mtuOK = false
		}
		byIndex, err := net.InterfaceByIndex(ifi.Index)
		if err != nil || !reflect.DeepEqual(*byIndex, ifi) {
			roundTrip = false
		}
		byName, err := net.InterfaceByName(ifi.Name)
		if err != nil || !reflect.DeepEqual(*byName, ifi) {
			roundTrip = false
		}
		if ifi.Name == "lo" {
			lo = &ift[i]
		}
	}
	check("every interface has a name", namesOK)
	check("every interface has MTU > 0", mtuOK)
	check("InterfaceByIndex/InterfaceByName round-trip", roundTrip)
	check("an interface named lo exists", lo != nil)
	if lo == nil {
		os.Exit(1)
	}
	check("lo index >= 1", lo.Index >= 1)
	check("lo flags contain up", lo.Flags&net.FlagUp != 0)
	check("lo flags contain loopback", lo.Flags&net.FlagLoopback != 0)
	check("lo flags lack broadcast", lo.Flags&net.FlagBroadcast == 0)
	check("lo has no hardware address", len(lo.HardwareAddr) == 0)

	addrs, err := lo.Addrs()
	check("lo.Addrs() succeeds", err == nil)
	check("lo has 127.0.0.1/8", hasAddr(addrs, "127.0.0.1/8"))
	check("lo has ::1/128", hasAddr(addrs, "::1/128"))
	allIPNet := true
	for _, a := range addrs {
		if _, ok := a.(*net.IPNet); !ok {
			allIPNet = false
		}
	}
	check("lo addresses are *net.IPNet", allIPNet)

	all, err := net.InterfaceAddrs()
	check("InterfaceAddrs() succeeds", err == nil)
	check("InterfaceAddrs() includes 127.0.0.1/8", hasAddr(all, "127.0.0.1/8"))
	check("InterfaceAddrs() includes ::1/128", hasAddr(all, "::1/128"))

	mc, err := lo.MulticastAddrs()
	check("lo.MulticastAddrs() succeeds", err == nil)
	mcOK := true
	for _, a := range mc {
		ia, ok := a.(*net.IPAddr)
		if !ok || !ia.IP.IsMulticast() {
			mcOK = false
		}
	}
	check("lo multicast addresses are multicast *net.IPAddr", mcOK)

	_, err = net.InterfaceByName("no-such-interface-xrun")
	check("InterfaceByName(unknown) fails", err != nil)
	_, err = net.InterfaceByIndex(1 << 20)
	check("InterfaceByIndex(unknown) fails", err != nil)

	if failed > 0 {
		fmt.Printf("%d checks failed\n", failed)
		os.Exit(1)
	}
	fmt.Println("ok")
}
