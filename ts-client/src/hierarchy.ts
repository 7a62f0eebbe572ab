/**
 * Cross-grid purchases across the tree of grids (docs/adr/024): given query clients for the
 * chains of the tree, find the route between two chains, quote a purchase exactly as the
 * chains will check it, and follow it hop by hop until it is done or refunded everywhere; and
 * follow the cancel of its chain of tokens for redispatch (docs/adr/027) the same way.
 */
import { sha256 } from "@cosmjs/crypto";
import { toHex } from "@cosmjs/encoding";

import type { NeighbourLink, QueryNeighbourhoodResponse } from "./generated/gridledger/interchain/v1/query.js";
import { type PurchaseHop, PurchaseState } from "./generated/gridledger/interchain/v1/purchase.js";
import { Neighbour } from "./generated/gridledger/interchain/v1/types.js";
import type { RemotePurchaseQuote } from "./modules/interchain/compose.js";
import { bankFee } from "./modules/fiat/fees.js";
import type { GridledgerQueryClient } from "./queryclient.js";

/** ChainQueries are query clients by chain-id, one per chain of the tree the caller can reach. */
export type ChainQueries = ReadonlyMap<string, GridledgerQueryClient>;

const whPerMwh = 1_000_000n;

function clientOf(chains: ChainQueries, chainId: string): GridledgerQueryClient {
  const q = chains.get(chainId);
  if (q === undefined) throw new Error(`no query client for chain ${chainId}: pass one for every chain of the route`);
  return q;
}

async function neighbourhoods(chains: ChainQueries): Promise<Map<string, QueryNeighbourhoodResponse>> {
  const entries = await Promise.all([...chains].map(async ([id, q]) => [id, await q.interchain.neighbourhood()] as const));
  return new Map(entries);
}

/** linkBetween is chain a's record of its link to chain b. */
function linkBetween(hoods: Map<string, QueryNeighbourhoodResponse>, a: string, b: string): NeighbourLink {
  const hood = hoods.get(a);
  const links = [...(hood?.parent === undefined ? [] : [hood.parent]), ...(hood?.children ?? [])];
  const l = links.find((x) => x.link?.counterpartyChainId === b);
  if (l?.link === undefined) throw new Error(`${a} has no link to ${b}`);
  return l;
}

/** routeBetween is the path from one chain to another: up to their lowest common parent, then down. */
export async function routeBetween(chains: ChainQueries, from: string, to: string): Promise<string[]> {
  const hoods = await neighbourhoods(chains);
  const ancestors = (id: string): string[] => {
    const path = [id];
    for (let cur = hoods.get(id)?.parent?.link?.counterpartyChainId; cur !== undefined && cur !== ""; ) {
      if (path.includes(cur)) throw new Error(`the tree loops at ${cur}`);
      path.push(cur);
      cur = hoods.get(cur)?.parent?.link?.counterpartyChainId;
    }
    return path;
  };
  const up = ancestors(from);
  const down = ancestors(to);
  const common = up.find((c) => down.includes(c));
  if (common === undefined) throw new Error(`${from} and ${to} share no parent among the chains given`);
  return [...up.slice(0, up.indexOf(common) + 1), ...down.slice(0, down.indexOf(common)).reverse()];
}

/** voucherDenom is the denom a coin native to route's last chain has on its first, carried back along route by ICS-20. */
export function voucherDenom(hoods: Map<string, QueryNeighbourhoodResponse>, route: readonly string[], base: string): string {
  let trace: string[] = [];
  for (let k = route.length - 1; k > 0; k--) {
    const from = linkBetween(hoods, route[k]!, route[k - 1]!).link!.transferChannelId;
    const to = linkBetween(hoods, route[k - 1]!, route[k]!).link!.transferChannelId;
    if (trace[0] === `transfer/${from}`) trace = trace.slice(1);
    else trace = [`transfer/${to}`, ...trace];
  }
  if (trace.length === 0) return base;
  return `ibc/${toHex(sha256(new TextEncoder().encode([...trace, base].join("/")))).toUpperCase()}`;
}

function ceilDiv(n: bigint, d: bigint): bigint {
  return (n + d - 1n) / d;
}

