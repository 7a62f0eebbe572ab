import type { AminoMsg } from "@cosmjs/amino";
import type { AminoConverters } from "@cosmjs/stargate";

import { compact, omitBool, omitInt64, omitNumber, omitString, omitUint64, omitUint64List, parseInt64, parseUint64, parseUint64List } from "../../aminojson.js";
import type { EnergyCategory } from "../../generated/gridledger/balancing/v1/types.js";
import { Co2Ask } from "../../generated/gridledger/energy/v1/co2.js";
import {
  MsgBuyCo2Token,
  MsgDivideCo2Token,
  MsgMergeCo2,
  MsgPublishCo2Intensity,
  MsgSetCo2Ask,
  MsgSetCo2Rate,
  MsgSplitCo2,
} from "../../generated/gridledger/energy/v1/tx.js";
import { intToAmino } from "../fiat/aminomessages.js";
import {
  msgBuyCo2TokenTypeUrl,
  msgDivideCo2TokenTypeUrl,
  msgMergeCo2TypeUrl,
  msgPublishCo2IntensityTypeUrl,
  msgSetCo2AskTypeUrl,
  msgSetCo2RateTypeUrl,
  msgSplitCo2TypeUrl,
} from "./co2messages.js";

// As in aminomessages.ts: defaults are omitted, except the (amino.dont_omitempty) ask and the
// cosmos.Int rate ("0" when empty); 64-bit integers are decimal strings, categories enum numbers.

/** AminoCo2Ask is energy.v1.Co2Ask; a void ask is `{}`. */
export interface AminoCo2Ask {
  readonly for_sale?: true;
  readonly price_per_tonne?: string;
  readonly denom?: string;
}

export interface AminoMsgPublishCo2Intensity extends AminoMsg {
  readonly type: "gridledger/MsgPublishCo2Intensity";
  readonly value: {
    readonly authority?: string;
    readonly category?: EnergyCategory;
    readonly from_period?: string;
    readonly grams_per_mwh?: string;
  };
}

export interface AminoMsgSetCo2Rate extends AminoMsg {
  readonly type: "gridledger/MsgSetCo2Rate";
  readonly value: { readonly authority?: string; readonly denom?: string; readonly rate_per_gram: string };
}

export interface AminoMsgSplitCo2 extends AminoMsg {
  readonly type: "gridledger/MsgSplitCo2";
  readonly value: { readonly owner?: string; readonly token_id?: string; readonly grams?: string };
}

export interface AminoMsgMergeCo2 extends AminoMsg {
  readonly type: "gridledger/MsgMergeCo2";
  readonly value: { readonly owner?: string; readonly token_id?: string; readonly co2_token_ids?: string[] };
}

export interface AminoMsgSetCo2Ask extends AminoMsg {
  readonly type: "gridledger/MsgSetCo2Ask";
  readonly value: { readonly owner?: string; readonly co2_token_id?: string; readonly ask: AminoCo2Ask };
}

export interface AminoMsgBuyCo2Token extends AminoMsg {
  readonly type: "gridledger/MsgBuyCo2Token";
  readonly value: {
    readonly buyer?: string;
    readonly co2_token_id?: string;
    readonly max_price_per_tonne?: string;
    readonly denom?: string;
  };
}

export interface AminoMsgDivideCo2Token extends AminoMsg {
  readonly type: "gridledger/MsgDivideCo2Token";
  readonly value: { readonly owner?: string; readonly co2_token_id?: string; readonly grams_parts?: string[] };
}

function co2AskToAmino(ask: Co2Ask | undefined): AminoCo2Ask {
  const a = ask ?? Co2Ask.fromPartial({});
  return compact({ for_sale: omitBool(a.forSale), price_per_tonne: omitInt64(a.pricePerTonne), denom: omitString(a.denom) });
}

