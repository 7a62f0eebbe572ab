/**
 * After the channels are open and Hermes relays: every link's two grid operators introduce their
 * chains over the energy channel and record the link (x/interchain). The parent's operator sends a
 * Hello, Hermes delivers it and its acknowledgement, so both chains learn each other's period
 * length and settlement denoms; then each operator sends MsgLink (the parent NEIGHBOUR_CHILD, the
 * child NEIGHBOUR_PARENT). Then the parent's operator sets the link's bridge capacity each way
 * where the topology names one, and its grid-fee estimate per MWh in each currency (what a
 * cross-grid purchase pays for crossing the link, docs/adr/024 §2). Whatever is already done (a
 * known peer, a recorded link, a capacity or fee already at the planned value) is skipped, so a
 * second `gridnet up` sends nothing.
 */
import { DirectSecp256k1HdWallet } from "@cosmjs/proto-signing";
import { BECH32_PREFIX, BridgeDirection, GridledgerClient, Neighbour, setLinkFeeMsg, type QueryNeighbourhoodResponse } from "@gridledger/client";
import type { Gridnet } from "../chain/gridnet.js";
import { gridnetAccount } from "../chain/gridnet.js";
import type { Log } from "../log.js";
import type { PlannedLink } from "../topology/plan.js";
import type { StateChannel, StateLink } from "./state.js";

export interface IntroduceOptions {
  /** How long Hermes may take to deliver a Hello and its acknowledgement. Default 120 s. */
  relayTimeoutMs?: number;
}

/** linkedOnParent says whether the parent's Neighbourhood lists the child over this energy channel. */
export const linkedOnParent = (n: QueryNeighbourhoodResponse, energy: StateChannel): boolean =>
  n.children.some((c) => c.link?.energyChannelId === energy.parent.channelId);

/** linkedOnChild says whether the child's Neighbourhood names its parent over this energy channel. */
export const linkedOnChild = (n: QueryNeighbourhoodResponse, energy: StateChannel): boolean => n.parent?.link?.energyChannelId === energy.child.channelId;

/**
 * setCapacities sets the link's capacity each way on the parent where it differs from the planned
 * one, and returns the directions it set.
 */
export async function setCapacities(
  parent: { client: GridledgerClient; address: string },
  energyChannelId: string,
  planned: { upWh: string; downWh: string },
): Promise<string[]> {
  const current = new Map<BridgeDirection, bigint>();
  let key: Uint8Array | undefined;
  do {
    const page = await parent.client.query.interchain.bridgeCapacities(key);
    for (const c of page.capacities) if (c.channelId === energyChannelId) current.set(c.direction, c.whPerPeriod);
    key = page.pagination?.nextKey?.length ? page.pagination.nextKey : undefined;
  } while (key !== undefined);
  const set: string[] = [];
  for (const [direction, wh, name] of [
    [BridgeDirection.BRIDGE_DIRECTION_UP, BigInt(planned.upWh), "up"],
    [BridgeDirection.BRIDGE_DIRECTION_DOWN, BigInt(planned.downWh), "down"],
  ] as const) {
    if (current.get(direction) === wh) continue;
    await parent.client.setBridgeCapacity(parent.address, energyChannelId, direction, wh);
    set.push(`${name} ${wh} Wh`);
  }
  return set;
}

/**
 * setLinkFees sets the link's fee estimates on the parent where they differ from the planned
 * ones, in one transaction, and returns what it set.
 */
export async function setLinkFees(
  parent: { client: GridledgerClient; address: string },
  energyChannelId: string,
  planned: ReadonlyArray<{ baseDenom: string; feePerMwh: string }>,
): Promise<string[]> {
  const current = new Map((await parent.client.query.interchain.linkFees()).filter((f) => f.channelId === energyChannelId).map((f) => [f.baseDenom, f.feePerMwh]));
  const missing = planned.filter((f) => current.get(f.baseDenom) !== f.feePerMwh);
  if (missing.length === 0) return [];
  await parent.client.submit(parent.address, missing.map((f) => setLinkFeeMsg(parent.address, energyChannelId, f.baseDenom, f.feePerMwh)));
  return missing.map((f) => `${f.feePerMwh} ${f.baseDenom}`);
}

