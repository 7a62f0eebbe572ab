// Namespaces over the generated gridledger.settlement.v1 code, one per proto file.
export * as events from "../generated/gridledger/settlement/v1/events.js";
export * as genesis from "../generated/gridledger/settlement/v1/genesis.js";
export * as params from "../generated/gridledger/settlement/v1/params.js";
export * as query from "../generated/gridledger/settlement/v1/query.js";
export * as tx from "../generated/gridledger/settlement/v1/tx.js";
export * as types from "../generated/gridledger/settlement/v1/types.js";
