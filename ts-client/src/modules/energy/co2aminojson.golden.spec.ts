import { type AminoMsg, serializeSignDoc, type StdSignDoc } from "@cosmjs/amino";
import { fromUtf8 } from "@cosmjs/encoding";
import type { EncodeObject } from "@cosmjs/proto-signing";
import { describe, expect, it } from "vitest";

import { EnergyCategory } from "../../generated/gridledger/balancing/v1/types.js";
import { createGridledgerAminoTypes } from "../../registry.js";
import { appointCo2AuthorityMsg } from "../balancing/compose.js";
import {
  buyCo2TokenMsg,
  divideCo2TokenMsg,
  mergeCo2Msg,
  publishCo2IntensityMsg,
  setCo2AskMsg,
  setCo2RateMsg,
  splitCo2Msg,
} from "./co2messages.js";

// The amino JSON gridd signs for the CO2 messages. Every string is pinned on the chain
// side too: chain/x/energy/keeper/co2_aminojson_test.go encodes the same messages with x/tx's
// aminojson encoder over gridd's registry and fails unless this file holds its output verbatim.
const bob = "grid10d7jhaczncedxt0y8s2pz2ek7t7wtqtk87ey9w";
const carol = "grid10gemlrjxcmyqwwxu00qjq7jz8ad9lnw7zvrkm5";
const CHF = "uchf.alpine";

const cases: ReadonlyArray<[string, EncodeObject, string]> = [
  [
    "MsgPublishCo2Intensity",
    publishCo2IntensityMsg(bob, EnergyCategory.ENERGY_CATEGORY_COAL, 2_000_000, 820_000),
    String.raw`{"type":"gridledger/MsgPublishCo2Intensity","value":{"authority":"grid10d7jhaczncedxt0y8s2pz2ek7t7wtqtk87ey9w","category":5,"from_period":"2000000","grams_per_mwh":"820000"}}`,
  ],
  [
    "MsgPublishCo2Intensity, zero intensity",
    publishCo2IntensityMsg(bob, EnergyCategory.ENERGY_CATEGORY_SOLAR, 7, 0),
    String.raw`{"type":"gridledger/MsgPublishCo2Intensity","value":{"authority":"grid10d7jhaczncedxt0y8s2pz2ek7t7wtqtk87ey9w","category":1,"from_period":"7"}}`,
  ],
  [
    "MsgSetCo2Rate",
    setCo2RateMsg(bob, CHF, 100),
    String.raw`{"type":"gridledger/MsgSetCo2Rate","value":{"authority":"grid10d7jhaczncedxt0y8s2pz2ek7t7wtqtk87ey9w","denom":"uchf.alpine","rate_per_gram":"100"}}`,
  ],
  [
    "MsgSetCo2Rate, zero",
    setCo2RateMsg(bob, CHF, 0),
    String.raw`{"type":"gridledger/MsgSetCo2Rate","value":{"authority":"grid10d7jhaczncedxt0y8s2pz2ek7t7wtqtk87ey9w","denom":"uchf.alpine","rate_per_gram":"0"}}`,
  ],
  [
    "MsgSplitCo2",
    splitCo2Msg(carol, 42, 18446744073709551615n),
    String.raw`{"type":"gridledger/MsgSplitCo2","value":{"grams":"18446744073709551615","owner":"grid10gemlrjxcmyqwwxu00qjq7jz8ad9lnw7zvrkm5","token_id":"42"}}`,
  ],
  [
    "MsgMergeCo2",
    mergeCo2Msg(carol, 42, [1, 9]),
    String.raw`{"type":"gridledger/MsgMergeCo2","value":{"co2_token_ids":["1","9"],"owner":"grid10gemlrjxcmyqwwxu00qjq7jz8ad9lnw7zvrkm5","token_id":"42"}}`,
  ],
  [
    "MsgSetCo2Ask, negative price",
    setCo2AskMsg(carol, 3, { pricePerTonne: -80_000_000, denom: CHF }),
    String.raw`{"type":"gridledger/MsgSetCo2Ask","value":{"ask":{"denom":"uchf.alpine","for_sale":true,"price_per_tonne":"-80000000"},"co2_token_id":"3","owner":"grid10gemlrjxcmyqwwxu00qjq7jz8ad9lnw7zvrkm5"}}`,
  ],
  [
    "MsgSetCo2Ask, void",
    setCo2AskMsg(carol, 3, null),
    String.raw`{"type":"gridledger/MsgSetCo2Ask","value":{"ask":{},"co2_token_id":"3","owner":"grid10gemlrjxcmyqwwxu00qjq7jz8ad9lnw7zvrkm5"}}`,
  ],
  [
    "MsgBuyCo2Token",
    buyCo2TokenMsg(bob, 3, -1, CHF),
    String.raw`{"type":"gridledger/MsgBuyCo2Token","value":{"buyer":"grid10d7jhaczncedxt0y8s2pz2ek7t7wtqtk87ey9w","co2_token_id":"3","denom":"uchf.alpine","max_price_per_tonne":"-1"}}`,
  ],
  [
    "MsgDivideCo2Token",
    divideCo2TokenMsg(carol, 3, [200, 300]),
    String.raw`{"type":"gridledger/MsgDivideCo2Token","value":{"co2_token_id":"3","grams_parts":["200","300"],"owner":"grid10gemlrjxcmyqwwxu00qjq7jz8ad9lnw7zvrkm5"}}`,
  ],
  [
    "MsgAppointCo2Authority (x/balancing, inside a proposal)",
    appointCo2AuthorityMsg(bob, carol),
    String.raw`{"type":"gridledger/MsgAppointCo2Authority","value":{"authority":"grid10d7jhaczncedxt0y8s2pz2ek7t7wtqtk87ey9w","co2_authority":"grid10gemlrjxcmyqwwxu00qjq7jz8ad9lnw7zvrkm5"}}`,
  ],
];

// msgJSON cuts one message's JSON out of a serialized sign doc (keys sorted, as the chain signs).
function msgJSON(msg: AminoMsg): string {
  const doc: StdSignDoc = { chain_id: "c", account_number: "1", sequence: "0", fee: { amount: [], gas: "1" }, msgs: [msg], memo: "" };
  const text = fromUtf8(serializeSignDoc(doc));
  const start = text.indexOf('"msgs":[') + '"msgs":['.length;
  return text.slice(start, text.lastIndexOf("]"));
}

describe("CO2 amino JSON", () => {
  const aminoTypes = createGridledgerAminoTypes();
  it.each(cases)("%s signs as gridd does and round-trips", (_name, msg, want) => {
    const amino = aminoTypes.toAmino(msg);
    expect(msgJSON(amino)).toBe(want);
    const back = aminoTypes.fromAmino(amino);
    expect(back.typeUrl).toBe(msg.typeUrl);
    expect(msgJSON(aminoTypes.toAmino(back))).toBe(want);
  });
});
