#!/usr/bin/env bash
# Regenerates all code derived from proto/: Go (gogoproto + grpc-gateway) into chain/,
# TypeScript (ts-proto) into ts-client/src/generated, the OpenAPI document of the REST routes
# (protoc-gen-openapiv2) into chain/app/openapi, which gridd embeds and serves at /openapi.json. Third-party protos come from the
# Go module cache at the versions chain/go.mod pins; plugins from the Go module proxy.
source "$(dirname "$0")/lib.sh"
need go "Install Go 1.24 or newer (https://go.dev/dl)."
ensure_npm

go_install_tool protoc-gen-gocosmos github.com/cosmos/gogoproto/protoc-gen-gocosmos v1.7.2
go_install_tool protoc-gen-grpc-gateway github.com/grpc-ecosystem/grpc-gateway/protoc-gen-grpc-gateway v1.16.0
go_install_tool protoc-gen-openapiv2 github.com/grpc-ecosystem/grpc-gateway/v2/protoc-gen-openapiv2 v2.27.1

step "collecting third-party protos from the Go module cache"
DEPS="$ROOT/build/proto-deps"
rm -rf "$DEPS" && mkdir -p "$DEPS"
sdk="$(go_mod_dir github.com/cosmos/cosmos-sdk)"
gogo="$(go_mod_dir github.com/cosmos/gogoproto)"
cosmosproto="$(go_mod_dir github.com/cosmos/cosmos-proto)"
gateway="$(go_mod_dir github.com/grpc-ecosystem/grpc-gateway)"
copy() { mkdir -p "$DEPS/$(dirname "$2")" && cp "$1/$2" "$DEPS/$2" && chmod u+w "$DEPS/$2"; }
copy "$sdk/proto" amino/amino.proto
copy "$sdk/proto" cosmos/msg/v1/msg.proto
copy "$sdk/proto" cosmos/base/query/v1beta1/pagination.proto
copy "$sdk/proto" cosmos/base/v1beta1/coin.proto
copy "$gogo" gogoproto/gogo.proto
copy "$cosmosproto/proto" cosmos_proto/cosmos.proto
copy "$gateway/third_party/googleapis" google/api/annotations.proto
copy "$gateway/third_party/googleapis" google/api/http.proto

cd "$ROOT"
step "buf lint"
buf lint proto

step "generating Go"
OUT="$ROOT/build/proto-go"
rm -rf "$OUT"
buf generate --template proto/buf.gen.gogo.yaml proto --path proto/gridledger -o "$OUT"
mod_path="github.com/gridledger/gridledger/chain"
mkdir -p "$ROOT/chain/x" && find "$ROOT/chain/x" -name '*.pb.go' -o -name '*.pb.gw.go' | xargs -r rm -f
cp -r "$OUT/$mod_path/." "$ROOT/chain/"

step "generating TypeScript"
rm -rf "$ROOT/ts-client/src/generated"
buf generate --template proto/buf.gen.ts.yaml proto --path proto/gridledger -o "$ROOT/ts-client/src/generated"

step "generating the OpenAPI document"
rm -rf "$ROOT/chain/app/openapi"
buf generate --template proto/buf.gen.openapi.yaml proto --path proto/gridledger -o "$ROOT/chain/app/openapi"
# the merged document is titled after its first file: name it after the API instead
node -e 'const fs = require("fs"), f = process.argv[1], d = JSON.parse(fs.readFileSync(f, "utf8"));
d.info = { title: "gridledger REST API (gridd)", description: "Queries of x/balancing, x/energy, x/delivery, x/fiat and x/settlement, served by every node; generated from proto/.", version: "v1" };
fs.writeFileSync(f, JSON.stringify(d, null, 2) + "\n");' "$ROOT/chain/app/openapi/gridledger.swagger.json"

step "done: generated code is in chain/x/*/types, ts-client/src/generated and chain/app/openapi"
