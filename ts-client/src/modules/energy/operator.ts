/**
 * Builders of the grid operator's acts as balancing authority (seed §3.3.2-3.3.3). Until gate
 * closure the operator buys offered sides as reserve or grid-loss energy (procure); until delivery,
 * also after gate closure when participants may no longer trade a token, it moves sides to another
 * participant's meter (redispatch). Only the grid operator may sign either (energy error 24); a
 * procurement of a frozen token and any act once delivery has begun are refused (error 32). Its acts are trades of their kind,
 * listed in `query.energy.operatorStatement`.
 */
import type { Side, TradeKind } from "../../generated/gridledger/energy/v1/types.js";
import { type Integer, toInt64, toUint64 } from "./compose.js";
import {
  msgProcureTypeUrl,
  type MsgProcureEncodeObject,
  msgRedispatchTypeUrl,
  type MsgRedispatchEncodeObject,
} from "./messages.js";

/**
 * ProcureInput buys an offered side at its ask, never above maxPricePerMwh. For a reserve
 * (TRADE_KIND_RESERVE_PRIMARY, _SECONDARY, _TERTIARY) the token must offer that capability and be
 * asked in its face value's denom: the operator also pays the capability's availability price for
 * the token's energy to the owner of the other side, who provides the reserve. Grid-loss energy
 * (TRADE_KIND_GRID_LOSSES) is a consumer side: the grid consumes its losses.
 */
export interface ProcureInput {
  readonly tokenId: Integer;
  readonly side: Side;
  readonly kind: TradeKind;
  /** maxPricePerMwh is the highest ask per MWh accepted; it may be negative. */
  readonly maxPricePerMwh: Integer;
  /** denom must be the ask's. */
  readonly denom: string;
  /** meterId is one of the operator's meters; default its virtual meter for the token's category. */
  readonly meterId?: string;
}

/**
 * RedispatchInput moves a side to `to`, an active participant, whose position limit must allow
 * it. The token must offer redispatch: the side's previous owner receives its redispatch price for
 * the token's energy, paid by the operator in the face value's denom.
 */
export interface RedispatchInput {
  readonly tokenId: Integer;
  readonly side: Side;
  readonly to: string;
  /**
   * meterId is to's meter for the side; default its virtual meter for the token's category. A
   * producer side cannot go to an audited production meter whose CO2 intensity gives more CO2
   * than the token states (energy error 23).
   */
  readonly meterId?: string;
}

export function procureMsg(operator: string, input: ProcureInput): MsgProcureEncodeObject {
  return {
    typeUrl: msgProcureTypeUrl,
    value: {
      operator,
      tokenId: toUint64(input.tokenId, "tokenId"),
      side: input.side,
      kind: input.kind,
      maxPricePerMwh: toInt64(input.maxPricePerMwh, "maxPricePerMwh"),
      denom: input.denom,
      meterId: input.meterId ?? "",
    },
  };
}

export function redispatchMsg(operator: string, input: RedispatchInput): MsgRedispatchEncodeObject {
  return {
    typeUrl: msgRedispatchTypeUrl,
    value: {
      operator,
      tokenId: toUint64(input.tokenId, "tokenId"),
      side: input.side,
      to: input.to,
      meterId: input.meterId ?? "",
    },
  };
}
