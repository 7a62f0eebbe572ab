import { Secp256k1Wallet } from "@cosmjs/amino";
import { DirectSecp256k1Wallet, type EncodeObject } from "@cosmjs/proto-signing";
import { SigningStargateClient } from "@cosmjs/stargate";
import { describe, expect, it } from "vitest";

import { BECH32_PREFIX } from "./chain.js";
import {
  EnergyCategory,
  KeyAlgorithm,
  MeteringPointKind,
  MeterKind,
  Role,
} from "./generated/gridledger/balancing/v1/types.js";
import { publishReferencePriceMsg, submitReadingsMsg } from "./modules/delivery/compose.js";
import {
  admitParticipantMsg,
  excludeParticipantMsg,
  registerMeterMsg,
  retireMeterMsg,
  rotateMeterKeyMsg,
  reinstateParticipantMsg,
  suspendParticipantMsg,
  updateParticipantMsg,
} from "./modules/balancing/compose.js";
import { msgUpdateParamsTypeUrl } from "./modules/balancing/messages.js";
import {
  approveBankMsg,
  attestReserveMsg,
  depositMsg,
  lockCollateralMsg,
  markRedemptionPaidMsg,
  mintMsg,
  redeemMsg,
  unlockCollateralMsg,
  updateBankMsg,
  withdrawMsg,
} from "./modules/fiat/compose.js";
import { BankEntityStatus } from "./generated/gridledger/fiat/v1/types.js";
import { Side } from "./generated/gridledger/energy/v1/types.js";
import { aggregateSidesMsg, disaggregateSideMsg } from "./modules/energy/aggregation.js";
import {
  buySideMsg,
  cancelTokenJointlyMsg,
  cancelTokenMsg,
  handOverSideMsg,
  issueTokenMsg,
  mergeTokensMsg,
  placeBidMsg,
  setAskMsg,
  splitTokenMsg,
} from "./modules/energy/compose.js";
import { createGridledgerAminoTypes, createGridledgerRegistry, gridledgerRegistry } from "./registry.js";

const privkey = new Uint8Array(32).fill(7); // a fixed test key, never used on a real chain
const operator = "grid1operator";

