/**
 * planNetwork turns a checked topology into what gridnet starts: one chain spec per chain (home,
 * ports, accounts, banks), the links with the channels each opens, and Hermes' ports. Pure: it
 * touches no file, so the same topology always gives the same plan.
 */
import { Bip39, sha256 } from "@cosmjs/crypto";
import { join } from "node:path";
import { DEV_MNEMONICS } from "../dev-accounts.js";
import { DENOM, PortAllocator, resolveChainSpec, STANDARD_PORTS, type AccountSpec, type BankFeeSpec, type BankSpec, type ChainSpec } from "../chain/spec.js";
import { DEFAULT_CHANNEL_TYPES, type ChannelType, type Topology, type TopologyChain, type TopologyFee } from "./types.js";

/** RELAYER_ACCOUNT is the account Hermes signs with on every chain. */
export const RELAYER_ACCOUNT = "relayer";
export const DEFAULT_PORT_BASE = 27000;
export const DEFAULT_ACCOUNT_BALANCE = "1000000000000";

export interface PlannedChain {
  name: string;
  level: TopologyChain["level"];
  parent?: string;
  topology: TopologyChain;
  spec: ChainSpec;
}

export interface PlannedChannel extends ChannelType {
  /** Channel type name from the topology, e.g. "transfer". */
  type: string;
}

export interface PlannedLink {
  parent: string;
  child: string;
  channels: PlannedChannel[];
  /** Denom pairs the operators give when they link (x/interchain), where currencies differ. */
  denomMap?: Array<{ parent: string; child: string }>;
  /** Capacity the parent's operator sets after linking, Wh per period; absent: none set. */
  bridgeCapacity?: { upWh: string; downWh: string };
  /** Grid-fee estimates per MWh the parent's operator sets after linking, one per base denom; absent: none set. */
  linkFees?: Array<{ baseDenom: string; feePerMwh: string }>;
}

/** PlannedVoucher is a TopologyVoucher with its route (chain names, from first) and denom. */
export interface PlannedVoucher {
  route: string[];
  denom: string;
  sender: string;
  receiver: string;
  /** Account passing it on at the chains between (the sender's name when absent in the topology). */
  carrier: string;
  amount: string;
}

export interface HermesPlan {
  home: string;
  /** Hermes REST API (/version, /chains, /state). */
  restPort: number;
  /** Hermes Prometheus telemetry (/metrics). */
  telemetryPort: number;
}

export interface NetworkPlan {
  name: string;
  /** Network home: one directory per chain, hermes/, and gridnet-state.json. */
  home: string;
  /** Root first, then each level in file order. */
  chains: PlannedChain[];
  links: PlannedLink[];
  /** Demo fiat carried over ICS-20 once the links relay (`gridnet up` step 7). */
  vouchers: PlannedVoucher[];
  hermes: HermesPlan;
  /** The web UI's port (`npm start`, `gridnet ui`): the slot after Hermes' two in the block after the chains. */
  uiPort: number;
}

/**
 * devMnemonic is the TEST ONLY mnemonic of a named dev account: the well-known dev mnemonic of
 * that name, else one derived from the name. The same name is the same key on every chain, so a
 * participant has one address across the hierarchy. Anyone can derive these: never use for value.
 */
export function devMnemonic(name: string): string {
  const known = (DEV_MNEMONICS as Record<string, string | undefined>)[name];
  if (known !== undefined) return known;
  return Bip39.encode(sha256(new TextEncoder().encode(`gridledger dev account ${name}`))).toString();
}

