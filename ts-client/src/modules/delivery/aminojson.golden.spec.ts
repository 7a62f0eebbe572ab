import { readFileSync } from "node:fs";
import { serializeSignDoc } from "@cosmjs/amino";
import { fromUtf8 } from "@cosmjs/encoding";
import type { EncodeObject } from "@cosmjs/proto-signing";
import { describe, expect, it } from "vitest";

import { EnergyCategory } from "../../generated/gridledger/balancing/v1/types.js";
import { ImbalancePricing } from "../../generated/gridledger/delivery/v1/types.js";
import { createGridledgerAminoTypes } from "../../registry.js";
import { createDeliveryAminoConverters } from "./aminomessages.js";
import { publishReferencePriceMsg, submitReadingsMsg } from "./compose.js";
import { msgUpdateDeliveryParamsTypeUrl } from "./messages.js";

// Golden output of the SDK v0.53 LEGACY_AMINO_JSON encoder, pinned in Go by
// chain/x/delivery/keeper/aminojson_test.go (the same strings): the chain verifies amino
// signatures over exactly these bytes, so any drift breaks Ledger signing.
const hub = "grid10d7jhaczncedxt0y8s2pz2ek7t7wtqtk87ey9w";
const filled = (n: number, v: number): Uint8Array => new Uint8Array(n).fill(v);
const cases: ReadonlyArray<[string, EncodeObject, string]> = [
  [
    "MsgSubmitReadings: uint64 as strings (max included), bytes as base64, zero and empty fields omitted",
    submitReadingsMsg(hub, [
      {
        meterId: "CH-AGG-1",
        period: 1966080n,
        wh: 18446744073709551615n,
        commitment: filled(32, 1),
        signature: new Uint8Array([...filled(32, 2), ...filled(32, 3)]),
      },
      { meterId: "CH-1", period: 0n, wh: 0n, commitment: new Uint8Array(), signature: new Uint8Array([...filled(32, 4), ...filled(32, 5)]) },
    ]),
    String.raw`{"type":"gridledger/MsgSubmitReadings","value":{"readings":[{"commitment":"AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE=","meter_id":"CH-AGG-1","period":"1966080","signature":"AgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAw==","wh":"18446744073709551615"},{"meter_id":"CH-1","signature":"BAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQ=="}],"submitter":"grid10d7jhaczncedxt0y8s2pz2ek7t7wtqtk87ey9w"}}`,
  ],
  [
    "MsgSubmitReadings without readings: null, as the encoder writes an empty dont_omitempty list",
    submitReadingsMsg(hub, []),
    String.raw`{"type":"gridledger/MsgSubmitReadings","value":{"readings":null,"submitter":"grid10d7jhaczncedxt0y8s2pz2ek7t7wtqtk87ey9w"}}`,
  ],
  [
    "delivery MsgUpdateParams with the defaults: uint32 and enum as numbers, uint64 as strings",
    {
      typeUrl: msgUpdateDeliveryParamsTypeUrl,
      value: {
        authority: hub,
        params: {
          readingWindowPeriods: 96n,
          maxReadingsPerTx: 1000n,
          verifyGasEd25519: 590n,
          verifyGasSecp256k1: 1000n,
          imbalanceMarginBps: 1000,
          imbalancePricing: ImbalancePricing.IMBALANCE_PRICING_DUAL,
          minMarketWh: 1_000_000n,
          maxReconcilePerBlock: 2000n,
          disputeWindowPeriods: 2880n,
        },
      },
    },
    String.raw`{"type":"gridledger/delivery/MsgUpdateParams","value":{"authority":"grid10d7jhaczncedxt0y8s2pz2ek7t7wtqtk87ey9w","params":{"dispute_window_periods":"2880","imbalance_margin_bps":1000,"imbalance_pricing":1,"max_readings_per_tx":"1000","max_reconcile_per_block":"2000","min_market_wh":"1000000","reading_window_periods":"96","verify_gas_ed25519":"590","verify_gas_secp256k1":"1000"}}}`,
  ],
  [
    "MsgPublishReferencePrice: category as a number, a negative int64 price as a string",
    publishReferencePriceMsg(hub, { category: EnergyCategory.ENERGY_CATEGORY_WIND, fromPeriod: 1966080, pricePerMwh: -5_000_000, denom: "uchf" }),
    String.raw`{"type":"gridledger/MsgPublishReferencePrice","value":{"category":2,"denom":"uchf","from_period":"1966080","operator":"grid10d7jhaczncedxt0y8s2pz2ek7t7wtqtk87ey9w","price_per_mwh":"-5000000"}}`,
  ],
];

describe("x/delivery amino JSON matches the Go encoder byte for byte", () => {
  const aminoTypes = createGridledgerAminoTypes();
  for (const [name, msg, golden] of cases) {
    it(name, () => {
      const amino = aminoTypes.toAmino(msg);
      const doc = { chain_id: "c", account_number: "0", sequence: "0", fee: { amount: [], gas: "0" }, msgs: [amino], memo: "" };
      const signed = fromUtf8(serializeSignDoc(doc));
      expect(signed).toContain(golden);
      // And back: what a Ledger signed decodes to the same message.
      expect(aminoTypes.toAmino(aminoTypes.fromAmino(amino))).toEqual(amino);
    });
  }
});

// The Go test is the source of these strings: every x/delivery golden it pins must be one of ours,
// so a field added on the chain side (as the reconciliation parameters were) fails here rather than
// as a Ledger signature that does not verify.
describe("the x/delivery goldens are the Go encoder's", () => {
  const source = readFileSync(new URL("../../../../chain/x/delivery/keeper/aminojson_test.go", import.meta.url), "utf8");
  const deliveryTypes = new Set(Object.values(createDeliveryAminoConverters()).map((c) => c.aminoType));
  const pinned = [...source.matchAll(/`(\{"type":"([^"]+)"[^`]*)`/g)]
    .map(([, golden = "", type = ""]) => ({ golden, type }))
    .filter(({ type }) => deliveryTypes.has(type));
  const goldens = new Set(cases.map(([, , golden]) => golden));

  it("pins every x/delivery message in Go", () => {
    expect(new Set(pinned.map(({ type }) => type))).toEqual(deliveryTypes);
  });
  it.each(pinned.map(({ golden }) => [golden]))("holds %s", (golden) => {
    expect(goldens).toContain(golden);
  });
});
