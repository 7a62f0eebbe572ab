import { Secp256k1Wallet } from "@cosmjs/amino";
import { DirectSecp256k1Wallet } from "@cosmjs/proto-signing";
import type { DeliverTxResponse } from "@cosmjs/stargate";
import type { CometClient } from "@cosmjs/tendermint-rpc";
import { SignMode } from "cosmjs-types/cosmos/tx/signing/v1beta1/signing";
import { AuthInfo, TxRaw } from "cosmjs-types/cosmos/tx/v1beta1/tx";
import { describe, expect, it, vi } from "vitest";

import { BECH32_PREFIX } from "../../chain.js";
import { GridledgerClient } from "../../client.js";
import { EnergyCategory } from "../../generated/gridledger/balancing/v1/types.js";
import {
  QueryOffersRequest,
  QueryOffersResponse,
  QueryPositionResponse,
} from "../../generated/gridledger/energy/v1/query.js";
import {
  MsgAggregateSidesResponse,
  MsgBuySideResponse,
  MsgDisaggregateSideResponse,
  MsgIssueTokenResponse,
  MsgSplitTokenResponse,
} from "../../generated/gridledger/energy/v1/tx.js";
import { Side } from "../../generated/gridledger/energy/v1/types.js";
import {
  msgAggregateSidesTypeUrl,
  msgBuySideTypeUrl,
  msgDisaggregateSideTypeUrl,
  msgIssueTokenTypeUrl,
  msgSetPriceBandTypeUrl,
} from "./messages.js";
import { periodAt, periodStart } from "./periods.js";

// A Comet client that answers only what these tests need; no chain runs.
function fakeComet(overrides: Partial<Record<"abciQuery" | "tx", unknown>> = {}): CometClient {
  return { disconnect: () => undefined, ...overrides } as unknown as CometClient;
}

const delivered: DeliverTxResponse = {
  height: 10,
  txIndex: 0,
  code: 0,
  transactionHash: "AB12",
  events: [],
  msgResponses: [],
  gasUsed: 1n,
  gasWanted: 2n,
};

const response = (typeUrl: string, value: Uint8Array) => ({ typeUrl, value: value as Uint8Array<ArrayBuffer> });

async function wallets() {
  const own = await DirectSecp256k1Wallet.fromKey(new Uint8Array(32).fill(21), BECH32_PREFIX);
  const other = await Secp256k1Wallet.fromKey(new Uint8Array(32).fill(22), BECH32_PREFIX);
  const [a] = await own.getAccounts();
  const [b] = await other.getAccounts();
  if (a === undefined || b === undefined) throw new Error("wallet without account");
  return { own, other, me: a.address, them: b.address };
}

