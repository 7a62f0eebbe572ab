import { Bip39, EnglishMnemonic } from "@cosmjs/crypto";
import { DirectSecp256k1HdWallet } from "@cosmjs/proto-signing";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { portList, validatorPorts } from "../chain/spec.js";
import { DEV_MNEMONICS } from "../dev-accounts.js";
import { checkTopology, loadTopology } from "./load.js";
import { devMnemonic, pathToRoot, planNetwork, RELAYER_ACCOUNT, treeRoute, type NetworkPlan, type PlannedChain } from "./plan.js";
import type { Topology } from "./types.js";

const DEFAULT_YAML = fileURLToPath(new URL("../../topologies/default.yaml", import.meta.url));
const HOME = "/tmp/gridnet-plan-test";
const BINARY = "/opt/gridd";

const byName = (plan: NetworkPlan, name: string): PlannedChain => {
  const c = plan.chains.find((x) => x.name === name);
  if (c === undefined) throw new Error(`no chain ${name}`);
  return c;
};
const account = (c: PlannedChain, name: string) => c.spec.accounts.find((a) => a.name === name);

describe("planNetwork on the default topology", () => {
  let topology: Topology;
  let plan: NetworkPlan;

  beforeAll(async () => {
    topology = await loadTopology(DEFAULT_YAML);
    plan = planNetwork(topology, HOME, BINARY);
  });

  it("plans four chains, root first, then each level in file order", () => {
    expect(plan.chains.map((c) => [c.name, c.level, c.parent])).toEqual([
      ["transmission", "transmission", undefined],
      ["regional-east", "distribution", "transmission"],
      ["regional-west", "distribution", "transmission"],
      ["local-valley", "local", "regional-east"],
    ]);
    expect(plan.chains.map((c) => c.spec.validators)).toEqual([4, 1, 1, 1]);
    expect(plan.chains.map((c) => c.spec.chainId)).toEqual(topology.chains.map((c) => c.chainId));
  });

  it("links every child to its parent with an ICS-20 transfer channel and an energy channel", () => {
    expect(plan.links.map((l) => [l.parent, l.child])).toEqual([
      ["transmission", "regional-east"],
      ["transmission", "regional-west"],
      ["regional-east", "local-valley"],
    ]);
    for (const link of plan.links) {
      expect(link.channels).toEqual([
        { type: "transfer", port: "transfer", version: "ics20-1", ordering: "unordered" },
        { type: "energy", port: "energy", version: "gridledger-energy-1", ordering: "unordered" },
      ]);
    }
    // transmission (CHF) and regional-west (EUR) map their currencies; the others share CHF or have no bank.
    expect(plan.links.map((l) => l.denomMap)).toEqual([undefined, [{ parent: "uchf.alpine", child: "ueur.leman" }], undefined]);
    // Every link of the default hierarchy gets 50 MWh per period each way.
    expect(plan.links.map((l) => l.bridgeCapacity)).toEqual(Array(3).fill({ upWh: "50000000", downWh: "50000000" }));
    // Every parent charges 0.50 per MWh in each currency of the tree for crossing a link.
    const fees = ["uchf.alpine", "uchf.valley", "ueur.leman"].map((baseDenom) => ({ baseDenom, feePerMwh: "500000" }));
    expect(plan.links.map((l) => l.linkFees)).toEqual(Array(3).fill(fees));
  });

  it("carries the valley school's euros from regional-west up to the root and down to local-valley", () => {
    expect(plan.vouchers).toEqual([
      { route: ["regional-west", "transmission", "regional-east", "local-valley"], denom: "ueur.leman", sender: "bob", receiver: "valley-school", carrier: "alice", amount: "300000000" },
    ]);
    expect(treeRoute(topology.chains, "local-valley", "regional-east")).toEqual(["local-valley", "regional-east"]);
    expect(treeRoute(topology.chains, "transmission", "local-valley")).toEqual(["transmission", "regional-east", "local-valley"]);
  });

  it("gives all seven nodes distinct ports from the port base, and Hermes the block after them", () => {
    const nodes = plan.chains.flatMap((c) => Array.from({ length: c.spec.validators }, (_, i) => validatorPorts(c.spec, i)));
    expect(nodes).toHaveLength(7);
    const ports = nodes.flatMap((p) => portList(p).map(([, port]) => port));
    expect(new Set(ports).size).toBe(ports.length);
    expect(Math.min(...ports)).toBe(topology.portBase);
    expect(plan.hermes.restPort).toBeGreaterThan(Math.max(...ports));
    expect(plan.hermes.telemetryPort).toBeGreaterThan(Math.max(...ports));
    expect(plan.hermes.restPort).not.toBe(plan.hermes.telemetryPort);
    expect(plan.uiPort).toBeGreaterThan(Math.max(...ports));
    expect([plan.hermes.restPort, plan.hermes.telemetryPort]).not.toContain(plan.uiPort);
  });

  it("puts each chain and Hermes under the network home, with the given gridd", () => {
    expect(plan.home).toBe(HOME);
    expect(plan.chains.map((c) => c.spec.home)).toEqual(plan.chains.map((c) => `${HOME}/${c.name}`));
    expect(plan.hermes.home).toBe(`${HOME}/hermes`);
    expect(plan.chains.every((c) => c.spec.binary === BINARY)).toBe(true);
  });

  it("gives the same account name the same key, and so the same address, on every chain", async () => {
    const aliceRoot = account(byName(plan, "transmission"), "alice");
    const aliceEast = account(byName(plan, "regional-east"), "alice");
    expect(aliceRoot?.mnemonic).toBeDefined();
    expect(aliceEast?.mnemonic).toBe(aliceRoot?.mnemonic);
    const address = async (mnemonic: string | undefined) => {
      const wallet = await DirectSecp256k1HdWallet.fromMnemonic(mnemonic ?? "", { prefix: "grid" });
      return (await wallet.getAccounts())[0]?.address;
    };
    expect(await address(aliceEast?.mnemonic)).toBe(await address(aliceRoot?.mnemonic));
    // Different names are different keys, on a chain and across chains.
    const mnemonics = plan.chains.flatMap((c) => c.spec.accounts.map((a) => [a.name, a.mnemonic] as const));
    const byMnemonic = new Map<string | undefined, Set<string>>();
    for (const [name, m] of mnemonics) byMnemonic.set(m, (byMnemonic.get(m) ?? new Set()).add(name));
    for (const names of byMnemonic.values()) expect(names.size).toBe(1);
  });

  it("funds the relayer, the operator, banks and participants on every chain", () => {
    for (const c of plan.chains) {
      const names = c.spec.accounts.map((a) => a.name);
      expect(names, c.name).toContain(RELAYER_ACCOUNT);
      expect(names, c.name).toContain(c.topology.gridOperator);
      for (const b of c.topology.banks ?? []) expect(names, c.name).toContain(b.account);
      for (const p of c.topology.participants ?? []) expect(names, c.name).toContain(p.account);
      expect(c.spec.accounts.every((a) => a.coins === "1000000000000ugrid")).toBe(true);
      expect(new Set(names).size).toBe(names.length);
    }
    expect(byName(plan, "transmission").spec.accounts.map((a) => a.name)).toEqual(
      expect.arrayContaining(["validator", "validator-1", "validator-2", "validator-3"]),
    );
  });

  it("carries banks with their fee models and defaults, and the chains' settings", () => {
    const root = byName(plan, "transmission").spec;
    expect(root.banks).toEqual([
      { account: "alpine-bank", denom: "uchf.alpine", displayDenom: "chf.alpine", currency: "CHF", exponent: 6, fee: { kind: "basisPoints", basisPoints: 5 } },
    ]);
    expect(byName(plan, "regional-west").spec.banks[0]?.fee).toEqual({ kind: "fixed", fixedAmount: "10000" });
    expect(byName(plan, "regional-east").spec.banks).toEqual([]);
    expect(root.gridOperator).toBe("tso");
    expect(root.periodSeconds).toBe(900);
    expect(plan.chains.every((c) => c.spec.blockTime === "1s")).toBe(true);
  });

  it("is pure: the same topology gives the same plan", () => {
    expect(planNetwork(topology, HOME, BINARY)).toEqual(plan);
  });

  it("finds the path from a chain up to the root", () => {
    expect(pathToRoot(plan, "local-valley")).toEqual(["local-valley", "regional-east", "transmission"]);
    expect(pathToRoot(plan, "transmission")).toEqual(["transmission"]);
    expect(pathToRoot(plan, "nowhere")).toEqual([]);
  });
});

