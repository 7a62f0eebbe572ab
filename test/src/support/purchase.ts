/**
 * Helpers for cross-grid purchases on a gridnet through Hermes (docs/adr/024), through
 * @gridledger/client only: a token offered on one chain, the links of a route with the parent
 * that keeps each (capacity, fees), the capacity reserved on them, the interface accounts'
 * balances, and what a purchase left on each chain of its route, done or refunded.
 */
import {
  type ChainQueries,
  currentPeriod,
  type GridledgerClient,
  type PurchaseProgress,
  PurchaseState,
  type RemotePurchaseQuote,
  Side,
  type Token,
} from "@gridledger/client";
import { denomOf, linkChannel, voucherHops, type NetworkState } from "@gridledger/relayer";
import { expect } from "vitest";

/** Reader gives a connected client for a chain of the network, by chain name. */
export type Reader = (chainName: string) => Promise<GridledgerClient>;

/** chainQueries are the query clients of every chain by chain-id, as the hierarchy helpers take them. */
export async function chainQueries(state: NetworkState, reader: Reader): Promise<ChainQueries> {
  return new Map(await Promise.all(state.chains.map(async (c) => [c.chainId, (await reader(c.name)).query] as const)));
}

/** offerToken issues a token at the producer's meter and offers its consumer side at its face value; returns it as the chain has it. */
export async function offerToken(
  producer: GridledgerClient,
  address: string,
  input: {
    meterId: string;
    denom: string;
    pricePerMwh: bigint;
    whPerPeriod: bigint;
    periods: bigint;
    periodsAhead: bigint;
    /** The balancing services the token offers (redispatch makes a cross-grid chain of it cancellable, ADR 027). */
    capabilities?: Parameters<GridledgerClient["issueToken"]>[1]["capabilities"];
  },
): Promise<Token> {
  const first = (await currentPeriod(producer)) + input.periodsAhead;
  const id = await producer.issueToken(address, {
    firstPeriod: first,
    lastPeriod: first + input.periods - 1n,
    whPerPeriod: input.whPerPeriod,
    producerMeterId: input.meterId,
    faceValuePerMwh: { denom: input.denom, amount: input.pricePerMwh },
    terms: { settlementDelayPeriods: 96n, legalFramework: "GRIDLEDGER-TEST" },
    ...(input.capabilities === undefined ? {} : { capabilities: input.capabilities }),
  });
  const offered = await producer.setAsk(address, id, Side.SIDE_CONSUMER, { pricePerMwh: input.pricePerMwh, denom: input.denom });
  if (offered.code !== 0) throw new Error(`offering token ${id}: ${offered.rawLog ?? offered.code}`);
  return producer.query.energy.token(id);
}

/** RouteLink is one link of a route: its parent (who keeps capacity and fee) and the energy channel on each end. */
export interface RouteLink {
  parent: string;
  child: string;
  parentChannel: string;
  childChannel: string;
}

/** routeLinks lists the links of a route of chain names, in order. */
export function routeLinks(state: NetworkState, route: readonly string[]): RouteLink[] {
  return route.slice(1).map((to, i) => {
    const from = route[i] as string;
    const down = state.chains.find((c) => c.name === to)?.parent === from;
    const [parent, child] = down ? [from, to] : [to, from];
    const energy = linkChannel(state, parent, child, "energy");
    return { parent, child, parentChannel: energy.parent.channelId, childChannel: energy.child.channelId };
  });
}

/** reservedWh is the capacity reserved on each link (both directions, summed over first..last), read on its parent. */
export async function reservedWh(reader: Reader, links: readonly RouteLink[], first: bigint, last: bigint): Promise<bigint[]> {
  return Promise.all(
    links.map(async (l) => (await (await reader(l.parent)).query.interchain.bridgeUsage(l.parentChannel, first, last)).usage.reduce((s, u) => s + u.reservedWh, 0n)),
  );
}

/** interfaceHoldings lists every interface account of the given chains that holds anything (they hold value only in transit). */
export async function interfaceHoldings(reader: Reader, chains: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const name of chains) {
    const c = await reader(name);
    const hood = await c.query.interchain.neighbourhood();
    for (const l of [hood.parent, ...hood.children]) {
      const account = l?.link?.interfaceAccount;
      if (account === undefined || account === "") continue;
      const held = await c.stargate.getAllBalances(account);
      if (held.length > 0) out.push(`${name} ${account}: ${held.map((b) => `${b.amount} ${b.denom}`).join(", ")}`);
    }
  }
  return out;
}