/**
 * quoteRemotePurchase quotes buying the consumer side of token tokenId on chain tokenChain for a
 * consumer on buyerChain: the route, the side's ask and face value, each link's grid-fee estimate
 * (charged by the link's parent, once per link), the bank's fees on the token's chain and the
 * total. The chains check every figure; a quote that no longer holds is refused (interchain 32).
 */
export async function quoteRemotePurchase(
  chains: ChainQueries,
  buyerChain: string,
  tokenChain: string,
  tokenId: bigint,
): Promise<RemotePurchaseQuote> {
  const route = await routeBetween(chains, buyerChain, tokenChain);
  const hoods = await neighbourhoods(chains);
  const remote = clientOf(chains, tokenChain);
  const token = await remote.energy.token(tokenId);
  const ask = token.consumer?.ask;
  if (ask === undefined || !ask.forSale) throw new Error(`the consumer side of token ${tokenId} on ${tokenChain} is not offered`);
  if (ask.pricePerMwh < 0n) throw new Error("a negative ask is not bought across grids");
  const face = token.faceValuePerMwh;
  if (face === undefined || (BigInt(face.amount) > 0n && face.denom !== ask.denom)) {
    throw new Error(`token ${tokenId}'s face value is in ${face?.denom ?? "?"}, its ask in ${ask.denom}: a purchase pays both in one currency`);
  }
  if (ask.denom.startsWith("ibc/")) throw new Error("the side is priced in a voucher; only a chain's own currency is bought across grids");
  const wh = (token.lastPeriod - token.firstPeriod + 1n) * token.whPerPeriod;
  const price = (ask.pricePerMwh * wh) / whPerMwh;
  const faceValuePerMwh = BigInt(face.amount);
  const faceValue = (faceValuePerMwh * wh) / whPerMwh;
  const bank = await remote.fiat.bank(ask.denom);
  const fee = (amount: bigint): bigint => (amount === 0n || bank.feeModel === undefined ? 0n : bankFee(bank.feeModel, amount));
  const bankFees = fee(price) + fee(faceValue);
  const linkFees: bigint[] = [];
  for (let i = 0; i + 1 < route.length; i++) {
    const [a, b] = [route[i]!, route[i + 1]!];
    const fromA = linkBetween(hoods, a, b);
    const [parent, channel] = fromA.link!.neighbour === Neighbour.NEIGHBOUR_CHILD
      ? [a, fromA.link!.energyChannelId]
      : [b, linkBetween(hoods, b, a).link!.energyChannelId];
    const rates = await clientOf(chains, parent).interchain.linkFees();
    const rate = rates.find((r) => r.channelId === channel && r.baseDenom === ask.denom);
    if (rate === undefined) throw new Error(`${parent} sets no fee for ${ask.denom} on its link to ${parent === a ? b : a}; its grid operator must set one`);
    linkFees.push(ceilDiv(BigInt(rate.feePerMwh) * wh, whPerMwh));
  }
  const total = price + faceValue + bankFees + linkFees.reduce((s, f) => s + f, 0n);
  return {
    route: route.slice(1),
    tokenId,
    askDenom: ask.denom,
    pricePerMwh: ask.pricePerMwh,
    faceValuePerMwh,
    firstPeriod: token.firstPeriod,
    lastPeriod: token.lastPeriod,
    whPerPeriod: token.whPerPeriod,
    linkFees,
    bankFees,
    payDenom: voucherDenom(hoods, route, ask.denom),
    total,
  };
}

/** PurchaseProgress is where a purchase stands on each chain of its route (undefined: not reached yet). */
export type PurchaseProgress = ReadonlyArray<{ readonly chainId: string; readonly hop: PurchaseHop | undefined }>;

/** purchaseSettled says whether a purchase is over: done or refunded on the buyer's chain. */
export function purchaseSettled(progress: PurchaseProgress): boolean {
  const origin = progress[0]?.hop;
  return origin !== undefined && origin.state !== PurchaseState.PURCHASE_STATE_PENDING;
}

