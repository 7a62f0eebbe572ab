import { createHash } from "node:crypto";

import { describe, expect, it } from "vitest";

import type { QueryNeighbourhoodResponse } from "./generated/gridledger/interchain/v1/query.js";
import { Neighbour } from "./generated/gridledger/interchain/v1/types.js";
import { PurchaseCancel, PurchaseHop, PurchaseState } from "./generated/gridledger/interchain/v1/purchase.js";
import { cancelOutcome, type ChainQueries, type PurchaseProgress, routeBetween, voucherDenom } from "./hierarchy.js";
import type { GridledgerQueryClient } from "./queryclient.js";

// The default tree: transmission over east and west, valley under east. Each link's ends carry
// the channel ids the other side sees, as Neighbourhood reports them.
function link(counterparty: string, neighbour: Neighbour, transfer: string, energy: string) {
  return {
    link: {
      neighbour, counterpartyChainId: counterparty, clientId: "", connectionId: "", transferChannelId: transfer,
      energyChannelId: energy, counterpartyEnergyChannelId: "", periodSeconds: 900n, denomMap: [], linkedHeight: 1n, interfaceAccount: "",
    },
    energyChannelState: "STATE_OPEN", transferChannelState: "STATE_OPEN", peer: undefined,
  };
}
const child = (id: string, t: string, e: string) => link(id, Neighbour.NEIGHBOUR_CHILD, t, e);
const parent = (id: string, t: string, e: string) => link(id, Neighbour.NEIGHBOUR_PARENT, t, e);
const hoods: Record<string, Partial<QueryNeighbourhoodResponse>> = {
  T: { children: [child("E", "channel-0", "channel-1"), child("W", "channel-2", "channel-3")] },
  E: { parent: parent("T", "channel-0", "channel-1"), children: [child("V", "channel-2", "channel-3")] },
  W: { parent: parent("T", "channel-0", "channel-1"), children: [] },
  V: { parent: parent("E", "channel-0", "channel-1"), children: [] },
};
const chains: ChainQueries = new Map(
  Object.entries(hoods).map(([id, h]) => [id, { interchain: { neighbourhood: async () => ({ children: [], ...h }) } } as unknown as GridledgerQueryClient]),
);
const asMap = new Map(Object.entries(hoods).map(([id, h]) => [id, { children: [], ...h } as QueryNeighbourhoodResponse]));

describe("routeBetween", () => {
  it("goes up to the lowest common parent and down again", async () => {
    expect(await routeBetween(chains, "V", "W")).toEqual(["V", "E", "T", "W"]);
    expect(await routeBetween(chains, "W", "V")).toEqual(["W", "T", "E", "V"]);
  });
  it("goes straight up or down when one chain is above the other", async () => {
    expect(await routeBetween(chains, "V", "T")).toEqual(["V", "E", "T"]);
    expect(await routeBetween(chains, "T", "V")).toEqual(["T", "E", "V"]);
  });
  it("refuses chains it cannot connect", async () => {
    const lone: ChainQueries = new Map([...chains, ["X", { interchain: { neighbourhood: async () => ({ children: [] }) } } as unknown as GridledgerQueryClient]]);
    await expect(routeBetween(lone, "X", "V")).rejects.toThrow(/share no parent/);
  });
});

describe("voucherDenom", () => {
  it("is the ICS-20 voucher of one hop (the well-known ATOM voucher hash)", () => {
    // W's coin carried to T is prefixed with T's end of the link, channel-0 here.
    const one = new Map(asMap);
    one.set("T", { children: [child("W", "channel-0", "channel-3")] } as unknown as QueryNeighbourhoodResponse);
    expect(voucherDenom(one, ["T", "W"], "uatom")).toBe("ibc/27394FB092D2ECCD56123C74F36E4C1F926001CEADA9CA97EA622B25F41E5EB2");
  });
  it("stacks a hop per link, the nearest chain's channel first, as ICS-20 prefixes traces", () => {
    const path = "transfer/channel-0/transfer/channel-0/transfer/channel-2/ueur.leman";
    const want = `ibc/${createHash("sha256").update(path).digest("hex").toUpperCase()}`;
    expect(voucherDenom(asMap, ["V", "E", "T", "W"], "ueur.leman")).toBe(want);
  });
  it("is the denom itself on the token's own chain", () => {
    expect(voucherDenom(asMap, ["W"], "ueur.leman")).toBe("ueur.leman");
  });
});

describe("cancelOutcome", () => {
  const at = (...states: Array<[PurchaseState, Partial<PurchaseCancel>?]>): PurchaseProgress =>
    states.map(([state, cancel], i) => ({
      chainId: ["V", "E", "T", "W"][i] ?? "",
      hop: PurchaseHop.fromPartial({ state, cancel: cancel === undefined ? undefined : PurchaseCancel.fromPartial(cancel) }),
    }));
  const { PURCHASE_STATE_DONE: done, PURCHASE_STATE_CANCELLING: cancelling, PURCHASE_STATE_CANCELLED: cancelled } = PurchaseState;

  it("is cancelled only when every chain of the route says so", () => {
    expect(cancelOutcome(at([cancelled], [cancelled], [cancelled], [cancelled]))).toBe("cancelled");
    expect(cancelOutcome(at([cancelled], [cancelling], [cancelling], [cancelling]))).toBeUndefined();
  });
  it("is under way while the sweep passes, whatever an earlier refusal recorded", () => {
    expect(cancelOutcome(at([done], [cancelling], [cancelling], [cancelling, { failure: "timeout", height: 9n }]))).toBeUndefined();
    expect(cancelOutcome(at([done], [done], [done], [done]))).toBeUndefined();
  });
  it("is refused when the token's chain, back to done, recorded a failure since the cancel was sent", () => {
    const refused = at([done], [done], [done, { failure: "timeout", height: 12n }], [done, { failure: "ABCI code: 53", height: 14n }]);
    expect(cancelOutcome(refused, 10n)).toBe("refused");
    expect(cancelOutcome(refused, 20n)).toBeUndefined();
  });
});
