import type { EnergyCategory } from "../../generated/gridledger/balancing/v1/types.js";
import type { SignedReading } from "../../generated/gridledger/delivery/v1/types.js";
import { type Integer, toInt64, toUint64 } from "../energy/compose.js";
import {
  msgPublishReferencePriceTypeUrl,
  type MsgPublishReferencePriceEncodeObject,
  msgSubmitReadingsTypeUrl,
  type MsgSubmitReadingsEncodeObject,
} from "./messages.js";

/** submitReadingsMsg carries signed readings; the submitter is a data hub, an aggregator or the operator. */
export function submitReadingsMsg(submitter: string, readings: readonly SignedReading[]): MsgSubmitReadingsEncodeObject {
  return { typeUrl: msgSubmitReadingsTypeUrl, value: { submitter, readings: [...readings] } };
}

/**
 * ReferencePriceInput is a reference price for imbalances (seed §3.5.1): in force from fromPeriod
 * on, until the next one published for the category, in every period whose market traded less than
 * the delivery params' minMarketWh in the category. It also names the denom a category's market
 * average is taken in: a category without any reference price is reconciled unpriced.
 */
export interface ReferencePriceInput {
  /**
   * category is the energy category; leave it out (ENERGY_CATEGORY_UNSPECIFIED) for every category
   * without a reference price of its own.
   */
  readonly category?: EnergyCategory;
  /** fromPeriod is the first period it applies to: the current period or a later one (delivery error 21 otherwise). */
  readonly fromPeriod: Integer;
  /** pricePerMwh is in base units of denom, any sign, within the denom's price band. */
  readonly pricePerMwh: Integer;
  /** denom is an approved fiat denom. */
  readonly denom: string;
}

/** publishReferencePriceMsg publishes a reference price; only the grid operator may sign it (delivery error 20). */
export function publishReferencePriceMsg(operator: string, input: ReferencePriceInput): MsgPublishReferencePriceEncodeObject {
  return {
    typeUrl: msgPublishReferencePriceTypeUrl,
    value: {
      operator,
      category: input.category ?? 0,
      fromPeriod: toUint64(input.fromPeriod, "fromPeriod"),
      pricePerMwh: toInt64(input.pricePerMwh, "pricePerMwh"),
      denom: input.denom,
    },
  };
}
