/**
 * The few IBC queries gridnet needs, over a node's REST API (gRPC gateway): a channel's state and
 * how many packets it has sent that are not yet acknowledged or timed out.
 */
import { CHANNEL_UNREADABLE } from "@gridledger/client";
import { channelEnd } from "./ibc-lookup.js";

async function getJson(url: string): Promise<unknown> {
  const res = await fetch(url, { signal: AbortSignal.timeout(5_000) });
  if (!res.ok) throw new Error(`GET ${url}: HTTP ${res.status} ${(await res.text()).slice(0, 200)}`);
  return res.json();
}

/** CHANNEL_UNREADABLE is the state channelState reports when the chain did not answer. */
export { CHANNEL_UNREADABLE };

/**
 * channelState returns e.g. "STATE_OPEN", undefined when the chain says the channel does not
 * exist, or CHANNEL_UNREADABLE when it did not answer (a stopped or starting node is no proof
 * that a channel is missing).
 */
export async function channelState(rest: string, port: string, channel: string): Promise<string | undefined> {
  const end = await channelEnd(rest, port, channel);
  if (end.kind === "found") return end.value.state;
  return end.kind === "missing" ? undefined : CHANNEL_UNREADABLE;
}

/**
 * linkedOver says whether the chain's x/interchain Neighbourhood records a link to its `side`
 * (its parent, or one of its children) over the energy channel `channel`.
 */
export async function linkedOver(rest: string, side: "parent" | "child", channel: string): Promise<boolean> {
  const body = (await getJson(`${rest}/gridledger/interchain/v1/neighbourhood`)) as {
    parent?: { link?: { energy_channel_id?: string } } | null;
    children?: Array<{ link?: { energy_channel_id?: string } }>;
  };
  if (side === "parent") return body.parent?.link?.energy_channel_id === channel;
  return (body.children ?? []).some((c) => c.link?.energy_channel_id === channel);
}

/** packetCommitments lists the sequences of the channel's packet commitments (first 1000). */
export async function packetCommitments(rest: string, port: string, channel: string): Promise<string[]> {
  const body = (await getJson(`${rest}/ibc/core/channel/v1/channels/${channel}/ports/${port}/packet_commitments?pagination.limit=1000`)) as {
    commitments?: Array<{ sequence: string }>;
  };
  return (body.commitments ?? []).map((c) => c.sequence);
}

/**
 * pendingPackets counts the channel's packet commitments: packets this chain sent whose
 * acknowledgement or timeout has not been relayed back yet.
 */
export async function pendingPackets(rest: string, port: string, channel: string): Promise<number> {
  const body = (await getJson(`${rest}/ibc/core/channel/v1/channels/${channel}/ports/${port}/packet_commitments?pagination.count_total=true&pagination.limit=1`)) as {
    pagination?: { total?: string };
  };
  return Number(body.pagination?.total ?? 0);
}
