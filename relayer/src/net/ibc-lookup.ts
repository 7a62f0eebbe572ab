/**
 * The IBC reads the link step decides from, over a node's REST API, each a three-valued Lookup
 * (found, definitely missing, unreachable): a channel end, the channels of a port, and which
 * chain the light client under a connection or a channel tracks.
 */
import { restLookup, type Lookup } from "./lookup.js";

/** ChannelInfo is one channel end as its chain stores it. */
export interface ChannelInfo {
  portId: string;
  channelId: string;
  /** e.g. "STATE_OPEN", "STATE_INIT", "STATE_TRYOPEN", "STATE_CLOSED". */
  state: string;
  version: string;
  connectionId: string;
  counterparty: { portId: string; channelId: string };
}

/** ConnectionInfo is one connection end and the chain its client tracks. */
export interface ConnectionInfo {
  connectionId: string;
  clientId: string;
  state: string;
  counterparty: { clientId: string; connectionId: string };
}

const CHANNEL_NOT_FOUND = /channel not found/;
const CONNECTION_NOT_FOUND = /connection not found|light client not found/;
// The loopback connection every ibc-go v10 chain has (09-localhost); it links no two chains.
const LOCALHOST_CONNECTION = "connection-localhost";
// A list query never says "missing": an empty list is a definite answer.
const NEVER = /$^/;

interface RawChannel {
  state?: string;
  version?: string;
  port_id?: string;
  channel_id?: string;
  connection_hops?: string[];
  counterparty?: { port_id?: string; channel_id?: string };
}

function str(value: unknown, what: string): string {
  if (typeof value !== "string") throw new Error(`${what} is missing`);
  return value;
}

function channelInfo(raw: RawChannel | undefined, portId: string, channelId: string): ChannelInfo {
  if (!raw) throw new Error("no channel in the answer");
  return {
    portId,
    channelId,
    state: str(raw.state, "channel.state"),
    version: raw.version ?? "",
    connectionId: str(raw.connection_hops?.[0], "channel.connection_hops[0]"),
    counterparty: { portId: str(raw.counterparty?.port_id, "counterparty.port_id"), channelId: raw.counterparty?.channel_id ?? "" },
  };
}

/** channelEnd reads one channel end; "missing" when the chain has no such channel. */
export function channelEnd(rest: string, portId: string, channelId: string): Promise<Lookup<ChannelInfo>> {
  return restLookup(`${rest}/ibc/core/channel/v1/channels/${channelId}/ports/${portId}`, CHANNEL_NOT_FOUND, (json) =>
    channelInfo((json as { channel?: RawChannel }).channel, portId, channelId),
  );
}

/** channelsOnPort lists every channel end of `portId` on the chain (whatever its state). */
export function channelsOnPort(rest: string, portId: string): Promise<Lookup<ChannelInfo[]>> {
  return restLookup(`${rest}/ibc/core/channel/v1/channels?pagination.limit=10000`, NEVER, (json) => {
    const list = (json as { channels?: RawChannel[] }).channels;
    if (!Array.isArray(list)) throw new Error("no channels list in the answer");
    return list.filter((c) => c.port_id === portId).map((c) => channelInfo(c, str(c.port_id, "port_id"), str(c.channel_id, "channel_id")));
  });
}

/** connectionEnd reads one connection end; "missing" when the chain has no such connection. */
export function connectionEnd(rest: string, connectionId: string): Promise<Lookup<ConnectionInfo>> {
  return restLookup(`${rest}/ibc/core/connection/v1/connections/${connectionId}`, CONNECTION_NOT_FOUND, (json) => {
    const c = (json as { connection?: { client_id?: string; state?: string; counterparty?: { client_id?: string; connection_id?: string } } }).connection;
    if (!c) throw new Error("no connection in the answer");
    return {
      connectionId,
      clientId: str(c.client_id, "connection.client_id"),
      state: str(c.state, "connection.state"),
      counterparty: { clientId: str(c.counterparty?.client_id, "counterparty.client_id"), connectionId: c.counterparty?.connection_id ?? "" },
    };
  });
}

/**
 * trackedChain reads the chain-id that the light client under a connection tracks ("" for a
 * client state without one). connection-localhost's 09-localhost client stores no state: missing.
 */
export function trackedChain(rest: string, connectionId: string): Promise<Lookup<string>> {
  return restLookup(`${rest}/ibc/core/connection/v1/connections/${connectionId}/client_state`, CONNECTION_NOT_FOUND, (json) => {
    const client = (json as { identified_client_state?: { client_state?: { chain_id?: string } } }).identified_client_state?.client_state;
    if (!client) throw new Error("client_state is missing");
    return client.chain_id ?? "";
  });
}

/** openConnectionIds lists the ids of the chain's OPEN connections to other chains (not connection-localhost). */
export function openConnectionIds(rest: string): Promise<Lookup<string[]>> {
  return restLookup(`${rest}/ibc/core/connection/v1/connections?pagination.limit=10000`, NEVER, (json) => {
    const list = (json as { connections?: Array<{ id?: string; state?: string }> }).connections;
    if (!Array.isArray(list)) throw new Error("no connections list in the answer");
    return list.filter((c) => c.state === "STATE_OPEN" && c.id !== LOCALHOST_CONNECTION).map((c) => str(c.id, "connection.id"));
  });
}