/** createCo2AminoConverters returns the amino converters of x/energy's CO2 messages. */
export function createCo2AminoConverters(): AminoConverters {
  return {
    [msgPublishCo2IntensityTypeUrl]: {
      aminoType: "gridledger/MsgPublishCo2Intensity",
      toAmino: (value: Partial<MsgPublishCo2Intensity>): AminoMsgPublishCo2Intensity["value"] => {
        const m = MsgPublishCo2Intensity.fromPartial(value);
        return compact({
          authority: omitString(m.authority),
          category: omitNumber(m.category),
          from_period: omitUint64(m.fromPeriod),
          grams_per_mwh: omitUint64(m.gramsPerMwh),
        });
      },
      fromAmino: (value: AminoMsgPublishCo2Intensity["value"]): MsgPublishCo2Intensity => ({
        authority: value.authority ?? "",
        category: value.category ?? 0,
        fromPeriod: parseUint64(value.from_period),
        gramsPerMwh: parseUint64(value.grams_per_mwh),
      }),
    },
    [msgSetCo2RateTypeUrl]: {
      aminoType: "gridledger/MsgSetCo2Rate",
      toAmino: (value: Partial<MsgSetCo2Rate>): AminoMsgSetCo2Rate["value"] => {
        const m = MsgSetCo2Rate.fromPartial(value);
        return compact({ authority: omitString(m.authority), denom: omitString(m.denom), rate_per_gram: intToAmino(m.ratePerGram) });
      },
      fromAmino: (value: AminoMsgSetCo2Rate["value"]): MsgSetCo2Rate => ({
        authority: value.authority ?? "",
        denom: value.denom ?? "",
        ratePerGram: value.rate_per_gram,
      }),
    },
    [msgSplitCo2TypeUrl]: {
      aminoType: "gridledger/MsgSplitCo2",
      toAmino: (value: Partial<MsgSplitCo2>): AminoMsgSplitCo2["value"] => {
        const m = MsgSplitCo2.fromPartial(value);
        return compact({ owner: omitString(m.owner), token_id: omitUint64(m.tokenId), grams: omitUint64(m.grams) });
      },
      fromAmino: (value: AminoMsgSplitCo2["value"]): MsgSplitCo2 => ({
        owner: value.owner ?? "",
        tokenId: parseUint64(value.token_id),
        grams: parseUint64(value.grams),
      }),
    },
    [msgMergeCo2TypeUrl]: {
      aminoType: "gridledger/MsgMergeCo2",
      toAmino: (value: Partial<MsgMergeCo2>): AminoMsgMergeCo2["value"] => {
        const m = MsgMergeCo2.fromPartial(value);
        return compact({ owner: omitString(m.owner), token_id: omitUint64(m.tokenId), co2_token_ids: omitUint64List(m.co2TokenIds) });
      },
      fromAmino: (value: AminoMsgMergeCo2["value"]): MsgMergeCo2 => ({
        owner: value.owner ?? "",
        tokenId: parseUint64(value.token_id),
        co2TokenIds: parseUint64List(value.co2_token_ids),
      }),
    },
    [msgSetCo2AskTypeUrl]: {
      aminoType: "gridledger/MsgSetCo2Ask",
      toAmino: (value: Partial<MsgSetCo2Ask>): AminoMsgSetCo2Ask["value"] => {
        const m = MsgSetCo2Ask.fromPartial(value);
        return compact({ owner: omitString(m.owner), co2_token_id: omitUint64(m.co2TokenId), ask: co2AskToAmino(m.ask) });
      },
      fromAmino: (value: AminoMsgSetCo2Ask["value"]): MsgSetCo2Ask => ({
        owner: value.owner ?? "",
        co2TokenId: parseUint64(value.co2_token_id),
        ask: { forSale: value.ask.for_sale ?? false, pricePerTonne: parseInt64(value.ask.price_per_tonne), denom: value.ask.denom ?? "" },
      }),
    },
    [msgBuyCo2TokenTypeUrl]: {
      aminoType: "gridledger/MsgBuyCo2Token",
      toAmino: (value: Partial<MsgBuyCo2Token>): AminoMsgBuyCo2Token["value"] => {
        const m = MsgBuyCo2Token.fromPartial(value);
        return compact({
          buyer: omitString(m.buyer),
          co2_token_id: omitUint64(m.co2TokenId),
          max_price_per_tonne: omitInt64(m.maxPricePerTonne),
          denom: omitString(m.denom),
        });
      },
      fromAmino: (value: AminoMsgBuyCo2Token["value"]): MsgBuyCo2Token => ({
        buyer: value.buyer ?? "",
        co2TokenId: parseUint64(value.co2_token_id),
        maxPricePerTonne: parseInt64(value.max_price_per_tonne),
        denom: value.denom ?? "",
      }),
    },
    [msgDivideCo2TokenTypeUrl]: {
      aminoType: "gridledger/MsgDivideCo2Token",
      toAmino: (value: Partial<MsgDivideCo2Token>): AminoMsgDivideCo2Token["value"] => {
        const m = MsgDivideCo2Token.fromPartial(value);
        return compact({ owner: omitString(m.owner), co2_token_id: omitUint64(m.co2TokenId), grams_parts: omitUint64List(m.gramsParts) });
      },
      fromAmino: (value: AminoMsgDivideCo2Token["value"]): MsgDivideCo2Token => ({
        owner: value.owner ?? "",
        co2TokenId: parseUint64(value.co2_token_id),
        gramsParts: parseUint64List(value.grams_parts),
      }),
    },
  };
}
