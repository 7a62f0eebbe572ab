#!/usr/bin/env bash
# Runs one local gridledger chain for development (gridledger-dev-1 in .gridnet/dev).
# Builds gridd if needed, then hands over to relayer/src/devnode.ts; flags are passed through:
#   --reset        wipe the dev chain first      --foreground  stay attached, Ctrl-C stops it
#   --logs         stream the node log (with --foreground)
# Ports: 26657 rpc, 26656 p2p, 9090 grpc, 1317 rest, 6060 pprof, or a block from
# GRIDLEDGER_DEV_PORT_BASE (rpc=base, p2p=base+1, grpc=base+2, api=base+3, pprof=base+4).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ensure_npm
[[ -f "$ROOT/scripts/build-chain.sh" ]] || die "scripts/build-chain.sh is missing: update your checkout (git pull)."
step "building gridd (scripts/build-chain.sh)"
bash "$ROOT/scripts/build-chain.sh" || die "building gridd failed (see above): fix the build, then run this again."
cd "$ROOT"
exec tsx relayer/src/devnode.ts --binary "$ROOT/chain/build/gridd" "$@"
