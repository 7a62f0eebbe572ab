import { join } from "node:path";

/** Ports one node listens on, all on 127.0.0.1. */
export interface Ports {
  /** CometBFT RPC (HTTP + websocket). */
  rpc: number;
  /** CometBFT peer-to-peer. */
  p2p: number;
  /** Cosmos SDK gRPC. */
  grpc: number;
  /** Cosmos SDK REST (gRPC gateway) API. */
  api: number;
  /** CometBFT pprof. */
  pprof: number;
  /** CometBFT's Prometheus metrics (/metrics); the SDK's are on the REST API's /metrics?format=prometheus. */
  prometheus: number;
}

/** AccountSpec is one genesis account; without a mnemonic a fixed dev mnemonic is used. */
export interface AccountSpec {
  name: string;
  /** Genesis balance, in the SDK coin syntax: "1000000ugrid" or "5ugrid,7uchf". */
  coins: string;
  mnemonic?: string;
}

/**
 * BankFeeSpec is a bank's fee per payment made through x/fiat's Pay: none, basis points of the
 * payment (1..1000, rounded down), or a fixed amount of base units.
 */
export type BankFeeSpec =
  | { kind: "none" }
  | { kind: "basisPoints"; basisPoints: number }
  | { kind: "fixed"; fixedAmount: string };

/**
 * BankSpec is a bank entity approved at genesis (x/fiat), as governance would approve it later:
 * its own denom with bank metadata, a fee model, and a zero reserve until it attests one.
 */
export interface BankSpec {
  /** Name of the chain-spec account that is the bank (signs attestations, mints, payouts). */
  account: string;
  /** Base denom, e.g. "uchf.alpine": 3-64 of a-z 0-9 . - starting with a letter. */
  denom: string;
  /** Display denom of the currency unit, e.g. "chf.alpine". */
  displayDenom: string;
  /** ISO 4217 code, e.g. "CHF". */
  currency: string;
  /** Decimals between base denom and currency unit, 1..18 (usually 6). */
  exponent: number;
  fee: BankFeeSpec;
}

/** GovTiming holds the x/gov periods, as protobuf durations ("10s"). */
export interface GovTiming {
  votingPeriod: string;
  expeditedVotingPeriod: string;
  maxDepositPeriod: string;
}

/**
 * DeliveryParamsSpec overrides x/delivery parameters in genesis, for test chains that reconcile
 * within minutes; a field left out keeps gridd's default. Ranges as x/delivery's Params.Validate.
 */
export interface DeliveryParamsSpec {
  /**
   * reading_window_periods: how many periods after a period ends its readings are accepted
   * (1-8928); the period is reconciled once the window has closed. gridd's default is 96.
   */
  readingWindowPeriods?: number;
  /**
   * min_market_wh: what a period's market must trade in a category for its average price to
   * price imbalances; below it the operator's reference price applies. gridd's default is 1 MWh.
   */
  minMarketWh?: number;
  /** imbalance_margin_bps: the n % of seed §3.5.1 in basis points, 0-10000 (default 1000). */
  imbalanceMarginBps?: number;
  /** imbalance_pricing: dual (default) or single. */
  imbalancePricing?: "dual" | "single";
  /** max_reconcile_per_block: the items one block reconciles, 0-20000 (0: gridd's 2,000). */
  maxReconcilePerBlock?: number;
}

