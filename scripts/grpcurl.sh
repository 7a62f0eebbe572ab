#!/usr/bin/env bash
# Installs grpcurl (a stock gRPC client, used through server reflection by
# test/src/stock-clients.chain.spec.ts) from the Go module proxy into the tool cache outside the
# clone, once, and prints its path. Idempotent: a second run only prints the path.
source "$(dirname "$0")/lib.sh"
need go "Install Go 1.24 or newer (https://go.dev/dl)."
GRPCURL_VERSION=v1.9.3
go_install_tool grpcurl github.com/fullstorydev/grpcurl/cmd/grpcurl "$GRPCURL_VERSION" >&2
echo "$TOOLS_BIN/grpcurl"
