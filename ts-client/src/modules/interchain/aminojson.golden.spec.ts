import { serializeSignDoc } from "@cosmjs/amino";
import { fromUtf8 } from "@cosmjs/encoding";
import type { EncodeObject } from "@cosmjs/proto-signing";
import { describe, expect, it } from "vitest";

import { BridgeDirection, Neighbour } from "../../generated/gridledger/interchain/v1/types.js";
import { createGridledgerAminoTypes } from "../../registry.js";
import { linkMsg, sendHelloMsg, setBridgeCapacityMsg } from "./compose.js";

// Golden output of the SDK v0.53 LEGACY_AMINO_JSON encoder, pinned in Go by
// chain/x/interchain/keeper/aminojson_test.go (the same strings).
const hub = "grid10d7jhaczncedxt0y8s2pz2ek7t7wtqtk87ey9w";
const cases: ReadonlyArray<[string, EncodeObject, string]> = [
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
