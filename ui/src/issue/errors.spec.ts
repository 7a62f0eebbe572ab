import { GridledgerTxError } from "@gridledger/client";
import { describe, expect, it } from "vitest";

import { errorSentence, issueErrorSentence } from "../format/errors.js";

const refusal = (codespace: string, code: number, rawLog: string) => new GridledgerTxError({ phase: "simulate", codespace, code, rawLog });

describe("the sentences for a refused token", () => {
  it("say what to change in the form when x/energy refuses the token", () => {
    const gate = refusal("energy", 5, "the token would start in period 1995860, whose gate has closed (gate closure is 900 s before a period starts): start in period 1995861 or later: invalid delivery periods");
    expect(issueErrorSentence(gate)).toBe("Not issued: the gate of the first period closed before the chain saw the token. Go back to the form, choose a later first period and sign again.");
    // Elsewhere the same code keeps the client's general sentence.
    expect(errorSentence(gate)).toContain("The delivery periods are invalid");
    expect(issueErrorSentence(refusal("energy", 25, "price is outside the denom's price band"))).toContain("Go back and quote a price within the band.");
    expect(issueErrorSentence(refusal("energy", 7, "invalid meter"))).toContain("a meter does not fit the token");
  });

  it("fall back to the general sentences for other modules and codes", () => {
    const fiat = refusal("fiat", 16, "insufficient funds");
    expect(issueErrorSentence(fiat)).toBe(errorSentence(fiat));
    expect(issueErrorSentence(new Error("Request rejected"))).toBe("You declined the request in your wallet; nothing was sent.");
  });
});