/** ChainSpecInput is what a caller describes; resolveChainSpec fills the defaults. */
export interface ChainSpecInput {
  chainId: string;
  moniker: string;
  /** Chain root: holds gridnet.json and one node home per validator (val-0, val-1, ...). */
  home: string;
  /** Path of the gridd binary. */
  binary: string;
  /** Ports of validator 0, the chain's public endpoints. */
  ports: Ports;
  /** CometBFT timeout_commit, e.g. "1s". Default "1s". */
  blockTime?: string;
  accounts: AccountSpec[];
  /** Name of the account that becomes balancing.params.grid_operator. */
  gridOperator: string;
  /** Number of validators. Default 1. */
  validators?: number;
  /** Ports of validators 1..n-1; default: blocks of NODE_PORT_STRIDE above ports.rpc. */
  validatorPorts?: Ports[];
  /** energy.params.period_seconds. Default 900. */
  periodSeconds?: number;
  /**
   * energy.params.gate_closure_seconds: how long before a period its tokens freeze. Default
   * gridd's (900); test chains with short periods set it shorter.
   */
  gateClosureSeconds?: number;
  /** x/delivery parameters to set in genesis; default gridd's. */
  deliveryParams?: DeliveryParamsSpec;
  /** Self-delegation of each validator in its gentx. Default "100000000000ugrid". */
  selfDelegation?: string;
  /** Gov periods; short by default because these are dev and test chains. */
  gov?: GovTiming;
  /** Bank entities approved at genesis. Default none. */
  banks?: BankSpec[];
  /** Accounts registered at genesis to relay IBC messages (and only those). Default none. */
  relayers?: string[];
  /**
   * Host (IPv4 address or DNS name) of each validator, in validator order, when the validators
   * run on machines of their own (docs/operations/validator-host.md): peers, gentx memos and
   * endpoints name these hosts instead of 127.0.0.1. Default: every validator on this machine.
   */
  hosts?: string[];
  /**
   * app.toml's state-sync snapshot-interval on every node: a snapshot every N blocks, 0 for none.
   * Default SNAPSHOT_INTERVAL (gridnet's, for joiners). A node that measures (the bench) sets 0:
   * a snapshot of a large state costs tens of seconds of CPU inside whichever round it falls.
   */
  snapshotInterval?: number;
}

/**
 * ChainSpec is a validated ChainSpecInput with every default filled in. gateClosureSeconds and
 * deliveryParams stay optional: unset, genesis keeps gridd's defaults and the spec hash of existing
 * homes is unchanged; so does snapshotInterval (unset: app.toml gets SNAPSHOT_INTERVAL).
 */
export interface ChainSpec extends Required<Omit<ChainSpecInput, "validatorPorts" | "gateClosureSeconds" | "deliveryParams" | "hosts" | "snapshotInterval">> {
  validatorPorts: Ports[];
  hosts?: string[];
  snapshotInterval?: number;
  gateClosureSeconds?: number;
  deliveryParams?: DeliveryParamsSpec;
}

export const DENOM = "ugrid";
export const BECH32_PREFIX = "grid";
/** Ports one node uses; a node's block of ports starts at its base. */
export const PORTS_PER_NODE = 6;
/** Distance between the bases of two nodes, leaving room for a few more ports per node. */
export const NODE_PORT_STRIDE = 10;
/** The usual Cosmos SDK ports, used by the single dev node. */
export const STANDARD_PORTS: Readonly<Ports> = { rpc: 26657, p2p: 26656, grpc: 9090, api: 1317, pprof: 6060, prometheus: 26660 };
export const DEFAULT_GOV: Readonly<GovTiming> = {
  votingPeriod: "10s",
  expeditedVotingPeriod: "5s",
  maxDepositPeriod: "10s",
};
export const DEFAULT_SELF_DELEGATION = `100000000000${DENOM}`;

/** portsFromBase lays a node's ports out from one base: rpc, p2p, grpc, api, pprof, prometheus. */
export function portsFromBase(base: number): Ports {
  if (!Number.isInteger(base) || base < 1024 || base + PORTS_PER_NODE - 1 > 65535) {
    throw new Error(`port base ${base} is out of range: choose an integer in 1024..${65535 - PORTS_PER_NODE + 1}`);
  }
  return { rpc: base, p2p: base + 1, grpc: base + 2, api: base + 3, pprof: base + 4, prometheus: base + 5 };
}

/** allocatePorts gives `count` nodes consecutive port blocks, `stride` apart, starting at `base`. */
export function allocatePorts(base: number, count: number, stride = NODE_PORT_STRIDE): Ports[] {
  if (stride < PORTS_PER_NODE) throw new Error(`port stride ${stride} is below ${PORTS_PER_NODE}: blocks would overlap`);
  return Array.from({ length: count }, (_, i) => portsFromBase(base + i * stride));
}

/**
 * PortAllocator hands out port blocks one node at a time, so a hierarchy of chains with any
 * number of validators each never reuses a port: call next() once per node.
 */
export class PortAllocator {
  private nextBase: number;

  constructor(
    base: number,
    private readonly stride = NODE_PORT_STRIDE,
  ) {
    if (stride < PORTS_PER_NODE) throw new Error(`port stride ${stride} is below ${PORTS_PER_NODE}: blocks would overlap`);
    this.nextBase = base;
  }

  next(): Ports {
    const ports = portsFromBase(this.nextBase);
    this.nextBase += this.stride;
    return ports;
  }

