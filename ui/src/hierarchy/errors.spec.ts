import { GridledgerTxError } from "@gridledger/client";
import { describe, expect, it } from "vitest";

import { errorSentence, interchainRefusal } from "../format/errors.js";

const VOUCHER = "ibc/27394FB092D2ECCD56123C74F36E4C1F926001CEADA9CA97EA622B25F41E5EB2";

describe("a refused cross-grid purchase as a sentence", () => {
  it("tells a buyer without the ask's currency on this chain to bring it as a voucher first", () => {
    const rawLog = `failed to execute message; message index: 0: the buyer cannot pay 73236000${VOUCHER}: spendable balance 0${VOUCHER} is smaller than 73236000${VOUCHER}: insufficient funds: the value carried does not match the quote`;
    const sentence = errorSentence(new GridledgerTxError({ phase: "deliver", codespace: "interchain", code: 35, rawLog } as never));
    expect(sentence).toBe(
      "You do not hold the 73236000 ibc/27394F… (base units) this purchase costs with fees in your wallet on this chain. " +
        "A purchase from another grid is paid in the side's own currency, here as its IBC voucher: bring it to this chain by an IBC transfer along the route first, then buy again.",
    );
  });

  it("names the cost and the maximum when the purchase costs more than allowed", () => {
    expect(interchainRefusal("interchain", 33, "the purchase costs 73236000uchf.alpine, max_total is 70000000: the purchase costs more than max_total")).toBe(
      "The purchase costs 73236000 uchf.alpine (base units) with every fee, more than the 70000000 you allowed; raise your maximum or choose another offer.",
    );
  });

  it("leaves other refusals to the client's table", () => {
    expect(interchainRefusal("interchain", 32, "anything")).toBeUndefined();
    expect(interchainRefusal("fiat", 35, "the buyer cannot pay 1uchf")).toBeUndefined();
    expect(errorSentence(new GridledgerTxError({ phase: "deliver", codespace: "interchain", code: 30, rawLog: "x: only an active participant with a consuming role buys from another grid" } as never))).toMatch(/^Only consumers and prosumers/);
  });
});
