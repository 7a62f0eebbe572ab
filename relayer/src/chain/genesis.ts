/**
 * Genesis edits for gridledger chains, as a pure function over the parsed genesis.json.
 */
import type { BankSpec, DeliveryParamsSpec, GovTiming } from "./spec.js";
import { DENOM } from "./spec.js";

/** GenesisBank is a BankSpec with its account resolved to an address. */
export type GenesisBank = Omit<BankSpec, "account"> & {
  /** bech32 address of the bank's account. */
  address: string;
};

/** GenesisSettings is what a chain spec fixes in app_state. */
export interface GenesisSettings {
  /** bech32 address of the grid operator. */
  gridOperator: string;
  periodSeconds: number;
  /** energy.params.gate_closure_seconds; default: leave gridd's. */
  gateClosureSeconds?: number;
  /** x/delivery parameters; default: leave gridd's. */
  deliveryParams?: DeliveryParamsSpec;
  gov: GovTiming;
  /** Bank entities approved at genesis; default none. */
  banks?: GenesisBank[];
  /** bech32 addresses registered to relay IBC messages; default none. */
  relayers?: string[];
}

/**
 * BLOCK_MAX_GAS is the block gas limit of gridledger chains: x/balancing's default
 * transaction limits are tenths of it (DefaultBlockMaxGas, docs/adr/007-admission-at-the-door.md).
 */
export const BLOCK_MAX_GAS = "500000000";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** UGRID_METADATA is the bank denom metadata of the staking and fee token. */
export const UGRID_METADATA = {
  description: "The staking and fee token of gridledger chains",
  denom_units: [
    { denom: DENOM, exponent: 0, aliases: ["microgrid"] },
    { denom: "grid", exponent: 6, aliases: [] },
  ],
  base: DENOM,
  display: "grid",
  name: "Grid",
  symbol: "GRID",
  uri: "",
  uri_hash: "",
} as const;

const FEE_KINDS = { none: "FEE_KIND_NONE", basisPoints: "FEE_KIND_BASIS_POINTS", fixed: "FEE_KIND_FIXED" } as const;

/**
 * bankEntityJson is an approved bank as x/fiat's genesis holds it (proto JSON of
 * gridledger.fiat.v1.BankEntity): active, nothing attested, minted, burned or received yet.
 */
/** DEMO_REFERENCE_PRICE_PER_MWH is a local network's reference price, in currency units per MWh. */
export const DEMO_REFERENCE_PRICE_PER_MWH = 80;

export function bankEntityJson(bank: GenesisBank): JsonObject {
  const fee = bank.fee;
  return {
    denom: bank.denom,
    address: bank.address,
    currency: bank.currency,
    exponent: bank.exponent,
    fee_model: {
      kind: FEE_KINDS[fee.kind],
      basis_points: fee.kind === "basisPoints" ? fee.basisPoints : 0,
      fixed_amount: fee.kind === "fixed" ? fee.fixedAmount : "0",
    },
    status: "BANK_ENTITY_STATUS_ACTIVE",
    reserve: "0",
    minted: "0",
    burned: "0",
    display_denom: bank.displayDenom,
    fees_received: "0",
  };
}

/**
 * bankDenomMetadata is the x/bank metadata of a bank's denom, the same record x/fiat writes when
 * governance approves a bank (keeper.denomMetadata), so genesis banks and approved ones look alike.
 */
export function bankDenomMetadata(bank: GenesisBank): JsonObject {
  return {
    description: `${bank.currency} tokenised 1:1 by the bank entity ${bank.address}`,
    denom_units: [
      { denom: bank.denom, exponent: 0, aliases: [] },
      { denom: bank.displayDenom, exponent: bank.exponent, aliases: [] },
    ],
    base: bank.denom,
    display: bank.displayDenom,
    name: `${bank.currency} (${bank.denom})`,
    symbol: bank.currency.toUpperCase(),
    uri: "",
    uri_hash: "",
  };
}

function isObject(v: unknown): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** replaceString returns a copy of `value` with every string equal to `from` replaced by `to`. */
export function replaceString(value: Json, from: string, to: string): Json {
  if (value === from) return to;
  if (Array.isArray(value)) return value.map((v) => replaceString(v, from, to));
  if (isObject(value)) {
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(value)) out[k] = replaceString(v, from, to);
    return out;
  }
  return value;
}

/** moduleState returns app_state[name], creating it (and reporting that) when gridd did not write it. */
function moduleState(appState: JsonObject, name: string, warnings: string[]): JsonObject {
  const state = appState[name];
  if (isObject(state)) return state;
  warnings.push(`genesis has no "${name}" module state: is gridd built with x/${name}? Adding it anyway.`);
  const created: JsonObject = {};
  appState[name] = created;
  return created;
}

function params(state: JsonObject): JsonObject {
  const p = state.params;
  if (isObject(p)) return p;
  const created: JsonObject = {};
  state.params = created;
  return created;
}

