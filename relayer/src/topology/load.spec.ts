import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseYaml } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkTopology, loadTopology, TopologyError } from "./load.js";
import {
  ENERGY_CATEGORIES,
  GRID_LEVELS,
  PARTICIPANT_ROLES,
  type ChannelType,
  type Topology,
  type TopologyBank,
  type TopologyChain,
  type TopologyBridgeCapacity,
  type TopologyVoucher,
  type TopologyLink,
  type TopologyMeter,
  type TopologyParticipant,
} from "./types.js";

const DEFAULT_YAML = fileURLToPath(new URL("../../topologies/default.yaml", import.meta.url));
const SCHEMA_FILE = fileURLToPath(new URL("../../topology.schema.json", import.meta.url));

type Obj = Record<string, unknown>;

/** A small valid topology: a root with a bank and a prosumer, one child without a bank. */
function valid(): Obj {
  return {
    name: "t",
    chains: [
      {
        name: "root",
        chainId: "gl-root-1",
        level: "transmission",
        gridOperator: "tso",
        banks: [{ account: "bank", denom: "uchf.t", displayDenom: "chf.t", currency: "CHF", reserve: "1000" }],
        participants: [
          {
            account: "pv",
            legalId: "12XPV-TEST",
            displayName: "PV Cooperative",
            roles: ["prosumer"],
            meters: [{ id: "pv-1", kind: "production", category: "solar", gridNode: "n1" }],
            fiat: "600",
          },
        ],
      },
      { name: "east", chainId: "gl-east-1", level: "distribution", parent: "root", gridOperator: "dso" },
    ],
  };
}

/** at walks into a raw topology, e.g. at(t, "chains", 0, "banks", 0). */
const at = (v: unknown, ...path: Array<string | number>): Obj => path.reduce<unknown>((o, k) => (o as Obj)[k], v) as Obj;
const chain = (t: Obj, i: number) => at(t, "chains", i);
const participant = (t: Obj) => at(t, "chains", 0, "participants", 0);
const meter = (t: Obj) => at(t, "chains", 0, "participants", 0, "meters", 0);
const meters = (t: Obj) => participant(t).meters as unknown[];

/** problemsOf returns the problems checkTopology reports for `raw`, [] when it passes. */
function problemsOf(raw: unknown): string[] {
  try {
    checkTopology(raw, "test.yaml");
    return [];
  } catch (err) {
    if (err instanceof TopologyError) return err.problems;
    throw err;
  }
}

