import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";

import { statusFixture } from "./fixtures.js";
import { NetworkTree } from "./NetworkTree.js";
import { fromGridnet, type HeightSeen, STALL_MS, trackHeights } from "./status.js";

const T0 = Date.UTC(2026, 11, 3, 12, 0, 0);

/** seenAfter feeds the reads to trackHeights as the view does, one second apart. */
function seenAfter(...reads: ReturnType<typeof statusFixture>[]): { seen: Map<string, HeightSeen>; now: number } {
  let seen = new Map<string, HeightSeen>();
  let now = T0;
  for (const r of reads) {
    seen = trackHeights(seen, fromGridnet(r).chains, now);
    now += 1_000;
  }
  return { seen, now: now - 1_000 };
}

const chainSection = (name: string) => screen.getByRole("region", { name: `Chain ${name}` });

describe("the Network view's tree", () => {
  afterEach(cleanup);

  it("nests every chain under its parent with its level, height and validators up", () => {
    const s = statusFixture();
    const { seen, now } = seenAfter(s);
    render(<NetworkTree read={fromGridnet(s)} seen={seen} now={now} registryBase="/" />);
    const top = screen.getByRole("list", { name: "Chains" });
    // The root at the top, its two children under it, local-valley under regional-east.
    const underRoot = within(top).getByRole("list", { name: "Chains under transmission" });
    expect(within(underRoot).getByRole("region", { name: "Chain regional-west" })).toBeTruthy();
    const underEast = within(underRoot).getByRole("list", { name: "Chains under regional-east" });
    expect(within(underEast).getAllByRole("region").map((r) => r.getAttribute("aria-label"))).toEqual(["Chain local-valley"]);
    const root = chainSection("transmission");
    expect(within(root).getByText("transmission", { selector: ".level" })).toBeTruthy();
    expect(root.querySelector(".height")?.textContent).toBe("812");
    expect(within(root).getByText("4 of 4")).toBeTruthy();
    expect(within(root).getByRole("list", { name: "Validator nodes of transmission" }).children).toHaveLength(4);
    // One read: a height, but not yet seen to rise.
    expect(root.getAttribute("data-health")).toBe("checking");
  });

  it("shows each link's channels under the child, with their states and pending packets, and the relayer's health", () => {
    const s = statusFixture();
    const { seen, now } = seenAfter(s);
    render(<NetworkTree read={fromGridnet(s)} seen={seen} now={now} registryBase="/" />);
    const east = within(chainSection("regional-east")).getByRole("list", { name: "Channels between transmission and regional-east" });
    const [transfer, energy] = within(east).getAllByRole("listitem");
    expect(transfer?.textContent).toBe("transfer: transmission channel-0 ↔ regional-east channel-0 open / open, pending 2 down, 0 up");
    expect(energy?.textContent).toBe("energy: transmission channel-2 ↔ regional-east channel-1 open / open, pending 0 down, 0 up, linked on both chains");
    expect(energy?.querySelector(".channel-problem")).toBeNull();
    const west = within(chainSection("regional-west")).getByRole("list", { name: "Channels between transmission and regional-west" });
    const westEnergy = within(west).getAllByRole("listitem")[1];
    expect(westEnergy?.textContent).toContain("energy: transmission channel-3 ↔ regional-west channel-1");
    expect(westEnergy?.textContent).toContain("not linked yet on regional-west");
    expect(westEnergy?.querySelector(".channel-problem")).not.toBeNull();
    const valley = within(chainSection("local-valley")).getByRole("list", { name: "Channels between regional-east and local-valley" });
    expect(valley.textContent).toContain("open / no answer");
    expect(valley.textContent).toContain("pending 0 down, ? up");
    expect(valley.querySelector(".channel-problem")).not.toBeNull();
    // The root has no link above it.
    expect(within(chainSection("transmission")).queryByRole("list", { name: /Channels between/ })).toBeNull();
    const relayer = screen.getByRole("region", { name: "Relayer" });
    expect(relayer.textContent).toContain("Healthy, v1.10.5: relays 4 chains with 6 packet, 6 client workers.");
    expect(relayer.textContent).toContain("2 packets sent and not yet acknowledged.");
    expect(within(chainSection("regional-west")).getByRole("link", { name: "assetlist.json" }).getAttribute("href")).toBe("/chains/regional-west/assetlist.json");
  });

  it("shows a chain whose height rises as advancing, one whose height stays as stalled, and one without a height as down", () => {
    const first = statusFixture();
    const later = statusFixture({ "regional-east": 641, "regional-west": 656, "local-valley": undefined });
    let { seen } = seenAfter(first);
    seen = trackHeights(seen, fromGridnet(later).chains, T0 + 3_000);
    // transmission stays at 812 for STALL_MS.
    seen = trackHeights(seen, fromGridnet(later).chains, T0 + STALL_MS);
    render(<NetworkTree read={fromGridnet(later)} seen={seen} now={T0 + STALL_MS} />);
    expect(chainSection("regional-east").getAttribute("data-health")).toBe("advancing");
    expect(within(chainSection("regional-east")).getByText("advancing")).toBeTruthy();
    const root = chainSection("transmission");
    expect(root.getAttribute("data-health")).toBe("stalled");
    expect(within(root).getByText(/No new block since .*: the chain has stopped/)).toBeTruthy();
    const valley = chainSection("local-valley");
    expect(valley.getAttribute("data-health")).toBe("down");
    expect(valley.querySelector(".height")?.textContent).toBe("—");
    expect(within(valley).getByText("0 of 1")).toBeTruthy();
    expect(within(valley).getByText(/No node of this chain answers/)).toBeTruthy();
    // Without gridnet's server there are no registry links.
    expect(screen.queryByRole("link", { name: "chain.json" })).toBeNull();
  });

  it("says when Hermes is stopped and packets wait", () => {
    const s = statusFixture();
    const stopped = { ...s, hermes: { ...s.hermes, pid: undefined, paused: true, health: { up: false, chains: [], workers: {} } }, supervisor: {} };
    const { seen, now } = seenAfter(stopped);
    render(<NetworkTree read={fromGridnet(stopped)} seen={seen} now={now} />);
    const relayer = screen.getByRole("region", { name: "Relayer" });
    expect(within(relayer).getByText("not relaying")).toBeTruthy();
    expect(relayer.textContent).toContain("Stopped on purpose");
    expect(relayer.textContent).toContain("No supervisor runs");
  });

  it("has an empty state for a network without chains", () => {
    render(<NetworkTree read={{ source: "rpc", chains: [] }} seen={new Map()} now={T0} />);
    expect(screen.getByRole("status").textContent).toContain("No chains in this network");
  });
});