/** purchaseProgress reads a purchase's record on every chain of its full route (buyer's chain first). */
export async function purchaseProgress(chains: ChainQueries, fullRoute: readonly string[], purchaseId: string): Promise<PurchaseProgress> {
  return Promise.all(
    fullRoute.map(async (chainId) => {
      try {
        return { chainId, hop: await clientOf(chains, chainId).interchain.purchase(purchaseId) };
      } catch (e) {
        if (e instanceof Error && /purchase not found|did not pass/.test(e.message)) return { chainId, hop: undefined };
        throw e;
      }
    }),
  );
}

/** followPurchase polls a purchase hop by hop until the buyer's chain says done or refunded, reporting each change. */
export async function followPurchase(
  chains: ChainQueries,
  fullRoute: readonly string[],
  purchaseId: string,
  options: { readonly intervalMs?: number; readonly timeoutMs?: number; readonly onProgress?: (p: PurchaseProgress) => void } = {},
): Promise<PurchaseProgress> {
  const deadline = Date.now() + (options.timeoutMs ?? 15 * 60_000);
  for (;;) {
    const progress = await purchaseProgress(chains, fullRoute, purchaseId);
    options.onProgress?.(progress);
    if (purchaseSettled(progress)) return progress;
    if (Date.now() > deadline) throw new Error(`purchase ${purchaseId} is still pending after ${options.timeoutMs ?? 900_000} ms; is the relayer running?`);
    await new Promise((r) => setTimeout(r, options.intervalMs ?? 1000));
  }
}

/** CancelOutcome is how a cancel of a purchase's chain of tokens ended: cancelled on every chain, or refused (nothing changed). */
export type CancelOutcome = "cancelled" | "refused" | undefined;

/**
 * cancelOutcome reads a cancel's end from the purchase's records (buyer's chain first, token's
 * chain last): "cancelled" when every chain says CANCELLED; "refused" when no chain is
 * cancelling and the token's chain, where the sweep starts, recorded a failure at or after
 * sinceHeight (its own height when the cancel was sent); undefined while under way. A request
 * refused before it reached the token's chain leaves no record: the operator's transaction
 * shows it (EventCancelFailed on its chain), and followCancel times out.
 */
export function cancelOutcome(progress: PurchaseProgress, sinceHeight = 0n): CancelOutcome {
  const hops = progress.map((p) => p.hop);
  if (hops.length > 0 && hops.every((h) => h?.state === PurchaseState.PURCHASE_STATE_CANCELLED)) return "cancelled";
  if (hops.some((h) => h?.state === PurchaseState.PURCHASE_STATE_CANCELLING)) return undefined;
  const atToken = hops[hops.length - 1];
  const cancel = atToken?.cancel;
  if (atToken?.state === PurchaseState.PURCHASE_STATE_DONE && cancel !== undefined && cancel.failure !== "" && cancel.height >= sinceHeight) return "refused";
  return undefined;
}

/**
 * followCancel polls a cancel of a purchase's chain of tokens hop by hop (fullRoute: the
 * purchase's route, buyer's chain first) until it is cancelled everywhere or refused, reporting
 * each change. Pass the token's chain's height when the cancel was sent as sinceHeight, so an
 * earlier refusal is not taken for this one.
 */
export async function followCancel(
  chains: ChainQueries,
  fullRoute: readonly string[],
  purchaseId: string,
  options: { readonly sinceHeight?: bigint; readonly intervalMs?: number; readonly timeoutMs?: number; readonly onProgress?: (p: PurchaseProgress) => void } = {},
): Promise<{ readonly outcome: "cancelled" | "refused"; readonly progress: PurchaseProgress }> {
  const deadline = Date.now() + (options.timeoutMs ?? 15 * 60_000);
  for (;;) {
    const progress = await purchaseProgress(chains, fullRoute, purchaseId);
    options.onProgress?.(progress);
    const outcome = cancelOutcome(progress, options.sinceHeight);
    if (outcome !== undefined) return { outcome, progress };
    if (Date.now() > deadline) throw new Error(`the cancel of purchase ${purchaseId} is still under way after ${options.timeoutMs ?? 900_000} ms; is the relayer running?`);
    await new Promise((r) => setTimeout(r, options.intervalMs ?? 1000));
  }
}