/** interfaceTo is chain `on`'s interface account towards its neighbour with chain-id `towards`. */
async function interfaceTo(reader: Reader, on: string, towards: string): Promise<string> {
  const hood = await (await reader(on)).query.interchain.neighbourhood();
  const link = [hood.parent, ...hood.children].find((l) => l?.link?.counterpartyChainId === towards)?.link;
  if (link === undefined) throw new Error(`${on} has no link to ${towards}`);
  return link.interfaceAccount;
}

/** PurchaseLedger is what a purchase may change: the buyer's balance and each chain operator's balance of the value's denom there. */
export interface PurchaseLedger {
  buyer: bigint;
  operators: bigint[];
}

/**
 * denomAlong is the denom a currency native to route[last] has on each chain of route (chain
 * names, buyer's chain first), as ICS-20 carries it back along the route.
 */
export function denomAlong(state: NetworkState, route: readonly string[], base: string): string[] {
  const back = [...route].reverse();
  const hops = voucherHops(state, { route: back, denom: base });
  return [base, ...hops.map((h) => denomOf(h.pathTo))].reverse();
}

/** ledger reads the buyer's balance of payDenom and every route chain's grid operator's balance of the value's denom there. */
export async function ledger(state: NetworkState, reader: Reader, route: readonly string[], denoms: readonly string[], buyer: string): Promise<PurchaseLedger> {
  const balance = async (chain: string, address: string, denom: string) => BigInt((await (await reader(chain)).stargate.getBalance(address, denom)).amount);
  const operators = await Promise.all(
    route.map((name, k) => balance(name, state.chains.find((c) => c.name === name)?.gridOperator.address ?? "", denoms[k] as string)),
  );
  return { buyer: await balance(route[0] as string, buyer, denoms[0] as string), operators };
}

/** feesByChain is what each chain of the route earns from the quote: each link's fee, once, on its parent. */
export function feesByChain(route: readonly string[], links: readonly RouteLink[], quote: RemotePurchaseQuote): bigint[] {
  return route.map((name) => links.reduce((s, l, i) => (l.parent === name ? s + (quote.linkFees[i] as bigint) : s), 0n));
}

/**
 * expectDoneEverywhere checks a completed purchase on every chain of its route: one token per
 * chain, producer → interface … interface → buyer, each bridge token naming the purchase and
 * the remote token, and the remote token's consumer side now the buyer's chain's interface.
 */
export async function expectDoneEverywhere(
  state: NetworkState,
  reader: Reader,
  route: readonly string[],
  progress: PurchaseProgress,
  purchaseId: string,
  buyer: string,
  remoteTokenId: bigint,
): Promise<void> {
  const ids = route.map((n) => state.chains.find((c) => c.name === n)?.chainId as string);
  expect(progress.map((p) => [p.chainId, p.hop?.state])).toEqual(ids.map((id) => [id, PurchaseState.PURCHASE_STATE_DONE]));
  const tokenIds = progress[0]?.hop?.tokenIds ?? [];
  expect(tokenIds).toHaveLength(route.length);
  expect(tokenIds[route.length - 1]).toBe(remoteTokenId);
  for (let k = 0; k < route.length; k++) {
    const hop = progress[k]?.hop;
    // Each chain lists its own token first, then the ones ahead.
    expect(hop?.tokenIds, `${route[k]}'s tokens`).toEqual(tokenIds.slice(k));
    expect(hop?.failure).toBe("");
    const token = await (await reader(route[k] as string)).query.energy.token(tokenIds[k] as bigint);
    const consumer = k === 0 ? buyer : await interfaceTo(reader, route[k] as string, ids[k - 1] as string);
    expect(token.consumer?.owner, `consumer of ${route[k]}'s token`).toBe(consumer);
    if (k === route.length - 1) continue;
    expect(token.producer?.owner, `producer of ${route[k]}'s token`).toBe(await interfaceTo(reader, route[k] as string, ids[k + 1] as string));
    expect(token.bridge).toEqual({ purchaseId, originChainId: ids[0], tokenChainId: ids[route.length - 1], tokenId: remoteTokenId });
    expect(BigInt(token.faceValuePerMwh?.amount ?? "-1")).toBe(0n);
  }
}

/** expectRefundedEverywhere checks that a purchase left nothing: refunded on every chain it reached, no token made, unknown where it never arrived. */
export function expectRefundedEverywhere(progress: PurchaseProgress, reached: number): void {
  progress.forEach((p, k) => {
    if (k < reached) {
      expect(p.hop?.state, `${p.chainId}`).toBe(PurchaseState.PURCHASE_STATE_REFUNDED);
      expect(p.hop?.tokenIds, `${p.chainId}`).toEqual([]);
    } else expect(p.hop, `${p.chainId} (never reached, or its receipt was undone)`).toBeUndefined();
  });
}
