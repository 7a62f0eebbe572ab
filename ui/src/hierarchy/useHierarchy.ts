/**
 * The hierarchy's reads: a read-only client for every chain of the network (the chain on screen
 * reuses its own), the other grids' offers with their quotes, the buyer's state, a purchase
 * polled on each chain of its path until it is done or refunded, and the buyer's past purchases.
 */
import { type ChainQueries, GridledgerClient, purchaseProgress, type PurchaseProgress, purchaseSettled } from "@gridledger/client";
import { Comet38Client, HttpBatchClient } from "@cosmjs/tendermint-rpc";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";

import { chainKey, useChain } from "../chain/ChainProvider.js";
import { readPages } from "../chain/pages.js";
import { useChainQuery } from "../chain/useChainQuery.js";
import { useNetwork } from "../network/NetworkProvider.js";
import { loadSetting, saveSetting } from "../storage.js";
import { type BuyerState, type HopView, hopState, readRemoteOffers } from "./remote.js";

/** PURCHASE_POLL_MS: how often a pending purchase is read again on each chain of its path. */
export const PURCHASE_POLL_MS = 1_500;

/** useChainQueries is a query client for every chain of the network, by chain-id; undefined until connected. */
export function useChainQueries(): ChainQueries | undefined {
  const { chain, client } = useChain();
  const { chains } = useNetwork();
  const [queries, setQueries] = useState<ChainQueries | undefined>(undefined);
  const signature = chains.map((c) => `${c.chainId}@${c.rpc}`).join(" ");
  // Made in the effect and closed by its cleanup, as ChainProvider does with its own connection.
  useEffect(() => {
    const own: GridledgerClient[] = [];
    const map = new Map<string, GridledgerClient["query"]>();
    for (const c of chains) {
      if (c.chainId === chain.chainId) {
        map.set(c.chainId, client.query);
        continue;
      }
      const other = GridledgerClient.create(Comet38Client.create(new HttpBatchClient(c.rpc, { dispatchInterval: 15, batchSizeLimit: 10, httpTimeout: 20_000 })));
      own.push(other);
      map.set(c.chainId, other.query);
    }
    setQueries(map);
    return () => own.forEach((o) => o.disconnect());
    // The chains' ids and endpoints decide; a new array of the same chains does not.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [signature, chain.chainId, client]);
  return queries;
}

/** useRemoteOffers reads the other grids' offers, each quoted for a buyer on the chain on screen. */
export function useRemoteOffers(queries: ChainQueries | undefined) {
  const { chain } = useChain();
  const { chains } = useNetwork();
  return useChainQuery(["interchain", "remote-offers", chains.map((c) => c.chainId)], () => readRemoteOffers(queries!, chain, chains), {
    enabled: queries !== undefined && chains.length > 1,
    refresh: "slow",
  });
}

/** useBuyerState reads what a cross-grid purchase needs of the buyer here: participant, meters, the pay denom in the wallet. */
export function useBuyerState(buyer: string, payDenom: string) {
  return useChainQuery(
    ["interchain", "buyer", buyer, payDenom],
    async (client): Promise<BuyerState> => {
      const [participant, meters, balance] = await Promise.all([
        client.query.balancing.participant(buyer).catch(() => undefined),
        readPages((page) => client.query.balancing.meters({ owner: buyer, ...page }), (p) => p.meters, 1_000),
        client.query.bank.balance(buyer, payDenom),
      ]);
      return { participant, meters, balance: BigInt(balance.amount) };
    },
    { enabled: buyer !== "" && payDenom !== "" },
  );
}

/** usePurchaseProgress reads a purchase on every chain of its path (buyer's chain first), again and again until it is settled. */
export function usePurchaseProgress(queries: ChainQueries | undefined, fullRoute: readonly string[], purchaseId: string) {
  const { chain } = useChain();
  return useQuery({
    queryKey: [...chainKey(chain), "interchain", "purchase", purchaseId, fullRoute],
    queryFn: (): Promise<PurchaseProgress> => purchaseProgress(queries!, fullRoute, purchaseId),
    enabled: queries !== undefined && purchaseId !== "",
    // The buyer's chain settles last (answers walk back towards it): then every hop is settled.
    refetchInterval: (q) => (q.state.data !== undefined && purchaseSettled(q.state.data) ? false : PURCHASE_POLL_MS),
    retry: 1,
  });
}

/** KnownPurchase is a purchase the buyer made: its id and the chains of its path, buyer's chain first. */
export interface KnownPurchase {
  readonly purchaseId: string;
  readonly fullRoute: readonly string[];
  /** state is the buyer's chain's word on it; absent for a purchase only this browser knows yet. */
  readonly state?: HopView["state"];
}

/** RememberedPurchase is a purchase this browser just broadcast, with when (ms since the epoch). */
interface RememberedPurchase extends KnownPurchase {
  readonly at?: number;
}

/** PAST_PURCHASES_PAGE is how many of the buyer's latest purchases are read at first, and how many more each "older" step adds. */
export const PAST_PURCHASES_PAGE = 20;

/**
 * REMEMBER_MS is how long a purchase broadcast from this browser is shown before the chain lists
 * it. The chain indexes a purchase in the transaction that starts it, so this only bridges a
 * view read before the block; a purchase the chain does not list after that (pruned) is dropped.
 */
export const REMEMBER_MS = 10 * 60_000;

const storageKey = (chainId: string, buyer: string) => `purchases.${chainId}.${buyer}`;

/** rememberPurchase keeps a purchase just made from this browser until the chain lists it. */
export function rememberPurchase(chainId: string, buyer: string, purchase: KnownPurchase, now = Date.now()): void {
  const known = loadSetting<RememberedPurchase[]>(storageKey(chainId, buyer), []);
  saveSetting(storageKey(chainId, buyer), [{ ...purchase, at: now }, ...known.filter((p) => p.purchaseId !== purchase.purchaseId)].slice(0, 50));
}

/** PastPurchasesPage is the buyer's latest purchases, newest first, and whether older ones exist. */
export interface PastPurchasesPage {
  readonly purchases: readonly KnownPurchase[];
  readonly more: boolean;
}

/**
 * usePastPurchases lists the buyer's latest `shown` cross-grid purchases, newest first, from
 * the chain's buyer index (interchain PurchasesByBuyer, docs/adr/024): any outcome, made from
 * anywhere, each with its full route and its state on this chain. Purchases this browser
 * broadcast moments ago and the chain does not list yet come first; once listed, or after
 * REMEMBER_MS, they are forgotten.
 */
export function usePastPurchases(buyer: string, shown = PAST_PURCHASES_PAGE) {
  const { chain } = useChain();
  return useChainQuery(
    ["interchain", "past-purchases", buyer, shown],
    async (client): Promise<PastPurchasesPage> => {
      const page = await client.query.interchain.purchasesByBuyer(buyer, { reverse: true, limit: shown });
      const listed: KnownPurchase[] = page.purchases.map((hop) => ({
        purchaseId: hop.purchaseId,
        fullRoute: hop.packet?.route ?? [chain.chainId],
        state: hopState(hop.state),
      }));
      const ids = new Set(listed.map((p) => p.purchaseId));
      const now = Date.now();
      const remembered = loadSetting<RememberedPurchase[]>(storageKey(chain.chainId, buyer), []);
      const waiting = remembered.filter((p) => !ids.has(p.purchaseId) && p.at !== undefined && now - p.at < REMEMBER_MS);
      if (waiting.length !== remembered.length) saveSetting(storageKey(chain.chainId, buyer), waiting.length === 0 ? undefined : waiting);
      const fresh = waiting.map(({ purchaseId, fullRoute }): KnownPurchase => ({ purchaseId, fullRoute }));
      return { purchases: [...fresh, ...listed], more: (page.pagination?.nextKey.length ?? 0) > 0 };
    },
    { enabled: buyer !== "", refresh: "slow" },
  );
}
