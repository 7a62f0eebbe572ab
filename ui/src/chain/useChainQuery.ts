/**
 * useChainQuery reads from the chain on screen through @gridledger/client, cached per chain and
 * refreshed as blocks come (see ChainProvider). The previous data stays on screen while a changed
 * query loads, so tables and charts do not jump, but only while the same account is connected:
 * after a switch, one account's tokens or meters must never be shown, or fill a form, as the
 * other's (the view shows Loading, which keeps its height, instead).
 */
import type { GridledgerClient } from "@gridledger/client";
import { keepPreviousData, useQuery, type UseQueryResult } from "@tanstack/react-query";

import { useSigningAddress } from "../wallet/WalletProvider.js";
import { chainKey, useChain } from "./ChainProvider.js";
import type { Refresh } from "./querykeys.js";

export interface ChainQueryOptions {
  readonly enabled?: boolean;
  readonly refresh?: Refresh;
}

/**
 * previousFor is what a loading query shows: the previous query's data when it was read for the
 * same connected account (or both for none), else nothing.
 */
export function previousFor<T>(account: string | undefined, previous: T | undefined, previousAccount: unknown): T | undefined {
  return previousAccount === account ? keepPreviousData(previous) : undefined;
}

export function useChainQuery<T>(key: readonly unknown[], read: (client: GridledgerClient) => Promise<T>, options: ChainQueryOptions = {}): UseQueryResult<T> {
  const { chain, client } = useChain();
  const account = useSigningAddress();
  return useQuery({
    queryKey: [...chainKey(chain), ...key],
    queryFn: () => read(client),
    enabled: options.enabled ?? true,
    meta: { refresh: options.refresh ?? "block", account },
    placeholderData: (previous, previousQuery) => previousFor(account, previous, previousQuery?.meta?.account),
    retry: 1,
  });
}
