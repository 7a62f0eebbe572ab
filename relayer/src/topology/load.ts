/**
 * Reading and checking a topology file. Every mistake is reported with where it is
 * ("chains[2].parent") and what to write instead, before anything is started.
 */
import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import { parse as parseYaml } from "yaml";
import { treeRoute } from "./plan.js";
import {
  DEFAULT_CHANNEL_TYPES,
  ENERGY_CATEGORIES,
  GRID_LEVELS,
  PARTICIPANT_ROLES,
  type ChannelType,
  type EnergyCategoryName,
  type ParticipantRoleName,
  type Topology,
  type TopologyChain,
} from "./types.js";

/** TopologyError lists every problem found in a topology. */
export class TopologyError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`${source} is not a valid topology:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "TopologyError";
  }
}

/** loadTopology reads a .yaml/.yml or .json topology file and checks it. */
export async function loadTopology(path: string): Promise<Topology> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    throw new Error(`cannot read topology ${path}: ${(err as Error).message}. Pass an existing file, e.g. relayer/topologies/default.yaml`);
  }
  let raw: unknown;
  try {
    raw = extname(path) === ".json" ? JSON.parse(text) : parseYaml(text);
  } catch (err) {
    throw new Error(`topology ${path} does not parse: ${(err as Error).message}`);
  }
  return checkTopology(raw, path);
}

const NAME = /^[a-z][a-z0-9-]{0,31}$/;
const CHAIN_ID = /^[a-z0-9][a-z0-9-]*-[0-9]+$/;
const UINT = /^(0|[1-9]\d*)$/;
/** MAX_LINK_FEE_PER_MWH is x/interchain's bound on a link fee rate (10^24 base units per MWh). */
const MAX_LINK_FEE_PER_MWH = 10n ** 24n;
/** MAX_BRIDGE_CAPACITY_WH is x/interchain's MaxBridgeCapacityWh. */
const MAX_BRIDGE_CAPACITY_WH = 10n ** 15n;
const DURATION = /^\d+(\.\d+)?(ms|s|m)$/;
const IBC_PORT = /^[a-z][a-z0-9._+-]{1,127}$/;
// The chain's own patterns (chain/x/balancing/types/validation.go), so a topology the chain
// would refuse fails here, before anything starts, instead of half-way through seeding.
const LEGAL_ID = /^[A-Z0-9][A-Z0-9-]{2,34}$/;
const METER_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
const LOCATION_NAME = /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,63}$/;
const MAX_DISPLAY_NAME_BYTES = 64;
/** Roles that may hold each kind of physical meter (x/balancing meterFitsRoles). */
const METER_ROLES: Record<"production" | "consumption", readonly ParticipantRoleName[]> = {
  production: ["producer", "prosumer", "flexibility_provider"],
  consumption: ["consumer", "prosumer", "retailer", "flexibility_provider"],
};

/** checkTopology validates parsed YAML/JSON and returns it typed; `source` names it in errors. */
export function checkTopology(raw: unknown, source = "topology"): Topology {
  const problems: string[] = [];
  const bad = (where: string, what: string) => problems.push(`${where}: ${what}`);
  if (!isObject(raw)) throw new TopologyError(source, ["the file must hold an object with name and chains"]);
  const t = raw as unknown as Topology;

  if (typeof t.name !== "string" || !NAME.test(t.name)) bad("name", `"${String(t.name)}" must be lower-case letters, digits and -, starting with a letter (e.g. "default")`);
  if (t.portBase !== undefined && (!Number.isInteger(t.portBase) || t.portBase < 1024 || t.portBase > 60000)) bad("portBase", `${String(t.portBase)} must be an integer in 1024..60000`);
  if (t.blockTime !== undefined && !(typeof t.blockTime === "string" && DURATION.test(t.blockTime))) bad("blockTime", `"${String(t.blockTime)}" must be a duration like "1s" or "500ms"`);
  if (t.accountBalance !== undefined && !(typeof t.accountBalance === "string" && UINT.test(t.accountBalance))) bad("accountBalance", "must be a whole number of ugrid, as a string");

  const channelTypes: Record<string, ChannelType> = t.channelTypes ?? { ...DEFAULT_CHANNEL_TYPES };
  if (!isObject(channelTypes)) bad("channelTypes", "must map names to { port, version, ordering }");
  else {
    for (const [name, ct] of Object.entries(channelTypes)) {
      const where = `channelTypes.${name}`;
      if (!isObject(ct)) {
        bad(where, "must be { port, version, ordering }");
        continue;
      }
      if (typeof ct.port !== "string" || !IBC_PORT.test(ct.port)) bad(`${where}.port`, `"${String(ct.port)}" is not an IBC port id (e.g. "transfer")`);
      if (typeof ct.version !== "string" || ct.version === "") bad(`${where}.version`, 'must name the channel version, e.g. "ics20-1"');
      if (ct.ordering !== "unordered" && ct.ordering !== "ordered") bad(`${where}.ordering`, `"${String(ct.ordering)}" must be "unordered" or "ordered"`);
    }
  }
  const knownChannel = (where: string, list: unknown) => {
    if (!Array.isArray(list) || list.length === 0) return bad(where, "must list at least one channel type");
    for (const c of list) if (typeof c !== "string" || !(c in channelTypes)) bad(where, `channel type "${String(c)}" is not defined in channelTypes (${Object.keys(channelTypes).join(", ")})`);
  };
  if (t.linkChannels !== undefined) knownChannel("linkChannels", t.linkChannels);

  if (!Array.isArray(t.chains) || t.chains.length === 0) {
    bad("chains", "must list at least one chain");
    throw new TopologyError(source, problems);
  }
  const names = new Set<string>();
  const chainIds = new Set<string>();
  t.chains.forEach((c, i) => checkChain(c, `chains[${i}]`, bad, names, chainIds));
  // The tree checks below read every chain's fields: stop here if some chain is not an object.
  if (!t.chains.every(isObject)) throw new TopologyError(source, problems);

  // The chains must form one tree: exactly one root, every parent known, no cycle.
  const byName = new Map(t.chains.map((c) => [c.name, c]));
  const roots = t.chains.filter((c) => c.parent === undefined);
  if (roots.length !== 1) bad("chains", `exactly one chain must have no parent (the transmission root); found ${roots.length}: ${roots.map((r) => r.name).join(", ") || "none"}`);
  t.chains.forEach((c, i) => {
    if (c.parent === undefined) return;
    const parent = byName.get(c.parent);
    if (!parent) return bad(`chains[${i}].parent`, `"${c.parent}" is not the name of a chain in this topology`);
    // Energy crosses a link period by period, so both ends must count the same periods (DESIGN.md §3).
    if ((c.periodSeconds ?? 900) !== (parent.periodSeconds ?? 900)) {
      bad(`chains[${i}].periodSeconds`, `${c.periodSeconds ?? 900} differs from its parent "${parent.name}"'s ${parent.periodSeconds ?? 900}: every chain of a hierarchy uses the same period length`);
    }
    const seen = new Set([c.name]);
    for (let p: TopologyChain | undefined = byName.get(c.parent); p; p = p.parent === undefined ? undefined : byName.get(p.parent)) {
      if (seen.has(p.name)) return bad(`chains[${i}].parent`, `"${c.parent}" makes a cycle (${[...seen, p.name].join(" -> ")})`);
      seen.add(p.name);
    }
  });

  const checkCapacity = (where: string, c: unknown) => {
    if (c === undefined) return;
    if (!isObject(c)) return bad(where, 'must be { upWh: "<Wh>", downWh: "<Wh>" }');
    for (const field of Object.keys(c)) if (field !== "upWh" && field !== "downWh") bad(`${where}.${field}`, "is not a field of a bridge capacity (upWh, downWh)");
    for (const field of ["upWh", "downWh"] as const) {
      const v = c[field];
      if (!(typeof v === "string" && UINT.test(v) && BigInt(v) >= 1n && BigInt(v) <= MAX_BRIDGE_CAPACITY_WH)) bad(`${where}.${field}`, "must be a whole number of Wh per period from 1 to 10^15, as a string");
    }
  };
  checkCapacity("bridgeCapacity", t.bridgeCapacity);
  if (t.links !== undefined && !Array.isArray(t.links)) bad("links", "must be a list of { parent, child, channels?, denomMap?, bridgeCapacity? }");
  (Array.isArray(t.links) ? t.links : []).forEach((l, i) => {
    const where = `links[${i}]`;
    if (!isObject(l)) return bad(where, "must be { parent, child, channels?, denomMap?, bridgeCapacity? }");
    checkCapacity(`${where}.bridgeCapacity`, l.bridgeCapacity);
    const child = byName.get(l.child);
    if (!child) bad(`${where}.child`, `"${l.child}" is not a chain`);
    else if (child.parent !== l.parent) bad(where, `"${l.child}" is not a child of "${l.parent}": links follow the chains' parent fields`);
    if (l.channels !== undefined) knownChannel(`${where}.channels`, l.channels);
    if (l.denomMap !== undefined) {
      const parentDenoms = (byName.get(l.parent)?.banks ?? []).map((b) => b.denom);
      const childDenoms = (child?.banks ?? []).map((b) => b.denom);
      if (!Array.isArray(l.denomMap) || l.denomMap.length === 0) bad(`${where}.denomMap`, "must list { parent, child } denom pairs");
      else
        l.denomMap.forEach((p, j) => {
          if (!isObject(p) || !parentDenoms.includes(p.parent)) bad(`${where}.denomMap[${j}].parent`, `must be a denom of a bank of ${String(l.parent)} (${parentDenoms.join(", ") || "none"})`);
          if (!isObject(p) || !childDenoms.includes(p.child)) bad(`${where}.denomMap[${j}].child`, `must be a denom of a bank of ${String(l.child)} (${childDenoms.join(", ") || "none"})`);
        });
    }
  });

  if (t.linkFeePerMwh !== undefined && !(typeof t.linkFeePerMwh === "string" && UINT.test(t.linkFeePerMwh) && BigInt(t.linkFeePerMwh) <= MAX_LINK_FEE_PER_MWH)) {
    bad("linkFeePerMwh", "must be a whole number of base units per MWh from 0 to 10^24, as a string");
  }
  if (t.vouchers !== undefined && !Array.isArray(t.vouchers)) bad("vouchers", "must be a list of { from, sender, to, receiver, carrier?, amount }");
  (Array.isArray(t.vouchers) ? t.vouchers : []).forEach((v, i) => {
    const where = `vouchers[${i}]`;
    if (!isObject(v)) return bad(where, "must be { from, sender, to, receiver, carrier?, amount }");
    for (const field of Object.keys(v)) if (!["from", "sender", "to", "receiver", "carrier", "amount"].includes(field)) bad(`${where}.${field}`, "is not a field of a voucher (from, sender, to, receiver, carrier, amount)");
    const from = byName.get(v.from);
    const to = byName.get(v.to);
    if (!from) return bad(`${where}.from`, `"${String(v.from)}" is not a chain`);
    if (!to) return bad(`${where}.to`, `"${String(v.to)}" is not a chain`);
    if (v.from === v.to) bad(`${where}.to`, "must be another chain than from");
    if ((from.banks ?? []).length === 0) bad(`${where}.from`, `"${v.from}" has no bank whose denom could be carried`);
    if (!(typeof v.amount === "string" && UINT.test(v.amount) && BigInt(v.amount) > 0n)) bad(`${where}.amount`, "must be a whole number of base units above 0, as a string");
    const admitted = (chain: TopologyChain, account: unknown) => (chain.participants ?? []).some((p) => p.account === account);
    if (!admitted(from, v.sender)) bad(`${where}.sender`, `"${String(v.sender)}" is not a participant of ${v.from}`);
    if (!admitted(to, v.receiver)) bad(`${where}.receiver`, `"${String(v.receiver)}" is not a participant of ${v.to}: ICS-20 fiat reaches admitted accounts only`);
    let route: string[] = [];
    try {
      route = treeRoute(t.chains, v.from, v.to);
    } catch {
      return; // the chains' problems are reported above
    }
    const carrier = v.carrier ?? v.sender;
    for (const name of route.slice(1, -1)) {
      const chain = byName.get(name);
      if (chain && !admitted(chain, carrier)) bad(`${where}.carrier`, `"${carrier}" is not a participant of ${name}, which the fiat passes: name a carrier admitted on every chain between`);
    }
  });
  // A host runs one validator of the network: two would need the same standard ports.
  const hostOwner = new Map<string, string>();
  t.chains.forEach((c, i) => {
    if (!Array.isArray(c.hosts)) return;
    c.hosts.forEach((h, j) => {
      if (typeof h !== "string") return;
      const owner = `chains[${i}].hosts[${j}]`;
      const other = hostOwner.get(h);
      if (other !== undefined) bad(owner, `"${h}" is also ${other}: every validator needs a host of its own (it listens on the standard ports)`);
      else hostOwner.set(h, owner);
    });
  });

  if (problems.length > 0) throw new TopologyError(source, problems);
  return t;
}

