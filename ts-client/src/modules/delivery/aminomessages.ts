import type { AminoMsg } from "@cosmjs/amino";
import type { AminoConverters } from "@cosmjs/stargate";

import {
  compact,
  omitBytes,
  omitInt64,
  omitNumber,
  omitString,
  omitUint64,
  parseBytes,
  parseInt64,
  parseUint64,
} from "../../aminojson.js";
import type { EnergyCategory } from "../../generated/gridledger/balancing/v1/types.js";
import { Params } from "../../generated/gridledger/delivery/v1/params.js";
import { MsgPublishReferencePrice, MsgSubmitReadings, MsgUpdateParams } from "../../generated/gridledger/delivery/v1/tx.js";
import type { ImbalancePricing, SignedReading } from "../../generated/gridledger/delivery/v1/types.js";
import { msgPublishReferencePriceTypeUrl, msgSubmitReadingsTypeUrl, msgUpdateDeliveryParamsTypeUrl } from "./messages.js";

// Field types are optional because the SDK omits default values (see ../../aminojson.ts): 64-bit
// integers are decimal strings (prices, int64, keep their "-"), 32-bit integers and enums numbers.

/** AminoSignedReading is delivery.v1.SignedReading in amino JSON: uint64 as strings, bytes base64. */
export interface AminoSignedReading {
  readonly meter_id?: string;
  readonly period?: string;
  readonly wh?: string;
  readonly commitment?: string;
  readonly signature?: string;
}

export interface AminoMsgSubmitReadings extends AminoMsg {
  readonly type: "gridledger/MsgSubmitReadings";
  readonly value: {
    readonly submitter?: string;
    /** readings is dont_omitempty: an empty list encodes as null, as the SDK's encoder writes it. */
    readonly readings: readonly AminoSignedReading[] | null;
  };
}

export interface AminoDeliveryParams {
  readonly reading_window_periods?: string;
  readonly max_readings_per_tx?: string;
  readonly verify_gas_ed25519?: string;
  readonly verify_gas_secp256k1?: string;
  readonly imbalance_margin_bps?: number;
  readonly imbalance_pricing?: ImbalancePricing;
  readonly min_market_wh?: string;
  readonly max_reconcile_per_block?: string;
  readonly dispute_window_periods?: string;
}

export interface AminoMsgUpdateDeliveryParams extends AminoMsg {
  readonly type: "gridledger/delivery/MsgUpdateParams";
  readonly value: { readonly authority?: string; readonly params: AminoDeliveryParams };
}

export interface AminoMsgPublishReferencePrice extends AminoMsg {
  readonly type: "gridledger/MsgPublishReferencePrice";
  readonly value: {
    readonly operator?: string;
    /** category is omitted when unspecified (every category without its own price). */
    readonly category?: EnergyCategory;
    readonly from_period?: string;
    /** price_per_mwh is an int64 as a decimal string. */
    readonly price_per_mwh?: string;
    readonly denom?: string;
  };
}

export function isAminoMsgPublishReferencePrice(msg: AminoMsg): msg is AminoMsgPublishReferencePrice {
  return msg.type === "gridledger/MsgPublishReferencePrice";
}

export function isAminoMsgSubmitReadings(msg: AminoMsg): msg is AminoMsgSubmitReadings {
  return msg.type === "gridledger/MsgSubmitReadings";
}

export function isAminoMsgUpdateDeliveryParams(msg: AminoMsg): msg is AminoMsgUpdateDeliveryParams {
  return msg.type === "gridledger/delivery/MsgUpdateParams";
}

function readingToAmino(r: SignedReading): AminoSignedReading {
  return compact({
    commitment: omitBytes(r.commitment),
    meter_id: omitString(r.meterId),
    period: omitUint64(r.period),
    signature: omitBytes(r.signature),
    wh: omitUint64(r.wh),
  });
}

