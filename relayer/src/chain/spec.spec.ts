import { describe, expect, it } from "vitest";
import {
  allocatePorts,
  assertDistinctPorts,
  durationSeconds,
  endpointsOf,
  metricsOf,
  NODE_PORT_STRIDE,
  nodeHome,
  PortAllocator,
  portList,
  PORTS_PER_NODE,
  portsFromBase,
  resolveChainSpec,
  STANDARD_PORTS,
  validatorPorts,
  type ChainSpecInput,
} from "./spec.js";

const input: ChainSpecInput = {
  chainId: "gridledger-test-1",
  moniker: "t",
  home: "/tmp/gl",
  binary: "/bin/gridd",
  ports: portsFromBase(30000),
  accounts: [{ name: "operator", coins: "1ugrid" }],
  gridOperator: "operator",
};

describe("port allocation", () => {
  it("lays out rpc, p2p, grpc, api, pprof, prometheus from a base", () => {
    expect(portsFromBase(26000)).toEqual({ rpc: 26000, p2p: 26001, grpc: 26002, api: 26003, pprof: 26004, prometheus: 26005 });
  });

  it("keeps a node's six ports, metrics included, inside its block of NODE_PORT_STRIDE", () => {
    const ports = portList(portsFromBase(26000)).map(([, port]) => port);
    expect(ports).toHaveLength(PORTS_PER_NODE);
    expect(new Set(ports).size).toBe(PORTS_PER_NODE);
    expect(Math.max(...ports) - 26000).toBeLessThan(NODE_PORT_STRIDE);
    expect(metricsOf(portsFromBase(26000))).toEqual({ comet: "http://127.0.0.1:26005/metrics", app: "http://127.0.0.1:26003/metrics?format=prometheus" });
  });

  it("rejects bases that would leave the port range", () => {
    expect(() => portsFromBase(80)).toThrow(/out of range/);
    expect(() => portsFromBase(65533)).toThrow(/out of range/);
  });

  it("gives each node its own block, stride apart", () => {
    const [a, b, c] = allocatePorts(30000, 3);
    expect([a?.rpc, b?.rpc, c?.rpc]).toEqual([30000, 30010, 30020]);
    expect(() => assertDistinctPorts([a, b, c].map((p, i) => ({ label: `n${i}`, ports: p! })))).not.toThrow();
  });

  it("refuses a stride that makes blocks overlap", () => {
    expect(() => allocatePorts(30000, 2, 3)).toThrow(/overlap/);
  });

  it("hands out blocks across chains without reuse", () => {
    const alloc = new PortAllocator(40000);
    const tso = alloc.nextChain(2);
    const dso = alloc.nextChain(1);
    const all = [tso.ports, ...tso.validatorPorts, dso.ports];
    expect(all.map((p) => p.rpc)).toEqual([40000, 40010, 40020]);
    expect(() => assertDistinctPorts(all.map((ports, i) => ({ label: `n${i}`, ports })))).not.toThrow();
  });

  it("names both owners of a shared port", () => {
    expect(() =>
      assertDistinctPorts([
        { label: "tso", ports: portsFromBase(30000) },
        { label: "dso", ports: portsFromBase(30003) },
      ]),
    ).toThrow(/port 30003 is used twice \(tso api and dso rpc\)/);
  });

  it("turns ports into local endpoints", () => {
    expect(endpointsOf(STANDARD_PORTS)).toEqual({
      rpc: "http://127.0.0.1:26657",
      rest: "http://127.0.0.1:1317",
      grpc: "127.0.0.1:9090",
      node: "tcp://127.0.0.1:26657",
    });
  });
});