  /** nextChain returns the ports of validator 0 and of validators 1..n-1 of one chain. */
  nextChain(validators: number): { ports: Ports; validatorPorts: Ports[] } {
    const ports = this.next();
    return { ports, validatorPorts: Array.from({ length: validators - 1 }, () => this.next()) };
  }
}

/** portList flattens ports with their names, for messages and collision checks. */
export function portList(ports: Ports): Array<[keyof Ports, number]> {
  return [
    ["rpc", ports.rpc],
    ["p2p", ports.p2p],
    ["grpc", ports.grpc],
    ["api", ports.api],
    ["pprof", ports.pprof],
    ["prometheus", ports.prometheus],
  ];
}

/** assertDistinctPorts throws when two nodes (or two services of one node) share a port. */
export function assertDistinctPorts(nodes: ReadonlyArray<{ label: string; ports: Ports }>): void {
  const seen = new Map<number, string>();
  for (const node of nodes) {
    for (const [service, port] of portList(node.ports)) {
      const owner = `${node.label} ${service}`;
      const other = seen.get(port);
      if (other !== undefined) throw new Error(`port ${port} is used twice (${other} and ${owner}): give each node its own port base`);
      seen.set(port, owner);
    }
  }
}

/** validatorKeyName is the keyring name of validator i's operator key. */
export function validatorKeyName(i: number): string {
  return i === 0 ? "validator" : `validator-${i}`;
}

/** nodeHome is the home directory of validator i of a chain. */
export function nodeHome(spec: Pick<ChainSpec, "home">, i: number): string {
  return join(spec.home, `val-${i}`);
}

/** nodeMoniker is validator i's moniker. */
export function nodeMoniker(spec: Pick<ChainSpec, "moniker">, i: number): string {
  return i === 0 ? spec.moniker : `${spec.moniker}-${i}`;
}

/** validatorPorts returns the ports of validator i. */
export function validatorPorts(spec: Pick<ChainSpec, "ports" | "validatorPorts">, i: number): Ports {
  if (i === 0) return spec.ports;
  const ports = spec.validatorPorts[i - 1];
  if (ports === undefined) throw new Error(`validator ${i} has no ports in the chain spec`);
  return ports;
}

/** Endpoints are the URLs clients use to reach one node. */
export interface Endpoints {
  rpc: string;
  rest: string;
  /** host:port, as gRPC clients expect it. */
  grpc: string;
  /** CometBFT address for --node flags. */
  node: string;
}

/** LOCALHOST is where a validator without a host of its own listens and is reached. */
export const LOCALHOST = "127.0.0.1";

/** endpointsOf turns a node's ports into client URLs on `host` (default 127.0.0.1). */
export function endpointsOf(ports: Ports, host: string = LOCALHOST): Endpoints {
  return {
    rpc: `http://${host}:${ports.rpc}`,
    rest: `http://${host}:${ports.api}`,
    grpc: `${host}:${ports.grpc}`,
    node: `tcp://${host}:${ports.rpc}`,
  };
}

/** validatorHost is where validator i runs: its host from the spec, else 127.0.0.1. */
export function validatorHost(spec: Pick<ChainSpec, "hosts">, i: number): string {
  return spec.hosts?.[i] ?? LOCALHOST;
}

/** validatorEndpoints are validator i's client URLs, on its host. */
export function validatorEndpoints(spec: Pick<ChainSpec, "ports" | "validatorPorts" | "hosts">, i: number): Endpoints {
  return endpointsOf(validatorPorts(spec, i), validatorHost(spec, i));
}

/** MetricsEndpoints are where a node's Prometheus metrics are scraped. */
export interface MetricsEndpoints {
  /** CometBFT's (consensus, p2p, mempool, state): instrumentation.prometheus in config.toml. */
  comet: string;
  /** The Cosmos SDK's telemetry and the gridledger modules' own, served by the REST API. */
  app: string;
}

/** metricsOf turns a node's ports into its metrics URLs on `host` (default 127.0.0.1). */
export function metricsOf(ports: Ports, host: string = LOCALHOST): MetricsEndpoints {
  return {
    comet: `http://${host}:${ports.prometheus}/metrics`,
    app: `http://${host}:${ports.api}/metrics?format=prometheus`,
  };
}

/** durationSeconds parses the simple protobuf/Go durations used here ("10s", "1.5s", "2m", "500ms"). */
export function durationSeconds(duration: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(duration);
  if (!match) throw new Error(`duration "${duration}" is not understood: write it like "10s", "500ms", "2m" or "1h"`);
  const unit = { ms: 0.001, s: 1, m: 60, h: 3600 }[match[2] as "ms" | "s" | "m" | "h"];
  return Number(match[1]) * unit;
}

