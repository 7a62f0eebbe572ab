import { type ChainQueries, EnergyCategory, FeeKind, MeterKind, Neighbour, ParticipantStatus, PurchaseState, Role, type Participant, type Meter, type PurchaseHop } from "@gridledger/client";
import { describe, expect, it } from "vitest";

import { token } from "../market/fixtures.js";
import { CHAINS, CHF, EAST, QUOTE, TRANSMISSION, VALLEY, VOUCHER, WEST } from "./fixtures.js";
import { hopViews, linkFeeLines, outcome, parseMaxTotal, quoteProblem, readRemoteOffers, remoteRefusal, routeText } from "./remote.js";

const link = (counterparty: string, neighbour: Neighbour, energy: string, transfer: string) => ({
  link: { counterpartyChainId: counterparty, neighbour, energyChannelId: energy, transferChannelId: transfer, interfaceAccount: "grid1iface", denomMap: [] },
});

/** fakeTree answers the queries quoting needs, as the default hierarchy's chains would. */
function fakeTree(): ChainQueries {
  const hoods: Record<string, unknown> = {
    [VALLEY.chainId]: { parent: link(EAST.chainId, Neighbour.NEIGHBOUR_PARENT, "channel-1", "channel-0"), children: [] },
    [EAST.chainId]: { parent: link(TRANSMISSION.chainId, Neighbour.NEIGHBOUR_PARENT, "channel-1", "channel-0"), children: [link(VALLEY.chainId, Neighbour.NEIGHBOUR_CHILD, "channel-3", "channel-2")] },
    [TRANSMISSION.chainId]: { parent: undefined, children: [link(EAST.chainId, Neighbour.NEIGHBOUR_CHILD, "channel-2", "channel-0"), link(WEST.chainId, Neighbour.NEIGHBOUR_CHILD, "channel-3", "channel-1")] },
    [WEST.chainId]: { parent: link(TRANSMISSION.chainId, Neighbour.NEIGHBOUR_PARENT, "channel-1", "channel-0"), children: [] },
  };
  const fees: Record<string, unknown[]> = {
    [EAST.chainId]: [{ channelId: "channel-3", baseDenom: "uchf.alpine", feePerMwh: "1000000" }],
    [TRANSMISSION.chainId]: [{ channelId: "channel-2", baseDenom: "uchf.alpine", feePerMwh: "2000000" }],
  };
  const hydro = token({ id: 7n, issuer: "grid1alpenkraft", firstPeriod: 100n, lastPeriod: 103n, whPerPeriod: 100_000n, category: EnergyCategory.ENERGY_CATEGORY_HYDRO, faceValuePerMwh: { amount: "90000000", denom: "uchf.alpine" }, consumer: { owner: "grid1alpenkraft", meterId: "v", ask: { forSale: true, pricePerMwh: 90_000_000n, denom: "uchf.alpine" } } });
  const westSolar = token({ id: 3n, faceValuePerMwh: { amount: "70000000", denom: "ueur.leman" }, consumer: { owner: "grid1bob", meterId: "v", ask: { forSale: true, pricePerMwh: 70_000_000n, denom: "ueur.leman" } } });
  const tokens: Record<string, ReturnType<typeof token>[]> = { [TRANSMISSION.chainId]: [hydro], [WEST.chainId]: [westSolar], [EAST.chainId]: [] };
  const banks: Record<string, Array<{ denom: string; currency: string; exponent: number; feeModel: unknown }>> = {
    [TRANSMISSION.chainId]: [{ denom: "uchf.alpine", currency: "CHF", exponent: 6, feeModel: { kind: FeeKind.FEE_KIND_BASIS_POINTS, basisPoints: 5, fixedAmount: "0" } }],
    [WEST.chainId]: [{ denom: "ueur.leman", currency: "EUR", exponent: 6, feeModel: { kind: FeeKind.FEE_KIND_FIXED, basisPoints: 0, fixedAmount: "10000" } }],
    [EAST.chainId]: [],
    [VALLEY.chainId]: [{ denom: "uchf.valley", currency: "CHF", exponent: 6, feeModel: undefined }],
  };
  const client = (id: string) => ({
    balancing: { participant: async (address: string) => (address === "grid1alpenkraft" ? { address, displayName: "Alpenkraft Hydro AG" } : Promise.reject(new Error("participant not found"))) },
    interchain: { neighbourhood: async () => hoods[id], linkFees: async () => fees[id] ?? [] },
    fiat: { banks: async () => ({ banks: banks[id] ?? [] }), bank: async (denom: string) => (banks[id] ?? []).find((b) => b.denom === denom) },
    energy: {
      token: async (tid: bigint) => (tokens[id] ?? []).find((t) => t.id === tid),
      offers: async (f: { category: EnergyCategory; denom: string }) => ({ tokens: (tokens[id] ?? []).filter((t) => t.category === f.category && t.consumer?.ask?.denom === f.denom) }),
    },
  });
  return new Map(CHAINS.map((c) => [c.chainId, client(c.chainId) as never]));
}

