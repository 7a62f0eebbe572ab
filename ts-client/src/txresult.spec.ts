import { describe, expect, it } from "vitest";

import {
  MsgAggregateSidesResponse,
  MsgDisaggregateSideResponse,
  MsgMergeTokensResponse,
  MsgProcureResponse,
  MsgRedispatchResponse,
} from "./generated/gridledger/energy/v1/tx.js";
import { MsgRedeemResponse } from "./generated/gridledger/fiat/v1/tx.js";
import {
  aggregatedTokenIdFromTx,
  disaggregatedTokenIdsFromTx,
  eventAttribute,
  mergedTokenIdFromTx,
  paidFromTx,
  procuredFromTx,
  proposalIdFromTx,
  redemptionIdFromTx,
  redispatchCompensationFromTx,
  splitTokenIdsFromTx,
  tokenIdFromTx,
} from "./txresult.js";

const bytes = (u: Uint8Array) => u as Uint8Array<ArrayBuffer>;

describe("reading ids out of a transaction", () => {
  it("prefers the message response", () => {
    const result = {
      transactionHash: "AA",
      events: [],
      msgResponses: [
        { typeUrl: "/cosmos.bank.v1beta1.MsgSendResponse", value: bytes(new Uint8Array()) },
        { typeUrl: "/gridledger.fiat.v1.MsgRedeemResponse", value: bytes(MsgRedeemResponse.encode({ redemptionId: 7n }).finish()) },
      ],
    };
    expect(redemptionIdFromTx(result)).toBe(7n);
  });

  it("falls back to the typed event, whose values are JSON", () => {
    const events = [
      { type: "message", attributes: [{ key: "action", value: "/gridledger.fiat.v1.MsgRedeem" }] },
      {
        type: "gridledger.fiat.v1.EventRedemptionRequested",
        attributes: [
          { key: "amount", value: '"5"' },
          { key: "redemption_id", value: '"18446744073709551615"' },
        ],
      },
    ];
    expect(redemptionIdFromTx({ transactionHash: "AA", events, msgResponses: [] })).toBe(18446744073709551615n);
    expect(eventAttribute(events, "message", "action")).toBe("/gridledger.fiat.v1.MsgRedeem");
    expect(eventAttribute(events, "message", "nothing")).toBeUndefined();
  });

  it("reads a proposal id from x/gov's plain event", () => {
    const events = [{ type: "submit_proposal", attributes: [{ key: "proposal_id", value: "12" }] }];
    expect(proposalIdFromTx({ transactionHash: "AA", events, msgResponses: [] })).toBe(12n);
  });

  it("says which transaction lacked the id", () => {
    expect(() => redemptionIdFromTx({ transactionHash: "BEEF", events: [], msgResponses: [] })).toThrow(/BEEF requested no redemption/);
    expect(() => proposalIdFromTx({ transactionHash: "BEEF", events: [], msgResponses: [] })).toThrow(/BEEF submitted no proposal/);
  });

  it("reads x/energy results from responses or typed events", () => {
    const merged = {
      transactionHash: "AA",
      events: [],
      msgResponses: [
        { typeUrl: "/gridledger.energy.v1.MsgMergeTokensResponse", value: bytes(MsgMergeTokensResponse.encode({ tokenId: 9n }).finish()) },
      ],
    };
    expect(mergedTokenIdFromTx(merged)).toBe(9n);
    const event = (type: string, key: string, value: string) => ({
      transactionHash: "AA",
      msgResponses: [],
      events: [{ type, attributes: [{ key, value }] }],
    });
    expect(tokenIdFromTx(event("gridledger.energy.v1.EventTokenIssued", "token_id", '"4"'))).toBe(4n);
    expect(paidFromTx(event("gridledger.energy.v1.EventSideTraded", "paid", '"21250000"'))).toBe(21_250_000n);
    expect(splitTokenIdsFromTx(event("gridledger.energy.v1.EventTokenSplit", "children", '["5","6"]'))).toEqual([5n, 6n]);
    expect(mergedTokenIdFromTx(event("gridledger.energy.v1.EventTokensMerged", "token_id", '"7"'))).toBe(7n);
    expect(() => tokenIdFromTx({ transactionHash: "BEEF", events: [], msgResponses: [] })).toThrow(/BEEF issued no token/);
  });

  it("reads the tokens an aggregation or disaggregation emitted, not the sources", () => {
    const responses = {
      transactionHash: "AA",
      events: [],
      msgResponses: [
        { typeUrl: "/gridledger.energy.v1.MsgAggregateSidesResponse", value: bytes(MsgAggregateSidesResponse.encode({ tokenId: 12n }).finish()) },
        { typeUrl: "/gridledger.energy.v1.MsgDisaggregateSideResponse", value: bytes(MsgDisaggregateSideResponse.encode({ tokenIds: [13n, 14n] }).finish()) },
      ],
    };
    expect(aggregatedTokenIdFromTx(responses)).toBe(12n);
    expect(disaggregatedTokenIdsFromTx(responses)).toEqual([13n, 14n]);
    const events = {
      transactionHash: "AA",
      msgResponses: [],
      events: [
        {
          type: "gridledger.energy.v1.EventSidesAggregated",
          attributes: [
            { key: "sources", value: '["3","4"]' },
            { key: "token_id", value: '"15"' },
          ],
        },
        {
          type: "gridledger.energy.v1.EventSideDisaggregated",
          attributes: [
            { key: "source_token_id", value: '"5"' },
            { key: "token_ids", value: '["16","17"]' },
          ],
        },
      ],
    };
    expect(aggregatedTokenIdFromTx(events)).toBe(15n);
    expect(disaggregatedTokenIdsFromTx(events)).toEqual([16n, 17n]);
    const nothing = { transactionHash: "BEEF", events: [], msgResponses: [] };
    expect(() => aggregatedTokenIdFromTx(nothing)).toThrow(/BEEF aggregated no sides/);
    expect(() => disaggregatedTokenIdsFromTx(nothing)).toThrow(/BEEF disaggregated no side/);
  });

  it("reads the operator's payments, signed compensations included, from responses or typed events", () => {
    const responses = {
      transactionHash: "AA",
      events: [],
      msgResponses: [
        {
          typeUrl: "/gridledger.energy.v1.MsgProcureResponse",
          value: bytes(MsgProcureResponse.encode({ paid: "85000000", compensation: "-2000000" }).finish()),
        },
        {
          typeUrl: "/gridledger.energy.v1.MsgRedispatchResponse",
          value: bytes(MsgRedispatchResponse.encode({ compensation: "120000" }).finish()),
        },
      ],
    };
    expect(procuredFromTx(responses)).toEqual({ paid: 85_000_000n, compensation: -2_000_000n });
    expect(redispatchCompensationFromTx(responses)).toBe(120_000n);

    const events = {
      transactionHash: "BB",
      msgResponses: [],
      events: [
        {
          type: "gridledger.energy.v1.EventProcured",
          attributes: [
            { key: "paid", value: '"4000"' },
            { key: "compensation", value: '"0"' },
          ],
        },
        { type: "gridledger.energy.v1.EventRedispatched", attributes: [{ key: "compensation", value: '"-7"' }] },
      ],
    };
    expect(procuredFromTx(events)).toEqual({ paid: 4_000n, compensation: 0n });
    expect(redispatchCompensationFromTx(events)).toBe(-7n);
    const nothing = { transactionHash: "BEEF", events: [], msgResponses: [] };
    expect(() => procuredFromTx(nothing)).toThrow(/BEEF procured no side/);
    expect(() => redispatchCompensationFromTx(nothing)).toThrow(/BEEF redispatched no side/);
  });
});
