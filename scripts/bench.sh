#!/usr/bin/env bash
# npm run bench [-- options]: builds gridd, starts one local node and measures throughput
# (bank send, issue, buy) and Offers query latency in one run; prints ratios against the
# baseline measured in the same run and writes bench/results/<time>.json. See bench/README.md.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
ensure_npm
bash scripts/build-chain.sh
ensure_ts_build
step "running the benchmark (bench/src/main.ts $*)"
exec tsx bench/src/main.ts "$@"
