import { describe, expect, it } from "vitest";

import { fiatRefusal } from "../format/errors.js";
import { CHF_BANK } from "../market/fixtures.js";

// The logs are what chain/x/fiat/keeper/msg_server_*.go wrap into their errors.
describe("x/fiat refusals as sentences with amounts in display units", () => {
  const units = [CHF_BANK];
  it("names what the settlement account, the wallet and the collateral allow", () => {
    expect(fiatRefusal("fiat", 16, "owner has 5000000uchf.alpine spendable, cannot deposit 9000000uchf.alpine: insufficient funds", units)).toBe(
      "Your wallet holds CHF 5.00, less than the CHF 9.00 you asked to deposit; use at most CHF 5.00.",
    );
    expect(fiatRefusal("fiat", 20, "100000000uchf.alpine of 600000000uchf.alpine is locked as collateral; at most 500000000uchf.alpine can be withdrawn: funds are locked as collateral", units)).toBe(
      "CHF 100.00 of your settlement account is locked as collateral by the grid operator; withdraw at most CHF 500.00, or ask the operator to unlock it.",
    );
    expect(fiatRefusal("fiat", 12, "minting 5 would take uchf.alpine outstanding to 1000000005, above the attested reserve 1000000000: issuance would exceed", units)).toBe(
      "Minting this would take the outstanding issuance to CHF 1,000.000005, above the attested reserve of CHF 1,000.00; attest a larger reserve first, or mint less.",
    );
    expect(fiatRefusal("fiat", 19, "redemption 3 was marked paid at height 120: redemption already marked paid", units)).toBe(
      "Redemption #3 was already marked paid at block 120; nothing more to do.",
    );
  });

  it("leaves other refusals to the client's sentence", () => {
    expect(fiatRefusal("fiat", 16, "insufficient funds", units)).toBeUndefined();
    expect(fiatRefusal("fiat", 16, "owner has 5ueur.north spendable, cannot deposit 9ueur.north", units)).toBeUndefined();
    expect(fiatRefusal("energy", 16, "settlement account holds 1uchf.alpine, cannot withdraw 2uchf.alpine", units)).toBeUndefined();
  });
});