function readingFromAmino(r: AminoSignedReading): SignedReading {
  return {
    meterId: r.meter_id ?? "",
    period: parseUint64(r.period),
    wh: parseUint64(r.wh),
    commitment: parseBytes(r.commitment),
    signature: parseBytes(r.signature),
  };
}

/** createDeliveryAminoConverters returns the amino converters of every x/delivery Msg. */
export function createDeliveryAminoConverters(): AminoConverters {
  return {
    [msgSubmitReadingsTypeUrl]: {
      aminoType: "gridledger/MsgSubmitReadings",
      toAmino: (value: Partial<MsgSubmitReadings>): AminoMsgSubmitReadings["value"] => {
        const m = MsgSubmitReadings.fromPartial(value);
        return compact({
          submitter: omitString(m.submitter),
          readings: m.readings.length === 0 ? null : m.readings.map(readingToAmino),
        });
      },
      fromAmino: (value: AminoMsgSubmitReadings["value"]): MsgSubmitReadings => ({
        submitter: value.submitter ?? "",
        readings: (value.readings ?? []).map(readingFromAmino),
      }),
    },
    [msgUpdateDeliveryParamsTypeUrl]: {
      aminoType: "gridledger/delivery/MsgUpdateParams",
      toAmino: (value: Partial<MsgUpdateParams>): AminoMsgUpdateDeliveryParams["value"] => {
        const m = MsgUpdateParams.fromPartial(value);
        const p = m.params ?? Params.fromPartial({});
        return compact({
          authority: omitString(m.authority),
          params: compact({
            dispute_window_periods: omitUint64(p.disputeWindowPeriods),
            imbalance_margin_bps: omitNumber(p.imbalanceMarginBps),
            imbalance_pricing: omitNumber(p.imbalancePricing),
            max_readings_per_tx: omitUint64(p.maxReadingsPerTx),
            max_reconcile_per_block: omitUint64(p.maxReconcilePerBlock),
            min_market_wh: omitUint64(p.minMarketWh),
            reading_window_periods: omitUint64(p.readingWindowPeriods),
            verify_gas_ed25519: omitUint64(p.verifyGasEd25519),
            verify_gas_secp256k1: omitUint64(p.verifyGasSecp256k1),
          }),
        });
      },
      fromAmino: (value: AminoMsgUpdateDeliveryParams["value"]): MsgUpdateParams => ({
        authority: value.authority ?? "",
        params: {
          readingWindowPeriods: parseUint64(value.params.reading_window_periods),
          maxReadingsPerTx: parseUint64(value.params.max_readings_per_tx),
          verifyGasEd25519: parseUint64(value.params.verify_gas_ed25519),
          verifyGasSecp256k1: parseUint64(value.params.verify_gas_secp256k1),
          imbalanceMarginBps: value.params.imbalance_margin_bps ?? 0,
          imbalancePricing: value.params.imbalance_pricing ?? 0,
          minMarketWh: parseUint64(value.params.min_market_wh),
          maxReconcilePerBlock: parseUint64(value.params.max_reconcile_per_block),
          disputeWindowPeriods: parseUint64(value.params.dispute_window_periods),
        },
      }),
    },
    [msgPublishReferencePriceTypeUrl]: {
      aminoType: "gridledger/MsgPublishReferencePrice",
      toAmino: (value: Partial<MsgPublishReferencePrice>): AminoMsgPublishReferencePrice["value"] => {
        const m = MsgPublishReferencePrice.fromPartial(value);
        return compact({
          category: omitNumber(m.category),
          denom: omitString(m.denom),
          from_period: omitUint64(m.fromPeriod),
          operator: omitString(m.operator),
          price_per_mwh: omitInt64(m.pricePerMwh),
        });
      },
      fromAmino: (value: AminoMsgPublishReferencePrice["value"]): MsgPublishReferencePrice => ({
        operator: value.operator ?? "",
        category: value.category ?? 0,
        fromPeriod: parseUint64(value.from_period),
        pricePerMwh: parseInt64(value.price_per_mwh),
        denom: value.denom ?? "",
      }),
    },
  };
}
