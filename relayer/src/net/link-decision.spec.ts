import { describe, expect, it } from "vitest";
import type { ChannelInfo } from "./ibc-lookup.js";
import { decideChannel, type ChannelObservation } from "./link-decision.js";
import type { StateChannel } from "./state.js";

const end = (channelId: string, counterparty: string, state = "STATE_OPEN", connectionId = "connection-0"): ChannelInfo => ({
  portId: "transfer",
  channelId,
  state,
  version: "ics20-1",
  connectionId,
  counterparty: { portId: "transfer", channelId: counterparty },
});

const recorded: StateChannel = {
  type: "transfer",
  version: "ics20-1",
  ordering: "unordered",
  parent: { chainId: "t-1", clientId: "07-tendermint-0", connectionId: "connection-0", portId: "transfer", channelId: "channel-1" },
  child: { chainId: "e-1", clientId: "07-tendermint-0", connectionId: "connection-0", portId: "transfer", channelId: "channel-0" },
};

const observe = (over: Partial<ChannelObservation>): ChannelObservation => ({ link: "t -> e", type: "transfer", port: "transfer", candidates: [], ...over });

describe("decideChannel", () => {
  describe("with a channel recorded in the state file", () => {
    it("keeps it when both chains show it open, each end naming the other", () => {
      const d = decideChannel(observe({ recorded, recordedParent: end("channel-1", "channel-0"), recordedChild: end("channel-0", "channel-1"), candidates: [{ parent: end("channel-1", "channel-0"), child: end("channel-0", "channel-1") }] }));
      expect(d).toEqual({ action: "keep", notes: [] });
    });

    it("keeps it and names the extra open channels of a link forked earlier, without touching them", () => {
      const d = decideChannel(
        observe({
          recorded,
          recordedParent: end("channel-1", "channel-0"),
          recordedChild: end("channel-0", "channel-1"),
          candidates: [
            { parent: end("channel-1", "channel-0"), child: end("channel-0", "channel-1") },
            { parent: end("channel-4", "channel-2"), child: end("channel-2", "channel-4") },
          ],
        }),
      );
      expect(d.action).toBe("keep");
      expect(d.action === "keep" && d.notes).toEqual(["t -> e also has open transfer channels channel-4 on the parent; gridnet keeps using channel-1"]);
    });

    it("never creates a replacement when a chain definitely lacks the recorded channel: it fails with what to do", () => {
      const d = decideChannel(observe({ recorded, recordedParent: "missing", recordedChild: end("channel-0", "channel-1") }));
      expect(d.action).toBe("fail");
      expect(d.action === "fail" && d.reason).toMatch(/the parent has no channel-1.*no second transfer channel.*`gridnet reset`/);
    });

    it("fails on a recorded channel that is closed, or whose ends do not name each other", () => {
      const closed = decideChannel(observe({ recorded, recordedParent: end("channel-1", "channel-0", "STATE_CLOSED"), recordedChild: end("channel-0", "channel-1") }));
      expect(closed.action === "fail" && closed.reason).toMatch(/is closed on the parent and open on the child: packets cannot use it/);
      const crossed = decideChannel(observe({ recorded, recordedParent: end("channel-1", "channel-5"), recordedChild: end("channel-0", "channel-1") }));
      expect(crossed.action === "fail" && crossed.reason).toMatch(/do not name each other/);
    });

    it("refuses to decide without both ends read", () => {
      expect(decideChannel(observe({ recorded })).action).toBe("fail");
    });
  });

  describe("with nothing recorded", () => {
    it("reuses the one channel of the port open on both chains", () => {
      const d = decideChannel(observe({ candidates: [{ parent: end("channel-2", "channel-0"), child: end("channel-0", "channel-2") }], linkConnection: "connection-0" }));
      expect(d).toMatchObject({ action: "reuse", parent: { channelId: "channel-2" }, child: { channelId: "channel-0" } });
    });

    it("fails when the link already has two open channels of the port, rather than guess which holds the vouchers", () => {
      const d = decideChannel(
        observe({
          candidates: [
            { parent: end("channel-0", "channel-0"), child: end("channel-0", "channel-0") },
            { parent: end("channel-3", "channel-1"), child: end("channel-1", "channel-3") },
          ],
        }),
      );
      expect(d.action === "fail" && d.reason).toMatch(/already has 2 open transfer channels \(channel-0 <-> channel-0, channel-3 <-> channel-1\)/);
    });

    it("creates a channel over the link's open connection when there is none of the port, or only unfinished handshakes", () => {
      expect(decideChannel(observe({ linkConnection: "connection-2" }))).toEqual({ action: "create", connection: "connection-2", notes: [] });
      const half = decideChannel(observe({ candidates: [{ parent: end("channel-0", "", "STATE_INIT"), child: "missing" }], linkConnection: "connection-2" }));
      expect(half).toMatchObject({ action: "create", connection: "connection-2" });
      expect(half.action === "create" && half.notes[0]).toMatch(/channel-0 on the parent is init, with no end on the child: not a working channel/);
    });

    it("creates new clients and a connection only when the parent has no connection to the child chain", () => {
      expect(decideChannel(observe({}))).toEqual({ action: "create", notes: [] });
    });

    it("does not count a channel open on the parent whose child end is missing or elsewhere as the link's channel", () => {
      const d = decideChannel(observe({ candidates: [{ parent: end("channel-0", "channel-0"), child: "missing" }, { parent: end("channel-1", "channel-1"), child: end("channel-1", "channel-9") }] }));
      expect(d.action).toBe("create");
    });
  });
});
