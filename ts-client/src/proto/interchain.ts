// Namespaces over the generated gridledger.interchain.v1 code, one per proto file.
export * as events from "../generated/gridledger/interchain/v1/events.js";
export * as genesis from "../generated/gridledger/interchain/v1/genesis.js";
export * as packet from "../generated/gridledger/interchain/v1/packet.js";
export * as params from "../generated/gridledger/interchain/v1/params.js";
export * as query from "../generated/gridledger/interchain/v1/query.js";
export * as tx from "../generated/gridledger/interchain/v1/tx.js";
export * as types from "../generated/gridledger/interchain/v1/types.js";
