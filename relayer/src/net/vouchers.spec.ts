import { describe, expect, it } from "vitest";
import type { StateChain, StateLink } from "./state.js";
import { denomOf, voucherHops } from "./vouchers.js";

const end = (chainId: string, channelId: string) => ({ chainId, clientId: "07-tendermint-0", connectionId: "connection-0", portId: "transfer", channelId });
const link = (parent: string, child: string, parentChannel: string, childChannel: string): StateLink => ({
  parent,
  child,
  channels: [{ type: "transfer", version: "ics20-1", ordering: "unordered", parent: end(parent, parentChannel), child: end(child, childChannel) }],
});
const chains = [
  { name: "root" },
  { name: "east", parent: "root" },
  { name: "west", parent: "root" },
  { name: "valley", parent: "east" },
] as unknown as StateChain[];
const links = [link("root", "east", "channel-0", "channel-0"), link("root", "west", "channel-2", "channel-0"), link("east", "valley", "channel-2", "channel-0")];

describe("voucherHops", () => {
  it("grows the trace one hop at a time on the way out, as ICS-20 does", () => {
    const hops = voucherHops({ chains, links }, { route: ["west", "root", "east", "valley"], denom: "ueur" });
    expect(hops).toEqual([
      { from: "west", to: "root", channelId: "channel-0", pathFrom: "ueur", pathTo: "transfer/channel-2/ueur" },
      { from: "root", to: "east", channelId: "channel-0", pathFrom: "transfer/channel-2/ueur", pathTo: "transfer/channel-0/transfer/channel-2/ueur" },
      { from: "east", to: "valley", channelId: "channel-2", pathFrom: "transfer/channel-0/transfer/channel-2/ueur", pathTo: "transfer/channel-0/transfer/channel-0/transfer/channel-2/ueur" },
    ]);
    expect(denomOf("ueur")).toBe("ueur");
    expect(denomOf("transfer/channel-2/ueur")).toMatch(/^ibc\/[0-9A-F]{64}$/);
  });

  it("unwinds a hop when the denom goes home the way it came", () => {
    const hops = voucherHops({ chains, links }, { route: ["root", "west"], denom: "transfer/channel-2/ueur" });
    expect(hops).toEqual([{ from: "root", to: "west", channelId: "channel-2", pathFrom: "transfer/channel-2/ueur", pathTo: "ueur" }]);
  });

  it("says which link is not open", () => {
    expect(() => voucherHops({ chains, links: [] }, { route: ["west", "root"], denom: "ueur" })).toThrow(/no transfer channel between west and root/);
  });
});