describe("checkTopology", () => {
  it("accepts a valid topology and returns it typed", () => {
    expect(problemsOf(valid())).toEqual([]);
    expect(checkTopology(valid()).chains.map((c) => c.name)).toEqual(["root", "east"]);
  });

  // Each mistake is reported with the place it is at, so the user knows what to edit.
  it.each<[string, (t: Obj) => void, string, RegExp]>([
    ["two roots", (t) => delete chain(t, 1).parent, "chains", /exactly one chain must have no parent.*found 2: root, east/],
    ["an unknown parent", (t) => (chain(t, 1).parent = "nowhere"), "chains[1].parent", /"nowhere" is not the name of a chain/],
    ["a cycle", (t) => (chain(t, 0).parent = "east"), "chains[0].parent", /makes a cycle/],
    ["a duplicate chain-id", (t) => (chain(t, 1).chainId = "gl-root-1"), "chains[1].chainId", /used by two chains/],
    ["a duplicate chain name", (t) => (chain(t, 1).name = "root"), "chains[1].name", /used by two chains/],
    ["a chain-id without revision", (t) => (chain(t, 0).chainId = "gl-root"), "chains[0].chainId", /ending in -<revision>/],
    ["a bad level", (t) => (chain(t, 0).level = "regional"), "chains[0].level", /must be one of transmission, distribution, local/],
    ["too many validators", (t) => (chain(t, 0).validators = 11), "chains[0].validators", /1\.\.10/],
    ["a period not dividing a day", (t) => (chain(t, 0).periodSeconds = 7), "chains[0].periodSeconds", /dividing a day/],
    ["a child with another period length", (t) => (chain(t, 1).periodSeconds = 300), "chains[1].periodSeconds", /300 differs from its parent "root"'s 900/],
    ["a bad block time", (t) => (t.blockTime = "1 second"), "blockTime", /duration/],
    ["a port base out of range", (t) => (t.portBase = 80), "portBase", /1024\.\.60000/],
    ["an unknown channel type", (t) => (t.linkChannels = ["fiat"]), "linkChannels", /"fiat" is not defined in channelTypes/],
    ["a denom map naming a denom the parent does not issue", (t) => (t.links = [{ parent: "root", child: "east", denomMap: [{ parent: "ueur.x", child: "uchf.y" }] }]), "links[0].denomMap[0].parent", /must be a denom of a bank of root/],
    ["a zero bridge capacity", (t) => (t.bridgeCapacity = { upWh: "0", downWh: "1" }), "bridgeCapacity.upWh", /from 1 to 10\^15/],
    ["a bridge capacity over 10^15 Wh", (t) => (t.links = [{ parent: "root", child: "east", bridgeCapacity: { upWh: "1", downWh: "1000000000000001" } }]), "links[0].bridgeCapacity.downWh", /from 1 to 10\^15/],
    ["a bridge capacity as a number", (t) => (t.bridgeCapacity = { upWh: 5 as unknown as string, downWh: "1" }), "bridgeCapacity.upWh", /as a string/],
    ["a link fee above 10^24", (t) => (t.linkFeePerMwh = "1000000000000000000000001"), "linkFeePerMwh", /0 to 10\^24/],
    ["a voucher to an unknown chain", (t) => (t.vouchers = [{ from: "root", sender: "pv", to: "west", receiver: "pv", amount: "1" }]), "vouchers[0].to", /"west" is not a chain/],
    ["a voucher for a stranger", (t) => (t.vouchers = [{ from: "root", sender: "pv", to: "east", receiver: "pv", amount: "1" }]), "vouchers[0].receiver", /not a participant of east/],
    ["a voucher of nothing", (t) => (t.vouchers = [{ from: "root", sender: "pv", to: "east", receiver: "pv", amount: "0" }]), "vouchers[0].amount", /above 0/],
    ["an unknown capacity field", (t) => (t.bridgeCapacity = { upWh: "1", downWh: "1", sideways: "1" } as never), "bridgeCapacity.sideways", /not a field/],
    ["an unknown channel type in a link", (t) => (t.links = [{ parent: "root", child: "east", channels: ["nope"] }]), "links[0].channels", /"nope"/],
    ["a link against the parent fields", (t) => (t.links = [{ parent: "east", child: "root", channels: ["transfer"] }]), "links[0]", /is not a child of/],
    ["a bad channel ordering", (t) => (t.channelTypes = { transfer: { port: "transfer", version: "ics20-1", ordering: "fifo" } }), "channelTypes.transfer.ordering", /unordered/],
    ["a production meter without category", (t) => delete meter(t).category, "chains[0].participants[0].meters[0].category", /for a production meter/],
    [
      "a consumption meter with category",
      (t) => (meters(t).push({ id: "load-1", kind: "consumption", category: "solar", gridNode: "n1" })),
      "chains[0].participants[0].meters[1].category",
      /left out for a consumption meter/,
    ],
    ["a meter kind the roles do not allow", (t) => (participant(t).roles = ["consumer"]), "chains[0].participants[0].meters[0].kind", /production meter needs one of the roles/],
    ["a meter id the chain refuses", (t) => (meter(t).id = "-pv"), "chains[0].participants[0].meters[0].id", /starting with a letter or digit/],
    ["a duplicate meter id", (t) => meters(t).push({ ...meter(t) }), "chains[0].participants[0].meters[1].id", /used twice/],
    ["CO2 on a consumption meter", (t) => meters(t).push({ id: "l", kind: "consumption", gridNode: "n1", co2GramsPerMwh: 5 }), "chains[0].participants[0].meters[1].co2GramsPerMwh", /production meters only/],
    ["a street address as grid node", (t) => (meter(t).gridNode = "Main Street 5"), "chains[0].participants[0].meters[0].gridNode", /substation/],
    ["fiat without a bank", (t) => (chain(t, 1).participants = [{ ...participant(t), meters: [] }]), "chains[1].participants[0].fiat", /needs a bank/],
    ["fiat beyond the first bank's reserve", (t) => (participant(t).fiat = "1001"), "chains[0].banks[0].reserve", /below the 1001 of fiat/],
    ["a deposit above the fiat", (t) => (participant(t).settlementDeposit = "601"), "chains[0].participants[0].settlementDeposit", /more than the participant's fiat/],
    ["an unknown role", (t) => (participant(t).roles = ["prosumer", "miner"]), "chains[0].participants[0].roles", /"miner" is not one of/],
    ["traded categories without a trading role", (t) => (participant(t).tradedCategories = ["solar"]), "chains[0].participants[0].tradedCategories", /trader" or "retailer/],
    ["a legal id the chain refuses", (t) => (participant(t).legalId = "pv gmbh"), "chains[0].participants[0].legalId", /upper-case/],
    ["a fiat amount that is a number", (t) => (participant(t).fiat = 600), "chains[0].participants[0].fiat", /whole number, as a string/],
    ["a bad currency", (t) => (at(t, "chains", 0, "banks", 0).currency = "chf"), "chains[0].banks[0].currency", /ISO 4217/],
    ["a fee above 10%", (t) => (at(t, "chains", 0, "banks", 0).fee = { basisPoints: 1001 }), "chains[0].banks[0].fee", /1\.\.1000/],
    ["a bad account name", (t) => (chain(t, 1).gridOperator = "DSO East"), "chains[1].gridOperator", /lower-case/],
  ])("reports %s at its place", (_, mutate, place, message) => {
    const t = valid();
    mutate(t);
    const problems = problemsOf(t);
    const found = problems.find((p) => p.startsWith(`${place}: `));
    expect(found, `a problem at ${place} among:\n${problems.join("\n")}`).toBeDefined();
    expect(found).toMatch(message);
  });

  it("lists every problem at once and names the file", () => {
    const t = valid();
    chain(t, 0).level = "regional";
    chain(t, 1).parent = "nowhere";
    try {
      checkTopology(t, "mine.yaml");
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(TopologyError);
      expect((err as TopologyError).problems).toHaveLength(2);
      expect((err as Error).message).toMatch(/^mine\.yaml is not a valid topology:\n {2}- /);
    }
  });

  it("refuses what is not a topology without crashing", () => {
    for (const raw of [null, [], "chains", { name: "t" }, { name: "t", chains: [null] }, { name: "t", chains: [{ name: "a", participants: "x" }] }]) {
      expect(() => checkTopology(raw)).toThrow(TopologyError);
    }
  });
});

describe("loadTopology", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "gridledger-topology-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("loads the default topology: four chains on three levels, the root with four validators", async () => {
    const t = await loadTopology(DEFAULT_YAML);
    expect(t.name).toBe("default");
    expect(t.chains.map((c) => [c.name, c.level, c.parent])).toEqual([
      ["transmission", "transmission", undefined],
      ["regional-east", "distribution", "transmission"],
      ["regional-west", "distribution", "transmission"],
      ["local-valley", "local", "regional-east"],
    ]);
    expect(t.chains[0]?.validators).toBe(4);
  });

  it("loads JSON as well as YAML", async () => {
    const file = join(dir, "t.json");
    await writeFile(file, JSON.stringify(valid()));
    expect((await loadTopology(file)).name).toBe("t");
  });

  it("says which file is missing or does not parse", async () => {
    await expect(loadTopology(join(dir, "absent.yaml"))).rejects.toThrow(/cannot read topology .*absent\.yaml/);
    const broken = join(dir, "broken.yaml");
    await writeFile(broken, "name: [unclosed\n");
    await expect(loadTopology(broken)).rejects.toThrow(/does not parse/);
    const invalid = join(dir, "invalid.yaml");
    await writeFile(invalid, "name: x\nchains: []\n");
    await expect(loadTopology(invalid)).rejects.toThrow(/invalid\.yaml is not a valid topology/);
  });
});

