#!/usr/bin/env bash
# npm test: every test, from a fresh clone. Installs what it needs first (npm packages,
# Go modules, code generators, the gridd build), then runs, in order of speed:
# generated-code drift, Go vet and tests, TypeScript type check, vitest suites (unit
# tests and suites that start real gridd nodes).
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
ensure_npm

step "1/5 generated code is in sync with proto/"
# Fingerprint the generated files, regenerate, compare: works in a fresh clone (CI) and in
# a working tree with uncommitted proto changes alike.
fingerprint() {
  (cd "$ROOT" && { find chain \( -name '*.pb.go' -o -name '*.pb.gw.go' \) -print0; find ts-client/src/generated -type f -print0; } |
    sort -z | xargs -0 sha256sum | sha256sum)
}
before="$(fingerprint)"
bash scripts/proto-gen.sh >/dev/null
if [[ "$(fingerprint)" != "$before" ]]; then
  git status --short -- ':(glob)chain/**/*.pb.go' ':(glob)chain/**/*.pb.gw.go' ts-client/src/generated >&2
  die "generated code was out of date with proto/ and has been regenerated: review and commit it ('npm run proto' does the same)"
fi

step "2/5 building gridd"
bash scripts/build-chain.sh

step "3/5 Go vet and tests (chain/)"
(cd chain && go vet ./... && go test ./...)

step "4/5 TypeScript type check"
tsc -b ts-client relayer test bench
tsc -p ts-client/tsconfig.spec.json

step "5/5 vitest: unit tests and suites against real gridd nodes"
vitest run "$@"
step "all tests passed"
