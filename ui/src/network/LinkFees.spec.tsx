import { cleanup, render, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";

import { CHF_BANK } from "../market/fixtures.js";
import type { LinkBridges } from "./Bridges.js";
import { checkLinkFee, LinkFeesTable } from "./LinkFees.js";

const east: LinkBridges = { side: "child", chainId: "gridledger-regional-east-1", channelId: "channel-2", interfaceAccount: "grid1a" };
const west: LinkBridges = { side: "child", chainId: "gridledger-regional-west-1", channelId: "channel-3", interfaceAccount: "grid1b" };

afterEach(cleanup);

describe("link fees beside bridge usage", () => {
  it("shows each child link's fee per MWh in every currency set, in its unit where the chain has the bank, and a link without one", () => {
    const fees = [
      { channelId: "channel-2", baseDenom: "uchf.alpine", feePerMwh: "2000000" },
      { channelId: "channel-2", baseDenom: "ueur.leman", feePerMwh: "1500000" },
    ];
    const { container } = render(<LinkFeesTable fees={fees} childLinks={[east, west]} units={[CHF_BANK]} />);
    const row = (ch: string) => container.querySelector(`tr[data-fee-channel="${ch}"]`) as HTMLElement;
    expect(within(row("channel-2")).getByRole("cell").textContent).toBe("CHF 2.00/MWh, 1500000 ueur.leman per MWh");
    expect(within(row("channel-3")).getByRole("cell").textContent).toBe("none set: no purchase crosses this link");
    expect(within(row("channel-3")).getByRole("rowheader").textContent).toContain("gridledger-regional-west-1");
  });

  it("says a child's uplink fee is set on the parent", () => {
    const { container } = render(<LinkFeesTable fees={[]} childLinks={[]} units={[]} />);
    expect(container.textContent).toBe("Grid fees for crossing this chain's link to its parent are set on the parent chain.");
  });

  it("checks a fee as the chain does: a child link, a denom, whole base units up to 10^24, 0 removes", () => {
    expect(checkLinkFee({ channelId: "channel-2", baseDenom: "uchf.alpine", fee: "2'000'000" }, ["channel-2"])).toEqual({ input: { channelId: "channel-2", baseDenom: "uchf.alpine", feePerMwh: 2_000_000n } });
    expect(checkLinkFee({ channelId: "channel-2", baseDenom: "uchf.alpine", fee: "0" }, ["channel-2"]).input?.feePerMwh).toBe(0n);
    expect(checkLinkFee({ channelId: "channel-9", baseDenom: "uchf.alpine", fee: "1" }, ["channel-2"]).error).toMatch(/child links/);
    expect(checkLinkFee({ channelId: "channel-2", baseDenom: "", fee: "1" }, ["channel-2"]).error).toMatch(/base denom/);
    expect(checkLinkFee({ channelId: "channel-2", baseDenom: "uchf.alpine", fee: "1.5" }, ["channel-2"]).error).toMatch(/whole base units/);
    expect(checkLinkFee({ channelId: "channel-2", baseDenom: "uchf.alpine", fee: `1${"0".repeat(24)}1` }, ["channel-2"]).error).toMatch(/at most 10\^24/);
  });
});