// The schema documents types.ts for editors. These key lists are checked against the TS types by
// the compiler (`satisfies Record<keyof T, true>` fails on a missing or an extra key) and against
// the schema here, so a field added to one and not the other fails the build or this suite.
const TS_FIELDS = {
  topology: { name: true, portBase: true, blockTime: true, accountBalance: true, channelTypes: true, linkChannels: true, bridgeCapacity: true, linkFeePerMwh: true, vouchers: true, chains: true, links: true } satisfies Record<keyof Topology, true>,
  chain: {
    name: true,
    chainId: true,
    level: true,
    parent: true,
    validators: true,
    hosts: true,
    periodSeconds: true,
    blockTime: true,
    gridOperator: true,
    banks: true,
    participants: true,
    accounts: true,
  } satisfies Record<keyof TopologyChain, true>,
  bank: { account: true, denom: true, displayDenom: true, currency: true, exponent: true, fee: true, reserve: true } satisfies Record<keyof TopologyBank, true>,
  participant: {
    account: true,
    legalId: true,
    displayName: true,
    roles: true,
    positionLimitWh: true,
    tradedCategories: true,
    meters: true,
    fiat: true,
    settlementDeposit: true,
  } satisfies Record<keyof TopologyParticipant, true>,
  meter: { id: true, kind: true, category: true, gridNode: true, area: true, co2GramsPerMwh: true } satisfies Record<keyof TopologyMeter, true>,
  channelType: { port: true, version: true, ordering: true } satisfies Record<keyof ChannelType, true>,
  link: { parent: true, child: true, channels: true, denomMap: true, bridgeCapacity: true } satisfies Record<keyof TopologyLink, true>,
  bridgeCapacity: { upWh: true, downWh: true } satisfies Record<keyof TopologyBridgeCapacity, true>,
  voucher: { from: true, sender: true, to: true, receiver: true, carrier: true, amount: true } satisfies Record<keyof TopologyVoucher, true>,
};

