import { describe, expect, it } from "vitest";

import { MsgRedeemResponse } from "./generated/gridledger/fiat/v1/tx.js";
import { eventAttribute, proposalIdFromTx, redemptionIdFromTx } from "./txresult.js";

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
});
