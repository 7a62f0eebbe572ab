/**
 * A topology describes a grid tree: one gridd chain per grid (transmission, regional
 * distribution, local community), the IBC links between parent and child grids, and who is on
 * each chain at genesis. `gridnet up` turns it into running chains linked by Hermes.
 * The JSON Schema in relayer/topology.schema.json documents the same shape for editors.
 */

/** GridLevel is the chain's place in the grid hierarchy (seed §1: each grid level runs a chain). */
export type GridLevel = "transmission" | "distribution" | "local";
export const GRID_LEVELS: readonly GridLevel[] = ["transmission", "distribution", "local"];

/** Participant roles, as x/balancing names them (PARTICIPANT_ROLE_<UPPER>). */
export type ParticipantRoleName =
  | "producer"
  | "consumer"
  | "prosumer"
  | "trader"
  | "retailer"
  | "bank"
  | "co2_authority"
  | "flexibility_provider";
export const PARTICIPANT_ROLES: readonly ParticipantRoleName[] = [
  "producer",
  "consumer",
  "prosumer",
  "trader",
  "retailer",
  "bank",
  "co2_authority",
  "flexibility_provider",
];

/** Energy categories, as x/balancing names them (ENERGY_CATEGORY_<UPPER>). */
export type EnergyCategoryName = "solar" | "wind" | "hydro" | "nuclear" | "coal" | "methane" | "biomass" | "other";
export const ENERGY_CATEGORIES: readonly EnergyCategoryName[] = ["solar", "wind", "hydro", "nuclear", "coal", "methane", "biomass", "other"];

/** A bank's fee per settlement payment: none, basis points (1..1000) or a fixed amount of base units. */
export type TopologyFee = "none" | { basisPoints: number } | { fixed: string };

/** TopologyBank is a bank entity approved at the chain's genesis. */
export interface TopologyBank {
  /**
   * Account of the bank (an account name; it is funded at genesis). x/fiat needs no admission
   * for attesting and minting, so seeding does not admit it: list it as a participant too
   * (roles [bank]) if it should appear among the chain's participants.
   */
  account: string;
  /** Base denom, e.g. "uchf.alpine". */
  denom: string;
  /** Display denom, e.g. "chf.alpine". */
  displayDenom: string;
  /** ISO 4217 code, e.g. "CHF". */
  currency: string;
  /** Decimals between the base and display units. Default 6. */
  exponent?: number;
  /** Default "none". */
  fee?: TopologyFee;
  /** Demo seeding: the reserve the bank attests, in base units. Default "0" (attests nothing). */
  reserve?: string;
}

/** TopologyMeter is a physical metering point of a demo participant. */
export interface TopologyMeter {
  /** Meter identifier, unique on its chain, e.g. "valley-pv-1". */
  id: string;
  kind: "production" | "consumption";
  /** Energy produced: required for production meters, absent for consumption meters. */
  category?: EnergyCategoryName;
  /** Coarse location: the grid node or area (never an address; seed §2.8). */
  gridNode: string;
  /** Grid or congestion area, e.g. "valley". Default the chain's name. */
  area?: string;
  /** Grams of CO2 per MWh for production meters (optional). */
  co2GramsPerMwh?: number;
}

/** TopologyParticipant is a demo participant the operator admits after the chain starts. */
export interface TopologyParticipant {
  /** Account name; the same name is the same key (and address) on every chain. */
  account: string;
  /** Legal identifier, e.g. an ENTSO-E EIC code. No personal data. */
  legalId: string;
  displayName: string;
  roles: ParticipantRoleName[];
  /**
   * Largest open position in Wh per period. Default "0": no open position, so the participant
   * can neither buy a side nor sell or hand over one of a token it issued (issuing, which opens
   * no position, still works; its offers stay unsold).
   */
  positionLimitWh?: string;
  /** Categories a trader trades: one virtual meter each. */
  tradedCategories?: EnergyCategoryName[];
  meters?: TopologyMeter[];
  /** Fiat the chain's bank mints to the participant, in base units of the chain's first bank. */
  fiat?: string;
  /** Of that fiat, how much goes into its settlement account. Default: half. */
  settlementDeposit?: string;
}

