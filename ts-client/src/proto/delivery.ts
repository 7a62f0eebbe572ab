// Namespaces over the generated gridledger.delivery.v1 code, one per proto file.
export * as events from "../generated/gridledger/delivery/v1/events.js";
export * as genesis from "../generated/gridledger/delivery/v1/genesis.js";
export * as params from "../generated/gridledger/delivery/v1/params.js";
export * as query from "../generated/gridledger/delivery/v1/query.js";
export * as tx from "../generated/gridledger/delivery/v1/tx.js";
export * as types from "../generated/gridledger/delivery/v1/types.js";
