/**
 * Opening the channels of every parent-child link with Hermes. Channels already open (as the
 * state file records and both chains confirm) are kept; links that share no chain are opened in
 * parallel, since Hermes signs on both chains of a link with the one relayer key.
 */
import type { Log } from "../log.js";
import { createChannel, type Hermes } from "../hermes/hermes.js";
import type { NetworkPlan, PlannedLink } from "../topology/plan.js";
import { channelState } from "./ibc.js";
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

interface ChainRef {
  chainId: string;
  rest: string;
}

/** openLinks returns every link with its channels open, creating what is missing. */
export async function openLinks(
  plan: NetworkPlan,
  hermes: Hermes,
  chains: ReadonlyMap<string, ChainRef>,
  known: readonly StateLink[],
  log: Log,
  onLinkOpened: (link: StateLink) => Promise<void>,
): Promise<StateLink[]> {
  const result = new Map<string, StateLink>();
  for (const round of linkRounds(plan)) {
    await Promise.all(
      round.map(async (link) => {
        const state = await openLink(link, hermes, chains, known.find((k) => k.parent === link.parent && k.child === link.child), log);
        result.set(`${link.parent}/${link.child}`, state);
        await onLinkOpened(state);
      }),
    );
  }
  return plan.links.map((l) => result.get(`${l.parent}/${l.child}`) as StateLink);
}

async function openLink(link: PlannedLink, hermes: Hermes, chains: ReadonlyMap<string, ChainRef>, known: StateLink | undefined, log: Log): Promise<StateLink> {
  const parent = chains.get(link.parent) as ChainRef;
  const child = chains.get(link.child) as ChainRef;
  const channels: StateChannel[] = [];
  for (const planned of link.channels) {
    const existing = known?.channels.find((c) => c.type === planned.type);
    if (existing && (await isOpen(parent, existing.parent)) && (await isOpen(child, existing.child))) {
      channels.push(existing);
      continue;
    }
    // A second channel type on a link reuses the link's connection.
    const connection = channels[0]?.parent.connectionId;
    log(`link ${link.parent} -> ${link.child}: opening the ${planned.type} channel (port ${planned.port}${connection ? `, over ${connection}` : ", new clients and connection"}); about a minute`);
    const ends = await createChannel(hermes, {
      aChain: parent.chainId,
      bChain: child.chainId,
      port: planned.port,
      version: planned.version,
      ordering: planned.ordering,
      ...(connection === undefined ? {} : { aConnection: connection }),
    });
    log(`link ${link.parent} -> ${link.child}: ${planned.type} open, ${ends.a.channelId} on ${link.parent} <-> ${ends.b.channelId} on ${link.child}`);
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

async function isOpen(chain: ChainRef, end: { portId: string; channelId: string }): Promise<boolean> {
  return (await channelState(chain.rest, end.portId, end.channelId)) === "STATE_OPEN";
}