const messages: EncodeObject[] = [
  { typeUrl: msgUpdateParamsTypeUrl, value: { authority: "grid1gov", params: { gridOperator: operator } } },
  admitParticipantMsg(operator, {
    address: "grid1a",
    legalId: "10X1001A1001A450",
    displayName: "Trader",
    roles: [Role.ROLE_TRADER],
    positionLimitWh: 1_000_000n,
    tradedCategories: [EnergyCategory.ENERGY_CATEGORY_SOLAR],
  }),
  updateParticipantMsg(operator, { address: "grid1a", displayName: "T", roles: [Role.ROLE_BANK], positionLimitWh: 0 }),
  suspendParticipantMsg(operator, "grid1a", "collateral"),
  reinstateParticipantMsg(operator, "grid1a"),
  excludeParticipantMsg(operator, "grid1a", "default"),
  registerMeterMsg(operator, {
    id: "m-1",
    owner: "grid1a",
    kind: MeterKind.METER_KIND_PRODUCTION,
    category: EnergyCategory.ENERGY_CATEGORY_SOLAR,
    location: { area: "DE-AMP", hasCoordinates: true, latCenti: 4878, lonCenti: 918 },
    keyAlgorithm: KeyAlgorithm.KEY_ALGORITHM_SECP256K1,
    publicKey: new Uint8Array(33).fill(3),
    pointKind: MeteringPointKind.METERING_POINT_KIND_COMPANY,
  }),
  rotateMeterKeyMsg(operator, { id: "m-1", keyAlgorithm: KeyAlgorithm.KEY_ALGORITHM_ED25519, publicKey: new Uint8Array(32).fill(4) }),
  retireMeterMsg(operator, "m-1", "replaced"),
  submitReadingsMsg("grid1hub", [
    { meterId: "m-1", period: 5n, wh: 7n, commitment: new Uint8Array(), signature: new Uint8Array(64).fill(1) },
  ]),
  publishReferencePriceMsg(operator, { category: EnergyCategory.ENERGY_CATEGORY_WIND, fromPeriod: 2_000_000, pricePerMwh: -5_000_000, denom: "uchf.alpine" }),
  approveBankMsg("grid1gov", {
    address: "grid1bank",
    denom: "uchf.alpine",
    displayDenom: "chf.alpine",
    currency: "CHF",
    exponent: 6,
    feeModel: { kind: "basisPoints", basisPoints: 5 },
  }),
  updateBankMsg("grid1gov", { denom: "uchf.alpine", feeModel: { kind: "fixed", fixedAmount: 3 }, status: BankEntityStatus.BANK_ENTITY_STATUS_ACTIVE }),
  attestReserveMsg("grid1bank", { denom: "uchf.alpine", reserve: 10n ** 30n, statementHash: new Uint8Array(32).fill(1) }),
  mintMsg("grid1bank", { denom: "uchf.alpine", recipient: "grid1a", amount: 1_000_000, depositReference: "DEP-1" }),
  redeemMsg("grid1a", { denom: "uchf.alpine", amount: 5 }, "PAYOUT-1"),
  markRedemptionPaidMsg("grid1bank", 1),
  depositMsg("grid1a", { denom: "uchf.alpine", amount: 10 }),
  withdrawMsg("grid1a", { denom: "uchf.alpine", amount: 3 }),
  lockCollateralMsg(operator, "grid1a", { denom: "uchf.alpine", amount: 4 }),
  unlockCollateralMsg(operator, "grid1a", { denom: "uchf.alpine", amount: 2 }),
  issueTokenMsg("grid1a", {
    firstPeriod: 2_000_000,
    lastPeriod: 2_000_003,
    whPerPeriod: 250_000,
    producerMeterId: "m-1",
    co2Grams: 12_000,
    faceValuePerMwh: { denom: "uchf.alpine", amount: 80_000_000 },
    terms: { cancellationFee: 1_000_000, legalFramework: "EFET-2007-CH" },
    capabilities: { redispatch: { mobilisationSeconds: 900, pricePerMwh: -1 } },
  }),
  placeBidMsg("grid1c", {
    firstPeriod: 2_000_000,
    lastPeriod: 2_000_003,
    whPerPeriod: 40_000,
    category: EnergyCategory.ENERGY_CATEGORY_SOLAR,
    meterId: "c-home",
    faceValuePerMwh: { denom: "uchf.alpine", amount: 90_000_000 },
    ask: { pricePerMwh: -2_000_000, denom: "uchf.alpine" },
  }),
  setAskMsg("grid1a", 1, Side.SIDE_CONSUMER, { pricePerMwh: -5_000_000, denom: "uchf.alpine" }),
  setAskMsg("grid1a", 1, Side.SIDE_PRODUCER, null),
  buySideMsg("grid1b", { tokenId: 1, side: Side.SIDE_CONSUMER, maxPricePerMwh: 0, denom: "uchf.alpine" }),
  handOverSideMsg({ from: "grid1a", to: "grid1b", tokenId: 1, side: Side.SIDE_PRODUCER, meterId: "m-2" }),
  splitTokenMsg({ producerOwner: "grid1a", consumerOwner: "grid1b", tokenId: 1, whParts: [100_000, 150_000] }),
  splitTokenMsg({ producerOwner: "grid1a", consumerOwner: "grid1a", tokenId: 2, splitAfterPeriod: 2_000_001 }),
  mergeTokensMsg({ producerOwner: "grid1a", consumerOwner: "grid1b", tokenIds: [3, 4] }),
  aggregateSidesMsg("grid1a", {
    side: Side.SIDE_CONSUMER,
    sourceTokenIds: [3, 4],
    faceValuePerMwh: { denom: "uchf.alpine", amount: 95_000_000 },
    terms: { cancellationFee: 1_000_000 },
  }),
  disaggregateSideMsg("grid1a", {
    side: Side.SIDE_PRODUCER,
    sourceTokenId: 5,
    whParts: [1_000, 9_000],
    producerMeterId: "m-1",
    faceValuePerMwh: { denom: "uchf.alpine", amount: 0 },
  }),
  cancelTokenMsg("grid1a", 5),
  cancelTokenJointlyMsg({ producerOwner: "grid1a", consumerOwner: "grid1b" }, 6),
];

