#!/usr/bin/env bash
# Installs Cosmovisor (the Cosmos SDK's process manager that swaps gridd for the new release at
# an upgrade's height) from the Go module proxy into the tool cache outside the clone, once, and
# prints its path. Idempotent: a second run only prints the path. gridnet runs nodes under it
# (`gridnet up --cosmovisor`, test/src/upgrade.net.spec.ts); operators: docs/operations/upgrades.md.
#
# Pinned to v1.5.0: the newest release the Go module proxy reachable here serves (v1.6 and v1.7
# are refused), and it builds with Go 1.24 and later. `go install module@version` does not work
# for it here because it asks the proxy for the module's version list, so the pinned module is
# downloaded and its cmd/cosmovisor built against its own go.mod and go.sum.
source "$(dirname "$0")/lib.sh"
need go "Install Go 1.24 or newer (https://go.dev/dl)."
COSMOVISOR_VERSION=v1.5.0
dir="$CACHE/cosmovisor-$COSMOVISOR_VERSION/bin"
bin="$dir/cosmovisor"
if [[ ! -x "$bin" ]]; then
  step "installing cosmovisor $COSMOVISOR_VERSION from the Go module proxy into $dir"
  src="$(cd "$(mktemp -d)" && GOFLAGS=-mod=mod go mod download -json "cosmossdk.io/tools/cosmovisor@$COSMOVISOR_VERSION" |
    node -e 'let s="";process.stdin.on("data",(d)=>(s+=d)).on("end",()=>{const m=JSON.parse(s);if(m.Error){console.error(m.Error);process.exit(1)}console.log(m.Dir)})')" ||
    die "could not download cosmossdk.io/tools/cosmovisor@$COSMOVISOR_VERSION from the Go module proxy ($(go env GOPROXY))"
  mkdir -p "$dir"
  (cd "$src" && go build -mod=readonly -trimpath -o "$bin.tmp" ./cmd/cosmovisor) || die "building cosmovisor $COSMOVISOR_VERSION failed (see above)"
  mv "$bin.tmp" "$bin"
fi
echo "$bin"
