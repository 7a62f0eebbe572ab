import { DirectSecp256k1Wallet } from "@cosmjs/proto-signing";
import type { DeliverTxResponse } from "@cosmjs/stargate";
import type { CometClient } from "@cosmjs/tendermint-rpc";
import { describe, expect, it, vi } from "vitest";

import { BECH32_PREFIX } from "../../chain.js";
import { GridledgerClient } from "../../client.js";
import { explainError } from "../../errors.js";
import {
  QueryOperatorStatementRequest,
  QueryOpenPositionsRequest,
  QueryOpenPositionsResponse,
  QueryOperatorStatementResponse,
  QueryPeriodPhaseRequest,
  QueryPeriodPhaseResponse,
  QueryTokenRequest,
  QueryTokenResponse,
} from "../../generated/gridledger/energy/v1/query.js";
import { MsgProcureResponse, MsgRedispatchResponse } from "../../generated/gridledger/energy/v1/tx.js";
import { Side, Token, TokenPhase, TradeKind } from "../../generated/gridledger/energy/v1/types.js";
import { msgProcureTypeUrl, msgRedispatchTypeUrl } from "./messages.js";

// A Comet client that answers only what these tests need; no chain runs.
function fakeComet(overrides: Partial<Record<"abciQuery", unknown>> = {}): CometClient {
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
const CHF = "uchf.alpine";

async function operatorClient() {
  const wallet = await DirectSecp256k1Wallet.fromKey(new Uint8Array(32).fill(23), BECH32_PREFIX);
  const [account] = await wallet.getAccounts();
  if (account === undefined) throw new Error("wallet without account");
  return { client: GridledgerClient.createWithSigner(fakeComet(), wallet), operator: account.address };
}

/** simulationError is how CosmJS reports a message the node refused while simulating. */
const simulationError = (text: string) =>
  new Error(
    "Query failed with (6): rpc error: code = Unknown desc = failed to execute message; message index: 0: " +
      `${text} with gas used: '1': unknown request`,
  );

describe("GridledgerClient balancing authority methods", () => {
  it("procures a reserve and returns the price and the availability price from the response", async () => {
    const { client, operator } = await operatorClient();
    const send = vi.spyOn(client.signingClient, "signAndBroadcast").mockResolvedValue({
      ...delivered,
      msgResponses: [
        response(
          "/gridledger.energy.v1.MsgProcureResponse",
          MsgProcureResponse.encode({ paid: "85000000", compensation: "-3000000" }).finish(),
        ),
      ],
    });
    const input = {
      tokenId: 4,
      side: Side.SIDE_CONSUMER,
      kind: TradeKind.TRADE_KIND_RESERVE_PRIMARY,
      maxPricePerMwh: 90_000_000,
      denom: CHF,
    };
    await expect(client.procure(operator, input)).resolves.toEqual({ paid: 85_000_000n, compensation: -3_000_000n });
    expect(send.mock.calls[0]?.[0]).toBe(operator);
    expect(send.mock.calls[0]?.[1]).toEqual([
      {
        typeUrl: msgProcureTypeUrl,
        value: {
          operator,
          tokenId: 4n,
          side: Side.SIDE_CONSUMER,
          kind: TradeKind.TRADE_KIND_RESERVE_PRIMARY,
          maxPricePerMwh: 90_000_000n,
          denom: CHF,
          meterId: "",
        },
      },
    ]);
  });

  it("redispatches a side and returns the compensation from the response", async () => {
    const { client, operator } = await operatorClient();
    const send = vi.spyOn(client.signingClient, "signAndBroadcast").mockResolvedValue({
      ...delivered,
      msgResponses: [
        response("/gridledger.energy.v1.MsgRedispatchResponse", MsgRedispatchResponse.encode({ compensation: "120000" }).finish()),
      ],
    });
    const to = "grid10gemlrjxcmyqwwxu00qjq7jz8ad9lnw7zvrkm5";
    const input = { tokenId: 9, side: Side.SIDE_PRODUCER, to, meterId: "erin-pv-1" };
    await expect(client.redispatch(operator, input)).resolves.toBe(120_000n);
    expect(send.mock.calls[0]?.[1]).toEqual([
      { typeUrl: msgRedispatchTypeUrl, value: { operator, tokenId: 9n, side: Side.SIDE_PRODUCER, to, meterId: "erin-pv-1" } },
    ]);
  });

  it("explains a signer who is not the grid operator and a token whose delivery began", async () => {
    const { client, operator } = await operatorClient();
    const send = vi.spyOn(client.signingClient, "signAndBroadcast");
    const input = { tokenId: 1, side: Side.SIDE_PRODUCER, to: operator };
    send.mockRejectedValueOnce(
      simulationError(`${operator} is not the grid operator: only the grid operator may redispatch: signer is not the grid operator`),
    );
    await expect(client.redispatch(operator, input)).rejects.toMatchObject({
      phase: "simulate",
      codespace: "energy",
      code: 24,
      explanation: explainError("energy", 24),
    });
    send.mockRejectedValueOnce(
      simulationError(
        "token 1 is TOKEN_PHASE_IN_DELIVERY: its delivery has begun, so it is no longer procured or redispatched: token is frozen: its gate has closed",
      ),
    );
    await expect(client.redispatch(operator, input)).rejects.toMatchObject({
      codespace: "energy",
      code: 32,
      explanation: explainError("energy", 32),
    });
  });
});

describe("x/energy phase and statement queries", () => {
  it("returns a token with its phase, and a period's phase (0: the current period by default)", async () => {
    const token = Token.fromPartial({ id: 5n, firstPeriod: 100n, lastPeriod: 103n });
    const phase: QueryPeriodPhaseResponse = {
      period: 100n,
      phase: TokenPhase.TOKEN_PHASE_FROZEN,
      gateClosesAt: 5_970n,
      startsAt: 6_000n,
      currentPeriod: 99n,
      offersToClose: 2n,
      moreOffersToClose: false,
    };
    const abciQuery = vi.fn().mockImplementation(async ({ path }: { path: string }) => ({
      code: 0,
      height: 3,
      value: path.endsWith("/Token")
        ? QueryTokenResponse.encode({ token, phase: TokenPhase.TOKEN_PHASE_FROZEN }).finish()
        : QueryPeriodPhaseResponse.encode(phase).finish(),
    }));
    const client = GridledgerClient.create(fakeComet({ abciQuery }));

    const got = await client.query.energy.token(5);
    expect(got).toEqual({ ...token, phase: TokenPhase.TOKEN_PHASE_FROZEN });
    expect(QueryTokenRequest.decode((abciQuery.mock.calls[0] as [{ data: Uint8Array }])[0].data)).toEqual({ id: 5n });

    await expect(client.query.energy.periodPhase()).resolves.toEqual(phase);
    await client.query.energy.periodPhase(100);
    const calls = abciQuery.mock.calls as Array<[{ path: string; data: Uint8Array }]>;
    expect(calls[1]?.[0].path).toBe("/gridledger.energy.v1.Query/PeriodPhase");
    expect(calls.slice(1).map(([c]) => QueryPeriodPhaseRequest.decode(c.data).period)).toEqual([0n, 100n]);
  });

  it("reads the operator's statement, all kinds or one, a page at a time", async () => {
    const statement = QueryOperatorStatementResponse.fromPartial({
      totals: [
        {
          kind: TradeKind.TRADE_KIND_GRID_LOSSES,
          denom: CHF,
          trades: 1n,
          wh: "400000",
          paid: "-2000000",
          compensation: "0",
        },
      ],
      acts: [{ tokenId: 3n, kind: TradeKind.TRADE_KIND_GRID_LOSSES, compensation: "0", paid: "2000000" }],
    });
    const abciQuery = vi.fn().mockResolvedValue({
      code: 0,
      height: 3,
      value: QueryOperatorStatementResponse.encode(statement).finish(),
    });
    const client = GridledgerClient.create(fakeComet({ abciQuery }));

    await expect(client.query.energy.operatorStatement()).resolves.toEqual(statement);
    const key = new Uint8Array([1, 2]);
    await client.query.energy.operatorStatement({ kind: TradeKind.TRADE_KIND_REDISPATCH, paginationKey: key, limit: 10 });
    const calls = abciQuery.mock.calls as Array<[{ path: string; data: Uint8Array }]>;
    expect(calls[0]?.[0].path).toBe("/gridledger.energy.v1.Query/OperatorStatement");
    expect(QueryOperatorStatementRequest.decode(calls[0]?.[0].data ?? new Uint8Array())).toEqual({
      kind: TradeKind.TRADE_KIND_UNSPECIFIED,
      pagination: undefined,
    });
    expect(QueryOperatorStatementRequest.decode(calls[1]?.[0].data ?? new Uint8Array())).toMatchObject({
      kind: TradeKind.TRADE_KIND_REDISPATCH,
      pagination: { key, limit: 10n },
    });
  });

  it("lists a period's open positions, the current one by default, a page at a time", async () => {
    const open = QueryOpenPositionsResponse.fromPartial({
      period: 100n,
      phase: TokenPhase.TOKEN_PHASE_FROZEN,
      secondsToGateClosure: 0n,
      positions: [{ owner: "grid1owner", producerWh: 0n, consumerWh: 1000n, netWh: 1000n }],
    });
    const abciQuery = vi.fn().mockResolvedValue({ code: 0, height: 3, value: QueryOpenPositionsResponse.encode(open).finish() });
    const client = GridledgerClient.create(fakeComet({ abciQuery }));

    await expect(client.query.energy.openPositions()).resolves.toEqual(open);
    const key = new Uint8Array([7]);
    await client.query.energy.openPositions(100, { paginationKey: key, limit: 5 });
    const calls = abciQuery.mock.calls as Array<[{ path: string; data: Uint8Array }]>;
    expect(calls[0]?.[0].path).toBe("/gridledger.energy.v1.Query/OpenPositions");
    expect(QueryOpenPositionsRequest.decode(calls[0]?.[0].data ?? new Uint8Array())).toEqual({ period: 0n, pagination: undefined });
    expect(QueryOpenPositionsRequest.decode(calls[1]?.[0].data ?? new Uint8Array())).toMatchObject({ period: 100n, pagination: { key, limit: 5n } });
  });
});
