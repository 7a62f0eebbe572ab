/**
 * The hierarchy's reads: a read-only client for every chain of the network (the chain on screen
 * reuses its own), the other grids' offers with their quotes, the buyer's state, a purchase
 * polled on each chain of its path until it is done or refunded, and the buyer's past purchases.
 */
import { type ChainQueries, GridledgerClient, purchaseProgress, routeBetween, type PurchaseProgress, purchaseSettled, Side } from "@gridledger/client";
import { Comet38Client, HttpBatchClient } from "@cosmjs/tendermint-rpc";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";

import { chainKey, useChain } from "../chain/ChainProvider.js";
import { readPages } from "../chain/pages.js";
import { useChainQuery } from "../chain/useChainQuery.js";
import { useNetwork } from "../network/NetworkProvider.js";
import { loadSetting, saveSetting } from "../storage.js";
import { type BuyerState, readRemoteOffers } from "./remote.js";

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
}

const storageKey = (chainId: string, buyer: string) => `purchases.${chainId}.${buyer}`;

/** rememberPurchase keeps a purchase made from this browser, so it can be followed after a reload, even if refunded. */
export function rememberPurchase(chainId: string, buyer: string, purchase: KnownPurchase): void {
  const known = loadSetting<KnownPurchase[]>(storageKey(chainId, buyer), []);
  saveSetting(storageKey(chainId, buyer), [purchase, ...known.filter((p) => p.purchaseId !== purchase.purchaseId)].slice(0, 50));
}

/**
 * usePastPurchases lists the buyer's cross-grid purchases: those made from this browser (any
 * outcome) and, from the chain, every bridge token the buyer holds the consumer side of (done
 * purchases, made from anywhere). The path of a purchase seen only on the chain is asked of the tree.
 */
export function usePastPurchases(queries: ChainQueries | undefined, buyer: string) {
  const { chain } = useChain();
  return useChainQuery(
    ["interchain", "past-purchases", buyer],
    async (client): Promise<KnownPurchase[]> => {
      const remembered = loadSetting<KnownPurchase[]>(storageKey(chain.chainId, buyer), []);
      const tokens = await readPages((page) => client.query.energy.tokensByOwner(buyer, { side: Side.SIDE_CONSUMER, ...page }), (p) => p.tokens, 1_000);
      const onChain = tokens.flatMap((t) => (t.bridge !== undefined && t.bridge.originChainId === chain.chainId ? [t.bridge] : []));
      const out = [...remembered];
      for (const b of onChain) {
        if (out.some((p) => p.purchaseId === b.purchaseId)) continue;
        out.push({ purchaseId: b.purchaseId, fullRoute: queries === undefined ? [chain.chainId, b.tokenChainId] : await routeBetween(queries, chain.chainId, b.tokenChainId) });
      }
      return out;
    },
    { enabled: buyer !== "" && queries !== undefined, refresh: "slow" },
  );
}
