/**
 * What `gridnet up` does about one channel type of one link, decided from what the state file
 * records and what both chains definitely answered (an unanswered read never gets here). Pure,
 * so every case is unit-tested. The rule: a link never gets a second channel of one type.
 * - recorded in the state file: verify it (open on both ends, each naming the other) and keep
 *   it, or fail with what to do; never replace it;
 * - not recorded (a state file lost or written before the channel was): reuse the one open
 *   channel of that port on a connection to the child chain;
 * - only when the parent has no open channel of that port to the child chain: create one, over
 *   the link's open connection if it has one.
 */
import type { ChannelInfo } from "./ibc-lookup.js";
import type { StateChannel } from "./state.js";

/** Observed is a channel end as the chain definitely answered: its data, or "missing". */
export type Observed = ChannelInfo | "missing";

/** Candidate is a parent channel end of the port whose connection's client tracks the child chain, with its counterparty end. */
export interface Candidate {
  parent: ChannelInfo;
  child: Observed;
}

export interface ChannelObservation {
  /** Link ("transmission -> regional-east") and channel type, for messages. */
  link: string;
  type: string;
  port: string;
  /** What the state file records for this link and type. */
  recorded?: StateChannel;
  /** The recorded channel's ends, read from the parent and the child chain. */
  recordedParent?: Observed;
  recordedChild?: Observed;
  /** Every channel end of `port` on the parent over a connection to the child chain. */
  candidates: readonly Candidate[];
  /** An open connection of the link on the parent (another channel type's, or one to the child chain). */
  linkConnection?: string;
}

export type ChannelDecision =
  | { action: "keep"; notes: string[] }
  | { action: "reuse"; parent: ChannelInfo; child: ChannelInfo; notes: string[] }
  | { action: "create"; connection?: string; notes: string[] }
  | { action: "fail"; reason: string };

const OPEN = "STATE_OPEN";

const label = (state: string) => state.replace(/^STATE_/, "").toLowerCase();

/** pairedOpen tells whether two ends are both open and each names the other. */
function pairedOpen(parent: ChannelInfo, child: ChannelInfo): boolean {
  return (
    parent.state === OPEN &&
    child.state === OPEN &&
    parent.counterparty.channelId === child.channelId &&
    child.counterparty.channelId === parent.channelId &&
    parent.counterparty.portId === child.portId &&
    child.counterparty.portId === parent.portId
  );
}

const RESET =
  "if the chains are right and the state file is wrong, delete this link from the `links` of gridnet-state.json and run `gridnet up` (it adopts the one channel open on the chains); " +
  "to start this network over, `gridnet reset` (deletes its chains) and `gridnet up`";

export function decideChannel(o: ChannelObservation): ChannelDecision {
  const openPairs = o.candidates.filter((c): c is { parent: ChannelInfo; child: ChannelInfo } => c.child !== "missing" && pairedOpen(c.parent, c.child));
  const others = (except: string) => openPairs.filter((c) => c.parent.channelId !== except).map((c) => c.parent.channelId);

  if (o.recorded) {
    const r = o.recorded;
    const where = `${o.type} channel ${r.parent.channelId} <-> ${r.child.channelId} of ${o.link} (recorded in gridnet-state.json)`;
    const p = o.recordedParent;
    const c = o.recordedChild;
    if (p === undefined || c === undefined) return { action: "fail", reason: `${where}: its ends were not read` };
    if (p === "missing" || c === "missing") {
      const which = [p === "missing" ? `the parent has no ${r.parent.channelId}` : "", c === "missing" ? `the child has no ${r.child.channelId}` : ""].filter(Boolean).join(" and ");
      return {
        action: "fail",
        reason: `${where}: ${which}, so the chains' data no longer matches the state file (was a chain home replaced?). gridnet opens no second ${o.type} channel on a link; ${RESET}`,
      };
    }
    if (!pairedOpen(p, c)) {
      return {
        action: "fail",
        reason:
          `${where} is ${label(p.state)} on the parent and ${label(c.state)} on the child` +
          `${p.state === OPEN && c.state === OPEN ? ", but its ends do not name each other" : ""}: packets cannot use it. ` +
          `gridnet opens no second ${o.type} channel on a link; ${RESET}`,
      };
    }
    const extra = others(r.parent.channelId);
    return { action: "keep", notes: extra.length === 0 ? [] : [`${o.link} also has open ${o.type} channels ${extra.join(", ")} on the parent; gridnet keeps using ${r.parent.channelId}`] };
  }

  if (openPairs.length === 1) {
    const only = openPairs[0] as { parent: ChannelInfo; child: ChannelInfo };
    return { action: "reuse", parent: only.parent, child: only.child, notes: [`${o.link}: found ${o.type} channel ${only.parent.channelId} <-> ${only.child.channelId} open on both chains; reusing it`] };
  }
  if (openPairs.length > 1) {
    return {
      action: "fail",
      reason:
        `${o.link} already has ${openPairs.length} open ${o.type} channels (${openPairs.map((c) => `${c.parent.channelId} <-> ${c.child.channelId}`).join(", ")}) and gridnet-state.json records none, ` +
        `so gridnet cannot tell which one holds the link's vouchers. Add the one to keep to the \`links\` of gridnet-state.json and run \`gridnet up\`, or start this network over: \`gridnet reset\` (deletes its chains) and \`gridnet up\``,
    };
  }
  const notes = o.candidates.map(
    (c) => `${o.link}: ${o.type} channel ${c.parent.channelId} on the parent is ${label(c.parent.state)}${c.child === "missing" ? ", with no end on the child" : ` (${label(c.child.state)} on the child)`}: not a working channel (an unfinished handshake?); it is left alone`,
  );
  return { action: "create", ...(o.linkConnection === undefined ? {} : { connection: o.linkConnection }), notes };
}