/**
 * applyGenesisSettings returns a copy of `genesis` with the gridledger settings: "stake" replaced
 * by "ugrid" everywhere in app_state (bond, mint, gov and crisis denoms), ugrid denom metadata,
 * the grid operator, the period length, short gov periods, and the genesis banks (x/fiat bank
 * entities with their x/bank denom metadata; a bank listed again replaces its earlier entry).
 * Warnings name module states that were missing and had to be created.
 */
export function applyGenesisSettings(genesis: unknown, settings: GenesisSettings): { genesis: JsonObject; warnings: string[] } {
  if (!isObject(genesis) || !isObject(genesis.app_state)) {
    throw new Error("genesis.json has no app_state object: was it written by `gridd init`?");
  }
  const warnings: string[] = [];
  const out: JsonObject = { ...genesis };
  const appState = replaceString(genesis.app_state, "stake", DENOM) as JsonObject;
  out.app_state = appState;

  const bank = moduleState(appState, "bank", warnings);
  const banks = settings.banks ?? [];
  const ours = new Set<Json>([DENOM, ...banks.map((b) => b.denom)]);
  const metadata = Array.isArray(bank.denom_metadata) ? bank.denom_metadata : [];
  bank.denom_metadata = [
    ...metadata.filter((m) => !(isObject(m) && ours.has(m.base ?? null))),
    JSON.parse(JSON.stringify(UGRID_METADATA)) as Json,
    ...banks.map(bankDenomMetadata),
  ];

  const balancing = moduleState(appState, "balancing", warnings);
  params(balancing).grid_operator = settings.gridOperator;
  if (!Array.isArray(balancing.participants)) balancing.participants = [];
  if (!Array.isArray(balancing.meters)) balancing.meters = [];
  const relayers = Array.isArray(balancing.relayers) ? balancing.relayers : [];
  balancing.relayers = [...new Set([...relayers, ...(settings.relayers ?? [])])];

  // A block gas limit: without one (-1) a single transaction may ask for any amount of work.
  const consensus = isObject(out.consensus) ? { ...out.consensus } : {};
  const consensusParams = isObject(consensus.params) ? { ...consensus.params } : {};
  consensusParams.block = { ...(isObject(consensusParams.block) ? consensusParams.block : {}), max_gas: BLOCK_MAX_GAS };
  consensus.params = consensusParams;
  out.consensus = consensus;

  const energy = moduleState(appState, "energy", warnings);
  // uint64 is a string in proto JSON.
  params(energy).period_seconds = String(settings.periodSeconds);
  if (settings.gateClosureSeconds !== undefined) params(energy).gate_closure_seconds = String(settings.gateClosureSeconds);

  if (settings.deliveryParams !== undefined) {
    // Proto JSON: uint64 as strings, uint32 as numbers, enums by name.
    const p = params(moduleState(appState, "delivery", warnings));
    const d = settings.deliveryParams;
    if (d.readingWindowPeriods !== undefined) p.reading_window_periods = String(d.readingWindowPeriods);
    if (d.minMarketWh !== undefined) p.min_market_wh = String(d.minMarketWh);
    if (d.imbalanceMarginBps !== undefined) p.imbalance_margin_bps = d.imbalanceMarginBps;
    if (d.imbalancePricing !== undefined) p.imbalance_pricing = `IMBALANCE_PRICING_${d.imbalancePricing.toUpperCase()}`;
    if (d.maxReconcilePerBlock !== undefined) p.max_reconcile_per_block = String(d.maxReconcilePerBlock);
  }

  if (banks.length > 0) {
    const fiat = moduleState(appState, "fiat", warnings);
    const denoms = new Set<Json>(banks.map((b) => b.denom));
    const existing = Array.isArray(fiat.banks) ? fiat.banks : [];
    fiat.banks = [...existing.filter((b) => !(isObject(b) && denoms.has(b.denom ?? null))), ...banks.map(bankEntityJson)];
    // The operator's reference price for imbalances (x/delivery, seed §3.5.1) in the first
    // bank's currency, so that a local network's imbalances are priced from its first period
    // (without one they are accounted at zero); the operator can publish others.
    const delivery = moduleState(appState, "delivery", warnings);
    const first = banks[0] as GenesisBank;
    if (!Array.isArray(delivery.reference_prices) || delivery.reference_prices.length === 0) {
      delivery.reference_prices = [
        {
          category: "ENERGY_CATEGORY_UNSPECIFIED",
          from_period: "0",
          price_per_mwh: (BigInt(DEMO_REFERENCE_PRICE_PER_MWH) * 10n ** BigInt(first.exponent)).toString(),
          denom: first.denom,
          height: "0",
        },
      ];
    }
  }

  const gov = moduleState(appState, "gov", warnings);
  const govParams = params(gov);
  govParams.voting_period = settings.gov.votingPeriod;
  govParams.expedited_voting_period = settings.gov.expeditedVotingPeriod;
  govParams.max_deposit_period = settings.gov.maxDepositPeriod;

  return { genesis: out, warnings };
}