describe("GridledgerClient x/energy methods", () => {
  it("issues a token and returns its id from the message response", async () => {
    const { own, me } = await wallets();
    const client = GridledgerClient.createWithSigner(fakeComet(), own);
    const send = vi.spyOn(client.signingClient, "signAndBroadcast").mockResolvedValue({
      ...delivered,
      msgResponses: [response("/gridledger.energy.v1.MsgIssueTokenResponse", MsgIssueTokenResponse.encode({ tokenId: 17n }).finish())],
    });
    const input = {
      firstPeriod: 10,
      lastPeriod: 12,
      whPerPeriod: 5000,
      producerMeterId: "pv",
      faceValuePerMwh: { denom: "uchf.alpine", amount: 1 },
    };
    await expect(client.issueToken(me, input)).resolves.toBe(17n);
    expect(send.mock.calls[0]?.[1][0]).toMatchObject({
      typeUrl: msgIssueTokenTypeUrl,
      value: { issuer: me, firstPeriod: 10n, lastPeriod: 12n, whPerPeriod: 5000n, consumerMeterId: "" },
    });
  });

  it("places a bid: a token at the consumer's meter with its producer side offered", async () => {
    const { own, me } = await wallets();
    const client = GridledgerClient.createWithSigner(fakeComet(), own);
    const send = vi.spyOn(client.signingClient, "signAndBroadcast").mockResolvedValue({
      ...delivered,
      msgResponses: [response("/gridledger.energy.v1.MsgIssueTokenResponse", MsgIssueTokenResponse.encode({ tokenId: 18n }).finish())],
    });
    const bid = client.placeBid(me, {
      firstPeriod: 10,
      lastPeriod: 12,
      whPerPeriod: 5000,
      category: EnergyCategory.ENERGY_CATEGORY_SOLAR,
      meterId: "home",
      faceValuePerMwh: { denom: "uchf.alpine", amount: 90_000_000 },
      ask: { pricePerMwh: 0, denom: "uchf.alpine" },
    });
    await expect(bid).resolves.toBe(18n);
    expect(send.mock.calls[0]?.[1][0]).toMatchObject({
      typeUrl: msgIssueTokenTypeUrl,
      value: {
        issuer: me,
        category: EnergyCategory.ENERGY_CATEGORY_SOLAR,
        producerMeterId: "home",
        consumerMeterId: "home",
        producerAsk: { forSale: true, pricePerMwh: 0n, denom: "uchf.alpine" },
        consumerAsk: { forSale: false },
      },
    });
  });

  it("aggregates sides and disaggregates one, returning the emitted tokens", async () => {
    const { own, me } = await wallets();
    const client = GridledgerClient.createWithSigner(fakeComet(), own);
    const send = vi
      .spyOn(client.signingClient, "signAndBroadcast")
      .mockResolvedValueOnce({
        ...delivered,
        msgResponses: [
          response("/gridledger.energy.v1.MsgAggregateSidesResponse", MsgAggregateSidesResponse.encode({ tokenId: 30n }).finish()),
        ],
      })
      .mockResolvedValueOnce({
        ...delivered,
        msgResponses: [
          response("/gridledger.energy.v1.MsgDisaggregateSideResponse", MsgDisaggregateSideResponse.encode({ tokenIds: [31n, 32n] }).finish()),
        ],
      });
    const face = { denom: "uchf.alpine", amount: 95_000_000 };
    await expect(client.aggregateSides(me, { side: Side.SIDE_CONSUMER, sourceTokenIds: [3, 4], faceValuePerMwh: face })).resolves.toBe(30n);
    await expect(
      client.disaggregateSide(me, { side: Side.SIDE_CONSUMER, sourceTokenId: 5, whParts: [1_000, 4_000], faceValuePerMwh: face }),
    ).resolves.toEqual([31n, 32n]);
    expect(send.mock.calls.map((c) => [c[0], c[1][0]?.typeUrl])).toEqual([
      [me, msgAggregateSidesTypeUrl],
      [me, msgDisaggregateSideTypeUrl],
    ]);
    expect(send.mock.calls[0]?.[1][0]?.value).toMatchObject({ owner: me, side: Side.SIDE_CONSUMER, sourceTokenIds: [3n, 4n] });
  });

  it("translates a committed side and an emitted token into what to do", async () => {
    const { own, me } = await wallets();
    const client = GridledgerClient.createWithSigner(fakeComet(), own);
    const send = vi.spyOn(client.signingClient, "signAndBroadcast");
    const log = (text: string) =>
      new Error(
        "Query failed with (6): rpc error: code = Unknown desc = failed to execute message; message index: 0: " +
          `${text} with gas used: '1': unknown request`,
      );
    send.mockRejectedValueOnce(
      log(
        "cannot offer it: the SIDE_CONSUMER side of token 3 backs token(s) [9] emitted against it; it is released when those are cancelled: " +
          "side backs an aggregation or disaggregation",
      ),
    );
    const offer = client.setAsk(me, 3, Side.SIDE_CONSUMER, { pricePerMwh: 1, denom: "uchf.alpine" });
    await expect(offer).rejects.toMatchObject({ phase: "simulate", codespace: "energy", code: 29 });
    send.mockRejectedValueOnce(log("cannot split token 9: it was emitted against the SIDE_CONSUMER sides of tokens [3 4]; keep one of its sides and disaggregate or aggregate it instead: token was emitted by an aggregation or disaggregation"));
    const split = client.splitToken({ producerOwner: me, consumerOwner: me, tokenId: 9, splitAfterPeriod: 10 });
    await expect(split).rejects.toMatchObject({ codespace: "energy", code: 30 });
    send.mockRejectedValueOnce(log("set category: only a production or virtual producer meter implies it, and this token names neither: energy category missing or contradicted"));
    const issue = client.issueToken(me, { firstPeriod: 10, lastPeriod: 10, whPerPeriod: 1, producerMeterId: "home", faceValuePerMwh: { denom: "uchf.alpine", amount: 1 } });
    await expect(issue).rejects.toMatchObject({ codespace: "energy", code: 31 });
  });

  it("buys a side and returns what was paid", async () => {
    const { own, me } = await wallets();
    const client = GridledgerClient.createWithSigner(fakeComet(), own);
    const send = vi.spyOn(client.signingClient, "signAndBroadcast").mockResolvedValue({
      ...delivered,
      msgResponses: [response("/gridledger.energy.v1.MsgBuySideResponse", MsgBuySideResponse.encode({ paid: "21250000" }).finish())],
    });
    const paid = client.buySide(me, { tokenId: 1, side: Side.SIDE_CONSUMER, maxPricePerMwh: 90_000_000, denom: "uchf.alpine" });
    await expect(paid).resolves.toBe(21_250_000n);
    expect(send.mock.calls[0]?.[1][0]).toEqual({
      typeUrl: msgBuySideTypeUrl,
      value: { buyer: me, tokenId: 1n, side: Side.SIDE_CONSUMER, maxPricePerMwh: 90_000_000n, denom: "uchf.alpine", meterId: "" },
    });
  });

  it("translates an energy refusal at simulation, and x/fiat's insufficient funds under it", async () => {
    const { own, me } = await wallets();
    const client = GridledgerClient.createWithSigner(fakeComet(), own);
    const send = vi.spyOn(client.signingClient, "signAndBroadcast");
    const log = (text: string) =>
      new Error(
        "Query failed with (6): rpc error: code = Unknown desc = failed to execute message; message index: 0: " +
          `${text} with gas used: '1': unknown request`,
      );
    const buy = () => client.buySide(me, { tokenId: 1, side: Side.SIDE_CONSUMER, maxPricePerMwh: 1, denom: "uchf.alpine" });
    send.mockRejectedValueOnce(log("ask 85000000 per MWh is above max_price_per_mwh 1: ask is above the buyer's maximum price"));
    await expect(buy()).rejects.toMatchObject({ phase: "simulate", codespace: "energy", code: 17 });
    send.mockRejectedValueOnce(
      log("payer grid1x has 0uchf.alpine available in its settlement account, needs 5uchf.alpine (fee 0 included): insufficient funds"),
    );
    await expect(buy()).rejects.toMatchObject({ phase: "simulate", codespace: "fiat", code: 16 });
  });

  it("sets a price band and translates a price outside it", async () => {
    const { own, me } = await wallets();
    const client = GridledgerClient.createWithSigner(fakeComet(), own);
    const send = vi.spyOn(client.signingClient, "signAndBroadcast").mockResolvedValueOnce(delivered);
    await client.setPriceBand(me, { denom: "uchf.alpine", minPerMwh: -500_000_000, maxPerMwh: 3_000_000_000n });
    expect(send.mock.calls[0]?.[1][0]).toEqual({
      typeUrl: msgSetPriceBandTypeUrl,
      value: { operator: me, denom: "uchf.alpine", minPerMwh: -500_000_000n, maxPerMwh: 3_000_000_000n },
    });
    send.mockRejectedValueOnce(
      new Error(
        "Query failed with (6): rpc error: code = Unknown desc = failed to execute message; message index: 0: " +
          "max_price_per_mwh 10000000000 uchf.alpine per MWh is outside the band -9999000000 to 9999000000 uchf.alpine per MWh " +
          "(-9999 to 9999 CHF): quote a price within it, or ask the grid operator to change the band: " +
          "price is outside the denom's price band with gas used: '1': unknown request",
      ),
    );
    const buy = client.buySide(me, { tokenId: 1, side: Side.SIDE_CONSUMER, maxPricePerMwh: 10_000_000_000, denom: "uchf.alpine" });
    await expect(buy).rejects.toMatchObject({ phase: "simulate", codespace: "energy", code: 25 });
  });

  it("signs a hand-over with its own and a cosigner's wallet, each with its own account", async () => {
    const { own, other, me, them } = await wallets();
    const client = GridledgerClient.createWithSigner(fakeComet(), own);
    const accounts: Record<string, { accountNumber: bigint; sequence: number }> = {
      [me]: { accountNumber: 4n, sequence: 1 },
      [them]: { accountNumber: 5n, sequence: 8 },
    };
    vi.spyOn(client.signingClient, "getSequence").mockImplementation(async (address) => {
      const account = accounts[address];
      if (account === undefined) throw new Error(`unknown ${address}`);
      return account;
    });
    vi.spyOn(client.signingClient, "getChainId").mockResolvedValue("gridledger-test-1");
    const broadcast = vi.spyOn(client.signingClient, "broadcastTx").mockResolvedValue(delivered);
    const fee = { amount: [], gas: "300000" };

    await client.handOverSide({ from: them, to: me, tokenId: 3, side: Side.SIDE_PRODUCER }, [other], fee);
    const sent = broadcast.mock.calls[0]?.[0];
    if (sent === undefined) throw new Error("nothing broadcast");
    const tx = TxRaw.decode(sent);
    expect(tx.signatures).toHaveLength(2);
    // The chain's signer order: from, then to; the amino wallet signs amino JSON.
    const infos = AuthInfo.decode(tx.authInfoBytes).signerInfos;
    expect(infos.map((s) => [s.sequence, s.modeInfo?.single?.mode])).toEqual([
      [8n, SignMode.SIGN_MODE_LEGACY_AMINO_JSON],
      [1n, SignMode.SIGN_MODE_DIRECT],
    ]);

    const alone = client.handOverSide({ from: them, to: me, tokenId: 3, side: Side.SIDE_PRODUCER }, [], fee);
    await expect(alone).rejects.toThrow(/No signer holds/);
  });

  it("splits with one signature when one account holds both sides, and returns the children", async () => {
    const { own, me } = await wallets();
    const client = GridledgerClient.createWithSigner(fakeComet(), own);
    const send = vi.spyOn(client.signingClient, "signAndBroadcast").mockResolvedValue({
      ...delivered,
      msgResponses: [
        response("/gridledger.energy.v1.MsgSplitTokenResponse", MsgSplitTokenResponse.encode({ tokenIds: [5n, 6n] }).finish()),
      ],
    });
    const children = client.splitToken({ producerOwner: me, consumerOwner: me, tokenId: 4, splitAfterPeriod: 100 });
    await expect(children).resolves.toEqual([5n, 6n]);
    expect(send).toHaveBeenCalledOnce();
  });

  it("queries offers with optional bounds, and positions per period", async () => {
    const abciQuery = vi.fn().mockImplementation(async ({ path }: { path: string }) => ({
      code: 0,
      height: 3,
      value: path.endsWith("/Offers")
        ? QueryOffersResponse.encode({ tokens: [], pagination: undefined }).finish()
        : QueryPositionResponse.encode({ periods: [{ period: 9n, producerWh: 1n, consumerWh: 3n, netWh: 2n }] }).finish(),
    }));
    const client = GridledgerClient.create(fakeComet({ abciQuery }));
    await client.query.energy.offers({
      side: Side.SIDE_CONSUMER,
      denom: "uchf.alpine",
      category: EnergyCategory.ENERGY_CATEGORY_SOLAR,
      maxPrice: -1,
      limit: 5,
    });
    const call = abciQuery.mock.calls[0] as [{ path: string; data: Uint8Array }];
    expect(call[0].path).toBe("/gridledger.energy.v1.Query/Offers");
    expect(QueryOffersRequest.decode(call[0].data)).toMatchObject({
      category: EnergyCategory.ENERGY_CATEGORY_SOLAR,
      hasMaxPrice: true,
      maxPricePerMwh: -1n,
      hasMinPrice: false,
      pagination: { limit: 5n },
    });
    await expect(client.query.energy.position("grid1x", 9, 9)).resolves.toEqual([
      { period: 9n, producerWh: 1n, consumerWh: 3n, netWh: 2n },
    ]);
  });
});

describe("periods", () => {
  it("index Unix time by the period length", () => {
    expect(periodAt(new Date("1970-01-01T00:14:59.999Z"))).toBe(0n);
    expect(periodAt(new Date("1970-01-01T00:15:00Z"))).toBe(1n);
    expect(periodAt(new Date("2026-06-01T12:07:00Z"), 3600)).toBe(BigInt(Date.UTC(2026, 5, 1, 12) / 3_600_000));
    expect(periodAt(new Date(-5000))).toBe(0n);
    expect(periodStart(periodAt(new Date("2026-06-01T12:07:00Z")))).toEqual(new Date("2026-06-01T12:00:00Z"));
    expect(() => periodAt(new Date(0), 0)).toThrow(/positive/);
  });
});
