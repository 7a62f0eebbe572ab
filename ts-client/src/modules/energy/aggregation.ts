/**
 * Builders of aggregations and disaggregations (seed §3.2.2), the way a retailer bundles the sides
 * it bought into products of its own: the owner keeps one side of the sources and emits new
 * tokens, both of whose sides it owns, with the sources' energy and CO2 summed or split exactly.
 * The kept sides back the emitted tokens: until every token emitted against a side is cancelled,
 * that side cannot be offered, handed over, cancelled, split or merged (energy error 29), and an
 * emitted token cannot be split or merged (error 30), so no energy or CO2 is sold twice.
 */
import type { Side } from "../../generated/gridledger/energy/v1/types.js";
import type { CoinInput } from "../fiat/compose.js";
import { contractTerms, type ContractTermsInput, type Integer, toMoney, toUint64 } from "./compose.js";
import {
  msgAggregateSidesTypeUrl,
  type MsgAggregateSidesEncodeObject,
  msgDisaggregateSideTypeUrl,
  type MsgDisaggregateSideEncodeObject,
} from "./messages.js";

/**
 * EmissionInput is what the tokens an aggregation or disaggregation emits are issued with: both
 * their sides are the owner's, at these meters (default its virtual meters for the category).
 */
export interface EmissionInput {
  readonly producerMeterId?: string;
  readonly consumerMeterId?: string;
  readonly faceValuePerMwh: CoinInput;
  /** terms of the emitted tokens; a disaggregation shares the cancellation fee among them by energy. */
  readonly terms?: ContractTermsInput;
}

/**
 * AggregateSidesInput keeps `side` of every source token (at least two, of one category and
 * origin shard, identical periods whose Wh add up, or adjacent periods of equal Wh that join) and
 * emits one token with their summed energy and CO2. The kept sides back the emitted token: they
 * cannot be offered, handed over, cancelled, split or merged until it is cancelled.
 */
export interface AggregateSidesInput extends EmissionInput {
  readonly side: Side;
  readonly sourceTokenIds: readonly Integer[];
}

/**
 * DisaggregateSideInput keeps `side` of one token and emits tokens with its energy and CO2 split
 * by volume (whParts, adding up to its Wh per period) or at a period (splitAfterPeriod: the
 * first ends with it); the kept side backs them until every one is cancelled.
 */
export type DisaggregateSideInput = EmissionInput & { readonly side: Side; readonly sourceTokenId: Integer } & (
    | { readonly whParts: readonly Integer[] }
    | { readonly splitAfterPeriod: Integer }
  );

export function aggregateSidesMsg(owner: string, input: AggregateSidesInput): MsgAggregateSidesEncodeObject {
  return {
    typeUrl: msgAggregateSidesTypeUrl,
    value: {
      owner,
      side: input.side,
      sourceTokenIds: input.sourceTokenIds.map((id, i) => toUint64(id, `sourceTokenIds[${String(i)}]`)),
      producerMeterId: input.producerMeterId ?? "",
      consumerMeterId: input.consumerMeterId ?? "",
      faceValuePerMwh: toMoney(input.faceValuePerMwh),
      terms: contractTerms(input.terms),
    },
  };
}

export function disaggregateSideMsg(owner: string, input: DisaggregateSideInput): MsgDisaggregateSideEncodeObject {
  const byVolume = "whParts" in input;
  return {
    typeUrl: msgDisaggregateSideTypeUrl,
    value: {
      owner,
      side: input.side,
      sourceTokenId: toUint64(input.sourceTokenId, "sourceTokenId"),
      whParts: byVolume ? input.whParts.map((w, i) => toUint64(w, `whParts[${String(i)}]`)) : [],
      splitAfterPeriod: byVolume ? 0n : toUint64(input.splitAfterPeriod, "splitAfterPeriod"),
      producerMeterId: input.producerMeterId ?? "",
      consumerMeterId: input.consumerMeterId ?? "",
      faceValuePerMwh: toMoney(input.faceValuePerMwh),
      terms: contractTerms(input.terms),
    },
  };
}
