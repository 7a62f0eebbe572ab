// Namespaces over the generated gridledger.fiat.v1 code, one per proto file.
export * as events from "../generated/gridledger/fiat/v1/events.js";
export * as genesis from "../generated/gridledger/fiat/v1/genesis.js";
export * as query from "../generated/gridledger/fiat/v1/query.js";
export * as tx from "../generated/gridledger/fiat/v1/tx.js";
export * as types from "../generated/gridledger/fiat/v1/types.js";
