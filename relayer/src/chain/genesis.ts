/**
 * Genesis edits for gridledger chains, as a pure function over the parsed genesis.json.
 */
import type { GovTiming } from "./spec.js";
import { DENOM } from "./spec.js";

/** GenesisSettings is what a chain spec fixes in app_state. */
export interface GenesisSettings {
  /** bech32 address of the grid operator. */
  gridOperator: string;
  periodSeconds: number;
  gov: GovTiming;
}

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
 * the grid operator, the period length and short gov periods. Warnings name module states that
 * were missing and had to be created.
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
  const metadata = Array.isArray(bank.denom_metadata) ? bank.denom_metadata : [];
  bank.denom_metadata = [
    ...metadata.filter((m) => !(isObject(m) && m.base === DENOM)),
    JSON.parse(JSON.stringify(UGRID_METADATA)) as Json,
  ];

  const balancing = moduleState(appState, "balancing", warnings);
  params(balancing).grid_operator = settings.gridOperator;
  if (!Array.isArray(balancing.participants)) balancing.participants = [];
  if (!Array.isArray(balancing.meters)) balancing.meters = [];

  const energy = moduleState(appState, "energy", warnings);
  // uint64 is a string in proto JSON.
  params(energy).period_seconds = String(settings.periodSeconds);

  const gov = moduleState(appState, "gov", warnings);
  const govParams = params(gov);
  govParams.voting_period = settings.gov.votingPeriod;
  govParams.expedited_voting_period = settings.gov.expeditedVotingPeriod;
  govParams.max_deposit_period = settings.gov.maxDepositPeriod;

  return { genesis: out, warnings };
}
