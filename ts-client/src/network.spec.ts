import { describe, expect, it } from "vitest";

import { isLoopbackUrl, keplrChainInfo, manualNetwork, NetworkError, parseNetworkDescription } from "./network.js";

const chain = (over: Record<string, unknown> = {}) => ({
  name: "transmission",
  chainId: "gridledger-transmission-1",
  level: "transmission",
  rpc: "http://127.0.0.1:27000/",
  rest: "http://127.0.0.1:27003",
  demoAccounts: [{ name: "alice", address: "grid1alice", mnemonic: "test words" }],
  ...over,
});

describe("parseNetworkDescription", () => {
  it("reads gridnet's network.json, trimming trailing slashes, and marks it local", () => {
    const n = parseNetworkDescription({ version: 1, name: "default", chains: [chain(), chain({ name: "east", chainId: "e-1", parent: "transmission", level: "distribution" })] });
    expect(n.local).toBe(true);
    expect(n.chains[0]?.rpc).toBe("http://127.0.0.1:27000");
    expect(n.chains[1]?.parent).toBe("transmission");
    expect(n.chains[0]?.demoAccounts[0]?.name).toBe("alice");
  });

  it("names the field at fault", () => {
    expect(() => parseNetworkDescription({ version: 2, name: "x", chains: [chain()] })).toThrow("network.json.version must be 1, got 2");
    expect(() => parseNetworkDescription({ version: 1, name: "x", chains: [] })).toThrow("at least one chain");
    expect(() => parseNetworkDescription({ version: 1, name: "x", chains: [chain({ rpc: "ftp://x" })] })).toThrow("network.json.chains[0].rpc must be an http(s) URL");
    expect(() => parseNetworkDescription({ version: 1, name: "x", chains: [chain({ chainId: 3 })] })).toThrow("network.json.chains[0].chainId must be a non-empty string");
    expect(() => parseNetworkDescription({ version: 1, name: "x", chains: [chain({ parent: "nowhere" })] })).toThrow(/parent "nowhere"/);
    expect(() => parseNetworkDescription({ version: 1, name: "x", chains: [chain(), chain()] })).toThrow(/two chains named/);
  });

  it("refuses test keys for a network that is not on this machine", () => {
    expect(() => parseNetworkDescription({ version: 1, name: "x", chains: [chain({ rpc: "https://rpc.example.org" })] })).toThrow(NetworkError);
    const remote = parseNetworkDescription({ version: 1, name: "x", chains: [chain({ rpc: "https://rpc.example.org", demoAccounts: [] })] });
    expect(remote.local).toBe(false);
  });
});

describe("manualNetwork", () => {
  it("is a network of the one chain entered, without demo accounts", () => {
    const n = manualNetwork({ chainId: "gridledger-dev-1", rpc: "http://localhost:26657", rest: "http://localhost:1317" });
    expect(n.chains).toHaveLength(1);
    expect(n.chains[0]?.demoAccounts).toEqual([]);
    expect(() => manualNetwork({ chainId: "c", rpc: "localhost:26657", rest: "http://x" })).toThrow("The RPC URL must start with http:// or https://");
    expect(() => manualNetwork({ chainId: " ", rpc: "http://x", rest: "http://x" })).toThrow("Enter the chain id");
  });
});

describe("isLoopbackUrl", () => {
  it("accepts this machine only", () => {
    expect(isLoopbackUrl("http://127.0.0.1:1")).toBe(true);
    expect(isLoopbackUrl("http://127.1.2.3")).toBe(true);
    expect(isLoopbackUrl("http://localhost:5173")).toBe(true);
    expect(isLoopbackUrl("http://[::1]:80")).toBe(true);
    expect(isLoopbackUrl("http://127.0.0.1.example.org")).toBe(false);
    expect(isLoopbackUrl("http://10.0.0.1")).toBe(false);
    expect(isLoopbackUrl("not a url")).toBe(false);
  });
});

describe("keplrChainInfo", () => {
  it("describes grid addresses, free ugrid fees and the fiat display units", () => {
    const info = keplrChainInfo(chain(), [{ denom: "uchf.alpine", currency: "CHF", exponent: 6 }]);
    expect(info.bech32Config.bech32PrefixValAddr).toBe("gridvaloper");
    expect(info.bip44.coinType).toBe(118);
    expect(info.currencies).toContainEqual({ coinDenom: "CHF", coinMinimalDenom: "uchf.alpine", coinDecimals: 6 });
    expect(info.feeCurrencies[0]?.gasPriceStep.average).toBe(0);
  });
});
