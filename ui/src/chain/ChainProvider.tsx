/**
 * The chain on screen: one read-only GridledgerClient over a batching RPC connection (a view's
 * many small queries go out as a few JSON-RPC batches), the latest height, and how the UI follows
 * new blocks. Each new block marks the chain's queries stale, so what is on screen follows the
 * chain without a reload.
 */
import { GridledgerClient, type NetworkChain } from "@gridledger/client";
import { Comet38Client, type CometClient, HttpBatchClient } from "@cosmjs/tendermint-rpc";
import { useQueryClient } from "@tanstack/react-query";
import { createContext, type ReactNode, useContext, useEffect, useMemo, useState } from "react";

import { type LiveMode, watchBlocks } from "./blocks.js";
import { type Refresh, refreshesAt } from "./querykeys.js";

export interface ChainContextValue {
  readonly chain: NetworkChain;
  readonly comet: CometClient;
  readonly client: GridledgerClient;
  readonly height: number | undefined;
  readonly live: LiveMode;
  readonly liveError: unknown;
}

const ChainContext = createContext<ChainContextValue | undefined>(undefined);

/** chainKey prefixes every query of a chain, so a new block or another chain never mixes data. */
export const chainKey = (chain: NetworkChain): readonly unknown[] => ["chain", chain.chainId, chain.rpc];

export function ChainProvider({ chain, children }: { readonly chain: NetworkChain; readonly children: ReactNode }) {
  const queryClient = useQueryClient();
  const { comet, client } = useMemo(() => {
    // CometBFT refuses batches of more than max_request_batch_size requests (default 10), and
    // without CORS headers, so the browser sees only a failed fetch.
    const c = Comet38Client.create(new HttpBatchClient(chain.rpc, { dispatchInterval: 15, batchSizeLimit: 10, httpTimeout: 20_000 }));
    return { comet: c, client: GridledgerClient.create(c) };
  }, [chain.rpc]);
  const [height, setHeight] = useState<number | undefined>(undefined);
  const [live, setLive] = useState<{ mode: LiveMode; error?: unknown }>({ mode: "connecting" });

  useEffect(() => () => client.disconnect(), [client]);

  useEffect(() => {
    setHeight(undefined);
    return watchBlocks(chain.rpc, {
      onHeight: (h) => {
        setHeight(h);
        void queryClient.invalidateQueries({
          queryKey: chainKey(chain),
          predicate: (q) => refreshesAt((q.meta as { refresh?: Refresh } | undefined)?.refresh, h),
        });
      },
      onMode: (mode, error) => setLive((prev) => (prev.mode === mode && error === undefined ? prev : { mode, error })),
    });
  }, [chain, queryClient]);

  const value: ChainContextValue = { chain, comet, client, height, live: live.mode, liveError: live.error };
  return <ChainContext.Provider value={value}>{children}</ChainContext.Provider>;
}

export function useChain(): ChainContextValue {
  const value = useContext(ChainContext);
  if (value === undefined) throw new Error("useChain outside ChainProvider");
  return value;
}
