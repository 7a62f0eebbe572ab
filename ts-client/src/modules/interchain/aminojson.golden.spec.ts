import { serializeSignDoc } from "@cosmjs/amino";
import { fromUtf8 } from "@cosmjs/encoding";
import type { EncodeObject } from "@cosmjs/proto-signing";
import { describe, expect, it } from "vitest";

import { BridgeDirection, Neighbour } from "../../generated/gridledger/interchain/v1/types.js";
import { createGridledgerAminoTypes } from "../../registry.js";
import { buyRemoteMsg, cancelRemoteMsg, linkMsg, sendHelloMsg, setBridgeCapacityMsg, setLinkFeeMsg, updateInterchainParamsMsg } from "./compose.js";

// Golden output of the SDK v0.53 LEGACY_AMINO_JSON encoder, pinned in Go by
// chain/x/interchain/keeper/aminojson_test.go (the same strings).
const hub = "grid10d7jhaczncedxt0y8s2pz2ek7t7wtqtk87ey9w";
const cases: ReadonlyArray<[string, EncodeObject, string]> = [
  [
    "MsgUpdateParams: uint64 as strings, uint32 as numbers",
    updateInterchainParamsMsg(hub, { purchaseKeepPeriods: 960n, maxTrueupsPerBlock: 10 }),
    String.raw`{"type":"gridledger/interchain/MsgUpdateParams","value":{"authority":"grid10d7jhaczncedxt0y8s2pz2ek7t7wtqtk87ey9w","params":{"max_trueups_per_block":10,"purchase_keep_periods":"960"}}}`,
  ],
  [
    "MsgUpdateParams with every default: params written empty",
    updateInterchainParamsMsg(hub, {}),
    String.raw`{"type":"gridledger/interchain/MsgUpdateParams","value":{"authority":"grid10d7jhaczncedxt0y8s2pz2ek7t7wtqtk87ey9w","params":{}}}`,
  ],
  [
    "MsgLink to a child: the neighbour as a number, no denom map omitted",
    linkMsg(hub, { neighbour: Neighbour.NEIGHBOUR_CHILD, energyChannelId: "channel-1", transferChannelId: "channel-0" }),
    String.raw`{"type":"gridledger/interchain/MsgLink","value":{"energy_channel_id":"channel-1","neighbour":2,"operator":"grid10d7jhaczncedxt0y8s2pz2ek7t7wtqtk87ey9w","transfer_channel_id":"channel-0"}}`,
  ],
  [
    "MsgLink to the parent with a denom map",
    linkMsg(hub, { neighbour: Neighbour.NEIGHBOUR_PARENT, energyChannelId: "channel-1", transferChannelId: "channel-0", denomMap: [{ local: "ueur.leman", remote: "uchf.alpine" }] }),
    String.raw`{"type":"gridledger/interchain/MsgLink","value":{"denom_map":[{"local":"ueur.leman","remote":"uchf.alpine"}],"energy_channel_id":"channel-1","neighbour":1,"operator":"grid10d7jhaczncedxt0y8s2pz2ek7t7wtqtk87ey9w","transfer_channel_id":"channel-0"}}`,
  ],
  [
    "MsgSendHello: the timeout as a string",
    sendHelloMsg(hub, "channel-3", 600),
    String.raw`{"type":"gridledger/interchain/MsgSendHello","value":{"channel_id":"channel-3","operator":"grid10d7jhaczncedxt0y8s2pz2ek7t7wtqtk87ey9w","timeout_seconds":"600"}}`,
  ],
  [
    "MsgSendHello without a timeout: omitted",
    sendHelloMsg(hub, "channel-3"),
    String.raw`{"type":"gridledger/interchain/MsgSendHello","value":{"channel_id":"channel-3","operator":"grid10d7jhaczncedxt0y8s2pz2ek7t7wtqtk87ey9w"}}`,
  ],
  [
    "MsgSetBridgeCapacity: named without the module, the direction as a number, Wh as a string",
    setBridgeCapacityMsg(hub, "channel-1", BridgeDirection.BRIDGE_DIRECTION_UP, 50_000_000),
    String.raw`{"type":"gridledger/MsgSetBridgeCapacity","value":{"channel_id":"channel-1","direction":1,"operator":"grid10d7jhaczncedxt0y8s2pz2ek7t7wtqtk87ey9w","wh_per_period":"50000000"}}`,
  ],
  [
    "MsgSetLinkFee: the fee as a string",
    setLinkFeeMsg(hub, "channel-1", "ueur.leman", 2_000_000n),
    String.raw`{"type":"gridledger/interchain/MsgSetLinkFee","value":{"base_denom":"ueur.leman","channel_id":"channel-1","fee_per_mwh":"2000000","operator":"grid10d7jhaczncedxt0y8s2pz2ek7t7wtqtk87ey9w"}}`,
  ],
  [
    "MsgBuyRemote: every figure of the quote; a zero face value written, link fees as plain strings",
    buyRemoteMsg(hub, "valley-load-1", {
      route: ["gridledger-regional-east-1", "gridledger-transmission-1"], tokenId: 7n, askDenom: "uchf.alpine", pricePerMwh: 80_000_000n,
      faceValuePerMwh: 0n, firstPeriod: 100n, lastPeriod: 103n, whPerPeriod: 250_000n, linkFees: [500_000n, 0n], bankFees: 40_000n,
      payDenom: "ibc/ABC", total: 80_540_000n,
    }),
    String.raw`{"type":"gridledger/interchain/MsgBuyRemote","value":{"ask_denom":"uchf.alpine","bank_fees":"40000","buyer":"grid10d7jhaczncedxt0y8s2pz2ek7t7wtqtk87ey9w","face_value_per_mwh":"0","first_period":"100","last_period":"103","link_fees":["500000","0"],"max_total":"80540000","meter_id":"valley-load-1","pay_denom":"ibc/ABC","price_per_mwh":"80000000","route":["gridledger-regional-east-1","gridledger-transmission-1"],"side":2,"token_id":"7","wh_per_period":"250000"}}`,
  ],
  [
    "MsgCancelRemote: the reason and the timeout as a string",
    cancelRemoteMsg(hub, "gridledger-local-valley-1/3", "congestion", 600),
    String.raw`{"type":"gridledger/interchain/MsgCancelRemote","value":{"operator":"grid10d7jhaczncedxt0y8s2pz2ek7t7wtqtk87ey9w","purchase_id":"gridledger-local-valley-1/3","reason":"congestion","timeout_seconds":"600"}}`,
  ],
  [
    "MsgCancelRemote without a reason or a timeout: both omitted",
    cancelRemoteMsg(hub, "gridledger-local-valley-1/3"),
    String.raw`{"type":"gridledger/interchain/MsgCancelRemote","value":{"operator":"grid10d7jhaczncedxt0y8s2pz2ek7t7wtqtk87ey9w","purchase_id":"gridledger-local-valley-1/3"}}`,
  ],
];

describe("x/interchain amino JSON", () => {
  const amino = createGridledgerAminoTypes();
  it.each(cases)("%s: the bytes the chain signs, and back", (_name, msg, golden) => {
    const aminoMsg = amino.toAmino(msg);
    // serializeSignDoc sorts keys as the SDK does; read the message back out of the sign doc.
    const doc = JSON.parse(fromUtf8(serializeSignDoc({ chain_id: "c", account_number: "0", sequence: "0", fee: { amount: [], gas: "0" }, msgs: [aminoMsg], memo: "" }))) as { msgs: unknown[] };
    expect(JSON.stringify(doc.msgs[0])).toBe(golden);
    expect(amino.fromAmino(aminoMsg)).toEqual(msg);
  });
});