interface SchemaNode {
  description?: string;
  properties?: Record<string, SchemaNode>;
  required?: string[];
  enum?: string[];
  $defs?: Record<string, SchemaNode>;
}

describe("topology.schema.json", () => {
  let schema: SchemaNode;
  const defs = () => schema.$defs ?? {};
  const propertiesOf = (what: keyof typeof TS_FIELDS): SchemaNode | undefined => (what === "topology" ? schema : defs()[what]);

  beforeAll(async () => {
    schema = JSON.parse(await readFile(SCHEMA_FILE, "utf8")) as SchemaNode;
  });

  it.each(Object.keys(TS_FIELDS) as Array<keyof typeof TS_FIELDS>)("has exactly the %s fields of types.ts, each described", (what) => {
    const node = propertiesOf(what);
    expect(Object.keys(node?.properties ?? {}).sort()).toEqual(Object.keys(TS_FIELDS[what]).sort());
    for (const [field, property] of Object.entries(node?.properties ?? {})) expect(property.description, `${what}.${field}`).toMatch(/\w/);
  });

  it("lists the same levels, roles and categories as types.ts", () => {
    expect(defs().level?.enum).toEqual([...GRID_LEVELS]);
    expect(defs().role?.enum).toEqual([...PARTICIPANT_ROLES]);
    expect(defs().category?.enum).toEqual([...ENERGY_CATEGORIES]);
  });

  it("knows every key default.yaml uses, and default.yaml points editors at it", async () => {
    const text = await readFile(DEFAULT_YAML, "utf8");
    expect(text.split("\n")[0]).toBe("# yaml-language-server: $schema=../topology.schema.json");
    const raw = parseYaml(text) as Topology;
    const unknown: string[] = [];
    const check = (what: keyof typeof TS_FIELDS, obj: object, where: string) => {
      const known = propertiesOf(what)?.properties ?? {};
      for (const key of Object.keys(obj)) if (!(key in known)) unknown.push(`${where}.${key}`);
    };
    check("topology", raw, "");
    raw.chains.forEach((c, i) => {
      check("chain", c, `chains[${i}]`);
      (c.banks ?? []).forEach((b, j) => check("bank", b, `chains[${i}].banks[${j}]`));
      (c.participants ?? []).forEach((p, j) => {
        check("participant", p, `chains[${i}].participants[${j}]`);
        (p.meters ?? []).forEach((m, k) => check("meter", m, `chains[${i}].participants[${j}].meters[${k}]`));
      });
    });
    expect(unknown).toEqual([]);
  });
});
