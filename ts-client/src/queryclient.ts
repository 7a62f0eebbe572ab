import {
  type AuthExtension,
  type BankExtension,
  QueryClient,
  setupAuthExtension,
  setupBankExtension,
  setupStakingExtension,
  setupTxExtension,
  type StakingExtension,
  type TxExtension,
} from "@cosmjs/stargate";
import type { CometClient } from "@cosmjs/tendermint-rpc";

import { type BalancingExtension, setupBalancingExtension } from "./modules/balancing/queries.js";
import { type DeliveryExtension, setupDeliveryExtension } from "./modules/delivery/queries.js";
import { type Co2Extension, setupCo2Extension } from "./modules/energy/co2queries.js";
import { type EnergyExtension, setupEnergyExtension } from "./modules/energy/queries.js";
import { type FiatExtension, setupFiatExtension } from "./modules/fiat/queries.js";
import { type GovV1Extension, setupGovV1Extension } from "./modules/gov/queries.js";
import { type InterchainExtension, setupInterchainExtension } from "./modules/interchain/queries.js";
import { type InvariantsExtension, setupInvariantsExtension } from "./modules/invariants/queries.js";
import { type SettlementExtension, setupSettlementExtension } from "./modules/settlement/queries.js";

/**
 * GridledgerQueryClient answers the SDK queries CosmJS's StargateClient uses, gov v1 (as `gov`)
 * and gridledger's own (balancing, energy, fiat, delivery, settlement, interchain, invariants).
 */
export type GridledgerQueryClient = QueryClient &
  AuthExtension &
  BankExtension &
  StakingExtension &
  TxExtension &
  BalancingExtension &
  EnergyExtension &
  Co2Extension &
  FiatExtension &
  DeliveryExtension &
  SettlementExtension &
  InterchainExtension &
  InvariantsExtension &
  GovV1Extension;

/**
 * createGridledgerQueryClient builds the query client over an existing Comet connection, for apps
 * that manage the connection themselves (e.g. one shared client in a UI provider).
 */
export function createGridledgerQueryClient(cometClient: CometClient): GridledgerQueryClient {
  return QueryClient.withExtensions(
    cometClient,
    setupAuthExtension,
    setupBankExtension,
    setupStakingExtension,
    setupTxExtension,
    setupBalancingExtension,
    setupEnergyExtension,
    setupCo2Extension,
    setupFiatExtension,
    setupDeliveryExtension,
    setupSettlementExtension,
    setupInterchainExtension,
    setupInvariantsExtension,
    setupGovV1Extension,
  );
}
