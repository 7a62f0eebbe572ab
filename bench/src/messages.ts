/**
 * The messages the benchmark sends, as CosmJS EncodeObjects, and a Registry that knows them.
 * x/energy's messages come straight from the generated types (the client's energy module may
 * not have them yet); everything else from @gridledger/client's registry entries.
 */
import { type EncodeObject, type GeneratedType, Registry } from "@cosmjs/proto-signing";
import { defaultRegistryTypes } from "@cosmjs/stargate";

import { Role, EnergyCategory } from "../../ts-client/src/generated/gridledger/balancing/v1/types.js";
import { MsgBuySide, MsgIssueToken, MsgIssueTokenResponse, MsgSetAsk } from "../../ts-client/src/generated/gridledger/energy/v1/tx.js";
import { Side } from "../../ts-client/src/generated/gridledger/energy/v1/types.js";
import { gridledgerTypes } from "../../ts-client/src/registry.js";

export { EnergyCategory, MsgIssueTokenResponse, Role, Side };

export const msgIssueTokenTypeUrl = "/gridledger.energy.v1.MsgIssueToken";
export const msgSetAskTypeUrl = "/gridledger.energy.v1.MsgSetAsk";
export const msgBuySideTypeUrl = "/gridledger.energy.v1.MsgBuySide";
export const msgIssueTokenResponseTypeUrl = "/gridledger.energy.v1.MsgIssueTokenResponse";

const energyTypes: ReadonlyArray<[string, GeneratedType]> = [
  [msgIssueTokenTypeUrl, MsgIssueToken],
  [msgSetAskTypeUrl, MsgSetAsk],
  [msgBuySideTypeUrl, MsgBuySide],
];

/** benchRegistry knows the SDK messages, gridledger's (from the client) and x/energy's. */
export function benchRegistry(): Registry {
  const registry = new Registry([...defaultRegistryTypes, ...gridledgerTypes]);
  for (const [url, type] of energyTypes) {
    if (!registry.lookupType(url)) registry.register(url, type);
  }
  return registry;
}

export function bankSend(from: string, to: string, amount: string, denom: string): EncodeObject {
  return { typeUrl: "/cosmos.bank.v1beta1.MsgSend", value: { fromAddress: from, toAddress: to, amount: [{ denom, amount }] } };
}

export function admitParticipant(operator: string, address: string, name: string, categories: EnergyCategory[], positionLimitWh: bigint): EncodeObject {
  return {
    typeUrl: "/gridledger.balancing.v1.MsgAdmitParticipant",
    value: {
      operator,
      address,
      legalId: `BENCH-${name.toUpperCase()}`,
      displayName: name,
      roles: [Role.ROLE_TRADER],
      positionLimitWh,
      tradedCategories: categories,
    },
  };
}

export function attestReserve(bank: string, denom: string, reserve: string, statementHash: Uint8Array): EncodeObject {
  return { typeUrl: "/gridledger.fiat.v1.MsgAttestReserve", value: { bank, denom, reserve, statementHash } };
}

export function mint(bank: string, denom: string, recipient: string, amount: string, depositReference: string): EncodeObject {
  return { typeUrl: "/gridledger.fiat.v1.MsgMint", value: { bank, denom, recipient, amount, depositReference } };
}

export function deposit(owner: string, amount: string, denom: string): EncodeObject {
  return { typeUrl: "/gridledger.fiat.v1.MsgDeposit", value: { owner, amount: { denom, amount } } };
}

/** virtualMeterId is x/balancing's id of a participant's virtual meter for a category. */
export function virtualMeterId(owner: string, category: EnergyCategory): string {
  const name = EnergyCategory[category].replace(/^ENERGY_CATEGORY_/, "").toLowerCase();
  return `virtual:${owner}:${name}`;
}

export interface IssueInput {
  issuer: string;
  category: EnergyCategory;
  firstPeriod: bigint;
  lastPeriod: bigint;
  whPerPeriod: bigint;
  denom: string;
  faceValuePerMwh: bigint;
}

/** issueToken issues a token held on both sides at the issuer's virtual meter of the category. */
export function issueToken(t: IssueInput): EncodeObject {
  const meter = virtualMeterId(t.issuer, t.category);
  return {
    typeUrl: msgIssueTokenTypeUrl,
    value: MsgIssueToken.fromPartial({
      issuer: t.issuer,
      firstPeriod: t.firstPeriod,
      lastPeriod: t.lastPeriod,
      whPerPeriod: t.whPerPeriod,
      producerMeterId: meter,
      consumerMeterId: meter,
      co2Grams: 1000n,
      faceValuePerMwh: { amount: t.faceValuePerMwh.toString(), denom: t.denom },
      terms: {
        settlementDelayPeriods: 96n,
        cancellationFee: "0",
        producerDefaultDelayPeriods: 0n,
        producerDefaultFee: "0",
        consumerDefaultDelayPeriods: 0n,
        consumerDefaultFee: "0",
        legalFramework: "EFET-2007-CH",
      },
      capabilities: {
        redispatch: { offered: false, mobilisationSeconds: 0n, pricePerMwh: 0n },
        primary: { offered: false, mobilisationSeconds: 0n, pricePerMwh: 0n },
        secondary: { offered: false, mobilisationSeconds: 0n, pricePerMwh: 0n },
        tertiary: { offered: false, mobilisationSeconds: 0n, pricePerMwh: 0n },
      },
    }),
  };
}

export function setAsk(owner: string, tokenId: bigint, side: Side, pricePerMwh: bigint, denom: string): EncodeObject {
  return { typeUrl: msgSetAskTypeUrl, value: MsgSetAsk.fromPartial({ owner, tokenId, side, ask: { forSale: true, pricePerMwh, denom } }) };
}

export function buySide(buyer: string, tokenId: bigint, side: Side, maxPricePerMwh: bigint, denom: string): EncodeObject {
  return { typeUrl: msgBuySideTypeUrl, value: MsgBuySide.fromPartial({ buyer, tokenId, side, maxPricePerMwh, denom, meterId: "" }) };
}