/** TopologyChain is one grid's chain. */
export interface TopologyChain {
  /** Short name used in commands and file names, e.g. "transmission". */
  name: string;
  /** Chain-id, ending in -<revision>, e.g. "gridledger-transmission-1". */
  chainId: string;
  level: GridLevel;
  /** Name of the parent chain; absent for the root. */
  parent?: string;
  /** Number of validators. Default 1. */
  validators?: number;
  /**
   * Where each validator runs when the chain's validators are on machines of their own: one
   * host per validator, in validator order (an IPv4 address or a DNS name the other hosts and
   * the relayer resolve). Every validator then uses the standard ports (p2p 26656, RPC 26657,
   * gRPC 9090, REST 1317, metrics 26660) on its host. `gridnet export-hosts` writes their homes
   * to copy there (docs/operations/validator-host.md); `gridnet up` cannot start them here.
   * Default: every validator on this machine, on 127.0.0.1.
   */
  hosts?: string[];
  /** Settlement period length, energy.params.period_seconds. Default 900. */
  periodSeconds?: number;
  /** CometBFT block time. Default the topology's blockTime. */
  blockTime?: string;
  /** Account name of the grid operator. */
  gridOperator: string;
  banks?: TopologyBank[];
  participants?: TopologyParticipant[];
  /** Extra funded accounts, by name (e.g. test users). */
  accounts?: string[];
}

/** ChannelType is an IBC channel every parent-child link opens, e.g. ICS-20 "transfer". */
export interface ChannelType {
  port: string;
  version: string;
  ordering: "unordered" | "ordered";
}

/** TopologyDenomPair pairs a settlement denom of the parent with one of the child. */
export interface TopologyDenomPair {
  parent: string;
  child: string;
}

/** TopologyBridgeCapacity is a link's capacity in Wh per period, whole numbers as strings (x/interchain MsgSetBridgeCapacity). */
export interface TopologyBridgeCapacity {
  /** Flow from the child to the parent. */
  upWh: string;
  /** Flow from the parent to the child. */
  downWh: string;
}

/**
 * TopologyVoucher is demo fiat carried by ICS-20 from a participant on one chain to a participant
 * on another, hop by hop along the tree once Hermes relays (e.g. euros for a consumer in another
 * grid, who pays a cross-grid purchase in the ask's currency: docs/adr/024 §3). Seeded once.
 */
export interface TopologyVoucher {
  /** Chain whose first bank's denom is carried. */
  from: string;
  /** Account on `from` that sends it. */
  sender: string;
  /** Chain it ends on. */
  to: string;
  /** Account on `to` that receives it. */
  receiver: string;
  /** Account, admitted on every chain between `from` and `to`, that passes it on (ICS-20 fiat reaches admitted accounts only). */
  carrier?: string;
  /** Base units of the denom. */
  amount: string;
}

/** TopologyLink overrides which channel types one parent-child link opens, and maps denoms. */
export interface TopologyLink {
  parent: string;
  child: string;
  /** Channel types of the link; default the topology's linkChannels. */
  channels?: string[];
  /**
   * Where both chains issue their own currency and share no denom, the pairs each side's
   * operator gives when it links (x/interchain MsgLink denom_map).
   */
  denomMap?: TopologyDenomPair[];
  /** This link's capacity; default the topology's bridgeCapacity. */
  bridgeCapacity?: TopologyBridgeCapacity;
}

/** Topology is the whole file. */
export interface Topology {
  /** Name of the network, e.g. "default". */
  name: string;
  /** First port on 127.0.0.1; every node takes a block of 10, Hermes the block after the nodes. */
  portBase?: number;
  /** Block time of every chain unless the chain sets its own. Default "1s". */
  blockTime?: string;
  /** Genesis ugrid balance of every account. Default "1000000000000" (one million grid). */
  accountBalance?: string;
  /** Channel types by name. Default { transfer: ICS-20 }. */
  channelTypes?: Record<string, ChannelType>;
  /** Channel types every link opens unless the link lists its own. Default ["transfer"]. */
  linkChannels?: string[];
  /** Capacity of every link that names none; default none (the links carry no cross-grid purchase). */
  bridgeCapacity?: TopologyBridgeCapacity;
  /**
   * Grid-fee estimate per MWh, in base units, that every parent's operator sets on each child
   * link for every bank denom of the topology (x/interchain MsgSetLinkFee; a cross-grid purchase
   * pays it once per link in the ask's currency). Default none: no purchase can cross a link.
   */
  linkFeePerMwh?: string;
  /** Demo fiat carried over ICS-20 to another chain once the links relay. */
  vouchers?: TopologyVoucher[];
  chains: TopologyChain[];
  /** Per-link overrides; links themselves come from the chains' parent fields. */
  links?: TopologyLink[];
}

/** DEFAULT_CHANNEL_TYPES: ICS-20 fungible token transfer (fiat) and gridledger's energy application (x/interchain). */
export const DEFAULT_CHANNEL_TYPES: Readonly<Record<string, ChannelType>> = {
  transfer: { port: "transfer", version: "ics20-1", ordering: "unordered" },
  energy: { port: "energy", version: "gridledger-energy-1", ordering: "unordered" },
};