/** planNetwork plans `topology` under `home`, with `binary` as every chain's gridd. */
export function planNetwork(topology: Topology, home: string, binary: string): NetworkPlan {
  const ordered = treeOrder(topology.chains);
  const ports = new PortAllocator(topology.portBase ?? DEFAULT_PORT_BASE);
  const balance = `${topology.accountBalance ?? DEFAULT_ACCOUNT_BALANCE}${DENOM}`;
  const chains = ordered.map((chain): PlannedChain => {
    const validators = chain.validators ?? 1;
    // Validators on hosts of their own use the standard ports there; local ones a block each here.
    const { ports: p0, validatorPorts } =
      chain.hosts === undefined ? ports.nextChain(validators) : { ports: { ...STANDARD_PORTS }, validatorPorts: Array.from({ length: validators - 1 }, () => ({ ...STANDARD_PORTS })) };
    const names = accountNames(chain, validators);
    const accounts: AccountSpec[] = names.map((name) => ({ name, coins: balance, mnemonic: devMnemonic(name) }));
    const spec = resolveChainSpec({
      chainId: chain.chainId,
      moniker: chain.name,
      home: join(home, chain.name),
      binary,
      ports: p0,
      validatorPorts,
      blockTime: chain.blockTime ?? topology.blockTime ?? "1s",
      accounts,
      gridOperator: chain.gridOperator,
      validators,
      periodSeconds: chain.periodSeconds ?? 900,
      relayers: [RELAYER_ACCOUNT],
      ...(chain.hosts === undefined ? {} : { hosts: [...chain.hosts] }),
      banks: (chain.banks ?? []).map(
        (b): BankSpec => ({
          account: b.account,
          denom: b.denom,
          displayDenom: b.displayDenom,
          currency: b.currency,
          exponent: b.exponent ?? 6,
          fee: bankFee(b.fee),
        }),
      ),
    });
    return { name: chain.name, level: chain.level, ...(chain.parent === undefined ? {} : { parent: chain.parent }), topology: chain, spec };
  });

  const channelTypes = topology.channelTypes ?? DEFAULT_CHANNEL_TYPES;
  const allDenoms = [...new Set(topology.chains.flatMap((c) => (c.banks ?? []).map((b) => b.denom)))].sort();
  const links = chains
    .filter((c) => c.parent !== undefined)
    .map((c): PlannedLink => {
      const override = topology.links?.find((l) => l.parent === c.parent && l.child === c.name);
      const types = override?.channels ?? topology.linkChannels ?? ["transfer"];
      const capacity = override?.bridgeCapacity ?? topology.bridgeCapacity;
      return {
        parent: c.parent as string,
        child: c.name,
        channels: types.map((type) => {
          const ct = channelTypes[type];
          if (!ct) throw new Error(`channel type "${type}" is not defined in the topology's channelTypes`);
          return { type, ...ct };
        }),
        ...(override?.denomMap === undefined ? {} : { denomMap: override.denomMap.map((p) => ({ ...p })) }),
        ...(capacity === undefined ? {} : { bridgeCapacity: { upWh: capacity.upWh, downWh: capacity.downWh } }),
        ...(topology.linkFeePerMwh === undefined ? {} : { linkFees: allDenoms.map((baseDenom) => ({ baseDenom, feePerMwh: topology.linkFeePerMwh as string })) }),
      };
    });
  const vouchers = (topology.vouchers ?? []).map((v): PlannedVoucher => {
    const denom = topology.chains.find((c) => c.name === v.from)?.banks?.[0]?.denom;
    if (denom === undefined) throw new Error(`voucher from ${v.from}: the chain has no bank`);
    return { route: treeRoute(topology.chains, v.from, v.to), denom, sender: v.sender, receiver: v.receiver, carrier: v.carrier ?? v.sender, amount: v.amount };
  });

  const hermesPorts = ports.next();
  return {
    name: topology.name,
    home,
    chains,
    links,
    vouchers,
    hermes: { home: join(home, "hermes"), restPort: hermesPorts.rpc, telemetryPort: hermesPorts.p2p },
    uiPort: hermesPorts.grpc,
  };
}

/** accountNames lists a chain's genesis accounts: operator, banks, participants, extras, relayer, validators. */
function accountNames(chain: TopologyChain, validators: number): string[] {
  const names = [
    chain.gridOperator,
    ...(chain.banks ?? []).map((b) => b.account),
    ...(chain.participants ?? []).map((p) => p.account),
    ...(chain.accounts ?? []),
    RELAYER_ACCOUNT,
    ...Array.from({ length: validators }, (_, i) => (i === 0 ? "validator" : `validator-${i}`)),
  ];
  return [...new Set(names)];
}

function bankFee(fee: TopologyFee | undefined): BankFeeSpec {
  if (fee === undefined || fee === "none") return { kind: "none" };
  if ("basisPoints" in fee) return { kind: "basisPoints", basisPoints: fee.basisPoints };
  return { kind: "fixed", fixedAmount: fee.fixed };
}

/** treeOrder lists the root first, then children level by level, keeping file order within a level. */
function treeOrder(chains: readonly TopologyChain[]): TopologyChain[] {
  const result = chains.filter((c) => c.parent === undefined);
  for (let i = 0; i < result.length; i++) {
    const parent = result[i] as TopologyChain;
    result.push(...chains.filter((c) => c.parent === parent.name));
  }
  return result;
}

/** hostedChains lists the chains whose validators run on hosts of their own (topology `hosts`). */
export function hostedChains(plan: Pick<NetworkPlan, "chains">): PlannedChain[] {
  return plan.chains.filter((c) => c.spec.hosts !== undefined);
}

/** pathToRoot lists the chain names from `name` up to the root, both included. */
export function pathToRoot(plan: Pick<NetworkPlan, "chains">, name: string): string[] {
  const path: string[] = [];
  for (let c = plan.chains.find((x) => x.name === name); c; c = plan.chains.find((x) => x.name === c?.parent)) path.push(c.name);
  return path;
}

/** treeRoute is the path between two chains of the tree: up to their lowest common parent, then down. */
export function treeRoute(chains: ReadonlyArray<{ name: string; parent?: string }>, from: string, to: string): string[] {
  const up = (name: string): string[] => {
    const path: string[] = [];
    for (let c: string | undefined = name; c !== undefined; c = chains.find((x) => x.name === c)?.parent) {
      if (path.includes(c)) throw new Error(`the tree loops at ${c}`);
      path.push(c);
    }
    return path;
  };
  const a = up(from);
  const b = up(to);
  const common = a.find((c) => b.includes(c));
  if (common === undefined) throw new Error(`${from} and ${to} share no parent`);
  return [...a.slice(0, a.indexOf(common) + 1), ...b.slice(0, b.indexOf(common)).reverse()];
}
