import { cancelTokenJointlyMsg, splitTokenMsg } from "@gridledger/client";
import { describe, expect, it } from "vitest";

import { errorSentence } from "../format/errors.js";
import { describeMessage, tokensOf } from "./jointtx.js";

const name = (a: string) => ({ grid1bob: "Bob Solar AG", grid1alice: "Alice Energy Retail" })[a] ?? a;
const owners = { producerOwner: "grid1bob", consumerOwner: "grid1alice" };

describe("a joint transaction in words", () => {
  it("says what a joint cancellation and a split do, and which tokens they touch", () => {
    const cancel = cancelTokenJointlyMsg(owners, 12);
    expect(describeMessage(cancel, name)).toBe(
      "Cancel token #12 without a fee: Bob Solar AG gives up its producer side and Alice Energy Retail its consumer side; nobody delivers or takes its energy.",
    );
    const split = splitTokenMsg({ ...owners, tokenId: 5, whParts: [100_000, 150_000] });
    expect(describeMessage(split, name)).toBe("Split token #5 into 2 tokens of 100 kWh + 150 kWh per period; Bob Solar AG keeps the producer sides and Alice Energy Retail the consumer sides.");
    expect(describeMessage({ typeUrl: "/cosmos.bank.v1beta1.MsgSend", value: {} }, name)).toMatch(/do not sign it unless you know what it does/);
    expect(tokensOf([cancel, split])).toEqual([12n, 5n]);
  });

  it("turns the joint signing failures into sentences", () => {
    expect(errorSentence(new Error("not a partly signed gridledger transaction (it starts with gridledger-joint-tx-v1:)"))).toMatch(/^This is not a partly signed transaction: paste the whole text/);
    expect(errorSentence(new Error("the partly signed transaction is damaged (incomplete copy?)"))).toMatch(/ask the other owner to copy it again, in full/);
    expect(errorSentence(new Error("grid1carol has not sent a transaction on this chain yet, so the chain does not know its public key: let that account prepare the transaction"))).toBe(
      "The other owner (grid1carol) has never signed a transaction on this chain, so the chain does not know their key: ask them to prepare the transaction, and co-sign it yourself.",
    );
    expect(errorSentence(new Error("grid1carol is not a signer of this transaction"))).toMatch(/choose that owner's account at the top/);
  });
});