describe("planNetwork options", () => {
  const base = {
    name: "small",
    chains: [
      { name: "root", chainId: "gl-root-1", level: "transmission", gridOperator: "tso", blockTime: "2s", periodSeconds: 3600 },
      { name: "leaf", chainId: "gl-leaf-1", level: "local", parent: "root", gridOperator: "coop", periodSeconds: 3600 },
    ],
  };

  it("uses the defaults: port base 27000, 1 s blocks, transfer channels", () => {
    const plan = planNetwork(checkTopology(base), HOME, BINARY);
    expect(plan.chains[0]?.spec.ports.rpc).toBe(27000);
    expect(plan.chains[1]?.spec.ports.rpc).toBe(27010);
    expect(plan.hermes.restPort).toBe(27020);
    expect(plan.chains.map((c) => [c.spec.blockTime, c.spec.periodSeconds])).toEqual([
      ["2s", 3600],
      ["1s", 3600],
    ]);
    const unset = { ...base, chains: base.chains.map(({ periodSeconds: _, ...c }) => c) };
    expect(planNetwork(checkTopology(unset), HOME, BINARY).chains.map((c) => c.spec.periodSeconds)).toEqual([900, 900]);
    expect(plan.links[0]?.channels.map((c) => c.type)).toEqual(["transfer"]);
  });

  it("opens the channel types a topology defines, on every link or on one", () => {
    const energy = { port: "energy", version: "gridledger-energy-1", ordering: "unordered" as const };
    const channelTypes = { transfer: { port: "transfer", version: "ics20-1", ordering: "unordered" as const }, energy };
    const everywhere = planNetwork(checkTopology({ ...base, channelTypes, linkChannels: ["transfer", "energy"] }), HOME, BINARY);
    expect(everywhere.links[0]?.channels).toEqual([{ type: "transfer", ...channelTypes.transfer }, { type: "energy", ...energy }]);
    const one = planNetwork(checkTopology({ ...base, channelTypes, links: [{ parent: "root", child: "leaf", channels: ["energy"] }] }), HOME, BINARY);
    expect(one.links[0]?.channels.map((c) => c.type)).toEqual(["energy"]);
  });

  it("funds accounts with the topology's balance and lists extra accounts", () => {
    const plan = planNetwork(checkTopology({ ...base, accountBalance: "5", chains: [{ ...base.chains[0], accounts: ["tester"] }] }), HOME, BINARY);
    const names = plan.chains[0]?.spec.accounts.map((a) => a.name);
    expect(names).toEqual(expect.arrayContaining(["tso", "tester", RELAYER_ACCOUNT, "validator"]));
    expect(plan.chains[0]?.spec.accounts.find((a) => a.name === "tester")?.coins).toBe("5ugrid");
  });
});

describe("devMnemonic", () => {
  it("uses the well-known dev mnemonics for the dev account names", () => {
    expect(devMnemonic("alice")).toBe(DEV_MNEMONICS.alice);
    expect(devMnemonic("operator")).toBe(DEV_MNEMONICS.operator);
  });

  it("derives a valid, stable 24-word mnemonic from any other name", () => {
    const m = devMnemonic("alpine-bank");
    expect(m).toBe(devMnemonic("alpine-bank"));
    expect(m).not.toBe(devMnemonic("leman-bank"));
    expect(m.split(" ")).toHaveLength(24);
    expect(() => Bip39.decode(new EnglishMnemonic(m))).not.toThrow();
  });
});
