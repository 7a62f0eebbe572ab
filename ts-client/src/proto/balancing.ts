// Namespaces over the generated gridledger.balancing.v1 code, one per proto file, so that apps
// reach any message (events, genesis) without deep imports: generated.balancing.events.X.
export * as events from "../generated/gridledger/balancing/v1/events.js";
export * as genesis from "../generated/gridledger/balancing/v1/genesis.js";
export * as params from "../generated/gridledger/balancing/v1/params.js";
export * as query from "../generated/gridledger/balancing/v1/query.js";
export * as tx from "../generated/gridledger/balancing/v1/tx.js";
export * as types from "../generated/gridledger/balancing/v1/types.js";
