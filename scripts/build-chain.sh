#!/usr/bin/env bash
# Builds chain/build/gridd. Go's build cache (outside the clone) makes a rebuild
# with no change take seconds; the first build of the SDK takes a few minutes.
source "$(dirname "$0")/lib.sh"
need go "Install Go 1.24 or newer (https://go.dev/dl) and a C toolchain (gcc)."
need gcc "Install a C toolchain: on Debian/Ubuntu 'apt-get install build-essential'."

cd "$ROOT/chain"
version="$(git -C "$ROOT" describe --always --dirty 2>/dev/null || echo dev)"
pkg=github.com/cosmos/cosmos-sdk/version
step "building gridd $version (the first build compiles the Cosmos SDK: a few minutes)"
go build -mod=readonly -ldflags "-X $pkg.Name=gridledger -X $pkg.AppName=gridd -X $pkg.Version=$version -X $pkg.Commit=$(git -C "$ROOT" rev-parse HEAD 2>/dev/null || echo none)" \
  -o build/gridd ./cmd/gridd
step "gridd ready: chain/build/gridd"