describe("resolveChainSpec", () => {
  it("fills defaults: one validator, 1 s blocks, 900 s periods, short gov periods", () => {
    const spec = resolveChainSpec(input);
    expect(spec.validators).toBe(1);
    expect(spec.blockTime).toBe("1s");
    expect(spec.periodSeconds).toBe(900);
    expect(spec.gov).toEqual({ votingPeriod: "10s", expeditedVotingPeriod: "5s", maxDepositPeriod: "10s" });
    expect(spec.accounts.map((a) => a.name)).toEqual(["operator", "validator"]);
  });

  it("leaves the gate closure unset unless given, and refuses a negative one", () => {
    expect("gateClosureSeconds" in resolveChainSpec(input)).toBe(false);
    expect(resolveChainSpec({ ...input, periodSeconds: 20, gateClosureSeconds: 10 })).toMatchObject({ periodSeconds: 20, gateClosureSeconds: 10 });
    expect(() => resolveChainSpec({ ...input, gateClosureSeconds: -1 })).toThrow(/gateClosureSeconds must be a non-negative integer/);
  });

  it("leaves the snapshot interval unset unless given (the spec hash of old homes holds), and refuses a fraction", () => {
    expect("snapshotInterval" in resolveChainSpec(input)).toBe(false);
    expect(resolveChainSpec({ ...input, snapshotInterval: 0 })).toMatchObject({ snapshotInterval: 0 });
    expect(() => resolveChainSpec({ ...input, snapshotInterval: 2.5 })).toThrow(/snapshotInterval must be a non-negative integer/);
  });

  it("keeps the delivery parameters given, unset unless given, and refuses them out of range", () => {
    expect("deliveryParams" in resolveChainSpec(input)).toBe(false);
    expect(resolveChainSpec({ ...input, deliveryParams: { readingWindowPeriods: 1, minMarketWh: 1_000 } }).deliveryParams).toEqual({
      readingWindowPeriods: 1,
      minMarketWh: 1_000,
    });
    expect(() => resolveChainSpec({ ...input, deliveryParams: { readingWindowPeriods: 0 } })).toThrow(/deliveryParams.readingWindowPeriods must be an integer in 1..8928/);
    expect(() => resolveChainSpec({ ...input, deliveryParams: { imbalanceMarginBps: 10_001 } })).toThrow(/imbalanceMarginBps/);
    expect(() => resolveChainSpec({ ...input, deliveryParams: { imbalancePricing: "both" as "dual" } })).toThrow(/"dual" or "single"/);
  });

  it("adds validator accounts and port blocks for extra validators", () => {
    const spec = resolveChainSpec({ ...input, validators: 3 });
    expect(spec.accounts.map((a) => a.name)).toEqual(["operator", "validator", "validator-1", "validator-2"]);
    expect(validatorPorts(spec, 2).rpc).toBe(30020);
    expect(nodeHome(spec, 2)).toBe("/tmp/gl/val-2");
  });

  it("rejects an unknown grid operator", () => {
    expect(() => resolveChainSpec({ ...input, gridOperator: "nobody" })).toThrow(/grid operator "nobody" is not one of/);
  });

  it("rejects chain-ids without a revision number", () => {
    expect(() => resolveChainSpec({ ...input, chainId: "gridledger" })).toThrow(/revision number/);
  });

  it("rejects an expedited voting period not shorter than the voting period", () => {
    expect(() => resolveChainSpec({ ...input, gov: { votingPeriod: "10s", expeditedVotingPeriod: "10s", maxDepositPeriod: "10s" } })).toThrow(
      /must be shorter/,
    );
  });

  it("rejects duplicate account names", () => {
    expect(() => resolveChainSpec({ ...input, accounts: [...input.accounts, { name: "operator", coins: "2ugrid" }] })).toThrow(/listed twice/);
  });

  it("has no genesis banks by default and copies the ones given", () => {
    expect(resolveChainSpec(input).banks).toEqual([]);
    const bank = { account: "operator", denom: "uchf.alpine", displayDenom: "chf.alpine", currency: "CHF", exponent: 6, fee: { kind: "none" as const } };
    const spec = resolveChainSpec({ ...input, banks: [bank] });
    expect(spec.banks).toEqual([bank]);
    expect(spec.banks[0]).not.toBe(bank);
  });

  it.each([
    [{ account: "nobody" }, /account "nobody" is not one of/],
    [{ denom: "UCHF" }, /denom "UCHF" must be 3-64 characters/],
    [{ displayDenom: "uchf.alpine" }, /used twice/],
    [{ denom: "ugrid" }, /denom "ugrid" is used twice/],
    [{ currency: "chf" }, /ISO 4217/],
    [{ exponent: 0 }, /exponent 0 must be an integer in 1..18/],
    [{ fee: { kind: "basisPoints", basisPoints: 1001 } }, /basisPoints 1001/],
    [{ fee: { kind: "fixed", fixedAmount: "0" } }, /fixedAmount "0"/],
  ] as const)("rejects a bank with %o", (override, message) => {
    const bank = { account: "operator", denom: "uchf.alpine", displayDenom: "chf.alpine", currency: "CHF", exponent: 6, fee: { kind: "none" as const }, ...override };
    expect(() => resolveChainSpec({ ...input, banks: [bank] })).toThrow(message);
  });

  it("rejects validators whose ports collide", () => {
    expect(() => resolveChainSpec({ ...input, validators: 2, validatorPorts: [portsFromBase(30002)] })).toThrow(/used twice/);
  });
});

describe("durationSeconds", () => {
  it.each([
    ["10s", 10],
    ["500ms", 0.5],
    ["1.5s", 1.5],
    ["2m", 120],
    ["1h", 3600],
  ])("%s is %d s", (d, s) => expect(durationSeconds(d)).toBe(s));

  it("explains what it expects", () => expect(() => durationSeconds("ten")).toThrow(/like "10s"/));
});
