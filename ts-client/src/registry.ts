import { type GeneratedType, Registry } from "@cosmjs/proto-signing";
import { AminoTypes, createDefaultAminoConverters, defaultRegistryTypes } from "@cosmjs/stargate";

import { createBalancingAminoConverters } from "./modules/balancing/aminomessages.js";
import { balancingTypes } from "./modules/balancing/messages.js";

/** gridledgerTypes are the registry entries of gridledger's own messages. */
export const gridledgerTypes: ReadonlyArray<[string, GeneratedType]> = [
  ...balancingTypes,
];

/**
 * createGridledgerRegistry returns a fresh Registry with the SDK messages CosmJS knows
 * (bank, staking, gov, ...) and gridledger's. Use it when you register more types yourself.
 */
export function createGridledgerRegistry(): Registry {
  return new Registry([...defaultRegistryTypes, ...gridledgerTypes]);
}

/**
 * gridledgerRegistry is a shared Registry for the common case. It is mutable (Registry.register),
 * so code that adds its own types should use createGridledgerRegistry() instead.
 */
export const gridledgerRegistry: Registry = createGridledgerRegistry();

/** createGridledgerAminoTypes returns the amino converters of the SDK messages and gridledger's. */
export function createGridledgerAminoTypes(): AminoTypes {
  return new AminoTypes({ ...createDefaultAminoConverters(), ...createBalancingAminoConverters() });
}
