/**
 * Opening the channels of every parent-child link with Hermes, never a second channel of one type
 * on a link (link-decision.ts says what is kept, reused or created). Every read is retried while
 * the chain does not answer and fails after a bound: only a definite "not found" counts as
 * missing. Links that share no chain are opened in parallel, since Hermes signs on both chains
 * of a link with the one relayer key.
 */
import type { Log } from "../log.js";
import { createChannel, type Hermes } from "../hermes/hermes.js";
import type { NetworkPlan, PlannedLink } from "../topology/plan.js";
import { channelEnd, channelsOnPort, connectionEnd, openConnectionIds, trackedChain } from "./ibc-lookup.js";
import { decideChannel, type Candidate, type ChannelObservation, type Observed } from "./link-decision.js";
import { definite, retryUnreachable, type Lookup } from "./lookup.js";
import type { StateChannel, StateLink } from "./state.js";

/** linkRounds groups links so that no two links of one round share a chain, deepest links first. */
export function linkRounds(plan: Pick<NetworkPlan, "chains" | "links">): PlannedLink[][] {
  const depth = (name: string): number => {
    const chain = plan.chains.find((c) => c.name === name);
    return chain?.parent === undefined ? 0 : 1 + depth(chain.parent);
  };
  const pending = [...plan.links].sort((a, b) => depth(b.child) - depth(a.child));
  const rounds: PlannedLink[][] = [];
  while (pending.length > 0) {
    const busy = new Set<string>();
    const round: PlannedLink[] = [];
    for (let i = 0; i < pending.length; ) {
      const link = pending[i] as PlannedLink;
      if (busy.has(link.parent) || busy.has(link.child)) {
        i++;
        continue;
      }
      busy.add(link.parent).add(link.child);
      round.push(link);
      pending.splice(i, 1);
    }
    rounds.push(round);
  }
  return rounds;
}

export interface ChainRef {
  chainId: string;
  rest: string;
}

export interface OpenLinksOptions {
  /** How long one read may keep failing before the link step gives up. Default 60 s. */
  readTimeoutMs?: number;
}

/**
 * openLinks returns every link with its channels open: recorded channels verified, channels
 * found on the chains reused, only what is definitely missing created. A link that cannot be
 * settled fails the call after the other links were settled (and reported through onLinkOpened).
 */
export async function openLinks(
  plan: NetworkPlan,
  hermes: Hermes,
  chains: ReadonlyMap<string, ChainRef>,
  known: readonly StateLink[],
  log: Log,
  onLinkOpened: (link: StateLink) => Promise<void>,
  options: OpenLinksOptions = {},
): Promise<StateLink[]> {
  const result = new Map<string, StateLink>();
  const failures: string[] = [];
  for (const round of linkRounds(plan)) {
    await Promise.all(
      round.map(async (link) => {
        try {
          const state = await openLink(link, hermes, chains, known.find((k) => k.parent === link.parent && k.child === link.child), log, options);
          result.set(`${link.parent}/${link.child}`, state);
          await onLinkOpened(state);
        } catch (err) {
          failures.push((err as Error).message);
        }
      }),
    );
  }
  if (failures.length > 0) throw new LinkError(failures);
  return plan.links.map((l) => result.get(`${l.parent}/${l.child}`) as StateLink);
}

/** LinkError lists every link that could not be settled, each with what to do. */
export class LinkError extends Error {
  constructor(readonly failures: string[]) {
    super(failures.length === 1 ? (failures[0] as string) : `${failures.length} links failed:\n${failures.map((f) => `- ${f}`).join("\n")}`);
  }
}

