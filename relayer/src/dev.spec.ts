import { describe, expect, it } from "vitest";
import { DEV_CHAIN_ID, devChainSpec, devPorts, formatBox } from "./dev.js";

describe("dev chain", () => {
  it("uses the standard ports unless GRIDLEDGER_DEV_PORT_BASE is set", () => {
    expect(devPorts({})).toEqual({ rpc: 26657, p2p: 26656, grpc: 9090, api: 1317, pprof: 6060, prometheus: 26660 });
    expect(devPorts({ GRIDLEDGER_DEV_PORT_BASE: "36657" })).toEqual({ rpc: 36657, p2p: 36658, grpc: 36659, api: 36660, pprof: 36661, prometheus: 36662 });
    expect(() => devPorts({ GRIDLEDGER_DEV_PORT_BASE: "abc" })).toThrow(/not a port number/);
  });

  it("is one validator with the operator as grid operator", () => {
    const spec = devChainSpec("/bin/gridd", devPorts({}), "/tmp/dev");
    expect(spec.chainId).toBe(DEV_CHAIN_ID);
    expect(spec.validators).toBe(1);
    expect(spec.gridOperator).toBe("operator");
    expect(spec.accounts.map((a) => a.name)).toEqual(["operator", "validator", "alice", "bob", "carol", "bank"]);
  });

  it("has the bank account issue uchf.alpine from genesis", () => {
    const spec = devChainSpec("/bin/gridd", devPorts({}), "/tmp/dev");
    expect(spec.banks).toEqual([
      { account: "bank", denom: "uchf.alpine", displayDenom: "chf.alpine", currency: "CHF", exponent: 6, fee: { kind: "basisPoints", basisPoints: 5 } },
    ]);
  });

  it("frames lines in a box of even width", () => {
    const box = formatBox("title", ["a", "longer line"]).split("\n");
    expect(new Set(box.map((l) => [...l].length)).size).toBe(1);
    expect(box[1]).toContain("title");
  });
});
