// Namespaces over the generated gridledger.energy.v1 code, one per proto file.
export * as genesis from "../generated/gridledger/energy/v1/genesis.js";
export * as params from "../generated/gridledger/energy/v1/params.js";
export * as query from "../generated/gridledger/energy/v1/query.js";
