#!/usr/bin/env bash
# npm test: every test, from a fresh clone. Installs what it needs first (npm packages,
# Go modules, code generators, the gridd build), then runs, in order of speed:
# generated-code drift, Go vet and tests, TypeScript type check, vitest suites (unit
# tests and suites that start real gridd nodes).
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
ensure_npm

step "1/5 generated code is in sync with proto/"
bash scripts/proto-gen.sh >/dev/null
generated=(':(glob)chain/**/*.pb.go' ':(glob)chain/**/*.pb.gw.go' ts-client/src/generated)
if [[ -n "$(git status --porcelain -- "${generated[@]}")" ]]; then
  git status --short -- "${generated[@]}" >&2
  die "generated code differs from proto/: run 'npm run proto' and commit the result"
fi

step "2/5 building gridd"
bash scripts/build-chain.sh

step "3/5 Go vet and tests (chain/)"
(cd chain && go vet ./... && go test ./...)

step "4/5 TypeScript type check"
tsc -b ts-client relayer test
tsc -p ts-client/tsconfig.spec.json

step "5/5 vitest: unit tests and suites against real gridd nodes"
vitest run "$@"
step "all tests passed"