// canonical is each message as the chain will see it: decoded from its protobuf encoding, all
// fields present (Registry.decodeTxBody returns the decoded message values).
const canonical = messages.map((m): unknown => gridledgerRegistry.decode(gridledgerRegistry.encodeAsAny(m)));

describe("gridledgerRegistry", () => {
  it.each(messages.map((m) => [m.typeUrl, m] as const))("encodes and decodes %s", (_url, msg) => {
    const any = gridledgerRegistry.encodeAsAny(msg);
    expect(any.typeUrl).toBe(msg.typeUrl);
    const decoded: unknown = gridledgerRegistry.decode(any);
    const direct: unknown = gridledgerRegistry.decode({
      typeUrl: msg.typeUrl,
      value: gridledgerRegistry.encode(msg),
    });
    expect(decoded).toStrictEqual(direct);
    expect(decoded).toMatchObject(msg.value as object);
  });

  it("round-trips a TxBody with all messages", () => {
    const bytes = gridledgerRegistry.encodeTxBody({ messages, memo: "registry spec" });
    const body = gridledgerRegistry.decodeTxBody(bytes);
    expect(body.memo).toBe("registry spec");
    expect(body.messages).toStrictEqual(canonical);
  });

  it("keeps the SDK's messages (bank MsgSend) next to ours", () => {
    expect(gridledgerRegistry.lookupType("/cosmos.bank.v1beta1.MsgSend")).toBeDefined();
    const send = { fromAddress: "a", toAddress: "b", amount: [] };
    const amino = createGridledgerAminoTypes().toAmino({ typeUrl: "/cosmos.bank.v1beta1.MsgSend", value: send });
    expect(amino.type).toBe("cosmos-sdk/MsgSend");
  });

  it("gives every client its own registry", () => {
    expect(createGridledgerRegistry()).not.toBe(createGridledgerRegistry());
  });
});

// CosmJS builds an amino-signed body from fromAmino(toAmino(msg)); a lossy converter would
// silently change what is sent. Signing offline with both signer kinds must yield the same messages.
describe("signing offline", () => {
  const fee = { amount: [{ denom: "ugrid", amount: "0" }], gas: "200000" };
  const signerData = { accountNumber: 3n, sequence: 1, chainId: "gridledger-test-1" };

  it.each([
    ["amino (Ledger/Keplr legacy)", () => Secp256k1Wallet.fromKey(privkey, BECH32_PREFIX)],
    ["direct", () => DirectSecp256k1Wallet.fromKey(privkey, BECH32_PREFIX)],
  ] as const)("with a %s signer encodes the messages unchanged", async (_kind, makeWallet) => {
    const wallet = await makeWallet();
    const [account] = await wallet.getAccounts();
    if (account === undefined) throw new Error("wallet without account");
    expect(account.address.startsWith("grid1")).toBe(true);
    const client = await SigningStargateClient.offline(wallet, {
      registry: createGridledgerRegistry(),
      aminoTypes: createGridledgerAminoTypes(),
    });
    const tx = await client.sign(account.address, messages, fee, "", signerData);
    const body = gridledgerRegistry.decodeTxBody(tx.bodyBytes);
    expect(body.messages).toStrictEqual(canonical);
  });
});