const CHAIN_ID = /^[a-z0-9][a-z0-9-]*-[0-9]+$/;

/** resolveChainSpec fills defaults and rejects specs that would fail later, deep inside gridd. */
export function resolveChainSpec(input: ChainSpecInput): ChainSpec {
  const validators = input.validators ?? 1;
  if (!Number.isInteger(validators) || validators < 1) throw new Error(`validators must be a positive integer, got ${validators}`);
  if (!CHAIN_ID.test(input.chainId)) {
    throw new Error(`chain-id "${input.chainId}" should look like "gridledger-dev-1" (lower case, ending in -<revision number>, which IBC needs)`);
  }
  const validatorPortsList = input.validatorPorts?.slice(0, validators - 1) ?? [];
  for (let i = validatorPortsList.length + 1; i < validators; i++) {
    validatorPortsList.push(portsFromBase(input.ports.rpc + i * NODE_PORT_STRIDE));
  }
  const spec: ChainSpec = {
    chainId: input.chainId,
    moniker: input.moniker,
    home: input.home,
    binary: input.binary,
    ports: input.ports,
    blockTime: input.blockTime ?? "1s",
    accounts: withValidatorAccounts(input.accounts, validators),
    gridOperator: input.gridOperator,
    validators,
    validatorPorts: validatorPortsList,
    periodSeconds: input.periodSeconds ?? 900,
    ...(input.gateClosureSeconds === undefined ? {} : { gateClosureSeconds: input.gateClosureSeconds }),
    ...(input.deliveryParams === undefined ? {} : { deliveryParams: { ...input.deliveryParams } }),
    selfDelegation: input.selfDelegation ?? DEFAULT_SELF_DELEGATION,
    gov: input.gov ?? { ...DEFAULT_GOV },
    banks: (input.banks ?? []).map((b) => ({ ...b, fee: { ...b.fee } })),
    relayers: [...(input.relayers ?? [])],
    ...(input.hosts === undefined ? {} : { hosts: [...input.hosts] }),
    ...(input.snapshotInterval === undefined ? {} : { snapshotInterval: input.snapshotInterval }),
  };
  if (spec.hosts !== undefined) {
    if (spec.hosts.length !== validators) throw new Error(`hosts names ${spec.hosts.length} hosts for ${validators} validators: name one host per validator`);
    if (new Set(spec.hosts).size !== spec.hosts.length) throw new Error(`hosts ${spec.hosts.join(", ")} name one host twice: each validator runs on a host of its own`);
  }
  durationSeconds(spec.blockTime);
  if (durationSeconds(spec.gov.expeditedVotingPeriod) >= durationSeconds(spec.gov.votingPeriod)) {
    throw new Error(`gov expedited voting period ${spec.gov.expeditedVotingPeriod} must be shorter than the voting period ${spec.gov.votingPeriod}`);
  }
  durationSeconds(spec.gov.maxDepositPeriod);
  if (!Number.isInteger(spec.periodSeconds) || spec.periodSeconds <= 0) throw new Error(`periodSeconds must be a positive integer, got ${spec.periodSeconds}`);
  if (spec.gateClosureSeconds !== undefined && (!Number.isInteger(spec.gateClosureSeconds) || spec.gateClosureSeconds < 0)) {
    throw new Error(`gateClosureSeconds must be a non-negative integer, got ${spec.gateClosureSeconds}`);
  }
  if (spec.deliveryParams !== undefined) assertValidDeliveryParams(spec.deliveryParams);
  if (spec.snapshotInterval !== undefined && (!Number.isInteger(spec.snapshotInterval) || spec.snapshotInterval < 0)) {
    throw new Error(`snapshotInterval must be a non-negative integer (0: no state-sync snapshots), got ${spec.snapshotInterval}`);
  }
  const names = new Set<string>();
  for (const account of spec.accounts) {
    if (names.has(account.name)) throw new Error(`account "${account.name}" is listed twice in the chain spec`);
    names.add(account.name);
  }
  if (!names.has(spec.gridOperator)) throw new Error(`grid operator "${spec.gridOperator}" is not one of the chain's accounts (${[...names].join(", ")})`);
  assertValidBanks(spec.banks, names);
  for (const r of spec.relayers) if (!names.has(r)) throw new Error(`relayer "${r}" is not one of the chain's accounts (${[...names].join(", ")})`);
  // Validators on hosts of their own may all use the same (standard) ports.
  if (spec.hosts === undefined) assertDistinctPorts(Array.from({ length: validators }, (_, i) => ({ label: `val-${i}`, ports: validatorPorts(spec, i) })));
  return spec;
}

