/**
 * useChainQuery reads from the chain on screen through @gridledger/client, cached per chain and
 * refreshed as blocks come (see ChainProvider). The previous data stays on screen while a changed
 * query loads, so tables and charts do not jump.
 */
import type { GridledgerClient } from "@gridledger/client";
import { keepPreviousData, useQuery, type UseQueryResult } from "@tanstack/react-query";

import { chainKey, useChain } from "./ChainProvider.js";
import type { Refresh } from "./querykeys.js";

export interface ChainQueryOptions {
  readonly enabled?: boolean;
  readonly refresh?: Refresh;
}

export function useChainQuery<T>(key: readonly unknown[], read: (client: GridledgerClient) => Promise<T>, options: ChainQueryOptions = {}): UseQueryResult<T> {
  const { chain, client } = useChain();
  return useQuery({
    queryKey: [...chainKey(chain), ...key],
    queryFn: () => read(client),
    enabled: options.enabled ?? true,
    meta: { refresh: options.refresh ?? "block" },
    placeholderData: keepPreviousData,
    retry: 1,
  });
}
