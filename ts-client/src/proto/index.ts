// All generated gridledger code by module, re-exported from the package as `generated`.
export * as balancing from "./balancing.js";
export * as energy from "./energy.js";
export * as fiat from "./fiat.js";
export * as delivery from "./delivery.js";
export * as settlement from "./settlement.js";
export * as interchain from "./interchain.js";
