#!/usr/bin/env bash
# npm test: every test, from a fresh clone. Installs what it needs first (npm packages,
# Go modules, code generators, the gridd build), then runs, in order of speed:
# generated-code drift, Go vet and tests, TypeScript type check, vitest suites (unit
# tests, the UI's component tests, suites that start real gridd nodes and the UI's browser tests
# in Chromium, installed once from Debian's packages), then the suites against a whole
# multi-chain network with Hermes. Arguments go to the vitest run of step 6 (and skip step 7).
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
ensure_npm

step "1/7 generated code is in sync with proto/"
# Fingerprint the generated files, regenerate, compare: works in a fresh clone (CI) and in
# a working tree with uncommitted proto changes alike.
fingerprint() {
  (cd "$ROOT" && { find chain \( -name '*.pb.go' -o -name '*.pb.gw.go' \) -print0; find ts-client/src/generated chain/app/openapi -type f -print0; } |
    sort -z | xargs -0 sha256sum | sha256sum)
}
before="$(fingerprint)"
bash scripts/proto-gen.sh >/dev/null
if [[ "$(fingerprint)" != "$before" ]]; then
  git status --short -- ':(glob)chain/**/*.pb.go' ':(glob)chain/**/*.pb.gw.go' ts-client/src/generated chain/app/openapi >&2
  die "generated code was out of date with proto/ and has been regenerated: review and commit it ('npm run proto' does the same)"
fi

step "2/7 building gridd"
bash scripts/build-chain.sh

step "3/7 Hermes, grpcurl and Cosmovisor (built once into $CACHE, then reused)"
ensure_ts_build
tsx relayer/src/gridnet.ts hermes install >/dev/null
bash scripts/grpcurl.sh >/dev/null # test/src/stock-clients.chain.spec.ts
bash scripts/cosmovisor.sh >/dev/null # test/src/upgrade.net.spec.ts

step "4/7 Go format, vet and tests (chain/)"
unformatted=$(cd chain && gofmt -l .)
if [ -n "$unformatted" ]; then
  echo "these Go files are not gofmt-formatted; run: (cd chain && gofmt -w .)" >&2
  echo "$unformatted" >&2
  exit 1
fi
(cd chain && go vet ./... && go test ./...)

step "5/7 TypeScript type check"
tsc -b ts-client relayer test bench ui
tsc -p ts-client/tsconfig.spec.json

step "6/7 vitest: unit tests and suites against real gridd nodes, the web UI in Chromium among them"
# test/src/ui.chain.spec.ts drives Debian's Chromium (never a downloaded browser) and builds the
# UI when its sources changed.
ensure_chromium
vitest run "$@"

if [[ $# -eq 0 ]]; then
  step "7/7 vitest: networks of chains with Hermes (test/src/*.net.spec.ts: the default hierarchy; an upgrade in place; validators in network namespaces of their own)"
  vitest run -c test/vitest.network.config.ts
fi
step "all tests passed"