async function operatorClient(gridnet: Gridnet): Promise<{ client: GridledgerClient; address: string }> {
  const account = gridnetAccount(gridnet, gridnet.gridOperator.name);
  const wallet = await DirectSecp256k1HdWallet.fromMnemonic(account.mnemonic, { prefix: BECH32_PREFIX });
  const client = await GridledgerClient.connectWithSigner(gridnet.endpoints.rpc, wallet, { broadcastPollIntervalMs: 300 });
  return { client, address: account.address };
}

/**
 * introduceLinks records every link that has an energy channel on both of its chains. Links are
 * taken one after the other: a chain's operator signs for each of its links with one account.
 */
export async function introduceLinks(
  links: readonly StateLink[],
  planned: readonly PlannedLink[],
  gridnets: ReadonlyMap<string, Gridnet>,
  log: Log,
  options: IntroduceOptions = {},
): Promise<void> {
  const clients = new Map<string, Promise<{ client: GridledgerClient; address: string }>>();
  const operator = (chain: string) => {
    let c = clients.get(chain);
    if (c === undefined) {
      const gridnet = gridnets.get(chain);
      if (gridnet === undefined) throw new Error(`no chain home for ${chain}`);
      c = operatorClient(gridnet);
      clients.set(chain, c);
    }
    return c;
  };
  try {
    for (const link of links) {
      const energy = link.channels.find((c) => c.type === "energy");
      const transfer = link.channels.find((c) => c.type === "transfer");
      if (energy === undefined || transfer === undefined) continue;
      const name = `${link.parent} -> ${link.child}`;
      const [parent, child] = await Promise.all([operator(link.parent), operator(link.child)]);
      const [onParent, onChild] = await Promise.all([parent.client.query.interchain.neighbourhood(), child.client.query.interchain.neighbourhood()]);
      const parentDone = linkedOnParent(onParent, energy);
      const childDone = linkedOnChild(onChild, energy);
      const plannedLink = planned.find((p) => p.parent === link.parent && p.child === link.child);
      const capacity = async () => {
        const set = plannedLink?.bridgeCapacity === undefined ? [] : await setCapacities(parent, energy.parent.channelId, plannedLink.bridgeCapacity);
        if (set.length > 0) log(`link ${name}: bridge capacity per period set on ${link.parent}: ${set.join(", ")}`);
        if (plannedLink?.linkFees === undefined) return;
        const fees = await setLinkFees(parent, energy.parent.channelId, plannedLink.linkFees);
        if (fees.length > 0) log(`link ${name}: grid-fee estimate per MWh set on ${link.parent}: ${fees.join(", ")}`);
      };
      if (parentDone && childDone) {
        await capacity();
        continue;
      }

      const known = async () =>
        (await parent.client.query.interchain.peer(energy.parent.channelId)).known && (await child.client.query.interchain.peer(energy.child.channelId)).known;
      if (!(await known())) {
        log(`link ${name}: sending a Hello on energy ${energy.parent.channelId} for Hermes to relay`);
        await parent.client.sendHello(parent.address, energy.parent.channelId, 600);
        const deadline = Date.now() + (options.relayTimeoutMs ?? 120_000);
        while (!(await known())) {
          if (Date.now() > deadline) {
            throw new Error(`link ${name}: Hermes did not deliver the Hello on energy ${energy.parent.channelId} and its acknowledgement in time; check \`gridnet status\` and Hermes' log, then run \`gridnet up\` again`);
          }
          await new Promise((r) => setTimeout(r, 500));
        }
      }
      const denomMap = plannedLink?.denomMap ?? [];
      if (!parentDone) {
        await parent.client.link(parent.address, {
          neighbour: Neighbour.NEIGHBOUR_CHILD,
          energyChannelId: energy.parent.channelId,
          transferChannelId: transfer.parent.channelId,
          denomMap: denomMap.map((p) => ({ local: p.parent, remote: p.child })),
        });
      }
      if (!childDone) {
        await child.client.link(child.address, {
          neighbour: Neighbour.NEIGHBOUR_PARENT,
          energyChannelId: energy.child.channelId,
          transferChannelId: transfer.child.channelId,
          denomMap: denomMap.map((p) => ({ local: p.child, remote: p.parent })),
        });
      }
      log(`link ${name}: linked on both chains (energy ${energy.parent.channelId} <-> ${energy.child.channelId})`);
      await capacity();
    }
  } finally {
    for (const c of clients.values()) c.then((x) => x.client.disconnect()).catch(() => undefined);
  }
}