describe("offers from other grids", () => {
  it("reads every other chain's offers and quotes each for the buyer's chain: route up and down, one fee per link from its parent, bank fees, total", async () => {
    const remote = await readRemoteOffers(fakeTree(), VALLEY, CHAINS);
    expect(remote.map((r) => r.chain.name)).toEqual(["transmission", "regional-east", "regional-west"]);
    const [onRoot, onEast, onWest] = remote;
    expect(onEast?.offers).toEqual([]);
    const hydro = onRoot?.offers[0];
    expect(hydro?.unit).toEqual(CHF);
    // The seller's name as its own chain knows it; an unknown one is left to the address.
    expect(hydro?.sellerName).toBe("Alpenkraft Hydro AG");
    expect(onWest?.offers[0]?.sellerName).toBeUndefined();
    expect(hydro?.quote).toEqual({ ...QUOTE, payDenom: expect.stringMatching(/^ibc\/[0-9A-F]{64}$/) });
    expect(routeText(CHAINS, VALLEY.chainId, hydro!.quote!)).toBe("local-valley → regional-east → transmission");
    expect(linkFeeLines(CHAINS, VALLEY.chainId, hydro!.quote!)).toEqual([
      { from: "local-valley", to: "regional-east", fee: 400_000n },
      { from: "regional-east", to: "transmission", fee: 800_000n },
    ]);
    // West's offer crosses links with no fee in EUR: it is listed, with who must set one.
    expect(onWest?.offers[0]?.quote).toBeUndefined();
    expect(onWest?.offers[0]?.problem).toBe("regional-east charges no grid fee in ueur.leman for its link to local-valley yet, so the purchase cannot cross it: its grid operator sets one in the Network view.");
  });

  it("says why an offer cannot be quoted in words a buyer can act on", () => {
    expect(quoteProblem("the side is priced in a voucher; only a chain's own currency is bought across grids", CHAINS)).toMatch(/only a chain's own currency/);
    expect(quoteProblem("the consumer side of token 4 on x is not offered", CHAINS)).toBe("The side was just sold or withdrawn.");
    expect(quoteProblem("a and b share no parent among the chains given", CHAINS)).toMatch(/No route/);
  });
});

describe("what stops a buyer before signing", () => {
  const consumer: Participant = { address: "grid1school", legalId: "X", displayName: "Valley School", roles: [Role.ROLE_CONSUMER], status: ParticipantStatus.PARTICIPANT_STATUS_ACTIVE, positionLimitWh: 2_000_000n, tradedCategories: [] } as unknown as Participant;
  const meter = { id: "valley-school-1", owner: "grid1school", kind: MeterKind.METER_KIND_CONSUMPTION } as Meter;
  const base = { quote: QUOTE, unit: CHF, meterId: "valley-school-1", maxTotal: QUOTE.total, hereName: "local-valley", tokenChainName: "transmission" };
  const buyer = { participant: consumer, meters: [meter], balance: 100_000_000n };

  it("lets an active consumer with a meter, the maximum and the vouchers buy", () => {
    expect(remoteRefusal({ ...base, buyer })).toBeUndefined();
    expect(remoteRefusal({ ...base, buyer: { ...buyer, participant: { ...consumer, roles: [Role.ROLE_PROSUMER] } } })).toBeUndefined();
  });

  it("refuses a buyer who lacks the ask's currency on this chain, naming the voucher and the way to get it", () => {
    expect(remoteRefusal({ ...base, buyer: { ...buyer, balance: 50_000_000n } })).toBe(
      "You hold CHF 50.00 of the side's currency uchf.alpine (as the voucher ibc/27394F…5EB2 on local-valley) in your wallet here, less than the CHF 73.236 this purchase costs with fees. " +
        "A cross-grid purchase is paid in the side's own currency: bring it to local-valley first, by an IBC transfer from transmission along the same route.",
    );
    expect(VOUCHER.endsWith("5EB2")).toBe(true);
  });

  it("refuses a non-consumer, a buyer without a consumption meter, and a maximum below the total", () => {
    expect(remoteRefusal({ ...base, buyer: { ...buyer, participant: { ...consumer, roles: [Role.ROLE_TRADER] } } })).toMatch(/^Only consumers and prosumers buy from another grid/);
    expect(remoteRefusal({ ...base, buyer: { ...buyer, participant: undefined } })).toMatch(/not a participant on local-valley/);
    expect(remoteRefusal({ ...base, buyer: { ...buyer, participant: { ...consumer, status: ParticipantStatus.PARTICIPANT_STATUS_SUSPENDED } } })).toMatch(/suspended/);
    expect(remoteRefusal({ ...base, buyer: { ...buyer, meters: [] } })).toMatch(/no consumption meter on local-valley/);
    expect(remoteRefusal({ ...base, maxTotal: QUOTE.total - 1n, buyer })).toBe("The purchase costs CHF 73.236 with every fee, more than the CHF 73.235999 you allow; raise your maximum or choose another offer.");
    expect(remoteRefusal({ ...base, maxTotal: undefined, buyer })).toMatch(/^Enter the most you will pay/);
  });

  it("reads a maximum in display units, exactly", () => {
    expect(parseMaxTotal("73.236", 6)).toBe(73_236_000n);
    expect(parseMaxTotal("1'000", 6)).toBe(1_000_000_000n);
    expect(parseMaxTotal("1.0000001", 6)).toBeUndefined();
    expect(parseMaxTotal("-1", 6)).toBeUndefined();
  });
});

describe("a purchase hop by hop", () => {
  const hop = (state: PurchaseState, tokenIds: bigint[] = [], failure = "") => ({ state, tokenIds, failure }) as unknown as PurchaseHop;
  const route = [VALLEY.chainId, EAST.chainId, TRANSMISSION.chainId];

  it("shows each chain's state and, once done, the token it made", () => {
    const pending = hopViews(CHAINS, [
      { chainId: route[0]!, hop: hop(PurchaseState.PURCHASE_STATE_PENDING) },
      { chainId: route[1]!, hop: hop(PurchaseState.PURCHASE_STATE_DONE, [12n, 7n]) },
      { chainId: route[2]!, hop: undefined },
    ]);
    expect(pending.map((h) => [h.name, h.state, h.tokenId])).toEqual([
      ["local-valley", "pending", undefined],
      ["regional-east", "done", 12n],
      ["transmission", "not reached", undefined],
    ]);
    expect(outcome(pending)).toBe("pending");
    const done = hopViews(CHAINS, route.map((chainId, i) => ({ chainId, hop: hop(PurchaseState.PURCHASE_STATE_DONE, [[31n, 12n, 7n], [12n, 7n], [7n]][i]!) })));
    expect(done.map((h) => h.tokenId)).toEqual([31n, 12n, 7n]);
    expect(outcome(done)).toBe("done");
  });

  it("calls a purchase refunded when the buyer's chain refunded it, with the reason", () => {
    const refunded = hopViews(CHAINS, [
      { chainId: route[0]!, hop: hop(PurchaseState.PURCHASE_STATE_REFUNDED, [], "timeout") },
      { chainId: route[1]!, hop: hop(PurchaseState.PURCHASE_STATE_REFUNDED, [], "timeout") },
      { chainId: route[2]!, hop: undefined },
    ]);
    expect(outcome(refunded)).toBe("refunded");
    expect(refunded[0]?.failure).toBe("timeout");
  });
});
