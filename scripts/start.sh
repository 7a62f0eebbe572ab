#!/usr/bin/env bash
# npm start: the whole default hierarchy (transmission, two regional grids, a local community),
# linked by Hermes, with demo participants and fiat. Everything is reused on the next run.
#   npm start -- --topology my-grid.yaml   another topology (see relayer/README.md)
#   npm start -- --detach                  return once it is up (stop with: npx gridnet down)
# The single dev chain of earlier versions is still there: bash scripts/devnode.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ensure_npm
step "building gridd (scripts/build-chain.sh)"
bash "$ROOT/scripts/build-chain.sh" || die "building gridd failed (see above): fix the build, then run this again."
ensure_ts_build
cd "$ROOT"
exec tsx relayer/src/start.ts --binary "$ROOT/chain/build/gridd" "$@"