// An IPv4 address, or a DNS name of letters, digits and dashes (RFC 1123). IPv6 is not accepted:
// CometBFT's peer strings and gridnet's URLs would need brackets everywhere.
const IPV4_HOST = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const DNS_HOST = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;

/** checkHost says what is wrong with a validator's host, or undefined when it is fine. */
export function checkHost(host: unknown): string | undefined {
  if (typeof host !== "string" || host === "") return "must be an IPv4 address or a DNS name, e.g. \"10.0.1.11\" or \"val-0.grid.example\"";
  if (host === "127.0.0.1" || host === "localhost" || host === "0.0.0.0") return `"${host}" is not a host of its own: name the address other machines reach the validator at`;
  if (/^\d+(\.\d+)*$/.test(host) && !IPV4_HOST.test(host)) return `"${host}" is not an IPv4 address`;
  if (!IPV4_HOST.test(host) && !DNS_HOST.test(host)) return `"${host}" is neither an IPv4 address nor a DNS name (no ports, no IPv6: every validator uses the standard ports)`;
  return undefined;
}

function checkChain(c: TopologyChain, where: string, bad: (w: string, m: string) => void, names: Set<string>, chainIds: Set<string>): void {
  if (!isObject(c)) return bad(where, "must be an object with name, chainId, level and gridOperator");
  if (typeof c.name !== "string" || !NAME.test(c.name)) bad(`${where}.name`, `"${String(c.name)}" must be lower-case letters, digits and -, starting with a letter`);
  else if (names.has(c.name)) bad(`${where}.name`, `"${c.name}" is used by two chains`);
  names.add(c.name);
  if (typeof c.chainId !== "string" || !CHAIN_ID.test(c.chainId)) bad(`${where}.chainId`, `"${String(c.chainId)}" should look like "gridledger-transmission-1" (ending in -<revision>, which IBC needs)`);
  else if (chainIds.has(c.chainId)) bad(`${where}.chainId`, `"${c.chainId}" is used by two chains`);
  chainIds.add(c.chainId);
  if (!GRID_LEVELS.includes(c.level)) bad(`${where}.level`, `"${String(c.level)}" must be one of ${GRID_LEVELS.join(", ")}`);
  if (c.validators !== undefined && (!Number.isInteger(c.validators) || c.validators < 1 || c.validators > 10)) bad(`${where}.validators`, `${String(c.validators)} must be an integer in 1..10`);
  if (c.periodSeconds !== undefined && (!Number.isInteger(c.periodSeconds) || c.periodSeconds < 1 || 86400 % c.periodSeconds !== 0)) {
    bad(`${where}.periodSeconds`, `${String(c.periodSeconds)} must be a positive integer dividing a day, 86400 (900 for 15-minute periods)`);
  }
  if (c.blockTime !== undefined && !(typeof c.blockTime === "string" && DURATION.test(c.blockTime))) bad(`${where}.blockTime`, `"${String(c.blockTime)}" must be a duration like "1s"`);
  if (c.hosts !== undefined) {
    if (!Array.isArray(c.hosts)) bad(`${where}.hosts`, "must list one host per validator");
    else {
      const validators = c.validators ?? 1;
      if (c.hosts.length !== validators) bad(`${where}.hosts`, `names ${c.hosts.length} host${c.hosts.length === 1 ? "" : "s"} for ${validators} validator${validators === 1 ? "" : "s"}: name one host per validator`);
      c.hosts.forEach((h, j) => {
        const problem = checkHost(h);
        if (problem !== undefined) bad(`${where}.hosts[${j}]`, problem);
      });
    }
  }

  for (const field of ["banks", "participants", "accounts"] as const) {
    if (c[field] !== undefined && !Array.isArray(c[field])) bad(`${where}.${field}`, "must be a list");
  }
  const listOf = <T>(v: T[] | undefined): T[] => (Array.isArray(v) ? v : []);
  const accounts = new Set<string>(listOf(c.accounts));
  const account = (w: string, name: unknown) => {
    if (typeof name !== "string" || !NAME.test(name)) bad(w, `account name "${String(name)}" must be lower-case letters, digits and -`);
  };
  listOf(c.accounts).forEach((a, i) => account(`${where}.accounts[${i}]`, a));
  account(`${where}.gridOperator`, c.gridOperator);
  listOf(c.banks).forEach((b, i) => {
    const w = `${where}.banks[${i}]`;
    if (!isObject(b)) return bad(w, "must be an object with account, denom, displayDenom and currency");
    account(`${w}.account`, b.account);
    if (typeof b.denom !== "string" || typeof b.displayDenom !== "string") bad(w, "needs denom and displayDenom, e.g. uchf.alpine and chf.alpine");
    if (typeof b.currency !== "string" || !/^[A-Z]{3}$/.test(b.currency)) bad(`${w}.currency`, `"${String(b.currency)}" must be an ISO 4217 code, e.g. "CHF"`);
    if (b.reserve !== undefined && !(typeof b.reserve === "string" && UINT.test(b.reserve))) bad(`${w}.reserve`, "must be a whole number of base units, as a string");
    if (b.exponent !== undefined && (!Number.isInteger(b.exponent) || b.exponent < 1 || b.exponent > 18)) bad(`${w}.exponent`, `${String(b.exponent)} must be an integer in 1..18 (usually 6)`);
    const fee = b.fee as unknown;
    const feeOk =
      fee === undefined ||
      fee === "none" ||
      (isObject(fee) && Number.isInteger(fee.basisPoints) && (fee.basisPoints as number) >= 1 && (fee.basisPoints as number) <= 1000) ||
      (isObject(fee) && typeof fee.fixed === "string" && /^[1-9]\d*$/.test(fee.fixed));
    if (!feeOk) bad(`${w}.fee`, 'must be "none", { basisPoints: 1..1000 } or { fixed: "N" } with N a positive whole number of base units');
  });
  const meterIds = new Set<string>();
  const legalIds = new Set<string>();
  let fiatTotal = 0n;
  listOf(c.participants).forEach((p, i) => {
    const w = `${where}.participants[${i}]`;
    if (!isObject(p)) return bad(w, "must be an object with account, legalId, displayName and roles");
    account(`${w}.account`, p.account);
    if (accounts.has(p.account)) bad(`${w}.account`, `"${p.account}" is listed twice on this chain`);
    accounts.add(p.account);
    if (typeof p.legalId !== "string" || !LEGAL_ID.test(p.legalId)) bad(`${w}.legalId`, `"${String(p.legalId)}" must be 3-35 upper-case letters, digits or dashes (e.g. an ENTSO-E EIC code such as 12XALPENKRAFT--H)`);
    else if (legalIds.has(p.legalId)) bad(`${w}.legalId`, `"${p.legalId}" is used by two participants on this chain`);
    legalIds.add(p.legalId);
    if (typeof p.displayName !== "string" || p.displayName.trim() === "") bad(`${w}.displayName`, "is required (an organisation's name, never a person's)");
    else if (new TextEncoder().encode(p.displayName).length > MAX_DISPLAY_NAME_BYTES) bad(`${w}.displayName`, `must be at most ${MAX_DISPLAY_NAME_BYTES} bytes`);
    const roles: readonly unknown[] = Array.isArray(p.roles) ? p.roles : [];
    if (roles.length === 0) bad(`${w}.roles`, `must list at least one of ${PARTICIPANT_ROLES.join(", ")}`);
    for (const r of roles) if (!PARTICIPANT_ROLES.includes(r as ParticipantRoleName)) bad(`${w}.roles`, `"${String(r)}" is not one of ${PARTICIPANT_ROLES.join(", ")}`);
    if (new Set(roles).size !== roles.length) bad(`${w}.roles`, "lists a role twice");
    const hasRole = (wanted: readonly ParticipantRoleName[]) => roles.some((r) => wanted.includes(r as ParticipantRoleName));
    const traded: readonly unknown[] = Array.isArray(p.tradedCategories) ? p.tradedCategories : [];
    if (p.tradedCategories !== undefined && !Array.isArray(p.tradedCategories)) bad(`${w}.tradedCategories`, "must be a list");
    for (const cat of traded) if (!ENERGY_CATEGORIES.includes(cat as EnergyCategoryName)) bad(`${w}.tradedCategories`, `"${String(cat)}" is not one of ${ENERGY_CATEGORIES.join(", ")}`);
    if (new Set(traded).size !== traded.length) bad(`${w}.tradedCategories`, "lists a category twice");
    if (traded.length > 0 && !hasRole(["trader", "retailer"])) bad(`${w}.tradedCategories`, 'need the "trader" or "retailer" role (virtual meters are for traders and retailers)');
    for (const [field, v] of [["positionLimitWh", p.positionLimitWh], ["fiat", p.fiat], ["settlementDeposit", p.settlementDeposit]] as const) {
      if (v !== undefined && !(typeof v === "string" && UINT.test(v))) bad(`${w}.${field}`, "must be a whole number, as a string");
    }
    if (p.fiat !== undefined && listOf(c.banks).length === 0) bad(`${w}.fiat`, "needs a bank on this chain to mint it");
    if (typeof p.fiat === "string" && UINT.test(p.fiat)) fiatTotal += BigInt(p.fiat);
    if (p.settlementDeposit !== undefined && p.fiat === undefined) bad(`${w}.settlementDeposit`, "needs fiat to deposit from");
    else if (typeof p.settlementDeposit === "string" && UINT.test(p.settlementDeposit) && typeof p.fiat === "string" && UINT.test(p.fiat) && BigInt(p.settlementDeposit) > BigInt(p.fiat)) {
      bad(`${w}.settlementDeposit`, `${p.settlementDeposit} is more than the participant's fiat ${p.fiat}`);
    }
    if (p.meters !== undefined && !Array.isArray(p.meters)) bad(`${w}.meters`, "must be a list");
    listOf(p.meters).forEach((m, j) => {
      const mw = `${w}.meters[${j}]`;
      if (!isObject(m)) return bad(mw, "must be an object with id, kind and gridNode");
      if (typeof m.id !== "string" || !METER_ID.test(m.id) || m.id.startsWith("virtual:")) bad(`${mw}.id`, `"${String(m.id)}" must be 1-128 of A-Z a-z 0-9 . _ : -, starting with a letter or digit (not virtual:)`);
      else if (meterIds.has(m.id)) bad(`${mw}.id`, `"${m.id}" is used twice on this chain`);
      meterIds.add(m.id);
      if (m.kind !== "production" && m.kind !== "consumption") bad(`${mw}.kind`, `"${String(m.kind)}" must be production or consumption`);
      if (m.kind === "production" && (m.category === undefined || !ENERGY_CATEGORIES.includes(m.category))) {
        bad(`${mw}.category`, `"${String(m.category)}" must be one of ${ENERGY_CATEGORIES.join(", ")} for a production meter`);
      }
      if (m.kind === "consumption" && m.category !== undefined) bad(`${mw}.category`, "must be left out for a consumption meter (it consumes any category)");
      if ((m.kind === "production" || m.kind === "consumption") && roles.length > 0 && !hasRole(METER_ROLES[m.kind])) {
        bad(`${mw}.kind`, `a ${m.kind} meter needs one of the roles ${METER_ROLES[m.kind].join(", ")}`);
      }
      if (typeof m.gridNode !== "string" || !LOCATION_NAME.test(m.gridNode)) bad(`${mw}.gridNode`, `"${String(m.gridNode)}" must name the substation or transformer the meter hangs on: 1-64 of A-Z a-z 0-9 . _ : / -`);
      if (m.area !== undefined && !(typeof m.area === "string" && LOCATION_NAME.test(m.area))) bad(`${mw}.area`, `"${String(m.area)}" must be 1-64 of A-Z a-z 0-9 . _ : / -`);
      if (m.co2GramsPerMwh !== undefined) {
        if (!Number.isInteger(m.co2GramsPerMwh) || m.co2GramsPerMwh < 0 || m.co2GramsPerMwh > 0xffffffff) bad(`${mw}.co2GramsPerMwh`, `${String(m.co2GramsPerMwh)} must be a whole number of grams per MWh`);
        else if (m.kind !== "production") bad(`${mw}.co2GramsPerMwh`, "applies to production meters only");
      }
    });
  });
  // Seeding mints every participant's fiat from the first bank, within its attested reserve.
  const firstBank = listOf(c.banks)[0];
  const reserve = isObject(firstBank) && typeof firstBank.reserve === "string" && UINT.test(firstBank.reserve) ? BigInt(firstBank.reserve) : 0n;
  if (firstBank !== undefined && fiatTotal > reserve) {
    bad(`${where}.banks[0].reserve`, `${reserve} is below the ${fiatTotal} of fiat the participants get: raise the reserve or lower their fiat`);
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