/** withValidatorAccounts adds a funded account for every validator key the spec does not list. */
function withValidatorAccounts(accounts: AccountSpec[], validators: number): AccountSpec[] {
  const result = accounts.map((a) => ({ ...a }));
  for (let i = 0; i < validators; i++) {
    const name = validatorKeyName(i);
    if (!result.some((a) => a.name === name)) result.push({ name, coins: `1000000000000${DENOM}` });
  }
  return result;
}

// The same rules x/fiat applies (chain/x/fiat/types/validation.go), checked here so that a bad
// spec fails with a sentence instead of deep inside `gridd genesis validate`.
const BANK_DENOM = /^[a-z][a-z0-9.-]{2,63}$/;
const CURRENCY = /^[A-Z]{3}$/;
const MAX_BASIS_POINTS = 1000;

/** assertValidBanks rejects bank specs that x/fiat or x/bank would refuse at genesis. */
export function assertValidBanks(banks: readonly BankSpec[], accountNames: ReadonlySet<string>): void {
  const denoms = new Set<string>([DENOM]);
  for (const bank of banks) {
    const what = `bank "${bank.denom}"`;
    if (!accountNames.has(bank.account)) {
      throw new Error(`${what}: account "${bank.account}" is not one of the chain's accounts (${[...accountNames].join(", ")})`);
    }
    for (const [field, denom] of [["denom", bank.denom], ["displayDenom", bank.displayDenom]] as const) {
      if (!BANK_DENOM.test(denom)) throw new Error(`${what}: ${field} "${denom}" must be 3-64 characters of a-z 0-9 . - starting with a letter, e.g. "uchf.alpine"`);
      if (denoms.has(denom)) throw new Error(`${what}: denom "${denom}" is used twice on the chain`);
      denoms.add(denom);
    }
    if (!CURRENCY.test(bank.currency)) throw new Error(`${what}: currency "${bank.currency}" must be an ISO 4217 code of three upper-case letters, e.g. "CHF"`);
    // Exponent 0 would give the metadata two units of exponent 0, which x/bank refuses.
    if (!Number.isInteger(bank.exponent) || bank.exponent < 1 || bank.exponent > 18) {
      throw new Error(`${what}: exponent ${bank.exponent} must be an integer in 1..18 (usually 6)`);
    }
    const fee = bank.fee;
    if (fee.kind === "basisPoints" && (!Number.isInteger(fee.basisPoints) || fee.basisPoints < 1 || fee.basisPoints > MAX_BASIS_POINTS)) {
      throw new Error(`${what}: basisPoints ${fee.basisPoints} must be an integer in 1..${MAX_BASIS_POINTS} (at most 10%)`);
    }
    if (fee.kind === "fixed" && !/^[1-9]\d*$/.test(fee.fixedAmount)) {
      throw new Error(`${what}: fixedAmount "${fee.fixedAmount}" must be a positive whole number of base units`);
    }
  }
}

// The ranges of x/delivery's Params.Validate (chain/x/delivery/types/params.go), checked here so
// that a bad spec fails with a sentence instead of deep inside `gridd genesis validate`.
const DELIVERY_PARAM_RANGES = {
  readingWindowPeriods: [1, 8928],
  minMarketWh: [0, Number.MAX_SAFE_INTEGER],
  imbalanceMarginBps: [0, 10_000],
  maxReconcilePerBlock: [0, 20_000],
} as const;

function assertValidDeliveryParams(p: DeliveryParamsSpec): void {
  for (const [field, [min, max]] of Object.entries(DELIVERY_PARAM_RANGES)) {
    const value = p[field as keyof typeof DELIVERY_PARAM_RANGES];
    if (value !== undefined && (!Number.isInteger(value) || value < min || value > max)) {
      throw new Error(`deliveryParams.${field} must be an integer in ${min}..${max}, got ${value}`);
    }
  }
  if (p.imbalancePricing !== undefined && p.imbalancePricing !== "dual" && p.imbalancePricing !== "single") {
    throw new Error(`deliveryParams.imbalancePricing must be "dual" or "single", got ${String(p.imbalancePricing)}`);
  }
}
