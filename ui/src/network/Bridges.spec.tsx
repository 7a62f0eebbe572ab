import { BridgeDirection } from "@gridledger/client";
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";

import { type BridgesRead, BridgesTable, CapacityForm, checkCapacity, type LinkBridges } from "./Bridges.js";

const UP = BridgeDirection.BRIDGE_DIRECTION_UP;
const DOWN = BridgeDirection.BRIDGE_DIRECTION_DOWN;
const IFACE_VALLEY = "grid1qf8u9zx0v2w7wfwqlqd0uah6r0m9q2y3l5z0ks";
const IFACE_TRANSMISSION = "grid1z2kdf0d6xq8h4mqu9mgl6q3r4xg7wqq5vsk2yq";

const valley: LinkBridges = {
  side: "child",
  chainId: "gridledger-local-valley-1",
  channelId: "channel-3",
  interfaceAccount: IFACE_VALLEY,
  usage: {
    interfaceAccount: IFACE_VALLEY,
    usage: [
      { period: 100n, direction: UP, capacityWh: 50_000_000n, reservedWh: 2_000_000n, freeWh: 48_000_000n },
      { period: 100n, direction: DOWN, capacityWh: 0n, reservedWh: 0n, freeWh: 0n },
      { period: 101n, direction: UP, capacityWh: 50_000_000n, reservedWh: 0n, freeWh: 50_000_000n },
      { period: 101n, direction: DOWN, capacityWh: 0n, reservedWh: 0n, freeWh: 0n },
    ],
  },
};
const uplink: LinkBridges = { side: "parent", chainId: "gridledger-transmission-1", channelId: "channel-1", interfaceAccount: IFACE_TRANSMISSION };

describe("the bridges of the Network view", () => {
  afterEach(cleanup);

  it("shows each link's interface account, and a child link's capacity and usage in the current and next periods each way", () => {
    const read: BridgesRead = { period: 100n, links: [uplink, valley] };
    render(<BridgesTable read={read} />);
    expect(screen.getByRole("columnheader", { name: "Reserved, period 100" })).toBeDefined();
    expect(screen.getByRole("columnheader", { name: "Reserved, period 101" })).toBeDefined();

    const up = document.querySelector('tr[data-channel="channel-3"][data-direction="up"]') as HTMLElement;
    expect(within(up).getByRole("rowheader").textContent).toContain("Child gridledger-local-valley-1");
    expect(within(up).getByTitle(IFACE_VALLEY)).toBeDefined();
    const cells = within(up).getAllByRole("cell").map((c) => c.textContent);
    expect(cells).toEqual([expect.stringContaining("grid1"), "up (child → parent)", "50 MWh", "2 MWh (48 MWh free)", "0 Wh (50 MWh free)"]);

    const down = document.querySelector('tr[data-channel="channel-3"][data-direction="down"]') as HTMLElement;
    expect(within(down).getAllByRole("cell").map((c) => c.textContent)).toEqual(["down (parent → child)", "none set: carries nothing", "0 Wh (0 Wh free)", "0 Wh (0 Wh free)"]);

    const parent = document.querySelector('tr[data-channel="channel-1"]') as HTMLElement;
    expect(within(parent).getByRole("rowheader").textContent).toContain("Parent gridledger-transmission-1");
    expect(within(parent).getByTitle(IFACE_TRANSMISSION)).toBeDefined();
    expect(parent.textContent).toContain("set and kept on the parent chain");
  });

  it("says when the chain has no link", () => {
    render(<BridgesTable read={{ period: 1n, links: [] }} />);
    expect(screen.getByText("This chain has no link to another grid yet.")).toBeDefined();
  });

  it("checks a capacity as the chain does: MWh to Wh, at least 1 Wh, at most 10^15 Wh, a child link only", () => {
    expect(checkCapacity({ channelId: "channel-3", direction: DOWN, mwh: "50" }, ["channel-3"])).toEqual({ input: { channelId: "channel-3", direction: DOWN, whPerPeriod: 50_000_000n } });
    expect(checkCapacity({ channelId: "channel-3", direction: UP, mwh: "0.000001" }, ["channel-3"]).input?.whPerPeriod).toBe(1n);
    expect(checkCapacity({ channelId: "channel-3", direction: UP, mwh: "1'000'000'000" }, ["channel-3"]).input?.whPerPeriod).toBe(10n ** 15n);
    expect(checkCapacity({ channelId: "channel-3", direction: UP, mwh: "1000000000.000001" }, ["channel-3"]).error).toMatch(/at most 10\^15 Wh/);
    expect(checkCapacity({ channelId: "channel-3", direction: UP, mwh: "0" }, ["channel-3"]).error).toMatch(/at least 1 Wh/);
    expect(checkCapacity({ channelId: "channel-3", direction: UP, mwh: "-5" }, ["channel-3"]).error).toMatch(/in MWh per period/);
    expect(checkCapacity({ channelId: "channel-3", direction: UP, mwh: "0.0000001" }, ["channel-3"]).error).toMatch(/six decimals/);
    expect(checkCapacity({ channelId: "channel-1", direction: UP, mwh: "5" }, ["channel-3"]).error).toBe("Choose one of this chain's child links.");
  });

  it("refuses on a chain with no child link, saying the parent's operator sets it, and signs nothing", () => {
    const onSet = vi.fn();
    render(<CapacityForm childLinks={[]} acting onSet={onSet} />);
    fireEvent.change(screen.getByLabelText("Capacity (MWh per period)"), { target: { value: "50" } });
    fireEvent.click(screen.getByRole("button", { name: "Set capacity" }));
    expect(onSet).not.toHaveBeenCalled();
    expect(screen.getByRole("alert").textContent).toBe("This chain has no child link: a link's capacity is set by the parent chain's grid operator, on the parent chain.");
  });

  it("sets a child link's capacity for the operator, and offers nothing to another account", () => {
    const onSet = vi.fn();
    const { rerender } = render(<CapacityForm childLinks={[valley]} acting onSet={onSet} />);
    fireEvent.change(screen.getByLabelText("Direction"), { target: { value: String(DOWN) } });
    fireEvent.change(screen.getByLabelText("Capacity (MWh per period)"), { target: { value: "12.5" } });
    fireEvent.click(screen.getByRole("button", { name: "Set capacity" }));
    expect(onSet).toHaveBeenCalledWith({ channelId: "channel-3", direction: DOWN, whPerPeriod: 12_500_000n });

    onSet.mockClear();
    rerender(<CapacityForm childLinks={[valley]} acting={false} onSet={onSet} />);
    expect((screen.getByRole("button", { name: "Set capacity" }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText(/Choose this chain's grid operator account/)).toBeDefined();
  });
});
