/**
 * The chain on screen: one read-only GridledgerClient over a batching RPC connection (a view's
 * many small queries go out as a few JSON-RPC batches), the latest height, and how the UI follows
 * new blocks. Each new block marks the chain's queries stale, so what is on screen follows the
 * chain without a reload.
 */
import { GridledgerClient, type NetworkChain } from "@gridledger/client";
import { Comet38Client, type CometClient, HttpBatchClient } from "@cosmjs/tendermint-rpc";
import { useQueryClient } from "@tanstack/react-query";
import { createContext, type ReactNode, useContext, useEffect, useState } from "react";

import { Loading } from "../components/Status.js";
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
  const [connection, setConnection] = useState<{ readonly comet: CometClient; readonly client: GridledgerClient } | undefined>(undefined);
  const [height, setHeight] = useState<number | undefined>(undefined);
  const [live, setLive] = useState<{ mode: LiveMode; error?: unknown }>({ mode: "connecting" });

  // The connection lives as long as the effect: made here and closed by its cleanup (React's
  // StrictMode runs an effect twice in development; a connection made during render would be
  // closed by the first cleanup and then used).
  useEffect(() => {
    // CometBFT refuses batches of more than max_request_batch_size requests (default 10), and
    // without CORS headers, so the browser sees only a failed fetch.
    const comet = Comet38Client.create(new HttpBatchClient(chain.rpc, { dispatchInterval: 15, batchSizeLimit: 10, httpTimeout: 20_000 }));
    const client = GridledgerClient.create(comet);
    setConnection({ comet, client });
    return () => client.disconnect();
  }, [chain.rpc]);

  useEffect(() => {
    setHeight(undefined);
    return watchBlocks(chain.rpc, {
      onHeight: (h) => {
        setHeight(h);
        // A read still under way is left to finish (cancelRefetch: false): on a chain with blocks
        // every 500 ms, restarting it at every block would never let a slow read end.
        void queryClient.invalidateQueries(
          { queryKey: chainKey(chain), predicate: (q) => refreshesAt((q.meta as { refresh?: Refresh } | undefined)?.refresh, h) },
          { cancelRefetch: false },
        );
      },
      onMode: (mode, error) => setLive((prev) => (prev.mode === mode && error === undefined ? prev : { mode, error })),
    });
  }, [chain, queryClient]);

  if (connection === undefined) return <Loading label={`Connecting to ${chain.name}…`} height="100vh" />;
  const { comet, client } = connection;
  const value: ChainContextValue = { chain, comet, client, height, live: live.mode, liveError: live.error };
  return <ChainContext.Provider value={value}>{children}</ChainContext.Provider>;
}

export function useChain(): ChainContextValue {
  const value = useContext(ChainContext);
  if (value === undefined) throw new Error("useChain outside ChainProvider");
  return value;
}
