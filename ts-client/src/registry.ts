import { type GeneratedType, Registry } from "@cosmjs/proto-signing";
import { AminoTypes, createDefaultAminoConverters, defaultRegistryTypes } from "@cosmjs/stargate";

import { createBalancingAminoConverters } from "./modules/balancing/aminomessages.js";
import { balancingTypes } from "./modules/balancing/messages.js";
import { createDeliveryAminoConverters } from "./modules/delivery/aminomessages.js";
import { deliveryTypes } from "./modules/delivery/messages.js";
import { createEnergyAminoConverters } from "./modules/energy/aminomessages.js";
import { createCo2AminoConverters } from "./modules/energy/co2aminomessages.js";
import { co2Types } from "./modules/energy/co2messages.js";
import { energyTypes } from "./modules/energy/messages.js";
import { createFiatAminoConverters } from "./modules/fiat/aminomessages.js";
import { fiatTypes } from "./modules/fiat/messages.js";
import { createInterchainAminoConverters } from "./modules/interchain/aminomessages.js";
import { interchainTypes } from "./modules/interchain/messages.js";
import { createSettlementAminoConverters } from "./modules/settlement/aminomessages.js";
import { settlementTypes } from "./modules/settlement/messages.js";
import { createGovV1AminoConverters } from "./modules/gov/aminomessages.js";

/** gridledgerTypes are the registry entries of gridledger's own messages. */
export const gridledgerTypes: ReadonlyArray<[string, GeneratedType]> = [
  ...balancingTypes,
  ...energyTypes,
  ...co2Types,
  ...fiatTypes,
  ...deliveryTypes,
  ...settlementTypes,
  ...interchainTypes,
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

/**
 * createGridledgerAminoTypes returns the amino converters of the SDK messages CosmJS knows,
 * gridledger's, and gov v1 MsgSubmitProposal and MsgVote, whose proposals may carry any of the
 * others. `registry` encodes a proposal's messages; it must know their types.
 */
export function createGridledgerAminoTypes(registry: Registry = createGridledgerRegistry()): AminoTypes {
  const converters = {
    ...createDefaultAminoConverters(),
    ...createBalancingAminoConverters(),
    ...createEnergyAminoConverters(),
    ...createCo2AminoConverters(),
    ...createFiatAminoConverters(),
    ...createDeliveryAminoConverters(),
    ...createSettlementAminoConverters(),
    ...createInterchainAminoConverters(),
  };
  return new AminoTypes({
    ...converters,
    ...createGovV1AminoConverters(registry, new AminoTypes(converters)),
  });
}