async function openLink(link: PlannedLink, hermes: Hermes, chains: ReadonlyMap<string, ChainRef>, known: StateLink | undefined, log: Log, options: OpenLinksOptions): Promise<StateLink> {
  const parent = chains.get(link.parent) as ChainRef;
  const child = chains.get(link.child) as ChainRef;
  const name = `${link.parent} -> ${link.child}`;
  const read = reader(name, log, options.readTimeoutMs ?? 60_000);
  const channels: StateChannel[] = [];
  for (const planned of link.channels) {
    const recorded = known?.channels.find((c) => c.type === planned.type);
    const observation = await observeChannel(read, { link: name, type: planned.type, port: planned.port, parent, child, recorded, connection: channels[0]?.parent.connectionId });
    const decision = decideChannel(observation);
    if (decision.action === "fail") throw new Error(decision.reason);
    for (const note of decision.notes) log(note);
    if (decision.action === "keep") {
      channels.push(recorded as StateChannel);
      continue;
    }
    if (decision.action === "reuse") {
      const [parentConnection, childConnection] = await Promise.all([
        read(`connection ${decision.parent.connectionId} on ${link.parent}`, () => connectionEnd(parent.rest, decision.parent.connectionId)),
        read(`connection ${decision.child.connectionId} on ${link.child}`, () => connectionEnd(child.rest, decision.child.connectionId)),
      ]);
      if (!parentConnection || !childConnection) throw new Error(`${name}: the connection under ${planned.type} channel ${decision.parent.channelId} vanished while it was read; run \`gridnet up\` again`);
      channels.push({
        type: planned.type,
        version: decision.parent.version || planned.version,
        ordering: planned.ordering,
        parent: { chainId: parent.chainId, clientId: parentConnection.clientId, connectionId: parentConnection.connectionId, portId: decision.parent.portId, channelId: decision.parent.channelId },
        child: { chainId: child.chainId, clientId: childConnection.clientId, connectionId: childConnection.connectionId, portId: decision.child.portId, channelId: decision.child.channelId },
      });
      continue;
    }
    const connection = decision.connection;
    log(`link ${name}: opening the ${planned.type} channel (port ${planned.port}${connection ? `, over ${connection}` : ", new clients and connection"}); about a minute`);
    const ends = await createChannel(hermes, {
      aChain: parent.chainId,
      bChain: child.chainId,
      port: planned.port,
      version: planned.version,
      ordering: planned.ordering,
      ...(connection === undefined ? {} : { aConnection: connection }),
    }).catch((err: unknown) => {
      throw new Error(
        `link ${name}: Hermes could not open the ${planned.type} channel: ${(err as Error).message}\n` +
          `  Fix what Hermes says, then run \`gridnet up\` again: it adopts a channel Hermes left open and reuses an open connection, so a retry opens no second channel.`,
      );
    });
    log(`link ${name}: ${planned.type} open, ${ends.a.channelId} on ${link.parent} <-> ${ends.b.channelId} on ${link.child}`);
    channels.push({
      type: planned.type,
      version: ends.version,
      ordering: planned.ordering,
      parent: { chainId: parent.chainId, ...ends.a },
      child: { chainId: child.chainId, ...ends.b },
    });
  }
  return { parent: link.parent, child: link.child, channels };
}

type Read = <T>(what: string, lookup: () => Promise<Lookup<T>>) => Promise<T | undefined>;

/** reader retries a read while the chain does not answer, and fails with what to do once the bound is reached. */
function reader(link: string, log: Log, timeoutMs: number): Read {
  return async (what, lookup) => {
    const result = await retryUnreachable(what, lookup, { timeoutMs, log: (m) => log(`link ${link}: ${m}`) });
    return definite(`${what} (link ${link}) for ${timeoutMs / 1000} s`, result, "gridnet creates nothing it cannot prove missing. Check the chain with `gridnet status` and `gridnet logs <chain>`, then run `gridnet up` again.");
  };
}

/** observeChannel reads, from both chains, what decideChannel needs about one channel type of a link. */
async function observeChannel(
  read: Read,
  input: { link: string; type: string; port: string; parent: ChainRef; child: ChainRef; recorded: StateChannel | undefined; connection: string | undefined },
): Promise<ChannelObservation> {
  const { parent, child, recorded, port } = input;
  const observed = async (chain: ChainRef, end: { portId: string; channelId: string }): Promise<Observed> =>
    (await read(`${end.portId}/${end.channelId} on ${chain.chainId}`, () => channelEnd(chain.rest, end.portId, end.channelId))) ?? "missing";
  const [recordedParent, recordedChild] = recorded ? await Promise.all([observed(parent, recorded.parent), observed(child, recorded.child)]) : [undefined, undefined];

  // Which of the parent's connections lead to the child chain: their light client tracks its chain-id.
  const tracks = new Map<string, boolean>();
  const leadsToChild = async (connectionId: string): Promise<boolean> => {
    let answer = tracks.get(connectionId);
    if (answer === undefined) {
      answer = (await read(`the chain tracked by ${connectionId} on ${parent.chainId}`, () => trackedChain(parent.rest, connectionId))) === child.chainId;
      tracks.set(connectionId, answer);
    }
    return answer;
  };
  const onPort = (await read(`the ${port} channels on ${parent.chainId}`, () => channelsOnPort(parent.rest, port))) ?? [];
  const candidates: Candidate[] = [];
  for (const end of onPort) {
    if (!(await leadsToChild(end.connectionId))) continue;
    const counterpart = end.counterparty.channelId === "" ? "missing" : await observed(child, end.counterparty);
    candidates.push({ parent: end, child: counterpart });
  }
  let linkConnection = input.connection;
  if (linkConnection === undefined) {
    const open = (await read(`the open connections on ${parent.chainId}`, () => openConnectionIds(parent.rest))) ?? [];
    for (const id of open.sort(byNumber)) {
      if (await leadsToChild(id)) {
        linkConnection = id;
        break;
      }
    }
  }
  return {
    link: input.link,
    type: input.type,
    port,
    ...(recorded === undefined ? {} : { recorded, recordedParent, recordedChild }),
    candidates,
    ...(linkConnection === undefined ? {} : { linkConnection }),
  };
}

const byNumber = (a: string, b: string) => Number(a.replace(/\D/g, "")) - Number(b.replace(/\D/g, ""));
