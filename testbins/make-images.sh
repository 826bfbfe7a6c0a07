#!/usr/bin/env bash
# make-images.sh - example container images built from this repository, for `xrun IMAGE`.
#
#   bash testbins/make-images.sh [DIR]     (default /tmp/xrun-images)
#
# Writes into DIR:
#   freebsd-root/            a FreeBSD root filesystem: testbins programs in /bin, the project's
#                            interpreter as /libexec/ld-elf.so.1, /etc/passwd, /var/run, /tmp
#   freebsd-base.txz         the same as a tarball, the way FreeBSD ships base.txz
#   freebsd-oci/             the same as an OCI image layout (one gzip layer; config: os freebsd,
#                            Entrypoint /bin/hello, Cmd ["from", "an", "OCI", "image"])
#   busybox-rootfs.tar.gz    a Linux root filesystem of Debian's busybox-static (when installed)
# OCI JSON follows opencontainers/image-spec (image-layout.md, manifest.md, config.md).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
out=${1:-/tmp/xrun-images}
rm -rf "$out"
mkdir -p "$out"
root="$out/freebsd-root"
mkdir -p "$root"/{bin,libexec,etc,var/run,tmp,root}
chmod 1777 "$root/tmp"
for p in hello threads dynhello exec startup go-goroutines go-tcpecho; do
	cp "$here/bin/$p" "$root/bin/$p"
done
cp "$here/bin/ld_elf" "$root/libexec/ld-elf.so.1"
printf 'root:*:0:0:Charlie &:/root:/bin/sh\n' >"$root/etc/passwd"
printf 'wheel:*:0:root\n' >"$root/etc/group"
tar --numeric-owner -C "$root" -cJf "$out/freebsd-base.txz" .

# OCI layout: blobs named by their sha256, an index pointing at the manifest.
oci="$out/freebsd-oci"
mkdir -p "$oci/blobs/sha256"
blob() { # blob FILE -> prints "sha256:HEX SIZE", stores FILE as a blob
	local hex size
	hex=$(sha256sum "$1" | cut -d' ' -f1)
	size=$(stat -c %s "$1")
	cp "$1" "$oci/blobs/sha256/$hex"
	echo "sha256:$hex $size"
}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
tar --numeric-owner -C "$root" -cf "$tmp/layer.tar" .
diffid="sha256:$(sha256sum "$tmp/layer.tar" | cut -d' ' -f1)"
gzip -n -c "$tmp/layer.tar" >"$tmp/layer.tar.gz"
read -r ldig lsize < <(blob "$tmp/layer.tar.gz")
printf '{"architecture":"amd64","os":"freebsd","config":{"Entrypoint":["/bin/hello"],"Cmd":["from","an","OCI","image"],"Env":["PATH=/bin"],"WorkingDir":"/"},"rootfs":{"type":"layers","diff_ids":["%s"]}}' \
	"$diffid" >"$tmp/config.json"
read -r cdig csize < <(blob "$tmp/config.json")
printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"%s","size":%s},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"%s","size":%s}]}' \
	"$cdig" "$csize" "$ldig" "$lsize" >"$tmp/manifest.json"
read -r mdig msize < <(blob "$tmp/manifest.json")
printf '{"imageLayoutVersion":"1.0.0"}' >"$oci/oci-layout"
printf '{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"%s","size":%s,"platform":{"architecture":"amd64","os":"freebsd"}}]}' \
	"$mdig" "$msize" >"$oci/index.json"

if busybox=$(command -v busybox); then
	bb="$tmp/bb"
	mkdir -p "$bb/bin" "$bb/etc" "$bb/root"
	cp "$busybox" "$bb/bin/busybox"
	for a in $("$busybox" --list); do
		[ "$a" = busybox ] || ln -sf busybox "$bb/bin/$a"
	done
	printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$bb/etc/passwd"
	printf 'root:x:0:\nnogroup:x:65534:\n' >"$bb/etc/group"
	tar --numeric-owner -C "$bb" -czf "$out/busybox-rootfs.tar.gz" .
else
	echo "make-images.sh: busybox not installed (apt-get install busybox-static): no Linux image" >&2
fi
ls -1 "$out"
